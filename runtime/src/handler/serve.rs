//! `serve`: the stack's REST API on 127.0.0.1, each request turned into the API Gateway
//! (REST, v1) proxy event that Lambda would pass, and the handler's response written back.

use super::http::{self, Response};
use super::invoke::{self, LOCAL_ACCOUNT};
use super::routes::{self, Match, Table};
use crate::app::{App, RouteEntry};
use crate::events::ApiGatewayProxyResponse;
use crate::Error;
use aws_lambda_events::encodings::Body;
use base64::Engine as _;
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderName, HeaderValue, ALLOW, CONTENT_TYPE, HOST, USER_AGENT};
use hyper::{Request, StatusCode};
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

/// The port `serve` listens on unless `--port` says otherwise.
pub(crate) const DEFAULT_PORT: u16 = 3000;

/// API Gateway's limit on a request payload: 10 MB.
const MAX_BODY: usize = 10 * 1024 * 1024;

/// What `serve` was asked for.
pub(crate) struct Options {
    pub(crate) port: u16,
    pub(crate) api: Option<String>,
}

struct State {
    app: App,
    table: Table,
}

/// Serves the app's routes until the process is stopped.
pub(crate) fn run(app: App, options: &Options) -> Result<(), Error> {
    let routes = select_routes(&app, options.api.as_deref())?;
    let table = Table::new(&routes);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = http::bind(options.port).await?;
        let address = listener.local_addr()?;
        let stack = match app.stack() {
            "" => "the app".to_owned(),
            stack => format!("stack `{stack}`"),
        };
        let mut banner =
            format!("serving the API of {stack} on http://{address} (stop with Ctrl-C)\n");
        let width = routes
            .iter()
            .map(|r| r.method.len() + r.path.len())
            .max()
            .unwrap_or(0)
            + 1;
        for route in &routes {
            let pad = width - route.method.len();
            banner.push_str(&format!(
                "  {} {:<pad$} -> {}\n",
                route.method, route.path, route.handler
            ));
        }
        eprint!("{banner}");
        let state = Arc::new(State { app, table });
        let handle = move |request: Request<Incoming>, peer: SocketAddr| {
            let state = Arc::clone(&state);
            async move { state.handle(request, peer).await }
        };
        http::serve(listener, handle, std::future::pending()).await;
        Ok(())
    })
}

/// The routes to serve: those of API `api`, or of every API when they do not clash.
fn select_routes(app: &App, api: Option<&str>) -> Result<Vec<RouteEntry>, Error> {
    if app.routes().is_empty() {
        if app.stack().is_empty() {
            return Err("this app has no routes: pass `Stack::app()` to `stackforge::run` so that `serve` knows the stack's REST API".into());
        }
        return Err(format!(
            "stack `{}` declares no REST API route; `serve` serves the routes of its `api` blocks",
            app.stack()
        )
        .into());
    }
    let routes: Vec<RouteEntry> = match api {
        Some(api) => {
            let routes: Vec<RouteEntry> = app
                .routes()
                .iter()
                .filter(|r| r.api == api)
                .copied()
                .collect();
            if routes.is_empty() {
                let mut apis: Vec<String> = app
                    .routes()
                    .iter()
                    .map(|r| format!("`{}`", r.api))
                    .collect();
                apis.dedup();
                return Err(format!(
                    "no API named `{api}` in this app; its APIs: {}",
                    apis.join(", ")
                )
                .into());
            }
            routes
        }
        None => app.routes().to_vec(),
    };
    for (i, a) in routes.iter().enumerate() {
        if let Some(b) = routes[..i]
            .iter()
            .find(|b| b.method == a.method && b.path == a.path)
        {
            return Err(format!(
                "APIs `{}` and `{}` both declare `{} {}`; serve one of them with `--api {}`",
                b.api, a.api, a.method, a.path, b.api
            )
            .into());
        }
    }
    Ok(routes)
}

impl State {
    async fn handle(&self, request: Request<Incoming>, peer: SocketAddr) -> Response {
        let started = Instant::now();
        let method = request.method().as_str().to_owned();
        let target = request
            .uri()
            .path_and_query()
            .map_or_else(|| request.uri().path().to_owned(), ToString::to_string);
        let (response, handler, error) = self.respond(request, peer).await;
        let status = response.status().as_u16();
        let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        let duration_ms = (duration_ms * 100.0).round() / 100.0;
        match error {
            Some(error) => tracing::error!(
                handler,
                status,
                duration_ms,
                error = %error,
                "{method} {target} {status}"
            ),
            None => tracing::info!(handler, status, duration_ms, "{method} {target} {status}"),
        }
        response
    }

    /// The response, the handler that made it, and what went wrong for a 5xx.
    async fn respond(
        &self,
        request: Request<Incoming>,
        peer: SocketAddr,
    ) -> (Response, &'static str, Option<String>) {
        let method = request.method().as_str().to_owned();
        let path = request.uri().path().to_owned();
        let (route, params) = match self.table.find(&method, &path) {
            Match::Route { route, params } => (route, params),
            Match::NotFound => {
                let paths: Vec<String> = self
                    .table
                    .paths()
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect();
                let message = format!(
                    "no route is declared for `{path}`; the API declares {}",
                    paths.join(", ")
                );
                return (
                    http::message_response(StatusCode::NOT_FOUND, &message),
                    "-",
                    None,
                );
            }
            Match::MethodNotAllowed(methods) => {
                let message = format!(
                    "method `{method}` is not declared on `{path}`; it declares {}",
                    methods.join(", ")
                );
                let mut response = http::message_response(StatusCode::METHOD_NOT_ALLOWED, &message);
                if let Ok(allow) = HeaderValue::from_str(&methods.join(", ")) {
                    response.headers_mut().insert(ALLOW, allow);
                }
                return (response, "-", None);
            }
        };
        let Some(entry) = self.app.handler(route.handler) else {
            let message = format!(
                "`{}` is not a Rust handler of this binary (a function in another runtime); `serve` runs the app's Rust handlers only",
                route.handler
            );
            return (
                http::message_response(StatusCode::BAD_GATEWAY, &message),
                route.handler,
                Some(message),
            );
        };
        let event = match event(request, peer, &route, params).await {
            Ok(event) => event,
            Err(response) => return (response, route.handler, None),
        };
        let context = invoke::local_context(&self.app, entry, invoke::request_id());
        let output = match invoke::call(entry, event, context, true).await {
            Ok(output) => output,
            Err(failure) => {
                let error = format!("handler `{}` {failure}", entry.name);
                return (internal_error(), route.handler, Some(error));
            }
        };
        match response(output) {
            Ok(response) => (response, route.handler, None),
            Err(error) => {
                let error = format!("handler `{}` {error}", entry.name);
                (internal_error(), route.handler, Some(error))
            }
        }
    }
}

/// What API Gateway answers when the integration fails.
fn internal_error() -> Response {
    http::message_response(StatusCode::BAD_GATEWAY, "Internal server error")
}

/// The proxy event of `request` on `route`, as API Gateway builds it.
async fn event(
    request: Request<Incoming>,
    peer: SocketAddr,
    route: &RouteEntry,
    params: std::collections::BTreeMap<String, String>,
) -> Result<Value, Response> {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let query = routes::query(request.uri().query().unwrap_or(""));
    let mut headers = Map::new();
    let mut multi_headers: Map<String, Value> = Map::new();
    for name in request.headers().keys() {
        let values: Vec<Value> = request
            .headers()
            .get_all(name)
            .iter()
            .map(|v| Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        if let Some(last) = values.last() {
            headers.insert(name.as_str().to_owned(), last.clone());
        }
        multi_headers.insert(name.as_str().to_owned(), Value::Array(values));
    }
    let header = |name: HeaderName| {
        request
            .headers()
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    let host = header(HOST);
    let user_agent = header(USER_AGENT);
    let bytes = http::body(request, MAX_BODY).await?;
    let (body, is_base64) = if bytes.is_empty() {
        (Value::Null, false)
    } else {
        match std::str::from_utf8(&bytes) {
            Ok(text) => (Value::String(text.to_owned()), false),
            Err(_) => (
                Value::String(base64::engine::general_purpose::STANDARD.encode(&bytes)),
                true,
            ),
        }
    };
    let single: Map<String, Value> = query
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), Value::String(v.last()?.clone()))))
        .collect();
    let multi: Map<String, Value> = query
        .into_iter()
        .map(|(k, v)| (k, Value::from(v)))
        .collect();
    let or_null = |map: Map<String, Value>| {
        if map.is_empty() {
            Value::Null
        } else {
            Value::Object(map)
        }
    };
    let params: Map<String, Value> = params
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    Ok(json!({
        "resource": route.path,
        "path": path,
        "httpMethod": method,
        "headers": or_null(headers),
        "multiValueHeaders": or_null(multi_headers),
        "queryStringParameters": or_null(single),
        "multiValueQueryStringParameters": or_null(multi),
        "pathParameters": or_null(params),
        "stageVariables": null,
        "requestContext": {
            "accountId": LOCAL_ACCOUNT,
            "apiId": route.api,
            "domainName": host,
            "httpMethod": method,
            "identity": { "sourceIp": peer.ip().to_string(), "userAgent": user_agent },
            "path": format!("/{}{path}", route.stage),
            "protocol": "HTTP/1.1",
            "requestId": invoke::request_id(),
            "requestTimeEpoch": invoke::now_ms(),
            "resourceId": "local",
            "resourcePath": route.path,
            "stage": route.stage,
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }))
}

/// The HTTP response of a handler's output, as API Gateway maps an
/// `ApiGatewayProxyResponse`.
fn response(output: Value) -> Result<Response, String> {
    let output: ApiGatewayProxyResponse = serde_json::from_value(output).map_err(|e| {
        format!("returned a response that is not an `ApiGatewayProxyResponse`: {e}")
    })?;
    let status = u16::try_from(output.status_code)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .filter(|s| s.as_u16() >= 100)
        .ok_or_else(|| {
            format!(
                "returned status code {}, which is no HTTP status; set `status_code`",
                output.status_code
            )
        })?;
    let body = match output.body {
        Some(Body::Binary(bytes)) => Bytes::from(bytes),
        Some(Body::Text(text)) if output.is_base64_encoded => Bytes::from(
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| {
                    format!("returned `is_base64_encoded` with a body that is not base64: {e}")
                })?,
        ),
        Some(Body::Text(text)) => Bytes::from(text),
        _ => Bytes::new(),
    };
    let mut response = hyper::Response::new(Full::new(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    for name in output.multi_value_headers.keys() {
        for value in output.multi_value_headers.get_all(name) {
            headers.append(name.clone(), value.clone());
        }
    }
    for (name, value) in &output.headers {
        if !headers.contains_key(name) {
            headers.insert(name.clone(), value.clone());
        }
    }
    if !headers.contains_key(CONTENT_TYPE) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Ok(response)
}
