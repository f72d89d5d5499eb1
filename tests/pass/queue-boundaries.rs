use stackforge::prelude::*;

stack! {
    QueueBoundaries {
        queue instant { visibility_timeout: 0, retention: 60 }
        queue slow {
            visibility_timeout: 43200,
            retention: 1209600,
            dead_letter: slow_failures,
            max_receive_count: 1,
        }
        queue slow_failures { name: "slow-failures_1" }
        // A FIFO queue's name ends in `.fifo`, and its dead-letter queue is FIFO too.
        queue ordered {
            fifo: true,
            name: "ordered.fifo",
            dead_letter: ordered_failures,
            max_receive_count: 1000,
        }
        queue ordered_failures { fifo: true }
        queue unordered { fifo: false, name: "unordered" }
    }
}

fn main() {
    assert!(QueueBoundaries::handlers().is_empty());
}
