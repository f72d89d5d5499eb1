use stackforge::prelude::*;

#[lambda_function(
    memory = 10240,
    timeout = 900,
    name = "every-setting",
    description = "Every attribute key at a boundary value",
    architecture = arm64,
    environment = { TABLE = "items", MODE = "strict" },
    reserved_concurrency = 900,
    ephemeral_storage = 10240,
    log_retention = 3653,
    tracing = active,
)]
async fn everything(event: S3Event) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

#[lambda_function(memory = 128, timeout = 1, ephemeral_storage = 512, log_retention = 1)]
async fn smallest(event: S3Event, context: Context) -> Result<(), Error> {
    let _ = (event, context);
    Ok(())
}

stack! {
    Boundaries {
        bucket uploads;
        uploads.on_object_created() => everything;
        uploads.on_object_removed(prefix = "a/", suffix = ".b") => smallest;
    }
}

fn main() {
    assert_eq!(Boundaries::handlers().len(), 2);
}
