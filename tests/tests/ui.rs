//! Compile-fail cases: each mistake is an error on its own token, and each boundary passes.
//!
//! The expected `.stderr` files belong to the pinned compiler (`rust-toolchain.toml`);
//! regenerate them with `TRYBUILD=overwrite cargo test -p stackforge-tests --test ui`.

#[rustversion::stable(1.95)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/**/*.rs");
    cases.pass("pass/*.rs");
}
