use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "rate(1 day)" => cleanup;
        function audit {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
        }
        function cleanup { dead_letter: audit }
    }
}

fn main() {}
