//! Server-side rendering: the components render with Leptos's SSR renderer on a native target,
//! where there is no `window` and every call into Stripe.js (a wasm-bindgen import) panics.
//! The server renders each component's placeholder; loading and mounting wait for the browser.
#![cfg(not(target_arch = "wasm32"))]

use any_spawner::Executor;
use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::ElementsOptions;

const PK: &str = "pk_test_123";

/// Renders `view` to HTML the way a server does: inside a reactive owner, with an executor that
/// then runs every task the render spawned (a task calling Stripe.js would panic here).
fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    // One executor per process (the first test sets it); its local tasks run per thread.
    let _ = Executor::init_futures_executor();
    let owner = Owner::new();
    let html = owner.with(|| view().into_view().to_html());
    Executor::poll_local();
    drop(owner);
    html
}

/// Nothing of Stripe.js reaches the page a server renders.
fn assert_no_stripe_js(html: &str) {
    assert!(!html.contains("<script"), "a script in {html}");
    assert!(!html.contains("js.stripe.com"), "Stripe.js in {html}");
}

#[test]
fn provider_renders_its_fallback_and_no_element() {
    let html = render(|| {
        view! {
            <StripeProvider
                stripe=PK
                options=ElementsOptions::payment(2500, "usd")
                fallback=|| view! { <p class="loading">"Loading payment form"</p> }
            >
                <PaymentElement />
                <AddressElement />
            </StripeProvider>
        }
    });
    assert!(
        html.contains(r#"<p class="loading">Loading payment form</p>"#),
        "no fallback in {html}"
    );
    // The elements are the provider's children: they render once Stripe.js has loaded.
    assert!(!html.contains("stripe-payment-element"), "{html}");
    assert!(!html.contains("stripe-address-element"), "{html}");
    assert_no_stripe_js(&html);
}

#[test]
fn elements_render_an_empty_mount_point() {
    // Outside a provider (or inside one the client has loaded) an element renders its empty
    // `<div>`; mounting is an Effect, which does not run on the server.
    let html = render(|| view! { <PaymentElement /><AddressElement /> });
    assert!(
        html.contains(r#"<div class="stripe-payment-element"></div>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<div class="stripe-address-element"></div>"#),
        "{html}"
    );
    assert_no_stripe_js(&html);
}

#[test]
fn checkout_renders_its_loading_placeholder() {
    let config = CheckoutConfig::new(PK, 2500, "usd", "/api/pay", "https://shop.example/return");
    let html = render(move || view! { <Checkout config=config /> });
    assert!(
        html.contains(r#"<p class="stripe-checkout-loading">Loading the payment form…</p>"#),
        "no placeholder in {html}"
    );
    // The form (and its Pay button) comes with the elements, in the browser.
    assert!(!html.contains("<form"), "{html}");
    assert!(!html.contains("<button"), "{html}");
    assert_no_stripe_js(&html);
}

#[test]
fn payment_status_renders_its_checking_placeholder() {
    let html = render(|| {
        view! {
            <PaymentStatus
                publishable_key=PK
                client_secret=Some("pi_123_secret_456".to_owned())
            />
        }
    });
    assert!(
        html.contains(r#"<p class="stripe-status-loading">Checking your payment…</p>"#),
        "no placeholder in {html}"
    );
    assert!(!html.contains("role=\"alert\""), "{html}");
    assert_no_stripe_js(&html);
}
