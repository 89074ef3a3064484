//! Loading and readiness: the form, its elements, and the first state.

use stripe_checkout::components::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

#[wasm_bindgen_test]
async fn it_goes_from_loading_to_ready_with_one_submit_button() {
    let m = ready(config()).await;
    assert_eq!(
        m.entries()[..2],
        ["state:ready".to_string(), "ready".into()]
    );
    assert!(m.has("ready"));
    let buttons = m.host.query_selector_all("button").unwrap();
    assert_eq!(buttons.length(), 1);
    let button: web_sys::HtmlButtonElement = buttons.item(0).unwrap().unchecked_into();
    assert_eq!(button.type_(), "submit");
    assert_eq!(button.text_content().unwrap(), "Pay $19.99");
    assert!(m
        .host
        .query_selector(".sim-address-element")
        .unwrap()
        .is_some());
    fill_all();
    m.wait_for("change:true").await;
    let changes = || {
        m.entries()
            .iter()
            .filter(|e| e.starts_with("change:"))
            .count()
    };
    let before = changes();
    // Every field `StripePaymentElementChangeEvent` (payment.d.ts) requires.
    js("__stripeSim.emit('payment', 'change', \
        {elementType: 'payment', empty: false, complete: false, collapsed: false, value: {type: 'card'}})");
    sleep(20).await;
    assert_eq!(
        changes(),
        before + 1,
        "one element change, one change report"
    );
    assert_eq!(m.entries().last().unwrap(), "change:false");
}

#[wasm_bindgen_test]
async fn a_secret_key_makes_the_checkout_unavailable_with_a_reason() {
    let m = mount(CheckoutConfig {
        publishable_key: "sk_test_oops".into(),
        ..config()
    })
    .await;
    m.wait_for("state:unavailable").await;
    assert!(
        m.text("[role=alert]").contains("secret key"),
        "{}",
        m.text("[role=alert]")
    );
    assert_eq!(calls("Stripe"), 0, "Stripe.js never saw the key");
}

#[wasm_bindgen_test]
async fn an_element_load_error_makes_the_checkout_unavailable() {
    let m = ready(config()).await;
    js(
        "__stripeSim.emit('payment', 'loaderror', {elementType: 'payment', \
        error: {type: 'invalid_request_error', message: 'Invalid currency'}})",
    );
    m.wait_for("state:unavailable").await;
    let alert = m.text("[role=alert]");
    assert!(alert.contains("Invalid currency"), "{alert}");
}
