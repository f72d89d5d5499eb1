//! Running the handlers of an app: on AWS Lambda, and locally from the same binary.

mod cli;
mod http;
mod invoke;
mod lambda;
mod log;
mod routes;
mod runtime_api;
mod serve;

pub(crate) use invoke::Failure;

use crate::app::App;
use crate::Error;

/// Runs the app: on AWS Lambda, serves one of its handlers; locally, runs the command given
/// on the command line.
///
/// - **On Lambda** (the `_HANDLER` environment variable is set, as on `provided.al2023`):
///   serves the handler whose name is the function's `Handler` setting through the Lambda
///   Runtime API. A handler's error, or a panic inside it, is logged with the handler's name
///   and the request id and reported as the invocation's error; the runtime keeps serving.
///   Logs are JSON when the function's log format is JSON, text otherwise.
/// - **Locally** (`_HANDLER` unset), with a command: `invoke <handler> --event <file.json>`
///   runs a handler once and prints its response; `serve [--port 3000]` serves the stack's
///   REST API on 127.0.0.1; `runtime-api --handler <name> --event <file.json>` is a local
///   Lambda Runtime API for the app's `bootstrap` to poll; `--help` prints the usage. A
///   local command that fails prints the error on stderr and exits with a non-zero status.
///
/// Pass `Stack::app()`, which `stack!` defines. A list of handlers alone
/// (`Stack::handlers()`) does everything but `serve`, which needs the routes.
///
/// ```no_run
/// # use stackforge::prelude::*;
/// # #[lambda_function]
/// # async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
/// #     Ok(ApiGatewayProxyResponse::default())
/// # }
/// # stack! { HelloStack { api public { "/" { GET => greet } } } }
/// fn main() -> Result<(), Error> {
///     stackforge::run(HelloStack::app())
/// }
/// ```
///
/// # Errors
///
/// On Lambda: the Lambda environment is incomplete, `_HANDLER` names no handler of the app,
/// or the Runtime API fails.
pub fn run(app: impl Into<App>) -> Result<(), Error> {
    let app = app.into();
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match std::env::var_os("_HANDLER") {
        Some(handler) => {
            if !args.is_empty() {
                return Err(Message("`_HANDLER` is set, so this binary runs as a Lambda function and takes no arguments; unset `_HANDLER` to use `invoke`, `serve` or `runtime-api`".to_owned()).into());
            }
            lambda::serve(&app, &handler.to_string_lossy())
        }
        None => {
            let code = cli::main(app, &args);
            if code != 0 {
                std::process::exit(code);
            }
            Ok(())
        }
    }
}

/// An error of [`run`] that `main` shows as it is: its `Debug` is its message, which reads
/// better after `Error: ` than a quoted string.
pub(crate) struct Message(pub(crate) String);

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Message {}
