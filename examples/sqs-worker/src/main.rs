//! A worker that drains a queue, reports the messages it could not process so that only
//! those are retried, and sends messages that keep failing to a dead-letter queue watched
//! by an alarm.

use stackforge::prelude::*;

/// Processes a batch of jobs; a job whose body is not a positive number fails alone.
#[lambda_function(memory = 256, timeout = 30, log_format = json, application_log_level = info)]
async fn process_jobs(event: SqsEvent) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in event.records {
        let body = message.body.unwrap_or_default();
        if body.trim().parse::<u64>().is_err() {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message.message_id.unwrap_or_default();
            response.batch_item_failures.push(failure);
        }
    }
    Ok(response)
}

stack! {
    SqsWorkerStack {
        queue jobs {
            visibility_timeout: 180,
            dead_letter: failed_jobs,
            max_receive_count: 5,
        }
        queue failed_jobs { retention: 1209600 }
        topic alerts;

        jobs.on_message(batch_size = 10, batching_window = 5, max_concurrency = 5, report_batch_item_failures = true) => process_jobs;

        alarm jobs_failing {
            function: process_jobs,
            metric: errors,
            statistic: sum,
            threshold: 1,
            period: 60,
            evaluation_periods: 5,
            datapoints_to_alarm: 3,
            actions: [alerts],
        }

        output jobs_queue = jobs.url;
        output failed_jobs_queue = failed_jobs.url;
        output alerts_topic = alerts.arn;
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(SqsWorkerStack::app())
}
