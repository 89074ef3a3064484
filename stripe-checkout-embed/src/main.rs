//! The storefront embed's entry point (built by trunk, started by `embed.js`): the default
//! build, every checkout host (`--no-default-features --features checkout,express,email,setup`,
//! in `demo/index.html`). `src/builds/` holds the smaller builds' (same code, fewer features).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
fn main() {
    stripe_checkout_embed::mount_all();
}
