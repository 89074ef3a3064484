//! The storefront embed's entry point (built by trunk).
fn main() {}
