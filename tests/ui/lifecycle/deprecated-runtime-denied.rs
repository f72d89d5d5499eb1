#![deny(deprecated)]

use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs20.x",
            handler: "index.handler",
            code: "lambda",
        }
    }
}

fn main() {}
