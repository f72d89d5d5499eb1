use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "../lambda",
        }
    }
}

fn main() {}
