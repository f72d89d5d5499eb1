//! The HTTP/1.1 server under `serve` and `runtime-api`: hyper on a loopback listener.

use crate::Error;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, CONTENT_TYPE};
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::convert::Infallible;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::net::TcpListener;

/// A response with its whole body.
pub(crate) type Response = hyper::Response<Full<Bytes>>;

/// Binds `port` on 127.0.0.1 (0 for any free port).
pub(crate) async fn bind(port: u16) -> Result<TcpListener, Error> {
    TcpListener::bind((Ipv4Addr::LOCALHOST, port))
        .await
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                "; choose another with `--port`"
            } else {
                ""
            };
            format!("cannot listen on 127.0.0.1:{port}: {e}{hint}").into()
        })
}

/// Serves each connection of `listener` with `handle` until `stop` completes.
pub(crate) async fn serve<H, F>(listener: TcpListener, handle: H, stop: impl Future<Output = ()>)
where
    H: Fn(Request<Incoming>, SocketAddr) -> F + Clone + Send + Sync + 'static,
    F: Future<Output = Response> + Send + 'static,
{
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!("cannot accept a connection: {error}");
                    continue;
                }
            },
        };
        let handle = handle.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = handle(request, peer);
                async move { Ok::<_, Infallible>(response.await) }
            });
            // A client that goes away mid-request is no error of the server's.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The body of `request`, up to `limit` bytes.
pub(crate) async fn body(request: Request<Incoming>, limit: usize) -> Result<Bytes, Response> {
    match Limited::new(request.into_body(), limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) => {
            let (status, message) = if error.is::<http_body_util::LengthLimitError>() {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the request body is above {limit} bytes"),
                )
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    format!("cannot read the request body: {error}"),
                )
            };
            Err(message_response(status, &message))
        }
    }
}

/// A JSON response.
pub(crate) fn json(status: StatusCode, body: &Value) -> Response {
    let mut response = hyper::Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// A JSON response `{"message": ...}`, as API Gateway words its own errors.
pub(crate) fn message_response(status: StatusCode, message: &str) -> Response {
    json(status, &serde_json::json!({ "message": message }))
}
