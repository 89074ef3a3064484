//! The Leptos components and the pay flow against the Stripe.js simulator and a scripted
//! backend, in headless Chromium.
#![cfg(target_arch = "wasm32")]

#[path = "../../stripe-js/tests/support/mod.rs"]
mod support;

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PK: &str = "pk_test_123";

type Log = Arc<Mutex<Vec<String>>>;

/// A mounted checkout: its host, what its callbacks reported, and the handle keeping it alive.
struct Mounted {
    host: web_sys::HtmlElement,
    log: Log,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn entries(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    fn has(&self, entry: &str) -> bool {
        self.entries().iter().any(|e| e == entry)
    }

    async fn wait_for(&self, entry: &str) {
        for _ in 0..300 {
            if self.has(entry) {
                return tick().await; // let the view catch up with the state
            }
            sleep(10).await;
        }
        panic!("never saw {entry:?}; log: {:?}", self.entries());
    }

    fn text(&self, selector: &str) -> String {
        self.host
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    fn pay(&self) {
        let form: web_sys::HtmlFormElement = self
            .host
            .query_selector("form")
            .unwrap()
            .unwrap()
            .unchecked_into();
        form.request_submit().unwrap();
    }

    async fn pay_and_settle(&self) {
        let settled = self.entries().len();
        self.pay();
        for _ in 0..300 {
            let log = self.entries();
            if log[settled..]
                .iter()
                .any(|e| e == "state:error" || e == "state:succeeded")
            {
                return;
            }
            sleep(10).await;
        }
        panic!("the payment never settled: {:?}", self.entries());
    }
}

/// `config` changed by `change`.
fn with<T>(mut config: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut config);
    config
}

fn config() -> CheckoutConfig {
    let mut checkout = UseCheckoutOptions::new("/pay", "https://shop.example/thanks");
    checkout.pay.redirect = false;
    checkout.request = Signal::stored(RequestExtras {
        headers: vec![("X-CSRF-Token".into(), "csrf-1".into())],
        body: Some(RequestBody::from_json(r#"{"items":[{"id":"tshirt","quantity":2}]}"#).unwrap()),
    });
    CheckoutConfig {
        checkout,
        loader: LoaderOptions {
            url: sim_url(),
            timeout_ms: 5_000,
            ..Default::default()
        },
        ..CheckoutConfig::new(PK, 1999, "usd", "/pay", "https://shop.example/thanks")
    }
}

fn shipping() -> Shipping {
    Shipping {
        name: "Jenny Rosen".into(),
        address: Address {
            line1: Some("1 Main St".into()),
            country: Some("US".into()),
            ..Default::default()
        },
        phone: None,
    }
}

async fn mount(config: CheckoutConfig) -> Mounted {
    sim().await;
    install_backend();
    mount_only(config)
}

/// Mounts a checkout on a fresh container, with the simulator as it is.
fn mount_only(config: CheckoutConfig) -> Mounted {
    let log: Log = Arc::default();
    let host = container();
    let l = log.clone();
    let on_event = move |event: CheckoutEvent| {
        let entry = match event {
            CheckoutEvent::State(s) => format!("state:{}", s.as_str()),
            CheckoutEvent::Ready => "ready".into(),
            CheckoutEvent::Change { complete } => format!("change:{complete}"),
            CheckoutEvent::Success(s) => {
                format!("success:{}:{}", s.intent_id, s.status.as_str())
            }
            CheckoutEvent::Error(f) => format!("error:{}:{}", f.kind.as_str(), f.message),
        };
        l.lock().unwrap().push(entry);
    };
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <Checkout config on_event /> }
    });
    Mounted {
        host,
        log,
        _handle: Box::new(handle),
    }
}

async fn ready(config: CheckoutConfig) -> Mounted {
    let m = mount(config).await;
    m.wait_for("state:ready").await;
    m
}

/// A checkout whose first payment the backend declined.
async fn declined() -> Mounted {
    let m = ready(config()).await;
    reply(
        r#"{status: 402, body: JSON.stringify({error: {message: 'Your card was declined.', type: 'card_error', code: 'card_declined'}})}"#,
    );
    fill_all();
    m.pay_and_settle().await;
    assert_eq!(m.text("[role=alert]"), "Your card was declined.");
    m
}

/// A checkout whose payment is in flight to a backend that never answers (it times out
/// after `timeout_ms`).
async fn paying_into_silence(timeout_ms: u32) -> Mounted {
    let m = ready(with(config(), |c| c.checkout.timeout_ms = timeout_ms)).await;
    reply("{hang: true}");
    fill_all();
    m.pay();
    m.wait_for("state:processing").await;
    m
}

fn fill_all() {
    js("__stripeSim.fillCard('4242424242424242'); \
        __stripeSim.fillAddress({name: 'Jenny Rosen', line1: '1 Main St', city: 'SF', \
        postal_code: '94107', country: 'US'})");
}

fn request(i: usize, field: &str) -> String {
    js_string(&format!(
        "const v = __backend.requests[{i}].{field}; return typeof v === 'string' ? v : JSON.stringify(v)"
    ))
}

fn requests() -> usize {
    js_f64("return __backend.requests.length") as usize
}

// ---- loading and readiness ----

/// Two POSTs of one token: same body, same Idempotency-Key, one token made, one submit.
fn assert_the_same_token_was_resent() {
    assert_eq!(requests(), 2);
    assert_eq!(request(0, "body"), request(1, "body"));
    assert_eq!(
        request(0, "headers['idempotency-key']"),
        request(1, "headers['idempotency-key']")
    );
    assert_eq!(calls("createConfirmationToken"), 1);
    assert_eq!(calls("elements.submit"), 1);
}

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
    js("__stripeSim.emit('payment', 'change', {elementType: 'payment', empty: false, complete: false})");
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

// ---- the pay flow ----

#[wasm_bindgen_test]
async fn pay_submits_first_then_makes_a_token_then_posts_it() {
    let m = ready(config()).await;
    fill_all();
    m.pay_and_settle().await;
    assert!(
        m.has("state:processing") && m.has("state:succeeded"),
        "{:?}",
        m.entries()
    );
    assert!(m.has("success:pi_ok:succeeded"));
    assert!(m.text("[role=status]").contains("successful"));
    let order = js_string(
        "return __stripeSim.calls.map(c => c.method)\
         .filter(m => ['elements.submit', 'address.getValue', 'createConfirmationToken'].includes(m)).join()",
    );
    assert_eq!(
        order,
        "elements.submit,address.getValue,createConfirmationToken"
    );
    let token = js_string("return Object.keys(__stripeSim.tokens)[0]");
    assert_eq!(requests(), 1);
    assert_eq!(request(0, "url"), "/pay");
    assert_eq!(request(0, "method"), "POST");
    assert_eq!(request(0, "credentials"), "same-origin");
    assert_eq!(
        request(0, "body"),
        format!(r#"{{"confirmationTokenId":"{token}","items":[{{"id":"tshirt","quantity":2}}]}}"#)
    );
    assert_eq!(request(0, "headers['content-type']"), "application/json");
    assert_eq!(request(0, "headers['x-csrf-token']"), "csrf-1");
    let key = request(0, "headers['idempotency-key']");
    assert_eq!(key.len(), 36, "a UUID: {key}");
    let uuid_v4 = key.char_indices().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => c == '-',
        14 => c == '4',
        _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
    });
    assert!(uuid_v4, "a lowercase v4 UUID: {key}");
    let params = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{token}'].params)"
    ));
    assert!(
        params.contains(r#""return_url":"https://shop.example/thanks""#),
        "{params}"
    );
    assert!(
        params.contains(r#""shipping":{"name":"Jenny Rosen""#),
        "{params}"
    );
}

#[wasm_bindgen_test]
async fn a_validation_error_stops_before_any_token_and_leaves_the_form_usable() {
    let m = ready(config()).await;
    m.pay_and_settle().await;
    assert!(m.has("state:error"));
    assert!(!m.text("[role=alert]").is_empty());
    assert_eq!(calls("createConfirmationToken"), 0);
    assert_eq!(requests(), 0);
    let focused = js_string("return document.activeElement.getAttribute('role') || ''");
    assert_eq!(focused, "alert", "focus moves to the error");
    fill_all();
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
}

#[wasm_bindgen_test]
async fn given_shipping_replaces_the_address_element() {
    let m = ready(with(config(), |c| {
        c.checkout.pay.shipping = Some(shipping());
        c.checkout.pay.billing_details = Some(BillingDetails {
            email: Some("jenny@example.com".into()),
            ..Default::default()
        });
    }))
    .await;
    assert!(m
        .host
        .query_selector(".sim-address-element")
        .unwrap()
        .is_none());
    js("__stripeSim.fillCard('4242424242424242')");
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    let params = js_string("return JSON.stringify(Object.values(__stripeSim.tokens)[0].params)");
    assert!(params.contains(r#""line2":null"#), "{params}");
    assert!(
        params.contains(r#""billing_details":{"email":"jenny@example.com"}"#),
        "{params}"
    );
}

/// Pays with a backend answer of `requires_action` for `id`, authenticating with `outcome`.
async fn pay_with_3ds(id: &str, outcome: &str) -> Mounted {
    let m = ready(config()).await;
    js(&format!(
        "__stripeSim.putPaymentIntent({{id: '{id}', status: 'requires_action', \
         client_secret: '{id}_secret_x', amount: 1999, currency: 'usd'}}); \
         __stripeSim.autoAuthenticate = '{outcome}'"
    ));
    reply(&format!(
        "{{status: 200, body: JSON.stringify({{client_secret: '{id}_secret_x', status: 'requires_action'}})}}"
    ));
    fill_all();
    m.pay_and_settle().await;
    m
}

#[wasm_bindgen_test]
async fn requires_action_runs_handle_next_action_and_judges_the_result() {
    let m = pay_with_3ds("pi_3ds", "approve").await;
    assert!(m.has("success:pi_3ds:succeeded"), "{:?}", m.entries());
    assert_eq!(calls("handleNextAction"), 1);

    let m = pay_with_3ds("pi_3ds2", "fail").await;
    assert!(m.has("state:error"));
    assert!(
        m.text("[role=alert]").contains("unable to authenticate"),
        "{}",
        m.text("[role=alert]")
    );
}

#[wasm_bindgen_test]
async fn a_status_that_is_not_success_is_an_error() {
    let m = ready(config()).await;
    reply(
        r#"{status: 200, body: JSON.stringify({client_secret: 'pi_x_secret_y', status: 'requires_payment_method'})}"#,
    );
    fill_all();
    m.pay_and_settle().await;
    assert!(
        m.entries()
            .iter()
            .any(|e| e.starts_with("error:payment_failed:")),
        "{:?}",
        m.entries()
    );
}

#[wasm_bindgen_test]
async fn a_decline_shows_the_backend_message_and_the_next_pay_makes_a_new_token_and_key() {
    let m = declined().await;
    assert!(m.has("error:card_error:Your card was declined."));
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"));
    assert_eq!(calls("createConfirmationToken"), 2);
    assert_ne!(request(0, "body"), request(1, "body"));
    assert_ne!(
        request(0, "headers['idempotency-key']"),
        request(1, "headers['idempotency-key']")
    );
}

#[wasm_bindgen_test]
async fn an_error_string_from_the_backend_is_shown_as_given() {
    let m = ready(config()).await;
    reply(r#"{status: 409, body: JSON.stringify({error: '<b>Sold out</b>'})}"#);
    fill_all();
    m.pay_and_settle().await;
    assert_eq!(
        m.text("[role=alert]"),
        "<b>Sold out</b>",
        "as text, never as markup"
    );
    assert!(m.host.query_selector("[role=alert] b").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_dropped_connection_is_retried_with_the_same_token_and_key() {
    let m = ready(config()).await;
    reply("{network: true}");
    fill_all();
    m.pay_and_settle().await;
    assert!(
        m.text("[role=alert]").contains("couldn't reach the shop"),
        "{}",
        m.text("[role=alert]")
    );
    assert!(m.has("state:error"));
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    assert_the_same_token_was_resent();
}

/// Records what the checkout writes to `console.error` (and still writes it).
fn record_console_errors() {
    js(
        "if (!window.__consoleErrors) { window.__consoleErrors = []; const error = console.error; \
        console.error = (...a) => { window.__consoleErrors.push(a.join(' ')); error(...a); }; } \
        window.__consoleErrors.length = 0;",
    );
}

fn console_errors() -> String {
    js_string("return window.__consoleErrors.join('\\n')")
}

/// A request the browser refuses to build (here a header name with a space) is the shop's
/// mistake: nothing is sent, the customer is not told to check their connection, and the
/// console gets the exact cause. Every retry would fail the same way.
#[wasm_bindgen_test]
async fn a_request_the_browser_refuses_to_build_is_misconfigured_not_a_network_failure() {
    let m = ready(with(config(), |c| {
        c.checkout.request = Signal::stored(RequestExtras {
            headers: vec![("X CSRF Token".into(), "csrf-1".into())],
            body: None,
        });
    }))
    .await;
    record_console_errors();
    fill_all();
    m.pay_and_settle().await;
    assert_eq!(requests(), 0, "nothing may be sent");
    assert_eq!(
        m.text("[role=alert]"),
        "This checkout is misconfigured: your payment was not sent and you were not charged. Please contact the shop."
    );
    assert!(
        m.entries()
            .iter()
            .any(|e| e.starts_with("error:integration_error:")),
        "{:?}",
        m.entries()
    );
    let logged = console_errors();
    assert!(
        logged.contains("X CSRF Token"),
        "the console does not name the header: {logged}"
    );
}

#[wasm_bindgen_test]
async fn a_timeout_is_retried_with_the_same_token() {
    let m = ready(with(config(), |c| c.checkout.timeout_ms = 150)).await;
    reply("{hang: true}");
    fill_all();
    m.pay_and_settle().await;
    assert!(
        m.text("[role=alert]")
            .contains("didn't answer within 1 seconds"),
        "{}",
        m.text("[role=alert]")
    );
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"));
    assert_eq!(request(0, "body"), request(1, "body"));
    assert_eq!(calls("createConfirmationToken"), 1);
}

#[wasm_bindgen_test]
async fn an_html_error_page_gives_a_plain_sentence_and_keeps_the_token() {
    let m = ready(config()).await;
    reply(
        r#"{status: 502, type: 'text/html', body: '<html><body><h1>Bad Gateway</h1></body></html>'}"#,
    );
    fill_all();
    m.pay_and_settle().await;
    let alert = m.text("[role=alert]");
    assert!(alert.contains("HTTP 502"), "{alert}");
    for bad in ["<", "Bad Gateway", "undefined", "[object Object]"] {
        assert!(!alert.contains(bad), "{alert}");
    }
    reply(r#"{status: 200, body: '{}'}"#);
    m.pay_and_settle().await;
    let alert = m.text("[role=alert]");
    assert!(
        alert.contains("HTTP 200"),
        "empty JSON is no answer either: {alert}"
    );
    // The reference server's answer when Stripe timed out or failed: no `error`, so no new token.
    reply(
        r#"{status: 502, body: JSON.stringify({outcome: 'unknown', message: 'The payment\'s outcome is not known yet.'})}"#,
    );
    m.pay_and_settle().await;
    assert!(m.text("[role=alert]").contains("HTTP 502"));
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"));
    assert_eq!(
        calls("createConfirmationToken"),
        1,
        "all four POSTs re-sent one token"
    );
    assert_eq!(requests(), 4);
    assert_eq!(request(0, "body"), request(3, "body"));
}

#[wasm_bindgen_test]
async fn an_empty_error_object_gives_a_plain_sentence() {
    let m = ready(config()).await;
    reply(r#"{status: 400, body: JSON.stringify({error: {}})}"#);
    fill_all();
    m.pay_and_settle().await;
    assert_eq!(
        m.text("[role=alert]"),
        "The shop could not take this payment. Please try again."
    );
}

#[wasm_bindgen_test]
async fn clicks_while_a_payment_is_in_flight_do_nothing() {
    let m = ready(config()).await;
    fill_all();
    // Three submits inside one browser task, before any promise can settle.
    js("const f = document.querySelectorAll('form.stripe-checkout'); \
        const form = f[f.length - 1]; form.requestSubmit(); form.requestSubmit(); form.requestSubmit();");
    m.wait_for("state:succeeded").await;
    sleep(50).await;
    assert_eq!(calls("elements.submit"), 1);
    assert_eq!(calls("createConfirmationToken"), 1);
    assert_eq!(requests(), 1);
    // Paid: the form takes no second payment.
    m.pay();
    sleep(50).await;
    assert_eq!(requests(), 1);
}

#[wasm_bindgen_test]
async fn a_non_error_thrown_by_stripe_js_is_a_plain_sentence_and_the_form_stays_usable() {
    let m = ready(config()).await;
    js("__stripeSim.script('createConfirmationToken', {reject: 42})");
    fill_all();
    m.pay_and_settle().await;
    assert_eq!(
        m.text("[role=alert]"),
        "Something went wrong with this checkout. Please try again, or contact the shop."
    );
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"));
}

#[wasm_bindgen_test]
async fn a_stripe_api_error_is_a_plain_sentence_not_stripes_message() {
    let m = ready(config()).await;
    js(
        "__stripeSim.script('createConfirmationToken', {resolve: {error: \
        {type: 'invalid_request_error', message: 'No such payment_method: pm_123'}}})",
    );
    fill_all();
    m.pay_and_settle().await;
    assert_eq!(
        m.text("[role=alert]"),
        "Your payment could not be processed. Please try again."
    );
}

#[wasm_bindgen_test]
async fn changing_the_amount_updates_elements() {
    let amount = RwSignal::new(1999u64);
    let m = ready(CheckoutConfig {
        amount: amount.into(),
        ..config()
    })
    .await;
    amount.set(4500);
    sleep(30).await;
    assert_eq!(
        js_string("return JSON.stringify(__stripeSim.lastUpdate)"),
        r#"{"amount":4500}"#
    );
    assert_eq!(m.text("button"), "Pay $45.00");
}

#[wasm_bindgen_test]
async fn the_payment_element_is_read_only_while_a_payment_is_in_flight() {
    let m = paying_into_silence(150).await;
    sleep(30).await;
    let updates = "return JSON.stringify(__stripeSim.calls \
        .filter(c => c.method === 'element.update').map(c => c.args[0]))";
    assert_eq!(js_string(updates), r#"[{"readOnly":true}]"#);
    m.wait_for("state:error").await;
    sleep(30).await;
    // Stripe.js merges updates: only an explicit `false` makes the card editable again.
    assert_eq!(
        js_string(updates),
        r#"[{"readOnly":true},{"readOnly":false}]"#
    );
}

#[wasm_bindgen_test]
async fn unmounting_destroys_the_elements_and_removes_their_listeners() {
    let m = ready(config()).await;
    assert!(js_f64("return __stripeSim.listenerCount('payment', 'change')") >= 1.0);
    drop(m);
    sleep(10).await;
    assert_eq!(calls("element.destroy"), 2, "payment and address");
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('payment', 'change')"),
        0.0
    );
}

#[wasm_bindgen_test]
async fn a_declined_customer_changes_their_card_and_pays() {
    let m = declined().await;
    // The customer types another card: the simulator refuses input into a read-only element,
    // as Stripe's fields do.
    js("__stripeSim.fillCard('5555555555554444')");
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    assert_eq!(
        js_string("return __stripeSim.tokens[Object.keys(__stripeSim.tokens)[1]].last4"),
        "4444",
        "the second token carries the new card"
    );
}

/// Counts the timers the page has pending (armed and neither fired nor cleared).
fn count_timers() {
    js(r#"
        if (window.__timers) return;
        window.__timers = new Set();
        const set = window.setTimeout.bind(window), clear = window.clearTimeout.bind(window);
        window.setTimeout = (f, ms, ...args) => {
            const id = set((...a) => { __timers.delete(id); if (typeof f === 'function') f(...a); }, ms, ...args);
            __timers.add(id);
            return id;
        };
        window.clearTimeout = (id) => { __timers.delete(id); clear(id); };
    "#);
}

#[wasm_bindgen_test]
async fn fifty_mounts_and_unmounts_leave_no_element_listener_or_timer() {
    unload_stripe();
    sim().await;
    install_backend();
    count_timers();
    for round in 0..50 {
        let m = mount_only(config());
        m.wait_for("state:ready").await;
        if round == 0 {
            assert!(js_f64("return __stripeSim.listenerCount('payment', 'change')") >= 1.0);
        }
        drop(m);
    }
    sleep(50).await;
    assert_eq!(
        js_f64("return window.__stripeSimLoads"),
        1.0,
        "Stripe.js loaded once"
    );
    assert_eq!(
        js_f64("return document.querySelectorAll('script[src^=\"blob:\"]').length"),
        1.0,
        "one Stripe.js tag"
    );
    assert_eq!(calls("Stripe"), 1, "one Stripe instance per key, shared");
    assert_eq!(
        calls("elements.create"),
        100,
        "payment and address, 50 times"
    );
    assert_eq!(calls("element.destroy"), 100, "every element destroyed");
    assert_eq!(
        js_f64(
            "return ['payment', 'address'].flatMap(t => ['ready', 'change', 'loaderror'] \
             .map(e => __stripeSim.listenerCount(t, e))).reduce((a, b) => a + b, 0)"
        ),
        0.0,
        "no listener left"
    );
    assert_eq!(js_f64("return __timers.size"), 0.0, "no timer left");
    assert_eq!(
        js_f64("return document.querySelectorAll('.stripe-checkout').length"),
        0.0,
        "no form left"
    );
}

#[wasm_bindgen_test]
async fn a_checkout_unmounted_mid_payment_finishes_quietly() {
    let m = paying_into_silence(100).await;
    let log = m.log.clone();
    let reported = log.lock().unwrap().len();
    drop(m);
    // The POST times out after the unmount: the flow's failure path runs against a disposed
    // owner. A panic here would abort the module and fail every later test.
    sleep(200).await;
    assert_eq!(requests(), 1);
    assert_eq!(
        log.lock().unwrap().len(),
        reported,
        "nothing is reported after the unmount"
    );
    let m = ready(config()).await;
    assert!(m.has("ready"), "the module still works");
}

#[wasm_bindgen_test]
fn the_return_url_gets_the_result_stripe_would_append() {
    let success = PaymentSuccess {
        status: PaymentIntentStatus::Succeeded,
        intent_id: "pi_1".into(),
        client_secret: ClientSecret::parse("pi_1_secret_2").unwrap(),
    };
    assert_eq!(
        return_url_with_result("https://shop.example/thanks?order=7", &success).unwrap(),
        "https://shop.example/thanks?order=7&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_2&redirect_status=succeeded"
    );
}

// ---- provider ----

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

// ---- the return page ----

async fn status_of(
    intent: &str,
    secret: Option<&str>,
) -> (web_sys::HtmlElement, Log, Box<dyn std::any::Any>) {
    sim().await;
    js(&format!("__stripeSim.putPaymentIntent({intent})"));
    let log: Log = Arc::default();
    let l = log.clone();
    let host = container();
    let secret = secret.map(str::to_owned);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <PaymentStatus
                publishable_key=PK
                client_secret=secret
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
                on_status=move |s: String| l.lock().unwrap().push(s)
            />
        }
    });
    for _ in 0..200 {
        if !log.lock().unwrap().is_empty() {
            break;
        }
        sleep(10).await;
    }
    (host, log, Box::new(handle))
}

#[wasm_bindgen_test]
async fn the_status_view_shows_each_outcome() {
    let ok = "{id: 'pi_ok', status: 'succeeded', client_secret: 'pi_ok_secret_1'}";
    let (host, log, _h) = status_of(ok, Some("pi_ok_secret_1")).await;
    assert_eq!(log.lock().unwrap().as_slice(), ["succeeded"]);
    let status = host.query_selector("[role=status]").unwrap().unwrap();
    assert!(status.text_content().unwrap().contains("Payment received"));

    let no = "{id: 'pi_no', status: 'requires_payment_method', client_secret: 'pi_no_secret_1'}";
    let (host, log, _h) = status_of(no, Some("pi_no_secret_1")).await;
    assert_eq!(log.lock().unwrap().as_slice(), ["requires_payment_method"]);
    assert!(host.query_selector("[role=alert]").unwrap().is_some());

    let (host, log, _h) = status_of(ok, None).await;
    assert_eq!(log.lock().unwrap().as_slice(), ["error"]);
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    assert!(alert
        .text_content()
        .unwrap()
        .contains("payment_intent_client_secret"));
}

#[wasm_bindgen_test]
async fn element_components_call_each_typed_callback_once_per_event() {
    sim().await;
    let log: Log = Arc::default();
    let push = {
        let log = log.clone();
        move |name: &'static str| {
            let log = log.clone();
            move |e: ElementEvent| {
                log.lock()
                    .unwrap()
                    .push(format!("{name}:{}", e.element_type.as_str()))
            }
        }
    };
    let (ready, focus, blur, escape) = (push("ready"), push("focus"), push("blur"), push("escape"));
    let l = log.clone();
    let load_error = move |e: LoadErrorEvent| {
        l.lock()
            .unwrap()
            .push(format!("loaderror:{:?}", e.error.message))
    };
    let handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider
                stripe=PK
                options=ElementsOptions::payment(100, "usd")
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
            >
                <AddressElement on_ready=ready.clone() on_focus=focus.clone() on_blur=blur.clone() on_escape=escape.clone() on_load_error=load_error.clone() />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    sleep(30).await;
    for event in ["focus", "blur", "escape"] {
        js(&format!(
            "__stripeSim.emit('address', '{event}', {{elementType: 'address'}})"
        ));
    }
    js("__stripeSim.emit('address', 'loaderror', {elementType: 'address', error: {type: 'api_error', message: 'down'}})");
    sleep(10).await;
    assert_eq!(
        log.lock().unwrap().as_slice(),
        [
            "ready:address",
            "focus:address",
            "blur:address",
            "escape:address",
            "loaderror:Some(\"down\")"
        ]
    );
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('address', 'focus')"),
        1.0
    );
    drop(handle);
    sleep(10).await;
    assert_eq!(calls("element.destroy"), 1);
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('address', 'focus')"),
        0.0
    );
}

// ---- hooks: a form of the shop's own over use_checkout ----

/// A shop's own form: the Payment Element, its own Buy button, its own error and receipt.
#[component]
fn ShopForm(options: UseCheckoutOptions) -> impl IntoView {
    let checkout = use_checkout(options);
    let UseCheckout {
        pay,
        state,
        failure,
        success,
        ..
    } = checkout;
    let payment = Signal::derive(move || PaymentElementOptions {
        read_only: checkout.busy(),
        ..Default::default()
    });
    view! {
        <div class="shop-form" data-state=move || state.get().as_str()>
            <PaymentElement options=payment />
            <button class="shop-buy" on:click=move |_| pay.run(())>"Buy"</button>
            <p class="shop-error">{move || failure.get().map(|f| f.message)}</p>
            <p class="shop-paid">{move || success.get().map(|s| s.intent_id)}</p>
        </div>
    }
}

fn shop_options() -> UseCheckoutOptions {
    with(
        UseCheckoutOptions::new("/pay", "https://shop.example/thanks"),
        |o| {
            o.pay.redirect = false;
            o.pay.shipping = Some(shipping());
        },
    )
}

/// Mounts the shop's form inside a provider given an already-loaded Stripe instance.
async fn shop(options: UseCheckoutOptions) -> Mounted {
    sim().await;
    install_backend();
    let loader = LoaderOptions {
        url: sim_url(),
        timeout_ms: 5_000,
        ..Default::default()
    };
    let stripe = load_stripe(PK, &loader).await.unwrap();
    let instances = calls("Stripe");
    let log: Log = Arc::default();
    let l = log.clone();
    let on_event = Callback::new(move |event: CheckoutEvent| {
        let entry = match event {
            CheckoutEvent::State(s) => format!("state:{}", s.as_str()),
            CheckoutEvent::Success(s) => format!("success:{}", s.intent_id),
            CheckoutEvent::Error(f) => format!("error:{}:{}", f.kind.as_str(), f.message),
            other => format!("{other:?}"),
        };
        l.lock().unwrap().push(entry);
    });
    let options = UseCheckoutOptions {
        on_event: Some(on_event),
        ..options
    };
    let host = container();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <StripeProvider stripe=stripe.clone() options=ElementsOptions::payment(1999, "usd")>
                <ShopForm options=options.clone() />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    sleep(20).await;
    assert_eq!(
        calls("Stripe"),
        instances,
        "the provider used the instance it was given"
    );
    Mounted {
        host,
        log,
        _handle: Box::new(handle),
    }
}

impl Mounted {
    async fn buy_and_settle(&self) {
        let settled = self.entries().len();
        js("const b = document.querySelectorAll('.shop-buy'); b[b.length - 1].click()");
        for _ in 0..300 {
            if self.entries()[settled..]
                .iter()
                .any(|e| e == "state:error" || e == "state:succeeded")
            {
                return tick().await;
            }
            sleep(10).await;
        }
        panic!("the payment never settled: {:?}", self.entries());
    }
}

#[wasm_bindgen_test]
async fn a_shop_form_over_use_checkout_pays_with_an_already_loaded_stripe() {
    let m = shop(shop_options()).await;
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(m.has("success:pi_ok"), "{:?}", m.entries());
    assert_eq!(m.text(".shop-paid"), "pi_ok");
    assert_eq!(
        js_string("return [...document.querySelectorAll('.shop-form')].pop().dataset.state"),
        "succeeded"
    );
    assert_eq!(requests(), 1);
    let params = js_string("return JSON.stringify(Object.values(__stripeSim.tokens)[0].params)");
    assert!(
        params.contains(r#""shipping":{"name":"Jenny Rosen""#),
        "{params}"
    );
}

#[wasm_bindgen_test]
async fn a_burst_of_clicks_on_a_shop_button_starts_one_payment() {
    let m = shop(shop_options()).await;
    js("__stripeSim.fillCard('4242424242424242')");
    js("const b = [...document.querySelectorAll('.shop-buy')].pop(); b.click(); b.click(); b.click();");
    m.wait_for("state:succeeded").await;
    sleep(50).await;
    assert_eq!(calls("elements.submit"), 1);
    assert_eq!(calls("createConfirmationToken"), 1);
    assert_eq!(requests(), 1);
}

#[wasm_bindgen_test]
async fn a_shop_form_shows_a_decline_and_stays_editable() {
    let m = shop(shop_options()).await;
    reply(
        r#"{status: 402, body: JSON.stringify({error: {message: 'Your card was declined.', type: 'card_error', code: 'card_declined'}})}"#,
    );
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(
        m.has("error:card_error:Your card was declined."),
        "{:?}",
        m.entries()
    );
    assert_eq!(m.text(".shop-error"), "Your card was declined.");
    sleep(30).await;
    let updates = "return JSON.stringify(__stripeSim.calls \
        .filter(c => c.method === 'element.update').map(c => c.args[0]))";
    assert_eq!(
        js_string(updates),
        r#"[{"readOnly":true},{"readOnly":false}]"#
    );
    js("__stripeSim.fillCard('5555555555554444')");
    m.buy_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    assert_eq!(
        calls("createConfirmationToken"),
        2,
        "a decline makes a new token"
    );
}

#[wasm_bindgen_test]
async fn a_shop_form_retries_a_dropped_post_with_the_same_token_and_key() {
    let m = shop(shop_options()).await;
    reply("{network: true}");
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(
        m.text(".shop-error").contains("couldn't reach the shop"),
        "{}",
        m.text(".shop-error")
    );
    m.buy_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    assert_the_same_token_was_resent();
}

#[wasm_bindgen_test]
async fn hooks_outside_a_provider_say_which_hook_and_how_to_fix_it() {
    let seen: Log = Arc::default();
    let s = seen.clone();
    let _handle = leptos::mount::mount_to(container(), move || {
        let mut seen = s.lock().unwrap();
        seen.push(use_elements().unwrap_err().to_string());
        seen.push(use_stripe().unwrap_err().to_string());
        let checkout = use_checkout(UseCheckoutOptions::new("/pay", "https://shop.example/"));
        seen.push(checkout.state.get_untracked().as_str().to_owned());
        seen.push(checkout.failure.get_untracked().unwrap().message);
        checkout.pay.run(());
    });
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].starts_with("use_elements() must be called inside <StripeProvider>"),
        "{}",
        seen[0]
    );
    assert!(seen[1].starts_with("use_stripe() must be called inside <StripeProvider>"));
    assert_eq!(seen[2], "unavailable");
    assert!(seen[3].starts_with("use_checkout() must be called inside <StripeProvider>"));
}

#[wasm_bindgen_test]
async fn a_shop_form_without_shipping_or_an_address_element_sends_no_shipping() {
    let m = shop(with(shop_options(), |o| o.pay.shipping = None)).await;
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(m.has("success:pi_ok"), "{:?}", m.entries());
    let params = js_string("return JSON.stringify(Object.values(__stripeSim.tokens)[0].params)");
    assert!(!params.contains("shipping"), "{params}");
}

// ---- issue 10: setup mode, email, wallets ----

fn setup_config() -> CheckoutConfig {
    with(config(), |c| {
        c.mode = Mode::Setup;
        c.checkout.endpoint = "/save".into();
    })
}

#[wasm_bindgen_test]
async fn setup_mode_saves_a_card_with_no_amount_and_says_so() {
    let m = ready(setup_config()).await;
    let button = m.text("button[type=submit]");
    assert_eq!(button, "Save card");
    assert!(
        m.host
            .query_selector(".stripe-address-element")
            .unwrap()
            .is_none(),
        "no shipping address to save a card"
    );
    let elements = js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'elements').pop().args[0])",
    );
    assert!(elements.contains(r#""mode":"setup""#), "{elements}");
    assert!(!elements.contains("amount"), "{elements}");
    reply("{status: 200, body: JSON.stringify({client_secret: 'seti_ok_secret_x', status: 'succeeded'})}");
    js("__stripeSim.fillCard('4242424242424242')");
    m.pay_and_settle().await;
    assert!(m.has("success:seti_ok:succeeded"), "{:?}", m.entries());
    assert_eq!(request(0, "url"), "/save");
    assert_eq!(m.text("[role=status]"), "Thank you! Your card was saved.");
}

#[wasm_bindgen_test]
async fn a_setup_that_requires_action_is_authenticated_with_its_own_secret() {
    let m = ready(setup_config()).await;
    js("__stripeSim.putSetupIntent({id: 'seti_3ds', status: 'requires_action', client_secret: 'seti_3ds_secret_x'}); \
        __stripeSim.autoAuthenticate = 'approve'");
    reply("{status: 200, body: JSON.stringify({client_secret: 'seti_3ds_secret_x', status: 'requires_action'})}");
    js("__stripeSim.fillCard('4242424242424242')");
    m.pay_and_settle().await;
    assert!(m.has("success:seti_3ds:succeeded"), "{:?}", m.entries());
    let asked = js_string(
        "return __stripeSim.calls.filter(c => c.method === 'handleNextAction').pop().args[0].clientSecret",
    );
    assert_eq!(asked, "seti_3ds_secret_x");
}

#[wasm_bindgen_test]
fn a_setup_return_url_names_the_setup_intent() {
    let success = PaymentSuccess {
        status: PaymentIntentStatus::Succeeded,
        intent_id: "seti_1".into(),
        client_secret: ClientSecret::parse("seti_1_secret_2").unwrap(),
    };
    assert_eq!(
        return_url_with_result("https://shop.example/saved", &success).unwrap(),
        "https://shop.example/saved?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_2&redirect_status=succeeded"
    );
}

#[wasm_bindgen_test]
async fn the_email_goes_into_the_token_and_the_post() {
    let m = ready(CheckoutConfig {
        email: Some(LinkAuthenticationOptions::default()),
        ..config()
    })
    .await;
    assert!(m
        .host
        .query_selector(".stripe-link-authentication-element")
        .unwrap()
        .is_some());
    fill_all();
    // Without an email the element's own validation stops the payment before any token.
    m.pay_and_settle().await;
    assert_eq!((requests(), calls("createConfirmationToken")), (0, 0));
    js("__stripeSim.fillEmail('jenny@example.com')");
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    let body = request(0, "body");
    assert!(body.contains(r#""email":"jenny@example.com""#), "{body}");
    let token = js_string("return Object.keys(__stripeSim.tokens)[0]");
    let params = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{token}'].params.payment_method_data)"
    ));
    assert!(params.contains("jenny@example.com"), "{params}");
}

fn wallet_config() -> CheckoutConfig {
    CheckoutConfig {
        express: Some(ExpressCheckoutOptions {
            collect: ClickResolveDetails {
                shipping_address_required: Some(true),
                shipping_rates: vec![ShippingRate {
                    id: "free".into(),
                    amount: 0,
                    display_name: "Free shipping".into(),
                    delivery_estimate: None,
                }],
                ..Default::default()
            },
            ..Default::default()
        }),
        ..config()
    }
}

/// Opens the wallet sheet with its button and presses its Pay.
async fn pay_in_the_sheet() {
    until("[...document.querySelectorAll('button')].some(b => /Google Pay/.test(b.textContent))")
        .await;
    js("[...document.querySelectorAll('button')].find(b => /Google Pay/.test(b.textContent)).click()");
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    js("[...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent.trim() === 'Pay').click()");
}

#[wasm_bindgen_test]
async fn the_wallet_sheet_pays_through_the_same_flow_with_its_shipping() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let m = ready(wallet_config()).await;
    let wrapper = m
        .host
        .query_selector(".stripe-checkout-express")
        .unwrap()
        .unwrap();
    assert!(!wrapper.has_attribute("hidden"), "the wallet buttons show");
    pay_in_the_sheet().await;
    m.wait_for("state:succeeded").await;
    assert_eq!(requests(), 1);
    let token = js_string("return Object.keys(__stripeSim.tokens)[0]");
    let params = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{token}'].params.shipping)"
    ));
    assert!(
        params.contains(r#""name":"Jenny Rosen""#),
        "the sheet's address: {params}"
    );
    assert_eq!(
        calls("address.getValue"),
        0,
        "the form's address is not read"
    );
}

#[wasm_bindgen_test]
async fn a_failed_wallet_payment_is_reported_to_the_sheet_and_the_form() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let m = ready(wallet_config()).await;
    reply(
        r#"{status: 402, body: JSON.stringify({error: {message: 'Your card was declined.', type: 'card_error', code: 'card_declined'}})}"#,
    );
    pay_in_the_sheet().await;
    m.wait_for("state:error").await;
    // The sheet hears of it (`paymentFailed`), shows it, then closes.
    until("__stripeSim.expressSheet?.status === 'failed'").await;
    assert!(js_string("return __stripeSim.expressSheet.error").contains("failed"));
    assert_eq!(m.text("[role=alert]"), "Your card was declined.");
    // The card form still takes a payment.
    fill_all();
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
}

#[wasm_bindgen_test]
async fn without_a_wallet_the_express_wrapper_stays_hidden() {
    sim().await;
    js("__stripeSim.wallets = 'none'");
    let m = ready(wallet_config()).await;
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    sleep(50).await;
    let wrapper = m
        .host
        .query_selector(".stripe-checkout-express")
        .unwrap()
        .unwrap();
    assert!(wrapper.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn a_shipping_change_sends_the_new_amount_before_answering_the_sheet() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let seen: Log = Arc::default();
    let s = seen.clone();
    let on_change = Callback::new(move |e: ShippingAddressChangeEvent| {
        let country = e.address.country.unwrap_or_default();
        s.lock().unwrap().push(country.clone());
        (country != "DE").then(|| ShippingChange {
            amount: Some(2600),
            ..Default::default()
        })
    });
    let m = ready(CheckoutConfig {
        on_shipping_address_change: Some(on_change),
        ..wallet_config()
    })
    .await;
    js("[...document.querySelectorAll('button')].find(b => /Google Pay/.test(b.textContent)).click()");
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    assert_eq!(seen.lock().unwrap().as_slice(), ["US"]);
    let update = js_string("return JSON.stringify(__stripeSim.lastUpdate)");
    assert!(update.contains(r#""amount":2600"#), "{update}");
    assert_eq!(js_f64("return __stripeSim.expressSheet.total"), 2600.0);
    drop(m);
}

#[wasm_bindgen_test]
async fn the_status_view_shows_a_saved_card() {
    sim().await;
    js("__stripeSim.putSetupIntent({id: 'seti_ok', status: 'succeeded', client_secret: 'seti_ok_secret_1'})");
    let log: Log = Arc::default();
    let l = log.clone();
    let host = container();
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <PaymentStatus
                publishable_key=PK
                client_secret=Some("seti_ok_secret_1".to_owned())
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
                on_status=move |s: String| l.lock().unwrap().push(s)
            />
        }
    });
    until("document.querySelector('[role=status]')?.textContent.includes('saved')").await;
    assert_eq!(log.lock().unwrap().as_slice(), ["succeeded"]);
    assert_eq!(calls("retrieveSetupIntent"), 1);
    assert_eq!(calls("retrievePaymentIntent"), 0);
}

#[wasm_bindgen_test]
async fn the_address_and_email_elements_report_what_was_typed() {
    sim().await;
    let log: Log = Arc::default();
    let (a, e) = (log.clone(), log.clone());
    let on_email = Callback::new(move |c: LinkAuthenticationChangeEvent| {
        e.lock()
            .unwrap()
            .push(format!("email:{}:{}", c.complete, c.value.email))
    });
    let on_address = Callback::new(move |c: AddressChangeEvent| {
        a.lock().unwrap().push(format!(
            "address:{}:{}",
            c.complete,
            c.value.address.postal_code.unwrap_or_default()
        ))
    });
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider
                stripe=PK
                options=ElementsOptions::payment(100, "usd")
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
            >
                <LinkAuthenticationElement on_email_change=on_email />
                <AddressElement on_address_change=on_address />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.filter(c => c.method === 'element.mount').length === 2").await;
    sleep(30).await;
    js("__stripeSim.fillEmail('jenny@example.com'); \
        __stripeSim.fillAddress({name: 'Jenny Rosen', line1: '1 Main St', city: 'SF', \
        postal_code: '94107', country: 'US'})");
    sleep(30).await;
    let log = log.lock().unwrap().clone();
    assert!(
        log.contains(&"email:true:jenny@example.com".to_owned()),
        "{log:?}"
    );
    assert!(log.contains(&"address:true:94107".to_owned()), "{log:?}");
}
