//! A fixture app for the handler tests (`tests/tests/handlers.rs`): the triggers the examples
//! do not cover (a topic, a schedule), handlers that fail and panic, and API routes with a
//! greedy parameter, an echo of the proxy event and a binary response.

use stackforge::events::encodings::Body;
use stackforge::prelude::*;

/// Subscribed to `alerts`: prints each notification.
#[lambda_function(timeout = 10)]
async fn on_alert(event: SnsEvent) -> Result<(), Error> {
    for record in event.records {
        let subject = record.sns.subject.unwrap_or_default();
        println!("alert: {subject}: {}", record.sns.message);
    }
    Ok(())
}

/// Runs every night: prints what woke it.
#[lambda_function(timeout = 10)]
async fn nightly_report(event: EventBridgeEvent) -> Result<(), Error> {
    println!("scheduled: {} from {}", event.detail_type, event.source);
    Ok(())
}

/// Always fails, with a cause.
#[lambda_function]
async fn fail(event: serde_json::Value) -> Result<serde_json::Value, Error> {
    let _ = event;
    Err(Box::new(JobError {
        cause: std::io::Error::other("disk full"),
    }))
}

#[derive(Debug)]
struct JobError {
    cause: std::io::Error,
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the nightly job failed")
    }
}

impl std::error::Error for JobError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.cause)
    }
}

/// Always panics.
#[lambda_function]
async fn explode(event: serde_json::Value) -> Result<serde_json::Value, Error> {
    let _ = event;
    panic!("the fuse was lit")
}

/// `ANY /files/{proxy+}`: answers with the proxy event it received, as JSON.
#[lambda_function]
async fn echo(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    let mut response = ApiGatewayProxyResponse::default();
    response.status_code = 200;
    response.body = Some(Body::Text(serde_json::to_string(&request)?));
    Ok(response)
}

/// `GET /binary`: answers with bytes that are not UTF-8, base64-encoded, and two cookies.
#[lambda_function]
async fn binary(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    let _ = request;
    let mut response = ApiGatewayProxyResponse::default();
    response.status_code = 201;
    response.body = Some(Body::Binary(vec![0, 159, 146, 150, 255]));
    response.is_base64_encoded = true;
    response
        .headers
        .insert("content-type", "application/octet-stream".parse()?);
    response
        .multi_value_headers
        .append("set-cookie", "a=1".parse()?);
    response
        .multi_value_headers
        .append("set-cookie", "b=2".parse()?);
    Ok(response)
}

/// `GET /broken`: fails, which API Gateway answers with 502.
#[lambda_function]
async fn broken(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    let _ = request;
    Err("the database is down".into())
}

stack! {
    FixtureStack {
        function fail;
        function explode;

        topic alerts;
        alerts.on_message() => on_alert;
        schedule nightly = "cron(0 2 * * ? *)" => nightly_report;

        api files {
            stage: "dev",
            "/files/{proxy+}" { ANY => echo }
            "/binary" { GET => binary }
            "/broken" { GET => broken }
        }
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(FixtureStack::app())
}
