use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { dead_letter: jobs, max_receive_count: 5 }
    }
}

fn main() {}
