use stackforge::prelude::*;

#[lambda_function]
async fn greet(_request: ApiGatewayProxyRequest) {}

stack! {
    Hello {
        api public {
            "/hello" { GET => greet }
        }
    }
}

fn main() {}
