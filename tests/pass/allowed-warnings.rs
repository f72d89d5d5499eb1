//! Each warning is silenced by `#[allow(...)]` on its item: with `deny(deprecated)` any
//! warning left would fail the build.

#![deny(deprecated)]

use stackforge::prelude::*;

#[lambda_function(timeout = 10)]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

#[lambda_function]
async fn resize(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    AllowedWarnings {
        #[allow(deprecated_runtime)]
        function legacy {
            runtime: "nodejs20.x",
            handler: "index.handler",
            code: "lambda",
        }
        function legacy_worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            timeout: 10,
        }

        queue jobs { visibility_timeout: 30 }
        queue legacy_jobs { visibility_timeout: 30 }
        #[allow(short_visibility_timeout)]
        jobs.on_message() => worker;
        #[allow(short_visibility_timeout)]
        legacy_jobs.on_message() => legacy_worker;

        bucket uploads;
        bucket archive;
        #[allow(recursive_trigger)]
        uploads.on_object_created(prefix = "incoming/") => resize;
        grant resize read_write uploads;

        #[allow(wildcard_action)]
        allow resize ["s3:*"] on archive.objects;
    }
}

fn main() {}
