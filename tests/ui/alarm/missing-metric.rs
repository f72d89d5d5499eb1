use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        topic alerts;
        jobs.on_message() => worker;
        alarm jobs_failing {
            function: worker,
            threshold: 1,
        }
    }
}

fn main() {}
