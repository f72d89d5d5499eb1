use stackforge::prelude::*;

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        uploads.on_object_created() => on_upload;
        // Tagging an object fires s3:ObjectTagging:Put, not s3:ObjectCreated:*, so no loop.
        allow on_upload ["s3:PutObjectTagging"] on uploads.objects;
    }
}

fn main() {}
