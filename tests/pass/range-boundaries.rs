use stackforge::prelude::*;

#[lambda_function(memory = 128, timeout = 900, ephemeral_storage = 10240)]
async fn slow_worker(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

/// 29 s is the most a REST API waits for its integration.
#[lambda_function(memory = 10240, timeout = 29, ephemeral_storage = 512, log_retention = 3653)]
async fn api_handler(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    RangeBoundaries {
        bucket uploads;
        uploads.on_object_created() => slow_worker;
        function legacy_api {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            memory: 10240,
            timeout: 29,
            log_retention: 1,
        }
        function legacy_batch {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            memory: 128,
            timeout: 900,
            ephemeral_storage: 10240,
            reserved_concurrency: 0,
        }
        api public {
            "/fast" { GET => api_handler }
            "/legacy" { GET => legacy_api }
        }
    }
}

fn main() {
    assert_eq!(RangeBoundaries::handlers().len(), 2);
}
