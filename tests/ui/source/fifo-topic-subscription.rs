use stackforge::prelude::*;

#[lambda_function]
async fn notify(_event: SnsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Alerts {
        topic alerts { fifo: true }
        alerts.on_message() => notify;
    }
}

fn main() {}
