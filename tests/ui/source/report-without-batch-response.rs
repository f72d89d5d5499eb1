use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message(report_batch_item_failures = true) => worker;
    }
}

fn main() {}
