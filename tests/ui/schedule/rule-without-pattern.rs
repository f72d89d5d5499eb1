use stackforge::prelude::*;

#[lambda_function]
async fn on_event(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Shop {
        rule anything {} => on_event;
    }
}

fn main() {}
