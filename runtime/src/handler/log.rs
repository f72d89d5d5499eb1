//! Logs through `tracing`: JSON when the function's log format is JSON (Lambda sets
//! `AWS_LAMBDA_LOG_FORMAT=JSON` then), text otherwise, at the function's application log
//! level (`AWS_LAMBDA_LOG_LEVEL`), else as `RUST_LOG` says, else `INFO`.

use tracing_subscriber::filter::{EnvFilter, LevelFilter};

/// Where logs go.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sink {
    /// Standard output, without timestamps in text (CloudWatch Logs adds them).
    Lambda,
    /// Standard error, which leaves standard output to responses, with timestamps.
    Local,
}

/// Installs the subscriber, unless the app installed its own.
pub(crate) fn init(sink: Sink) {
    let json = std::env::var("AWS_LAMBDA_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_target(false)
        .with_env_filter(filter());
    // A second subscriber (the app's own) is left in place: `try_init` fails quietly then.
    let _ = match (sink, json) {
        (Sink::Lambda, true) => builder
            .json()
            .flatten_event(true)
            .with_writer(std::io::stdout)
            .try_init(),
        (Sink::Lambda, false) => builder
            .without_time()
            .with_writer(std::io::stdout)
            .try_init(),
        (Sink::Local, true) => builder
            .json()
            .flatten_event(true)
            .with_writer(std::io::stderr)
            .try_init(),
        (Sink::Local, false) => builder.with_writer(std::io::stderr).try_init(),
    };
}

fn filter() -> EnvFilter {
    let lambda_level = std::env::var("AWS_LAMBDA_LOG_LEVEL")
        .ok()
        .and_then(|level| lambda_level(&level));
    let builder = EnvFilter::builder();
    let mut filter = match lambda_level {
        Some(level) => builder.with_default_directive(level.into()).parse_lossy(""),
        None => builder
            .with_default_directive(LevelFilter::INFO.into())
            .from_env_lossy(),
    };
    // Handler errors and panics are logged here with the handler's name and request id;
    // lambda_runtime's own line for them would say the same thing again.
    if let Ok(directive) = "lambda_runtime::layers::panic=off".parse() {
        filter = filter.add_directive(directive);
    }
    filter
}

/// A level of Lambda's log-level controls: `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`, `FATAL`.
fn lambda_level(level: &str) -> Option<LevelFilter> {
    match level.to_ascii_uppercase().as_str() {
        "TRACE" => Some(LevelFilter::TRACE),
        "DEBUG" => Some(LevelFilter::DEBUG),
        "INFO" => Some(LevelFilter::INFO),
        "WARN" => Some(LevelFilter::WARN),
        "ERROR" | "FATAL" => Some(LevelFilter::ERROR),
        _ => None,
    }
}
