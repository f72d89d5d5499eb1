use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn notify(_event: SnsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        topic alerts;
        alerts.on_message() => notify;
        schedule nightly = "rate(1 day)" => cleanup;
        function cleanup { on_success: notify }
    }
}

fn main() {}
