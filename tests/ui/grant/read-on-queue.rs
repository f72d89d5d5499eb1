use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        queue results;
        jobs.on_message() => worker;
        grant worker read results;
    }
}

fn main() {}
