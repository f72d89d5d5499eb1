use stackforge::prelude::*;

stack! {
    Legacy {
        role lambda_role;
        function worker {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            role: lamda_role,
        }
    }
}

fn main() {}
