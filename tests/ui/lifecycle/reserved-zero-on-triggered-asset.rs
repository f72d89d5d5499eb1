use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs;
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            reserved_concurrency: 0,
        }
        jobs.on_message() => worker;
    }
}

fn main() {}
