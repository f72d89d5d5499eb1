use stackforge::prelude::*;

stack! {
    Storage {
        bucket uploads { nmae: "my-uploads" }
    }
}

fn main() {}
