use stackforge::prelude::*;

#[lambda_function]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Hello {
        bucket uploads;
        api public {
            "/hello" { GET => greet, POST => uploads }
        }
    }
}

fn main() {}
