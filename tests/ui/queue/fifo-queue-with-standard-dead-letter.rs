use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { fifo: true, dead_letter: failed_jobs, max_receive_count: 5 }
        queue failed_jobs;
    }
}

fn main() {}
