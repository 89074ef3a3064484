//! Mounts the custom-form example (trunk builds it; `boot.js` starts it).
fn main() {
    leptos::mount::mount_to_body(example_custom_form::App);
}
