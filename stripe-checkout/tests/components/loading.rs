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

/// With a CustomerSession whose saved cards cannot load (here the simulator's in-memory mode,
/// which has no session to ask: the Payment Element's `loaderror`), the form is made again over
/// a new Elements group without the session, says so, and gets ready for a typed card.
#[wasm_bindgen_test]
async fn saved_cards_that_cannot_load_give_a_form_for_a_typed_card_and_say_so() {
    let m = mount(CheckoutConfig {
        customer_session_client_secret: Some("cuss_secret_test".into()),
        ..config()
    })
    .await;
    m.wait_for("state:ready").await;
    assert!(!m.has("state:unavailable"), "{:?}", m.entries());
    let notice: web_sys::HtmlElement = m
        .host
        .query_selector(".stripe-checkout-notice")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!notice.hidden(), "the notice shows");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(
        notice.text_content().unwrap().trim(),
        "Your saved cards could not be loaded. Enter your card details."
    );
    let groups = js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'elements') \
         .map(c => 'customerSessionClientSecret' in c.args[0]))",
    );
    assert_eq!(
        groups, "[true,false]",
        "a second group, without the session"
    );
    assert!(m
        .host
        .query_selector("input[autocomplete=cc-number]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn without_a_customer_session_no_notice_shows() {
    let m = ready(config()).await;
    let notice: web_sys::HtmlElement = m
        .host
        .query_selector(".stripe-checkout-notice")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(notice.hidden());
}
