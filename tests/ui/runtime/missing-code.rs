use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
        }
    }
}

fn main() {}
