use stackforge::prelude::*;

#[lambda_function]
async fn on_order(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Orders {
        table orders { partition_key: "id", stream: new_and_old_images }
        orders.on_record(starting_position = TRIM_HORIZON) => on_order;
    }
}

fn main() {}
