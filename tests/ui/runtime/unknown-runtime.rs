use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs26.x",
            handler: "index.handler",
            code: "lambda",
        }
    }
}

fn main() {}
