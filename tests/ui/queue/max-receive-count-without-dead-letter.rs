use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { max_receive_count: 5 }
    }
}

fn main() {}
