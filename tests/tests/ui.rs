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

    // Runtime lifecycle rules compare with the build date: pin it, so that the expected
    // output does not change when a runtime's deprecation date passes.
    std::env::set_var("SOURCE_DATE_EPOCH", "1796342400"); // 2026-12-04

    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/**/*.rs");
    cases.pass("pass/*.rs");
    cases.pass(&readme);
}
