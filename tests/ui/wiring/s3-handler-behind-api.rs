use stackforge::prelude::*;

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    Hello {
        api public {
            "/upload" { POST => on_upload }
        }
    }
}

fn main() {}
