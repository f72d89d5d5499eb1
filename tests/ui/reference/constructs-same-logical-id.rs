use stackforge::prelude::*;

stack! {
    Storage {
        bucket uploads;
        bucket uploads_bucket;
    }
}

fn main() {}
