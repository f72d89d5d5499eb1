#![deny(deprecated)]

use stackforge::prelude::*;

#[lambda_function(timeout = 10)]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Jobs {
        queue jobs { visibility_timeout: 30 }
        jobs.on_message() => worker;
    }
}

fn main() {}
