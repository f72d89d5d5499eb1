//! Serving the handlers of an app on AWS Lambda.

use crate::__private::HandlerEntry;
use crate::Error;
use lambda_runtime::{service_fn, LambdaEvent};
use serde_json::Value;

/// Serves one of `handlers` on the Lambda runtime: the one whose name Lambda passes in the
/// function's `Handler` setting (the `_HANDLER` environment variable).
///
/// ```no_run
/// # use stackforge::prelude::*;
/// # #[lambda_function]
/// # async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
/// #     Ok(ApiGatewayProxyResponse::default())
/// # }
/// # stack! { HelloStack { api public { "/" { GET => greet } } } }
/// fn main() -> Result<(), Error> {
///     stackforge::run(HelloStack::handlers())
/// }
/// ```
pub fn run(handlers: Vec<HandlerEntry>) -> Result<(), Error> {
    let name = std::env::var("_HANDLER").map_err(|_| {
        "the `_HANDLER` environment variable is not set: this binary serves Lambda functions and runs on AWS Lambda, which sets it to the function's handler"
    })?;
    let Some(entry) = handlers.into_iter().find(|h| h.name == name) else {
        return Err(format!("no handler named `{name}` in this binary").into());
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(lambda_runtime::run(service_fn(
        move |event: LambdaEvent<Value>| (entry.invoke)(event.payload, event.context),
    )))
}
