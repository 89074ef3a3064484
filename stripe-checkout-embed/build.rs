//! Links the embed's wasm with a 128 KiB shadow stack instead of Rust's default 1 MiB: linear
//! memory starts (and, without deep recursion, stays) that much smaller, and it counts against the
//! page's memory. The stack is placed first in memory (`--stack-first`, Rust's default for wasm),
//! so an overflow traps instead of overwriting data. Only the binary trunk builds is affected; the
//! tests link with the default.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=-zstack-size=131072");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
