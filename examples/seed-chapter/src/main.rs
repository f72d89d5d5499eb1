//! The Lambda chapter of the AWS CDK guide, in Stackforge, corrected where the chapter is wrong.
//!
//! Each topic of the chapter is marked below with its number.

use stackforge::prelude::*;

/// Topics 4 and 7: runs for every object created in `my_bucket`; errors are logged and
/// returned, so that Lambda records the failed invocation.
#[lambda_function(memory = 512, timeout = 60, log_retention = 7)]
async fn process_upload(event: S3Event) -> Result<(), Error> {
    for record in event.records {
        let key = record.s3.object.key.unwrap_or_default();
        if key.is_empty() {
            let error: Error = "S3 record without an object key".into();
            eprintln!("Error: {error}");
            return Err(error);
        }
        println!("new object: {key}");
    }
    Ok(())
}

stack! {
    SeedChapterStack {
        // Topic 2: a function from the `lambda` folder. The chapter's `NODEJS_14_X` can no
        // longer be deployed (AWS blocks creating functions on it), so this is `nodejs24.x`;
        // its 30 s timeout is 29 s here, the most a REST API waits for an integration.
        function my_lambda_function {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            memory: 256,
            timeout: 29,
            name: "MyLambdaFunction",
            role: lambda_role,
        }

        // Topic 3: the REST API, with `GET` and `POST` on `/resource` through Lambda proxy
        // integrations.
        api my_api_gateway {
            "/resource" { GET => my_lambda_function, POST => my_lambda_function }
        }

        // Topics 4 and 5: S3 reaches Lambda through a bucket notification. The chapter's
        // `addEventSourceMapping` on the bucket ARN cannot work: S3 is no poll-based source.
        bucket my_bucket;
        my_bucket.on_object_created() => process_upload;
        grant process_upload read my_bucket;

        // Topic 6: an explicit role assumed by Lambda. `s3:GetObject` acts on objects, so
        // the resource is `my_bucket.objects` (`arn:...:my-bucket/*`), not the bucket ARN.
        role lambda_role;
        allow lambda_role ["s3:GetObject"] on my_bucket.objects;

        output api_url = my_api_gateway.url;
        output bucket_name = my_bucket.name;
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(SeedChapterStack::handlers())
}
