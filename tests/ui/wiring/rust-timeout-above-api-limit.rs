use stackforge::prelude::*;

#[lambda_function(timeout = 60)]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
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
