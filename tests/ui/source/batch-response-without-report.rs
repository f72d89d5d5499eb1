use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: SqsEvent) -> Result<SqsBatchResponse, Error> {
    Ok(SqsBatchResponse::default())
}

stack! {
    Jobs {
        queue jobs;
        jobs.on_message(batch_size = 10) => worker;
    }
}

fn main() {}
