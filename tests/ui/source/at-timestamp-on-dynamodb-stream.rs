use stackforge::prelude::*;

#[lambda_function]
async fn on_order(_event: DynamoDbEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Orders {
        table orders { partition_key: "id", stream: new_and_old_images }
        orders.on_record(starting_position = AT_TIMESTAMP, starting_timestamp = 1767225600) => on_order;
    }
}

fn main() {}
