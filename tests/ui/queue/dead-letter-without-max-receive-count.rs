use stackforge::prelude::*;

stack! {
    Jobs {
        queue jobs { dead_letter: failed_jobs }
        queue failed_jobs;
    }
}

fn main() {}
