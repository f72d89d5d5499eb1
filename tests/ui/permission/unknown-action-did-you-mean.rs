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
        allow worker ["s3:GetObjekt"] on archive.objects;
    }
}

fn main() {}
