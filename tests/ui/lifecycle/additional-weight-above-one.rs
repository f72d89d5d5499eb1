use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;
        alias worker.canary { additional_version: "3", additional_weight: 1.5 }
    }
}

fn main() {}
