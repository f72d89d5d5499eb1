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
        grant worker send alerts;
    }
}

fn main() {}
