use stackforge::prelude::*;

#[lambda_function]
async fn on_order(_event: DynamoDbEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Orders {
        table orders { partition_key: "id" }
        orders.on_record(starting_position = LATEST) => on_order;
    }
}

fn main() {}
