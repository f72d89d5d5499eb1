use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;
        alarm jobs_failing { function: worker, metric: errors, threshold: 1 }
        grant worker read jobs_failing;
    }
}

fn main() {}
