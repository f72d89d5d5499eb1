use stackforge::prelude::*;

#[lambda_function]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    Hello {
        api public {
            "/items/{item-id}" { GET => greet }
        }
    }
}

fn main() {}
