use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "rate(1 day)" => cleanup;
        function cleanup { retry_attempts: 3 }
    }
}

fn main() {}
