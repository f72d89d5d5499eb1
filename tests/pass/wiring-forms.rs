use stackforge::prelude::*;

/// The `Context` is optional.
#[lambda_function(timeout = 29)]
async fn greet(
    _request: ApiGatewayProxyRequest,
    _context: Context,
) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

/// Any error type that converts to `stackforge::Error`.
#[lambda_function]
async fn read_file(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, std::io::Error> {
    Ok(ApiGatewayProxyResponse::default())
}

/// A long timeout is fine away from API routes.
#[lambda_function(timeout = 900)]
async fn on_change(_event: S3Event, _context: Context) -> Result<(), Error> {
    Ok(())
}

stack! {
    WiringForms {
        bucket uploads;
        uploads.on_object_created(prefix = "in/") => on_change;
        uploads.on_object_removed(suffix = ".jpg") => on_change;
        api public {
            "/hello" { GET => greet, POST => greet }
            "/file" { GET => read_file }
        }
    }
}

fn main() {
    let names: Vec<&str> = WiringForms::handlers().iter().map(|h| h.name).collect();
    assert_eq!(names, ["greet", "read_file", "on_change"]);
}
