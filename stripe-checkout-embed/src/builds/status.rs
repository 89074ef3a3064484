//! The embed's return-page build (`--no-default-features --features status`): `[data-stripe-checkout-status]`
//! hosts only.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
fn main() {
    stripe_checkout_embed::mount_all();
}
