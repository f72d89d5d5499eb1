//! Serving one handler on AWS Lambda through the official `lambda_runtime` crate.

use super::invoke;
use super::log::{self, Sink};
use super::Message;
use crate::app::App;
use crate::Error;
use lambda_runtime::{service_fn, Diagnostic, LambdaEvent};
use serde_json::Value;

/// The variables Lambda sets that `lambda_runtime` reads; it panics when one is missing.
const REQUIRED_ENV: &[&str] = &[
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
];

/// Serves handler `name` of `app` until the Runtime API goes away.
pub(crate) fn serve(app: &App, name: &str) -> Result<(), Error> {
    check_env()?;
    let Some(entry) = app.handler(name) else {
        return Err(Message(format!(
            "`_HANDLER` is `{name}`, which is no handler of this binary; set the function's `Handler` to one of {}",
            app.handler_list()
        ))
        .into());
    };
    log::init(Sink::Lambda);
    if cfg!(panic = "abort") {
        tracing::warn!("this binary is built with `panic = \"abort\"`, so a panicking handler ends the process instead of failing its invocation; set `panic = \"unwind\"` in `[profile.release]`");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(lambda_runtime::run(service_fn(
        move |event: LambdaEvent<Value>| async move {
            let request_id = event.context.request_id.clone();
            match invoke::call(entry, event.payload, event.context, false).await {
                Ok(response) => Ok(response),
                Err(failure) => {
                    tracing::error!(
                        handler = entry.name,
                        request_id,
                        error_type = failure.error_type(),
                        "handler `{}` {failure}",
                        entry.name
                    );
                    Err(Diagnostic {
                        error_type: failure.error_type().to_owned(),
                        error_message: failure.message().to_owned(),
                    })
                }
            }
        },
    )))
}

/// Refuses to start without the environment Lambda gives, instead of letting
/// `lambda_runtime` panic on it.
fn check_env() -> Result<(), Error> {
    let missing: Vec<&str> = REQUIRED_ENV
        .iter()
        .copied()
        .filter(|name| std::env::var_os(name).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(Message(format!(
            "`_HANDLER` is set but {} {} not: outside Lambda, point `AWS_LAMBDA_RUNTIME_API` at a Runtime API (the app's `runtime-api` command prints the whole environment to set), or unset `_HANDLER` to use the local commands",
            missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
            if missing.len() == 1 { "is" } else { "are" },
        ))
        .into());
    }
    let memory = std::env::var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").unwrap_or_default();
    if memory.parse::<i32>().is_err() {
        return Err(Message(format!(
            "`AWS_LAMBDA_FUNCTION_MEMORY_SIZE` must be the function's memory in MB, found `{memory}`"
        ))
        .into());
    }
    Ok(())
}
