use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs;
        #[allow(short_visiblity_timeout)]
        jobs.on_message() => worker;
    }
}

fn main() {}
