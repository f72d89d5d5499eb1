use stackforge::prelude::*;

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        role reader;
        uploads.on_object_created() => on_upload;
        grant raeder read uploads;
    }
}

fn main() {}
