//! The expansions name everything by absolute path: they compile beside user items that
//! shadow the prelude, and they raise no warning.

#![deny(warnings)]

use stackforge::prelude::*;

#[allow(dead_code)]
type Result = ();
#[allow(dead_code)]
struct Option;
#[allow(dead_code)]
struct Vec;
#[allow(dead_code)]
struct String;
#[allow(dead_code)]
struct Box;
#[allow(dead_code)]
mod core {}
#[allow(dead_code)]
mod std {}

#[lambda_function(timeout = 5, environment = { MODE = "test" })]
async fn greet(
    request: ApiGatewayProxyRequest,
) -> ::std::result::Result<ApiGatewayProxyResponse, Error> {
    let _ = request;
    ::std::result::Result::Ok(ApiGatewayProxyResponse::default())
}

#[lambda_function]
async fn on_upload(event: S3Event, context: Context) -> ::std::result::Result<(), Error> {
    let _ = (event, context);
    ::std::result::Result::Ok(())
}

stack! {
    Hygiene {
        bucket uploads;
        uploads.on_object_created() => on_upload;
        api public { "/" { ANY => greet } }
        output url = public.url;
    }
}

fn main() {
    assert_eq!(Hygiene::NAME, "Hygiene");
    assert_eq!(Hygiene::handlers().len(), 2);
}
