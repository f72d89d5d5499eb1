use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { name: "jobs.fifo" }
    }
}

fn main() {}
