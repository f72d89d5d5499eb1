use stackforge::prelude::*;

#[lambda_function]
async fn on_order(_event: DynamoDbEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Orders {
        table orders { partition_key: "id", stream: new_image }
        orders.on_record(starting_position = TRIM_HORIZON, max_record_age = 59) => on_order;
    }
}

fn main() {}
