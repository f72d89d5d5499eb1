use stackforge::prelude::*;

#[lambda_function]
async fn on_order(_event: DynamoDbEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Orders {
        bucket failures;
        table orders { partition_key: "id", stream: new_and_old_images }
        orders.on_record(starting_position = TRIM_HORIZON, on_failure = failures) => on_order;
    }
}

fn main() {}
