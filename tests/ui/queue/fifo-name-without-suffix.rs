use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { fifo: true, name: "jobs" }
    }
}

fn main() {}
