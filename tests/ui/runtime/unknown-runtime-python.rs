use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "python3.15",
            handler: "index.handler",
            code: "lambda",
        }
    }
}

fn main() {}
