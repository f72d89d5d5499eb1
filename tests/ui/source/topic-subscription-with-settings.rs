use stackforge::prelude::*;

#[lambda_function]
async fn notify(_event: SnsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Alerts {
        topic alerts;
        alerts.on_message(batch_size = 10) => notify;
    }
}

fn main() {}
