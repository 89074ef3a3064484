//! The embed's card-only build (`--no-default-features --features checkout`): checkouts with
//! `data-express-checkout="off"`, no email field, in payment mode.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
fn main() {
    stripe_checkout_embed::mount_all();
}
