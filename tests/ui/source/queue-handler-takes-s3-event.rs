use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message() => worker;
    }
}

fn main() {}
