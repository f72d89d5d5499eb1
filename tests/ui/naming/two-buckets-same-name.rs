use stackforge::prelude::*;

stack! {
    Storage {
        bucket uploads { name: "my-shared-bucket" }
        bucket archive { name: "my-shared-bucket" }
    }
}

fn main() {}
