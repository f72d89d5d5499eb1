use stackforge::prelude::*;

#[lambda_function(reserved_concurrency = 5)]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;
        alias worker.live { provisioned_concurrency: 10 }
    }
}

fn main() {}
