use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;
        alias worker.live { provisioned_concurrency: 2 }
        alias worker.beta { provisioned_concurrency: 1 }
    }
}

fn main() {}
