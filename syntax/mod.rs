//! The `stack!` and `#[lambda_function]` grammar, shared by the proc macros and the build step.
//!
//! Both consumers include this folder as a module, so they see the same parse and the same
//! diagnostics: a mistake that the macros report on a token is the mistake the build step
//! refuses to emit a template for.

pub mod actions;
pub mod ast;
pub mod errors;
pub mod kw;
pub mod limits;
pub mod parse;
pub mod runtimes;
pub mod valid;
