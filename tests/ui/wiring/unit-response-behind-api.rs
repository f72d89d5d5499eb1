use stackforge::prelude::*;

#[lambda_function]
async fn greet(_request: ApiGatewayProxyRequest) -> Result<(), Error> {
    Ok(())
}

stack! {
    Hello {
        api public {
            "/hello" { GET => greet }
        }
    }
}

fn main() {}
