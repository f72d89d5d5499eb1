use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { visibility_timeout: 43201 }
    }
}

fn main() {}
