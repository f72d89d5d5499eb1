use stackforge::prelude::*;

stack! {
    Hello {
        api public {
            stage: "prod",
        }
    }
}

fn main() {}
