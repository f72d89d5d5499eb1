use stackforge::prelude::*;

/// Above the default 29 s, within the raised integration timeout.
#[lambda_function(timeout = 60)]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

/// Above the default 900, within the raised account concurrency.
#[lambda_function(reserved_concurrency = 950)]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    RaisedQuotas {
        quotas { integration_timeout: 60, concurrent_executions: 2000 }
        function legacy {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            timeout: 60,
            reserved_concurrency: 950,
        }
        api public {
            "/hello" { GET => greet }
            "/legacy" { GET => legacy }
        }
        queue jobs;
        jobs.on_message() => worker;
    }
}

fn main() {
    assert_eq!(RaisedQuotas::handlers().len(), 2);
}
