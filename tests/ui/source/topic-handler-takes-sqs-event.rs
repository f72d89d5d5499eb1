use stackforge::prelude::*;

#[lambda_function]
async fn notify(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Alerts {
        topic alerts;
        alerts.on_message() => notify;
    }
}

fn main() {}
