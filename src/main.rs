//! The storefront embed's entry point (built by trunk, started by `embed.js`).
fn main() {
    stripe_checkout::embed::mount_all();
}
