use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "rate(0 minutes)" => cleanup;
    }
}

fn main() {}
