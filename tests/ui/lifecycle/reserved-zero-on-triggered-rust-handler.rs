use stackforge::prelude::*;

#[lambda_function(reserved_concurrency = 0)]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;

    }
}

fn main() {}
