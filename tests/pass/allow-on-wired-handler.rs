use stackforge::prelude::*;

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Uploads {
        api public {
            "/hello" { GET => greet }
        }
        bucket uploads;
        uploads.on_object_created() => on_upload;
        allow on_upload ["lambda:InvokeFunction"] on greet;
    }
}

fn main() {}
