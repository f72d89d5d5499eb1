use stackforge::prelude::*;

#[lambda_function(application_log_level = info)]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "rate(1 day)" => cleanup;
    }
}

fn main() {}
