//! Images uploaded under `images/` in one bucket get a thumbnail in another.

use stackforge::prelude::*;

/// Called by S3 for every `.jpg` created under `images/` in `uploads`.
#[lambda_function(memory = 1024, timeout = 60, log_retention = 14, architecture = x86_64)]
async fn make_thumbnail(event: S3Event) -> Result<(), Error> {
    for record in event.records {
        let bucket = record.s3.bucket.name.unwrap_or_default();
        let key = record.s3.object.key.unwrap_or_default();
        let size = record.s3.object.size.unwrap_or_default();
        println!("thumbnail for s3://{bucket}/{key} ({size} bytes)");
    }
    Ok(())
}

stack! {
    ThumbnailStack {
        bucket uploads;
        bucket thumbnails;

        uploads.on_object_created(prefix = "images/", suffix = ".jpg") => make_thumbnail;

        grant make_thumbnail read uploads;
        grant make_thumbnail write thumbnails;

        output uploads_bucket = uploads.name;
        output thumbnails_bucket = thumbnails.name;
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(ThumbnailStack::app())
}
