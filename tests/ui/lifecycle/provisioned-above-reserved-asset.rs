use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs;
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            reserved_concurrency: 5,
        }
        jobs.on_message() => worker;
        alias worker.live { provisioned_concurrency: 10 }
    }
}

fn main() {}
