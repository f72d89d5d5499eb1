use stackforge::prelude::*;

stack! {
    Jobs {
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            timeout: 60,
        }
        queue jobs { visibility_timeout: 30 }
        jobs.on_message() => worker;
    }
}

fn main() {}
