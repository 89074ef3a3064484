//! Server-side rendering: the components render with Leptos's SSR renderer on a native target,
//! where there is no `window` and every call into Stripe.js (a wasm-bindgen import) panics.
//! The server renders each component's placeholder; loading and mounting wait for the browser.
//!
//! Every public component and hook is rendered here, outside a provider and inside one. A
//! provider's children never render on the server (it shows its `fallback` until Stripe.js has
//! loaded, in the browser), so "inside a provider" means as its children. "With a loaded
//! `Stripe`" cannot happen natively: a `Stripe` comes only from Stripe.js (`load_stripe`,
//! `Stripe::new`), which does not exist on a server, so `StripeSource::Loaded` is built in the
//! browser only; natively a provider is always given a key, and renders what it would render with
//! an instance (its `fallback`: loading starts only in the browser either way).
//!
//! A call into a wasm-bindgen import (`web_sys::console`, `window()`, …) on a native target is
//! a panic inside an `extern "C"` function, which aborts the whole process: these tests would
//! not fail, they would kill the test binary (as one bad page would kill a server).
#![cfg(not(target_arch = "wasm32"))]

use any_spawner::Executor;
use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::{
    load_stripe, ElementsOptions, ExpressCheckoutOptions, LoaderOptions,
};

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
fn a_provider_given_a_stripe_future_or_resource_renders_its_fallback() {
    // `load_stripe` makes a future without running it; a LocalResource does not run on a server.
    let html = render(|| {
        let stripe = LocalResource::new(|| load_stripe(PK, LoaderOptions::default()));
        view! {
            <StripeProvider
                stripe=load_stripe(PK, LoaderOptions::default())
                options=ElementsOptions::payment(2500, "usd")
                fallback=|| view! { <p class="loading">"future"</p> }
            >
                <PaymentElement />
            </StripeProvider>
            <StripeProvider
                stripe
                options=ElementsOptions::payment(2500, "usd")
                fallback=|| view! { <p class="loading">"resource"</p> }
            >
                <PaymentElement />
            </StripeProvider>
        }
    });
    assert!(html.contains(r#"<p class="loading">future</p>"#), "{html}");
    assert!(
        html.contains(r#"<p class="loading">resource</p>"#),
        "{html}"
    );
    assert!(!html.contains("stripe-payment-element"), "{html}");
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

/// A shop's form component that calls every hook and shows what they return.
#[component]
fn HookReport() -> impl IntoView {
    let checkout = use_checkout(UseCheckoutOptions::new(
        "/api/pay",
        "https://shop.example/r",
    ));
    // A press of Pay outside a provider (or on the server) does nothing and calls nothing.
    checkout.pay.run(());
    let stripe = use_stripe()
        .map(|_| "loaded".to_owned())
        .unwrap_or_else(|e| e.to_string());
    let elements = use_elements()
        .map(|_| "loaded".to_owned())
        .unwrap_or_else(|e| e.to_string());
    let state = move || checkout.state.get().as_str();
    let failure = move || {
        checkout
            .failure
            .get()
            .map(|f| format!("{}: {}", f.kind.as_str(), f.message))
    };
    view! {
        <p class="state">{state}</p>
        <p class="failure">{failure}</p>
        <p class="stripe">{stripe}</p>
        <p class="elements">{elements}</p>
        <LinkAuthenticationElement />
        <ExpressCheckoutElement on_confirm=checkout.confirm_express options=ExpressCheckoutOptions::default() />
        <PaymentElement />
        <AddressElement />
    }
}

#[test]
fn hooks_outside_a_provider_say_so_on_the_server_too() {
    let html = render(|| view! { <HookReport /> });
    // use_checkout: Unavailable, and the failure names the hook (logged to stderr, not to a
    // browser console that the server does not have).
    assert!(
        html.contains(r#"<p class="state">unavailable</p>"#),
        "{html}"
    );
    assert!(
        html.contains(
            "integration_error: use_checkout() must be called inside &lt;StripeProvider&gt;"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<p class="stripe">use_stripe() must be called inside &lt;StripeProvider&gt;"#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<p class="elements">use_elements() must be called inside &lt;StripeProvider&gt;"#
        ),
        "{html}"
    );
    // Every element renders its empty mount point; mounting waits for the browser.
    for class in [
        "stripe-link-authentication-element",
        "stripe-express-checkout-element",
        "stripe-payment-element",
        "stripe-address-element",
    ] {
        assert!(
            html.contains(&format!(r#"<div class="{class}"></div>"#)),
            "no {class} in {html}"
        );
    }
    assert_no_stripe_js(&html);
}

#[test]
fn every_component_and_hook_inside_a_provider_waits_for_the_browser() {
    let config = CheckoutConfig::new(PK, 2500, "usd", "/api/pay", "https://shop.example/return");
    let html = render(move || {
        view! {
            <StripeProvider
                stripe=PK
                options=ElementsOptions::payment(2500, "usd")
                fallback=|| view! { <p class="loading">"Loading payment form"</p> }
            >
                <HookReport />
                <Checkout config=config.clone() />
                <PaymentStatus publishable_key=PK client_secret=None />
            </StripeProvider>
        }
    });
    assert!(
        html.contains(r#"<p class="loading">Loading payment form</p>"#),
        "no fallback in {html}"
    );
    // None of the children (hooks, elements, Checkout, PaymentStatus) ran on the server.
    for child in [
        "class=\"state\"",
        "stripe-",
        "<form",
        "Checking your payment",
    ] {
        assert!(!html.contains(child), "{child} in {html}");
    }
    assert_no_stripe_js(&html);
}

#[test]
fn a_provider_without_fallback_renders_nothing_of_its_children() {
    let html = render(|| {
        view! {
            <StripeProvider stripe=PK options=ElementsOptions::setup("usd")>
                <HookReport />
            </StripeProvider>
        }
    });
    assert!(!html.contains("<p"), "{html}");
    assert!(!html.contains("<div"), "{html}");
}

#[test]
fn checkout_in_setup_mode_and_with_a_secret_key_renders_its_placeholder() {
    // Nothing is checked or loaded on the server: even a refused key waits for the browser,
    // which says what is wrong.
    for key in [PK, "sk_test_123"] {
        let mut config =
            CheckoutConfig::new(key, 0, "usd", "/api/setup", "https://shop.example/return");
        config.mode = stripe_checkout::stripe::Mode::Setup;
        let html = render(move || view! { <Checkout config=config /> });
        assert!(html.contains("Loading the payment form…"), "{html}");
        assert_no_stripe_js(&html);
    }
}

#[test]
fn payment_status_without_or_with_a_bad_secret_renders_its_checking_placeholder() {
    for secret in [None, Some("not a secret".to_owned())] {
        let html =
            render(move || view! { <PaymentStatus publishable_key=PK client_secret=secret /> });
        assert!(html.contains("Checking your payment…"), "{html}");
        assert_no_stripe_js(&html);
    }
}

#[test]
fn the_browser_side_helpers_do_nothing_on_a_server() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    use stripe_checkout::backend::{post_token, random_key, PostError, TokenPost};
    use stripe_checkout::stripe::{ClientSecret, PaymentIntentStatus};

    assert_eq!(random_key(), None);
    let success = PaymentSuccess {
        status: PaymentIntentStatus::Succeeded,
        intent_id: "pi_1".into(),
        client_secret: ClientSecret::parse("pi_1_secret_2").unwrap(),
    };
    assert_eq!(
        return_url_with_result("https://shop.example/r", &success),
        None
    );
    let request = RequestExtras {
        headers: Vec::new(),
        body: Some(RequestBody::from_json(r#"{"items": []}"#).unwrap()),
    };
    let post = TokenPost {
        endpoint: "/pay",
        token_id: "ctoken_1",
        idempotency_key: "k",
        request: &request,
        email: None,
        timeout_ms: 1000,
    };
    let mut sent = std::pin::pin!(post_token(&post));
    let polled = sent.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    assert!(
        matches!(polled, Poll::Ready(Err(PostError::NotSent(_)))),
        "{polled:?}"
    );
}
