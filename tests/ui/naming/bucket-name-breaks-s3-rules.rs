use stackforge::prelude::*;

stack! {
    Storage {
        bucket upper { name: "Uploads-Bucket" }
        bucket short { name: "ab" }
        bucket edge { name: "-uploads" }
        bucket dots { name: "my..uploads" }
        bucket address { name: "192.168.5.4" }
        bucket prefix { name: "xn--uploads" }
        bucket suffix { name: "uploads-s3alias" }
    }
}

fn main() {}
