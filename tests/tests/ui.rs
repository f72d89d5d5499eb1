//! Compile-fail cases: each mistake is an error on its own token, and each boundary passes.
//!
//! The expected `.stderr` files belong to the pinned compiler (`rust-toolchain.toml`);
//! regenerate them with `TRYBUILD=overwrite cargo test -p stackforge-tests --test ui`.

mod common;

#[rustversion::stable(1.95)]
#[test]
fn ui() {
    // The README's DSL reference compiles as it is written.
    let readme = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme_dsl.rs");
    std::fs::write(&readme, common::readme_app()).expect("write the README's app");

    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/**/*.rs");
    cases.pass("pass/*.rs");
    cases.pass(&readme);
}
