use stackforge::prelude::*;

#[lambda_function]
struct Greet;

fn main() {}
