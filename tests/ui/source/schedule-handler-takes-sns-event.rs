use stackforge::prelude::*;

#[lambda_function]
async fn cleanup(_event: SnsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Nightly {
        schedule nightly = "cron(0 3 * * ? *)" => cleanup;
    }
}

fn main() {}
