//! The Lambda chapter of the AWS CDK guide, in Stackforge, corrected where the chapter is wrong.
//!
//! Each topic of the chapter is marked below with its number.

use stackforge::prelude::*;

/// Topics 4 and 7: runs for every object created in `my_bucket`; errors are logged and
/// returned, so that Lambda retries the event and then hands it to `failed_events`.
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

/// Topic 5: reads the change stream of `my_table`, five records at a time, from the oldest.
#[lambda_function(timeout = 30, log_retention = 7, log_format = json, application_log_level = warn)]
async fn process_changes(event: DynamoDbEvent) -> Result<(), Error> {
    println!("{} changes", event.records.len());
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

        // Topic 5, as the chapter meant it: an event source mapping with a batch size of 5
        // from the oldest record, on a source that is polled (a DynamoDB stream).
        table my_table { partition_key: "id", stream: new_and_old_images }
        my_table.on_record(batch_size = 5, starting_position = TRIM_HORIZON) => process_changes;

        // Topic 7: S3 invokes `process_upload` asynchronously; a failed event is retried
        // once, then recorded in `failed_events`.
        function process_upload { retry_attempts: 1, on_failure: failed_events }
        queue failed_events { retention: 1209600 }

        // Topic 6: an explicit role assumed by Lambda. `s3:GetObject` acts on objects, so
        // the resource is `my_bucket.objects` (`arn:...:my-bucket/*`), not the bucket ARN.
        role lambda_role;
        allow lambda_role ["s3:GetObject"] on my_bucket.objects;

        // Topics 8 and 10: a published version with the alias `prod`, and the alias `v2`
        // with two provisioned concurrent executions, which takes the API's requests. The
        // chapter's `additionalVersions: [myLambdaFunction]` routes to the unpublished
        // function, which Lambda refuses: weighted routing names a published version, as in
        // `alias my_lambda_function.v2 { additional_version: "1", additional_weight: 0.1 }`.
        alias my_lambda_function.prod;
        alias my_lambda_function.v2 { provisioned_concurrency: 2 }

        // Topic 9: the chapter reads the average `Duration` with the CLI; an alarm watches it.
        topic ops_alerts;
        alarm slow_requests {
            function: my_lambda_function,
            metric: duration,
            statistic: average,
            threshold: 20000,
            period: 300,
            evaluation_periods: 1,
            actions: [ops_alerts],
        }

        output api_url = my_api_gateway.url;
        output bucket_name = my_bucket.name;
    }
}

fn main() -> Result<(), Error> {
    stackforge::run(SeedChapterStack::app())
}
