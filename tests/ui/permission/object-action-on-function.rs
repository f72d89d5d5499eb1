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
        bucket uploads;
        api public {
            "/hello" { GET => greet }
        }
        uploads.on_object_created() => on_upload;
        allow on_upload ["s3:GetObject"] on greet;
    }
}

fn main() {}
