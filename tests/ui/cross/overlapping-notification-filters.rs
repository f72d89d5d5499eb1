use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        uploads.on_object_created(prefix = "images/") => worker;
        uploads.on_object_created(prefix = "images/thumbs/") => worker;
    }
}

fn main() {}
