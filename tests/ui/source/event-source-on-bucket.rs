use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        uploads.event_source() => worker;
    }
}

fn main() {}
