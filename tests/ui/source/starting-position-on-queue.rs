use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message(starting_position = LATEST) => worker;
    }
}

fn main() {}
