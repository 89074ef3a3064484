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
