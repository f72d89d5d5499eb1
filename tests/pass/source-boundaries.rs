use stackforge::prelude::*;

/// Reports the messages it could not process.
#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<SqsBatchResponse, Error> {
    Ok(SqsBatchResponse::default())
}

#[lambda_function]
async fn fifo_worker(_event: SqsEvent, _context: Context) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn on_order(_event: DynamoDbEvent) -> Result<DynamoDbEventResponse, Error> {
    Ok(DynamoDbEventResponse::default())
}

#[lambda_function]
async fn on_click(_event: KinesisEvent) -> Result<KinesisEventResponse, Error> {
    Ok(KinesisEventResponse::default())
}

#[lambda_function]
async fn on_click_plain(_event: KinesisEvent) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn notify(_event: SnsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    SourceBoundaries {
        queue jobs;
        queue bulk;
        queue ordered { fifo: true }
        queue failures;
        topic alerts;
        table orders { partition_key: "id", stream: keys_only }
        stream clicks { shards: 1 }

        // 1 to 10 without a batching window; max concurrency 2 to 1,000.
        jobs.on_message(
            batch_size = 1,
            batching_window = 0,
            max_concurrency = 2,
            report_batch_item_failures = true,
        ) => worker;
        // Up to 10,000 with a window of up to 300 s.
        bulk.on_message(
            batch_size = 10000,
            batching_window = 300,
            max_concurrency = 1000,
            report_batch_item_failures = true,
        ) => worker;
        // 10 for a FIFO queue.
        ordered.on_message(batch_size = 10, report_batch_item_failures = false) => fifo_worker;

        orders.on_record(
            starting_position = TRIM_HORIZON,
            batch_size = 10000,
            batching_window = 300,
            parallelization_factor = 10,
            bisect_on_error = true,
            max_retry_attempts = -1,
            max_record_age = -1,
            tumbling_window = 900,
            report_batch_item_failures = true,
            on_failure = failures,
        ) => on_order;
        clicks.on_record(
            starting_position = AT_TIMESTAMP,
            starting_timestamp = 1767225600,
            batch_size = 1,
            parallelization_factor = 1,
            max_retry_attempts = 10000,
            max_record_age = 604800,
            tumbling_window = 0,
            report_batch_item_failures = true,
            on_failure = alerts,
        ) => on_click;
        clicks.on_record(
            starting_position = LATEST,
            max_retry_attempts = 0,
            max_record_age = 60,
        ) => on_click_plain;

        alerts.on_message() => notify;
    }
}

fn main() {
    let names: Vec<&str> = SourceBoundaries::handlers().iter().map(|h| h.name).collect();
    assert_eq!(
        names,
        ["worker", "fifo_worker", "on_order", "on_click", "on_click_plain", "notify"]
    );
}
