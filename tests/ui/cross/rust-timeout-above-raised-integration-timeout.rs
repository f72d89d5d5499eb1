use stackforge::prelude::*;

#[lambda_function(timeout = 61)]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Hello {
        quotas { integration_timeout: 60 }
        api public {
            "/hello" { GET => greet }
        }
    }
}

fn main() {}
