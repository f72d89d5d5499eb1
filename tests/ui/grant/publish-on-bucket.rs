use stackforge::prelude::*;

#[lambda_function]
async fn worker(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Uploads {
        bucket uploads;
        bucket archive;
        uploads.on_object_created() => worker;
        grant worker publish archive;
    }
}

fn main() {}
