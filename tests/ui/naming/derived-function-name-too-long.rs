use stackforge::prelude::*;

#[lambda_function]
async fn make_thumbnail_for_every_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    ThumbnailProcessingStackForProductionUse {
        bucket uploads { name: "thumbnail-uploads" }
        uploads.on_object_created() => make_thumbnail_for_every_upload;
    }
}

fn main() {}
