use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "cron(0 3 * * MON *)" => cleanup;
    }
}

fn main() {}
