use stackforge::prelude::*;

mod users {
    use stackforge::prelude::*;

    #[lambda_function]
    pub async fn list(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
        Ok(ApiGatewayProxyResponse::default())
    }
}

mod orders {
    use stackforge::prelude::*;

    #[lambda_function]
    pub async fn list(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
        Ok(ApiGatewayProxyResponse::default())
    }
}

stack! {
    Shop {
        api public {
            "/users" { GET => users::list }
            "/orders" { GET => orders::list }
        }
    }
}

fn main() {}
