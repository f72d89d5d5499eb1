use stackforge::prelude::*;

stack! {
    Legacy {
        function worker {
            runtime: "nodejs24.x",
            code: "lambda",
        }
    }
}

fn main() {}
