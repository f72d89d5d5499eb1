use stackforge::prelude::*;

#[lambda_function]
async fn on_event(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Shop {
        rule order_placed { source: [shop] } => on_event;
    }
}

fn main() {}
