//! `StripeProvider`: one Stripe.js, options changes, errors.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

#[wasm_bindgen_test]
async fn changing_an_immutable_elements_option_is_reported() {
    sim().await;
    let errors: Log = Arc::default();
    let e = errors.clone();
    let options = RwSignal::new(ElementsOptions::payment(100, "usd"));
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider
                stripe=PK
                options=options
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
                on_error=move |err: stripe_checkout::stripe::Error| e.lock().unwrap().push(err.to_string())
            >
                <PaymentElement />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    options.update(|o| o.loader = Some(Loader::Never));
    sleep(30).await;
    assert!(
        errors
            .lock()
            .unwrap()
            .iter()
            .any(|e| e.contains("loader cannot be changed")),
        "{:?}",
        errors.lock().unwrap()
    );
    assert_eq!(calls("elements.update"), 0);
}

fn loader() -> LoaderOptions {
    LoaderOptions {
        url: sim_url(),
        timeout_ms: 5_000,
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn a_provider_takes_the_future_load_stripe_returns() {
    sim().await;
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=load_stripe(PK, loader()) options=ElementsOptions::payment(100, "usd")>
                <PaymentElement />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    assert_eq!(calls("elements.create"), 1);
}

#[wasm_bindgen_test]
async fn a_provider_takes_a_local_resource_of_load_stripe() {
    sim().await;
    let _handle = leptos::mount::mount_to(container(), move || {
        let (key, loader) = (PK.to_owned(), loader());
        // Owned arguments: the closure hands the future copies, no borrow of its captures.
        let stripe = LocalResource::new(move || load_stripe(key.clone(), loader.clone()));
        view! {
            <StripeProvider stripe options=ElementsOptions::payment(100, "usd")>
                <PaymentElement />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    assert_eq!(calls("elements.create"), 1);
}

#[wasm_bindgen_test]
async fn a_provider_waits_while_its_stripe_signal_is_none() {
    sim().await;
    let stripe = RwSignal::new_local(None::<Stripe>);
    let host = container();
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <StripeProvider stripe options=ElementsOptions::payment(100, "usd") fallback=|| "waiting">
                <PaymentElement />
            </StripeProvider>
        }
    });
    sleep(30).await;
    assert_eq!(host.text_content().unwrap(), "waiting");
    assert_eq!(calls("elements"), 0);
    stripe.set(Some(load_stripe(PK, loader()).await.unwrap()));
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    // A later instance is ignored, as react-stripe-js ignores a changed `stripe` prop.
    stripe.set(Some(load_stripe(PK, loader()).await.unwrap()));
    sleep(30).await;
    assert_eq!(calls("elements"), 1);
}

#[wasm_bindgen_test]
async fn a_failed_future_is_reported_and_shown() {
    sim().await;
    let errors: Log = Arc::default();
    let e = errors.clone();
    let host = container();
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <StripeProvider
                stripe=load_stripe("sk_test_123", loader())
                options=ElementsOptions::payment(100, "usd")
                on_error=move |err: stripe_checkout::stripe::Error| e.lock().unwrap().push(err.to_string())
            >
                <PaymentElement />
            </StripeProvider>
        }
    });
    sleep(30).await;
    assert_eq!(
        errors.lock().unwrap().len(),
        1,
        "{:?}",
        errors.lock().unwrap()
    );
    assert!(host.query_selector("[role=alert]").unwrap().is_some());
    assert_eq!(calls("elements.create"), 0);
}

#[wasm_bindgen_test]
async fn a_provider_unmounted_before_its_future_resolves_makes_nothing() {
    sim().await;
    let slow = LoadStripe::new(async {
        sleep(50).await;
        load_stripe(PK, loader()).await
    });
    let handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=slow options=ElementsOptions::payment(100, "usd")>
                <PaymentElement />
            </StripeProvider>
        }
    });
    tick().await;
    drop(handle);
    sleep(100).await; // the future resolves for a provider that is gone: no panic, no Elements
    assert_eq!(calls("elements"), 0);
}
