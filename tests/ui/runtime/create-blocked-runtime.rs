use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs14.x",
            handler: "index.handler",
            code: "lambda",
        }
    }
}

fn main() {}
