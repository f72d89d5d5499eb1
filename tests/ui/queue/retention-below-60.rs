use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { retention: 59 }
    }
}

fn main() {}
