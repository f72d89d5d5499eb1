use stackforge::prelude::*;

#[lambda_function(ephemeral_storage = 10241)]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        uploads.on_object_created() => on_upload;
    }
}

fn main() {}
