use stackforge::prelude::*;

#[lambda_function]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Hello {
        api public {
            stage: "prod-v1",
            "/hello" { GET => greet }
        }
    }
}

fn main() {}
