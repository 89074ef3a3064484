//! Mounts the cart example (trunk builds it; `boot.js` starts it).
fn main() {
    leptos::mount::mount_to_body(example_cart::App);
}
