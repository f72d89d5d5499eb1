use stackforge::prelude::*;

stack! {}

fn main() {}
