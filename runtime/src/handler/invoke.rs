//! Calling a handler: its error, its panic or its timeout becomes a [`Failure`] that names
//! what went wrong, and never unwinds into the caller.

use crate::__private::HandlerEntry;
use crate::app::App;
use crate::Error;
use lambda_runtime::{Config, Context};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Once};
use std::task::Poll;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why an invocation has no response.
#[derive(Debug)]
pub(crate) struct Failure {
    kind: Kind,
    message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The event does not deserialize into the handler's event type.
    Event,
    /// The handler returned an error.
    Handler,
    /// The handler panicked.
    Panic,
    /// The handler's response does not serialize to JSON.
    Response,
    /// The handler ran past its timeout (local runs only: on Lambda, Lambda stops it).
    Timeout,
}

impl Failure {
    /// The event does not fit the handler's event type.
    pub(crate) fn event(error: serde_json::Error) -> Self {
        Failure {
            kind: Kind::Event,
            message: format!(
                "cannot take the event: {error}; check that the event is one its trigger sends"
            ),
        }
    }

    /// The handler returned `error`.
    pub(crate) fn handler(error: Error) -> Self {
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        Failure {
            kind: Kind::Handler,
            message,
        }
    }

    /// The handler's response does not serialize.
    pub(crate) fn response(error: serde_json::Error) -> Self {
        Failure {
            kind: Kind::Response,
            message: format!("returned a response that does not serialize to JSON: {error}"),
        }
    }

    fn panic(payload: &(dyn std::any::Any + Send), location: Option<String>) -> Self {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a non-text panic payload".to_owned());
        let message = match location {
            Some(location) => format!("panicked at {location}: {text}"),
            None => format!("panicked: {text}"),
        };
        Failure {
            kind: Kind::Panic,
            message,
        }
    }

    fn timeout(seconds: u64) -> Self {
        Failure {
            kind: Kind::Timeout,
            message: format!("timed out after {seconds} s, its `timeout`"),
        }
    }

    /// The `errorType` reported to Lambda.
    pub(crate) fn error_type(&self) -> &'static str {
        match self.kind {
            Kind::Event => "Runtime.UnmarshalError",
            Kind::Handler => "HandlerError",
            Kind::Panic => "Panic",
            Kind::Response => "Runtime.MarshalError",
            Kind::Timeout => "Sandbox.Timedout",
        }
    }

    /// The `errorMessage` reported to Lambda: the handler's own message for an error, what
    /// happened otherwise.
    pub(crate) fn message(&self) -> &str {
        &self.message
    }
}

/// What happened, after "handler `name` ".
impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Kind::Handler => write!(f, "failed: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

/// Runs `entry` on `payload`, catching its panic; with `timeout`, stops waiting for it after
/// its `timeout` setting, as Lambda would.
pub(crate) async fn call(
    entry: &HandlerEntry,
    payload: Value,
    context: Context,
    timeout: bool,
) -> Result<Value, Failure> {
    install_panic_hook();
    let future = CatchPanic {
        inner: (entry.invoke)(payload, context),
    };
    if !timeout {
        return future.await;
    }
    match tokio::time::timeout(Duration::from_secs(entry.timeout), future).await {
        Ok(result) => result,
        Err(_) => Err(Failure::timeout(entry.timeout)),
    }
}

type Invocation = Pin<Box<dyn Future<Output = Result<Value, Failure>> + Send>>;

/// Polls a handler's future inside `catch_unwind`, so that a panic becomes a [`Failure`].
struct CatchPanic {
    inner: Invocation,
}

impl Future for CatchPanic {
    type Output = Result<Value, Failure>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.inner;
        let before = IN_HANDLER.with(|flag| flag.replace(true));
        let result = panic::catch_unwind(AssertUnwindSafe(|| inner.as_mut().poll(cx)));
        IN_HANDLER.with(|flag| flag.set(before));
        match result {
            Ok(poll) => poll,
            Err(payload) => {
                let location = PANIC_LOCATION.with(RefCell::take);
                Poll::Ready(Err(Failure::panic(&*payload, location)))
            }
        }
    }
}

thread_local! {
    /// Whether this thread is polling a handler, whose panic is reported as a [`Failure`].
    static IN_HANDLER: Cell<bool> = const { Cell::new(false) };
    /// Where the last panic in a handler on this thread happened.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic inside a handler is reported once, with the handler's name, by whoever called it;
/// the hook only records where it happened. Other panics go to the previous hook.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            // Built with `panic = "abort"`, nothing is caught: the panic must be told here.
            if IN_HANDLER.with(Cell::get) && cfg!(panic = "unwind") {
                let location = info.location().map(ToString::to_string);
                PANIC_LOCATION.with(|l| *l.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// The account id in local ARNs: the placeholder of AWS's documentation.
pub(crate) const LOCAL_ACCOUNT: &str = "123456789012";

/// The context of a local invocation of `entry`, as Lambda would give it.
pub(crate) fn local_context(app: &App, entry: &HandlerEntry, request_id: String) -> Context {
    let function_name = app.function_name(entry);
    let config = Config {
        memory: i32::try_from(entry.memory).unwrap_or(i32::MAX),
        version: "$LATEST".to_owned(),
        log_group: format!("/aws/lambda/{function_name}"),
        log_stream: "local".to_owned(),
        function_name: function_name.clone(),
    };
    // `Context` is `#[non_exhaustive]`: no struct literal outside its crate.
    let mut context = Context::default();
    context.request_id = request_id;
    context.deadline = now_ms().saturating_add(entry.timeout.saturating_mul(1000));
    context.invoked_function_arn = function_arn(&function_name);
    context.env_config = Arc::new(config);
    context
}

/// The ARN a local function gets.
pub(crate) fn function_arn(function_name: &str) -> String {
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".to_owned());
    format!("arn:aws:lambda:{region}:{LOCAL_ACCOUNT}:function:{function_name}")
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A new request id, shaped like Lambda's (a random UUID).
pub(crate) fn request_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let random = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u64(salt);
        hasher.write_u64(now_ms());
        hasher.finish()
    };
    let (a, b) = (random(1), random(2));
    let b = (b & !0xf000_0000_0000_0000) | 0x8000_0000_0000_0000;
    let a = (a & !0xf000) | 0x4000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}
