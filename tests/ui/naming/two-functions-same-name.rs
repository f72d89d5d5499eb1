use stackforge::prelude::*;

#[lambda_function(name = "worker")]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

#[lambda_function(name = "worker")]
async fn on_delete(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        uploads.on_object_created() => on_upload;
        uploads.on_object_removed() => on_delete;
    }
}

fn main() {}
