use stackforge::prelude::*;

#[lambda_function]
fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
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
