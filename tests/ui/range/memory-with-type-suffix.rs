use stackforge::prelude::*;

#[lambda_function(memory = 256u32)]
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
