use stackforge::prelude::*;

#[lambda_function]
async fn items(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

#[lambda_function]
async fn fallback(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    RouteForms {
        api public {
            name: "route-forms",
            description: "Every way to write a route",
            stage: "v1",
            "/" { GET => items }
            "/items" {
                GET => items,
                POST => items,
                "/{id}" {
                    GET => items, PUT => items, PATCH => items, DELETE => items, HEAD => items,
                    OPTIONS => items,
                    "/parts" { GET => items }
                }
            }
            // The same parameter name under the same parent, written flat.
            "/items/{id}/tags" { GET => items }
            // Same path, another method.
            "/items/{id}/parts" { POST => items }
            // A greedy parameter as the last segment.
            "/files/{proxy+}" { ANY => fallback }
        }
        api admin {
            // The same route in another API.
            "/items" { GET => items }
        }
    }
}

fn main() {
    assert_eq!(RouteForms::handlers().len(), 2);
}
