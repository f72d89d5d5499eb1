use stackforge::prelude::*;

stack! {
    Storage {
        bucket uploads;
        bucket uploads;
    }
}

fn main() {}
