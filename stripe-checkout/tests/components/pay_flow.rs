//! The pay flow through `Checkout`: submit, token, POST, next action, every failure and retry.

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

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
    assert_eq!(
        calls("element.update"),
        0,
        "no token was asked for: the form never locked"
    );
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
    // The lock comes after the token is asked for (its values are captured), not in the click.
    let order = "return __stripeSim.calls.map(c => c.method) \
        .filter(m => m === 'createConfirmationToken' || m === 'element.update').join(' ')";
    assert_eq!(js_string(order), "createConfirmationToken element.update");
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
