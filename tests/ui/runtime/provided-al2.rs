use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "provided.al2",
            handler: "bootstrap",
            code: "lambda",
        }
    }
}

fn main() {}
