//! `runtime-api`: a local Lambda Runtime API on 127.0.0.1 that hands out events to a
//! `bootstrap` started as Lambda starts it and prints what it answers.
//!
//! Endpoints, as Lambda's: `GET /2018-06-01/runtime/invocation/next`,
//! `POST /2018-06-01/runtime/invocation/{id}/response`,
//! `POST /2018-06-01/runtime/invocation/{id}/error` and `POST /2018-06-01/runtime/init/error`.

use super::http::{self, Response};
use super::invoke;
use crate::app::App;
use crate::Error;
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, Request, StatusCode};
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Notify;

/// The port `runtime-api` listens on unless `--port` says otherwise (Lambda's own Runtime
/// API listens on 9001 inside the sandbox).
pub(crate) const DEFAULT_PORT: u16 = 9001;

/// How long `runtime-api` waits for the bootstrap unless `--timeout` says otherwise, in
/// seconds.
pub(crate) const DEFAULT_TIMEOUT_S: u64 = 300;

/// Lambda's limit on a synchronous response: 6 MB.
const MAX_BODY: usize = 6 * 1024 * 1024;

const PREFIX: &str = "/2018-06-01/runtime/";

/// What `runtime-api` was asked for.
pub(crate) struct Options {
    pub(crate) port: u16,
    pub(crate) handler: String,
    /// The events, as (file name, event), in the order given.
    pub(crate) events: Vec<(String, Value)>,
    pub(crate) timeout: u64,
}

/// The invocations of a session.
struct Session {
    function_arn: String,
    timeout_s: u64,
    state: Mutex<Queue>,
    /// Notified when every event is answered, or the bootstrap failed to start.
    finished: Notify,
}

#[derive(Default)]
struct Queue {
    pending: VecDeque<(String, Value)>,
    in_flight: HashMap<String, String>,
    answered: usize,
    failed: usize,
    init_failed: bool,
}

/// Serves the events until each has an answer; `Ok(true)` when every invocation succeeded.
pub(crate) fn run(app: &App, options: Options) -> Result<bool, Error> {
    let Some(entry) = app.handler(&options.handler) else {
        return Err(format!(
            "no handler named `{}` in this app; its handlers are {}",
            options.handler,
            app.handler_list()
        )
        .into());
    };
    let function_name = app.function_name(entry);
    let total = options.events.len();
    let session = Arc::new(Session {
        function_arn: invoke::function_arn(&function_name),
        timeout_s: entry.timeout,
        state: Mutex::new(Queue {
            pending: options.events.into(),
            ..Queue::default()
        }),
        finished: Notify::new(),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    runtime.block_on({
        let session = Arc::clone(&session);
        async move {
            let listener = http::bind(options.port).await?;
            let address = listener.local_addr()?;
            eprintln!(
                "Lambda Runtime API on {address} with {total} event{} for `{}`; start the bootstrap with:\n  AWS_LAMBDA_RUNTIME_API={address} _HANDLER={} AWS_LAMBDA_FUNCTION_NAME={function_name} AWS_LAMBDA_FUNCTION_MEMORY_SIZE={} AWS_LAMBDA_FUNCTION_VERSION='$LATEST' ./bootstrap",
                plural(total),
                entry.name,
                entry.name,
                entry.memory,
            );
            let stop = {
                let session = Arc::clone(&session);
                let timeout = Duration::from_secs(options.timeout);
                async move {
                    // Past the timeout, the unanswered invocations are reported below.
                    let _ = tokio::time::timeout(timeout, session.finished.notified()).await;
                }
            };
            let handle = move |request: Request<Incoming>, _: SocketAddr| {
                let session = Arc::clone(&session);
                async move { session.handle(request).await }
            };
            http::serve(listener, handle, stop).await;
            Ok::<_, Error>(())
        }
    })?;
    runtime.shutdown_timeout(Duration::from_millis(100));
    let queue = session.lock();
    if queue.init_failed {
        return Ok(false);
    }
    if queue.answered < total {
        eprintln!(
            "error: {} of {total} invocation{} had no answer within {} s; check that the bootstrap runs with the environment above, or raise `--timeout`",
            total - queue.answered,
            plural(total),
            options.timeout
        );
        return Ok(false);
    }
    eprintln!(
        "{} of {total} invocation{} succeeded",
        queue.answered - queue.failed,
        plural(total)
    );
    Ok(queue.failed == 0)
}

impl Session {
    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn handle(&self, request: Request<Incoming>) -> Response {
        let path = request.uri().path().to_owned();
        let Some(rest) = path.strip_prefix(PREFIX) else {
            return not_found(&path);
        };
        let parts: Vec<&str> = rest.split('/').collect();
        match (request.method(), parts.as_slice()) {
            (&Method::GET, ["invocation", "next"]) => self.next().await,
            (&Method::POST, ["invocation", id, "response"]) => {
                let id = (*id).to_owned();
                match http::body(request, MAX_BODY).await {
                    Ok(body) => self.answer(&id, None, &body),
                    Err(response) => response,
                }
            }
            (&Method::POST, ["invocation", id, "error"]) => {
                let id = (*id).to_owned();
                let kind = error_type(&request);
                match http::body(request, MAX_BODY).await {
                    Ok(body) => self.answer(&id, Some(kind), &body),
                    Err(response) => response,
                }
            }
            (&Method::POST, ["init", "error"]) => {
                let kind = error_type(&request);
                let body = http::body(request, MAX_BODY).await.unwrap_or_default();
                eprintln!(
                    "error: the bootstrap failed to start: {}",
                    describe_error(kind, &body)
                );
                self.lock().init_failed = true;
                self.finished.notify_one();
                accepted()
            }
            _ => not_found(&path),
        }
    }

    /// Hands out the next event, or holds the request, as Lambda does between invocations.
    async fn next(&self) -> Response {
        let next = {
            let mut queue = self.lock();
            let next = queue.pending.pop_front();
            next.map(|(file, event)| {
                let id = invoke::request_id();
                queue.in_flight.insert(id.clone(), file.clone());
                (id, file, event)
            })
        };
        let Some((id, file, event)) = next else {
            // No event left: the bootstrap waits here until the session ends.
            return std::future::pending().await;
        };
        eprintln!("invocation {id}: {file}");
        let mut response = http::json(StatusCode::OK, &event);
        let deadline = invoke::now_ms().saturating_add(self.timeout_s.saturating_mul(1000));
        let headers = [
            ("lambda-runtime-aws-request-id", id.clone()),
            ("lambda-runtime-deadline-ms", deadline.to_string()),
            (
                "lambda-runtime-invoked-function-arn",
                self.function_arn.clone(),
            ),
            ("lambda-runtime-trace-id", trace_id(&id)),
        ];
        for (name, value) in headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(name), value);
            }
        }
        response
    }

    /// Records the answer to invocation `id`: a response, or an error of type `error`.
    fn answer(&self, id: &str, error: Option<String>, body: &[u8]) -> Response {
        let mut queue = self.lock();
        if queue.in_flight.remove(id).is_none() {
            let message = format!("no invocation `{id}` is waiting for an answer");
            return http::json(
                StatusCode::BAD_REQUEST,
                &json!({ "errorType": "InvalidRequestID", "errorMessage": message }),
            );
        }
        queue.answered += 1;
        match error {
            None => {
                let text = match serde_json::from_slice::<Value>(body) {
                    Ok(value) => value.to_string(),
                    Err(_) => String::from_utf8_lossy(body).into_owned(),
                };
                let mut stdout = std::io::stdout().lock();
                // Stdout closed by the reader: nothing left to tell it.
                let _ = writeln!(stdout, "{text}").and_then(|()| stdout.flush());
            }
            Some(kind) => {
                queue.failed += 1;
                eprintln!("invocation {id} failed: {}", describe_error(kind, body));
            }
        }
        if queue.pending.is_empty() && queue.in_flight.is_empty() {
            self.finished.notify_one();
        }
        accepted()
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// The `Lambda-Runtime-Function-Error-Type` header, if any.
fn error_type(request: &Request<Incoming>) -> String {
    request
        .headers()
        .get("lambda-runtime-function-error-type")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .unwrap_or_default()
}

/// `errorType: errorMessage` of an error body, or the body as it is.
fn describe_error(header: String, body: &[u8]) -> String {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let field = |name: &str| {
        parsed
            .as_ref()
            .and_then(|v| v.get(name))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let kind = field("errorType").unwrap_or(header);
    let message =
        field("errorMessage").unwrap_or_else(|| String::from_utf8_lossy(body).into_owned());
    if kind.is_empty() {
        message
    } else {
        format!("{kind}: {message}")
    }
}

/// An X-Ray trace header for a local invocation.
fn trace_id(request_id: &str) -> String {
    let hex: String = request_id.chars().filter(char::is_ascii_hexdigit).collect();
    let seconds = invoke::now_ms() / 1000;
    let (root, parent) = hex.split_at(hex.len().min(24));
    format!(
        "Root=1-{seconds:08x}-{root:0>24};Parent={:0>16};Sampled=0",
        &parent[..parent.len().min(16)]
    )
}

fn accepted() -> Response {
    http::json(StatusCode::ACCEPTED, &json!({ "status": "OK" }))
}

fn not_found(path: &str) -> Response {
    http::json(
        StatusCode::NOT_FOUND,
        &json!({
            "errorType": "InvalidRequest",
            "errorMessage": format!("`{path}` is no Runtime API endpoint"),
        }),
    )
}
