use stackforge::prelude::*;

stack! {
    Roles {
        role worker { managed_policies: ["AWSLambdaBasicExecutionRole"] }
    }
}

fn main() {}
