use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;
        alias worker.canary { additional_version: "$LATEST", additional_weight: 0.1 }
    }
}

fn main() {}
