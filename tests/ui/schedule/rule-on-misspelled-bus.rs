use stackforge::prelude::*;

#[lambda_function]
async fn on_event(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Shop {
        event_bus shop;
        rule order_placed { source: ["shop.orders"], bus: shpo } => on_event;
    }
}

fn main() {}
