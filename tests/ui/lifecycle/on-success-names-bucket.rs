use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "rate(1 day)" => cleanup;
        bucket reports;
        function cleanup { on_success: reports }
    }
}

fn main() {}
