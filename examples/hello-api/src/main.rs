//! A REST API with a greeting and a small item store, each route served by a Rust handler.

use stackforge::prelude::*;

/// `GET /hello` and `POST /hello`: greets the `name` query parameter, or the world.
#[lambda_function(memory = 256, timeout = 10, description = "Greets whoever asks")]
async fn greet(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    let name = request
        .query_string_parameters
        .first("name")
        .unwrap_or("world")
        .to_owned();
    Ok(json_response(
        200,
        &serde_json::json!({ "message": format!("hello, {name}") }),
    ))
}

/// `GET /items/{id}`: echoes the item id from the path.
#[lambda_function(timeout = 5)]
async fn get_item(request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    let Some(id) = request.path_parameters.get("id") else {
        return Ok(json_response(
            400,
            &serde_json::json!({ "error": "missing id" }),
        ));
    };
    Ok(json_response(200, &serde_json::json!({ "id": id })))
}

fn json_response(status: i64, body: &serde_json::Value) -> ApiGatewayProxyResponse {
    let mut response = ApiGatewayProxyResponse::default();
    response.status_code = status;
    response.body = Some(body.to_string().into());
    response.headers.insert(
        "content-type",
        "application/json".parse().expect("valid header value"),
    );
    response
}

stack! {
    HelloStack {
        api public {
            "/hello" { GET => greet, POST => greet }
            "/items" {
                "/{id}" { GET => get_item }
            }
        }
        output url = public.url;
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(HelloStack::app())
}
