//! The embed's host lifecycle against the Stripe.js simulator, in headless Chromium: hosts
//! that leave the page are unmounted, hosts added later are mounted, bad attributes are named.
#![cfg(target_arch = "wasm32")]

#[path = "../../stripe-js/tests/support/mod.rs"]
mod support;

use stripe_checkout_embed::mount_all;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A checkout host with valid attributes (the simulator as Stripe.js), not yet in the page.
fn host(extra: &[(&str, &str)]) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    let url = sim_url();
    let attributes = [
        ("data-stripe-checkout", ""),
        ("data-publishable-key", "pk_test_123"),
        ("data-amount", "2500"),
        ("data-currency", "usd"),
        ("data-endpoint", "/pay"),
        ("data-return-url", "https://shop.example/thanks"),
        ("data-redirect", "never"),
        ("data-stripe-js-url", url.as_str()),
    ];
    for (name, value) in attributes.iter().chain(extra) {
        host.set_attribute(name, value).unwrap();
    }
    host
}

fn state(host: &web_sys::HtmlElement) -> String {
    host.get_attribute("data-state").unwrap_or_default()
}

async fn until_state(host: &web_sys::HtmlElement, wanted: &str) {
    for _ in 0..300 {
        if state(host) == wanted {
            return;
        }
        sleep(10).await;
    }
    panic!("data-state stayed {:?}, never {wanted:?}", state(host));
}

/// The text of the first element matching `selector` in `host`.
fn text(host: &web_sys::HtmlElement, selector: &str) -> String {
    host.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn body() -> web_sys::HtmlElement {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
}

/// Mounts `host` and checks that it is refused with an alert naming `attribute`; returns the
/// alert's text and removes the host.
async fn refused(host: web_sys::HtmlElement, attribute: &str) -> String {
    body().append_child(&host).unwrap();
    mount_all();
    until_state(&host, "unavailable").await;
    let alert = text(&host, "[role=alert]");
    assert!(alert.starts_with(&format!("{attribute}:")), "{alert}");
    host.remove();
    alert
}

fn live_listeners() -> f64 {
    js_f64(
        "return ['payment', 'address', 'expressCheckout'].flatMap(t => ['ready', 'change', \
         'loaderror', 'click', 'confirm', 'cancel', 'shippingaddresschange', \
         'shippingratechange'].map(e => __stripeSim.listenerCount(t, e))) \
         .reduce((a, b) => a + b, 0)",
    )
}

#[wasm_bindgen_test]
async fn a_removed_host_is_unmounted_and_a_host_added_later_is_mounted() {
    unload_stripe(); // a fresh Stripe.js, so this test sees the one `Stripe()` call
    sim().await;
    let first = host(&[]);
    body().append_child(&first).unwrap();
    mount_all();
    until_state(&first, "ready").await;
    assert!(live_listeners() > 0.0);

    first.remove();
    sleep(20).await;
    assert_eq!(
        calls("element.destroy"),
        3,
        "wallet buttons, payment and address destroyed"
    );
    assert_eq!(live_listeners(), 0.0, "every listener off");
    assert!(!first.has_attribute("data-stripe-mounted"));
    assert_eq!(first.child_element_count(), 0, "the form is gone");
    // The attribute observer is disconnected: changing the removed host does nothing.
    first.set_attribute("data-amount", "9900").unwrap();
    sleep(20).await;
    assert_eq!(calls("elements.update"), 0);

    // A single-page storefront shows the checkout again: a new host, and the old one back.
    let second = host(&[]);
    body().append_child(&second).unwrap();
    body().append_child(&first).unwrap();
    until_state(&second, "ready").await;
    until_state(&first, "ready").await;
    assert_eq!(
        calls("elements.create"),
        9,
        "two new forms, three elements each"
    );
    assert_eq!(
        calls("Stripe"),
        1,
        "every host shares one Stripe instance per key"
    );
    assert_eq!(js_f64("return window.__stripeSimLoads"), 1.0);

    // Moving a host within the page keeps it mounted.
    let destroyed = calls("element.destroy");
    body().append_child(&second).unwrap();
    sleep(20).await;
    assert_eq!(calls("element.destroy"), destroyed);
    assert_eq!(state(&second), "ready");

    first.remove();
    second.remove();
    sleep(20).await;
    assert_eq!(live_listeners(), 0.0);
}

#[wasm_bindgen_test]
async fn an_underscore_locale_names_the_attribute_instead_of_throwing() {
    sim().await;
    let alert = refused(host(&[("data-locale", "en_US")]), "data-locale").await;
    assert!(alert.contains("\"en_US\""), "{alert}");

    let good = host(&[("data-locale", "fr-CA")]);
    body().append_child(&good).unwrap();
    mount_all();
    until_state(&good, "ready").await;
    let label = text(&good, "button[type=submit]");
    assert!(label.contains("25,00"), "French-Canadian amount: {label}");
    good.remove();
}

#[wasm_bindgen_test]
async fn setup_mode_refuses_an_amount_and_saves_without_one() {
    sim().await;
    refused(host(&[("data-mode", "setup")]), "data-amount").await;

    let good = host(&[
        ("data-mode", "setup"),
        ("data-email", "collect"),
        ("data-express-checkout", "off"),
    ]);
    good.remove_attribute("data-amount").unwrap();
    body().append_child(&good).unwrap();
    mount_all();
    until_state(&good, "ready").await;
    assert_eq!(text(&good, "button[type=submit]"), "Save card");
    let created = js_string(
        "return __stripeSim.calls.filter(c => c.method === 'elements.create').map(c => c.args[0]).join()",
    );
    assert_eq!(
        created, "linkAuthentication,payment",
        "no shipping address to save a card"
    );
    good.remove();
}

#[wasm_bindgen_test]
async fn setup_future_usage_reaches_elements_and_a_setup_refuses_it() {
    sim().await;
    let saving = host(&[("data-setup-future-usage", "off_session")]);
    body().append_child(&saving).unwrap();
    mount_all();
    until_state(&saving, "ready").await;
    let options = js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'elements').pop().args[0])",
    );
    assert!(
        options.contains(r#""setupFutureUsage":"off_session""#),
        "{options}"
    );
    saving.remove();

    let both = host(&[
        ("data-mode", "setup"),
        ("data-setup-future-usage", "on_session"),
    ]);
    both.remove_attribute("data-amount").unwrap();
    refused(both, "data-setup-future-usage").await;
}

/// Every JSON attribute is strict: a misspelt key, at any depth, is refused with the attribute,
/// the key and its path named (it used to be dropped without a word).
#[wasm_bindgen_test]
fn a_misspelt_key_in_each_json_attribute_names_the_attribute_and_the_key() {
    for (attribute, json, prefix) in [
        (
            "data-appearance",
            r#"{"theem": "night"}"#,
            "unknown field `theem`, expected",
        ),
        (
            "data-shipping",
            r#"{"name": "Jane", "adress": {"line1": "1 Main St", "country": "US"}}"#,
            "unknown field `adress`, expected",
        ),
        (
            "data-shipping",
            r#"{"name": "Jane", "address": {"line1": "1 Main St", "contry": "US"}}"#,
            "address: unknown field `contry`, expected",
        ),
        (
            "data-billing-details",
            r#"{"emial": "jane@example.com"}"#,
            "unknown field `emial`, expected",
        ),
        (
            "data-billing-details",
            r#"{"address": {"postcode": "94107"}}"#,
            "address: unknown field `postcode`, expected",
        ),
        (
            "data-shipping-rates",
            r#"[{"id": "a", "amount": 0, "displayName": "A", "deliveryEstimat": "2 days"}]"#,
            "[0]: unknown field `deliveryEstimat`, expected",
        ),
    ] {
        let error = stripe_checkout_embed::read_checkout(&host(&[(attribute, json)]))
            .err()
            .unwrap_or_else(|| panic!("{attribute}={json} was taken"));
        assert_eq!(error.attribute, attribute, "{error}");
        assert!(error.message.starts_with(prefix), "{error}");
    }
}

/// `data-request-body` is checked by the library's `RequestBody`: the issue's trailing comma is
/// named with its place (in the browser's words) when the attribute is read, not reported as a
/// network failure at Pay.
#[wasm_bindgen_test]
fn a_request_body_with_a_trailing_comma_is_named_when_read() {
    let body = r#"{"items": [{"id": "tshirt", "quantity": 1}],}"#;
    let error = stripe_checkout_embed::read_checkout(&host(&[("data-request-body", body)]))
        .err()
        .unwrap()
        .to_string();
    assert!(
        error.starts_with("data-request-body: is not valid JSON (SyntaxError: ")
            && error.contains("column 45"),
        "{error}"
    );
}

/// The extra-options attributes pass Stripe.js options we have not modelled: strict JSON
/// objects, and a key that a typed attribute sets is refused naming both attributes.
#[wasm_bindgen_test]
fn extra_options_attributes_are_json_objects_that_leave_typed_attributes_alone() {
    for (attribute, json, message) in [
        (
            "data-payment-element-options",
            r#"{"layout": "accordion"}"#,
            "`layout` is what data-layout sets: use data-layout, not both",
        ),
        (
            "data-payment-element-options",
            r#"{"defaultValues": {}}"#,
            "`defaultValues` is what data-billing-details sets: use data-billing-details, not both",
        ),
        (
            "data-payment-element-options",
            r#"{"readOnly": true}"#,
            "`readOnly` is a typed option of the checkout: it cannot be passed here",
        ),
        (
            "data-payment-element-options",
            r#"["card"]"#,
            r#"expected an object, got ["card"]"#,
        ),
        (
            "data-address-element-options",
            r#"{"allowedCountries": ["US"]}"#,
            "`allowedCountries` is what data-allowed-countries sets: use data-allowed-countries, not both",
        ),
        (
            "data-address-element-options",
            r#"{"validation": {}}"#,
            "`validation` is what data-phone sets: use data-phone, not both",
        ),
        (
            "data-express-checkout-options",
            r#"{"shippingRates": []}"#,
            "`shippingRates` is what data-shipping-rates sets: use data-shipping-rates, not both",
        ),
        // Typed options the checkout sets itself stay refused.
        (
            "data-address-element-options",
            r#"{"mode": "billing"}"#,
            "`mode` is a typed option of the checkout: it cannot be passed here",
        ),
        (
            "data-express-checkout-options",
            r#"{"phoneNumberRequired": true}"#,
            "`phoneNumberRequired` is a typed option of the checkout: it cannot be passed here",
        ),
    ] {
        let error = stripe_checkout_embed::read_checkout(&host(&[(attribute, json)]))
            .err()
            .unwrap_or_else(|| panic!("{attribute}={json} was taken"));
        assert_eq!(error.attribute, attribute, "{error}");
        assert_eq!(error.message, message, "{error}");
    }
    let error = stripe_checkout_embed::read_checkout(&host(&[(
        "data-express-checkout-options",
        "{buttonTheme: 1}",
    )]))
    .err()
    .unwrap();
    assert!(
        error
            .to_string()
            .starts_with("data-express-checkout-options: is not valid JSON (SyntaxError: "),
        "{error}"
    );
    let (config, _) = stripe_checkout_embed::read_checkout(&host(&[
        ("data-layout", "accordion"),
        // Unmodelled options, and typed ones no attribute sets (`terms`, `wallets`,
        // `autocomplete`, `buttonHeight` …): an HTML shop has no other way to set those.
        (
            "data-payment-element-options",
            r#"{"paymentMethodOrder": ["card"], "business": {"name": "Shop"}, "terms": {"card": "never"}, "wallets": {"applePay": "never"}}"#,
        ),
        (
            "data-address-element-options",
            r#"{"contacts": [], "autocomplete": {"mode": "disabled"}}"#,
        ),
        (
            "data-express-checkout-options",
            r#"{"buttonTheme": {"applePay": "black"}, "buttonHeight": 48}"#,
        ),
    ]))
    .unwrap();
    assert_eq!(
        config.payment_element.extra.as_json(),
        Some(
            r#"{"paymentMethodOrder": ["card"], "business": {"name": "Shop"}, "terms": {"card": "never"}, "wallets": {"applePay": "never"}}"#
        )
    );
    assert_eq!(
        config.address_element.extra.as_json(),
        Some(r#"{"contacts": [], "autocomplete": {"mode": "disabled"}}"#)
    );
    let express = config.express.unwrap();
    assert_eq!(
        express.extra.as_json(),
        Some(r#"{"buttonTheme": {"applePay": "black"}, "buttonHeight": 48}"#)
    );
    // Merged after the typed options, so Stripe.js gets them.
    let written = js_sys::JSON::stringify(&stripe_checkout::stripe::ToJs::to_js(
        &config.payment_element,
    ))
    .unwrap();
    assert!(
        String::from(written).contains(r#""terms":{"card":"never"}"#),
        "terms reach the Payment Element"
    );
}

/// `data-customer-session-client-secret` reaches Elements as `customerSessionClientSecret`;
/// anything not shaped like a CustomerSession's secret is refused, naming the attribute.
#[wasm_bindgen_test]
fn a_customer_session_secret_reaches_elements_and_anything_else_is_refused() {
    let attribute = "data-customer-session-client-secret";
    let (config, _) =
        stripe_checkout_embed::read_checkout(&host(&[(attribute, "cuss_secret_Ab9_z")]))
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        config.customer_session_client_secret.as_deref(),
        Some("cuss_secret_Ab9_z")
    );
    for bad in [
        "cuss_secret_",
        "pi_123_secret_456",
        "cuss_secret_a b",
        "cuss_secret_a\"><script>",
        "sk_test_123",
    ] {
        let error = stripe_checkout_embed::read_checkout(&host(&[(attribute, bad)]))
            .err()
            .unwrap_or_else(|| panic!("{bad:?} was taken"));
        assert_eq!(error.attribute, attribute, "{error}");
        assert!(error.message.contains("cuss_secret_"), "{error}");
    }
}

#[wasm_bindgen_test]
async fn a_status_host_names_a_bad_order_status_endpoint() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    for (name, value) in [
        ("data-stripe-checkout-status", ""),
        ("data-publishable-key", "pk_test_123"),
        ("data-stripe-js-url", sim_url().as_str()),
        ("data-order-status-endpoint", "http://["),
    ] {
        host.set_attribute(name, value).unwrap();
    }
    body().append_child(&host).unwrap();
    mount_all();
    for _ in 0..300 {
        if host.get_attribute("data-status").is_some() {
            break;
        }
        sleep(10).await;
    }
    assert_eq!(host.get_attribute("data-status").as_deref(), Some("error"));
    assert_eq!(
        text(&host, "[role=alert]"),
        "data-order-status-endpoint: \"http://[\" is not a valid URL"
    );
    host.remove();
}
