use stackforge::prelude::*;

#[lambda_function]
async fn greet() -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Hello {
        api public {
            "/hello" { GET => greet }
        }
    }
}

fn main() {}
