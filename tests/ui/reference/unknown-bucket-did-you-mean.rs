use stackforge::prelude::*;

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        uploads.on_object_created() => on_upload;
        grant on_upload read uplaods;
    }
}

fn main() {}
