use stackforge::prelude::*;

#[lambda_function(reserved_concurrency = 400)]
async fn worker(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

/// Log levels with the JSON format.
#[lambda_function(log_format = json, application_log_level = trace, system_log_level = fatal)]
async fn cleanup(_event: EventBridgeEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    LifecycleBoundaries {
        queue jobs;
        queue failed;
        topic alerts;
        event_bus shop;
        jobs.on_message() => worker;
        schedule nightly = "rate(1 day)" => cleanup;
        schedule hourly = "rate(1 hour)" => legacy;

        // Provisioned concurrency from 1 up to the reserved concurrency, on one alias.
        alias worker.live { provisioned_concurrency: 400 }
        alias worker.canary { additional_version: "1", additional_weight: 0.01 }
        version cleanup;
        alias cleanup.live { provisioned_concurrency: 1 }
        alias cleanup.blue { additional_version: "12", additional_weight: 0.99 }

        // Asynchronous invocation at both ends; destinations of every kind.
        function cleanup {
            retry_attempts: 0,
            max_event_age: 60,
            on_success: alerts,
            on_failure: failed,
            dead_letter: failed,
        }
        // The account's 1,000 less the 100 kept unreserved, shared with `worker`.
        function legacy {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            reserved_concurrency: 500,
            retry_attempts: 2,
            max_event_age: 21600,
            on_success: shop,
            on_failure: cleanup,
            dead_letter: alerts,
            log_format: json,
            system_log_level: warn,
        }
        alias legacy.live { provisioned_concurrency: 500 }
    }
}

fn main() {
    let names: Vec<&str> = LifecycleBoundaries::handlers().iter().map(|h| h.name).collect();
    assert_eq!(names, ["cleanup", "worker"]);
}
