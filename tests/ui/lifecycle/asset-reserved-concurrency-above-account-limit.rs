use stackforge::prelude::*;

stack! {
    Jobs {
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            reserved_concurrency: 901,
        }
    }
}

fn main() {}
