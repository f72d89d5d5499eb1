use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            timeout: 30,
        }
        api public {
            "/work" { POST => worker }
        }
    }
}

fn main() {}
