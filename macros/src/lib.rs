//! The `#[lambda_function]` attribute and the `stack!` macro of Stackforge.
//!
//! Use them through the `stackforge` crate, which re-exports them and documents the DSL.

#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]
#![warn(clippy::pedantic)]
#![allow(
    // Messages read better as one `format!` per line than split to fit.
    clippy::too_many_lines,
    // Spans and small enums are passed by value on purpose.
    clippy::needless_pass_by_value,
    clippy::module_name_repetitions,
    // Docs name AWS resource types and services as AWS writes them.
    clippy::doc_markdown,
    // A `match` with a diagnostic in its `None` arm reads better than `if let ... else`.
    clippy::single_match_else,
    // The parser and rules use most of the ast.
    clippy::wildcard_imports,
    // `.fifo` ends queue names, not file names, and SQS compares it case-sensitively.
    clippy::case_sensitive_file_extension_comparisons,
    clippy::must_use_candidate,
    clippy::missing_errors_doc,
    clippy::missing_panics_doc,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    // The shared grammar is used by two crates, each through its own subset.
    unreachable_pub,
    dead_code
)]

#[path = "../../syntax/mod.rs"]
mod syntax;

mod expand;
mod fallback;

use proc_macro::TokenStream;

/// Declares an AWS Lambda function whose handler is this `async fn`.
///
/// The function stays an ordinary Rust function that unit tests can call; the attribute
/// records its settings for `stack!` and for the Lambda runtime. Keys, all optional:
/// `memory` (MB, 128 to 10,240; default 128), `timeout` (seconds, 1 to 900; default 3),
/// `name`, `description`, `architecture` (`x86_64` or `arm64`), `environment`
/// (`{ KEY = "value", ... }`), `reserved_concurrency`, `ephemeral_storage` (MB, 512 to
/// 10,240), `log_retention` (days, a value CloudWatch Logs accepts; default 30) and
/// `tracing` (`active` or `pass_through`).
///
/// ```
/// use stackforge::prelude::*;
///
/// #[lambda_function(memory = 256, timeout = 10)]
/// async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
///     Ok(ApiGatewayProxyResponse::default())
/// }
/// ```
#[proc_macro_attribute]
pub fn lambda_function(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::lambda_function(args.into(), input.into()).into()
}

/// Declares one or more CloudFormation stacks: functions, REST APIs, buckets and their
/// notifications, roles, grants and outputs.
///
/// ```
/// use stackforge::prelude::*;
///
/// #[lambda_function(timeout = 10)]
/// async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
///     Ok(ApiGatewayProxyResponse::default())
/// }
///
/// stack! {
///     HelloStack {
///         api public {
///             "/hello" { GET => greet }
///         }
///         output url = public.url;
///     }
/// }
/// ```
#[proc_macro]
pub fn stack(input: TokenStream) -> TokenStream {
    expand::stack(input.into()).into()
}
