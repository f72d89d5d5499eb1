use stackforge::prelude::*;

stack! {
    Roles {
        role worker { name: "worker role" }
    }
}

fn main() {}
