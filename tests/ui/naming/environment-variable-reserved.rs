use stackforge::prelude::*;

#[lambda_function(environment = { AWS_REGION = "eu-west-1" })]
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
