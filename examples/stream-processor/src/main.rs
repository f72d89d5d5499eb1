//! Reads the change stream of an orders table in order, retries a failing batch by halves,
//! and sends the records it gives up on to a queue for inspection.

use stackforge::prelude::*;

/// Counts inserted, modified and removed orders of each batch.
#[lambda_function(memory = 512, timeout = 60)]
async fn process_changes(event: DynamoDbEvent) -> Result<DynamoDbEventResponse, Error> {
    let (mut inserted, mut modified, mut removed) = (0, 0, 0);
    for record in &event.records {
        match record.event_name.as_str() {
            "INSERT" => inserted += 1,
            "MODIFY" => modified += 1,
            "REMOVE" => removed += 1,
            _ => {}
        }
    }
    println!("orders: {inserted} inserted, {modified} modified, {removed} removed");
    Ok(DynamoDbEventResponse::default())
}

stack! {
    StreamProcessorStack {
        table orders {
            partition_key: "order_id",
            sort_key: "created_at",
            sort_key_type: number,
            stream: new_and_old_images,
        }
        queue failed_changes { retention: 1209600 }

        orders.on_record(
            starting_position = TRIM_HORIZON,
            batch_size = 100,
            batching_window = 1,
            parallelization_factor = 2,
            bisect_on_error = true,
            max_retry_attempts = 3,
            max_record_age = 3600,
            report_batch_item_failures = true,
            on_failure = failed_changes,
        ) => process_changes;

        grant process_changes read orders;

        output orders_table = orders.name;
        output failed_changes_queue = failed_changes.url;
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(StreamProcessorStack::app())
}
