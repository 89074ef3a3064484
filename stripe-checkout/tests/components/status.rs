//! The return page: `PaymentStatus`.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::backend::OrderStatus;
use stripe_checkout::components::*;
use stripe_checkout::messages;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

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
    let (focus, blur, escape) = (push("focus"), push("blur"), push("escape"));
    let l = log.clone();
    // `on_ready` hands the element itself (react-stripe-js's `onReady(element)`).
    let ready = move |_: ElementRef| l.lock().unwrap().push("ready:address".into());
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

/// A return page for the PaymentIntent `pi_ok` (with `status`) that follows its order at
/// `/order-status`, the backend answering from `replies` (JS object literals) in turn.
async fn order_page(
    status: &str,
    replies: &[&str],
) -> (web_sys::HtmlElement, Log, Box<dyn std::any::Any>) {
    sim().await;
    install_backend();
    for r in replies {
        reply(r);
    }
    js(&format!(
        "__stripeSim.putPaymentIntent({{id: 'pi_ok', status: '{status}', client_secret: 'pi_ok_secret_1'}})"
    ));
    let log: Log = Arc::default();
    let l = log.clone();
    let host = container();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <PaymentStatus
                publishable_key=PK
                client_secret=Some("pi_ok_secret_1".to_owned())
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
                order_status_endpoint="/order-status"
                on_order=move |o: OrderStatus| l.lock().unwrap().push(o.status.as_str().to_owned())
            />
        }
    });
    (host, log, Box::new(handle))
}

fn order(status: &str) -> String {
    format!(
        r#"{{status: 200, body: JSON.stringify({{order: 'ord_7', status: '{status}', fulfilled: false}})}}"#
    )
}

fn shown(host: &web_sys::HtmlElement) -> (String, String) {
    let p = host.query_selector("p").unwrap().unwrap();
    (
        p.get_attribute("role").unwrap_or_default(),
        p.text_content().unwrap_or_default(),
    )
}

#[wasm_bindgen_test]
async fn a_succeeded_payment_says_confirming_until_the_shop_has_the_order_paid() {
    let (pending, paid) = (order("pending"), order("paid"));
    let (host, log, _h) = order_page("succeeded", &[&pending, "{network: true}", &paid]).await;
    until("__backend.requests.length === 1").await;
    sleep(50).await;
    assert_eq!(
        shown(&host),
        ("status".into(), messages::CONFIRMING_ORDER.into())
    );
    let url = request(0, "url");
    assert!(
        url.ends_with(
            "/order-status?payment_intent=pi_ok&payment_intent_client_secret=pi_ok_secret_1"
        ),
        "{url}"
    );
    assert_eq!(request(0, "method"), "GET");
    // A dropped connection is asked again, on the schedule (1 s, then 1 s).
    for _ in 0..400 {
        if log.lock().unwrap().len() == 2 {
            break;
        }
        sleep(10).await;
    }
    sleep(50).await;
    assert_eq!(requests(), 3);
    assert_eq!(log.lock().unwrap().as_slice(), ["pending", "paid"]);
    assert_eq!(
        shown(&host),
        ("status".into(), "Order ord_7 confirmed. Thank you!".into())
    );
}

#[wasm_bindgen_test]
async fn a_failed_order_is_an_alert_and_an_unknown_one_shows_the_payment() {
    let failed = order("failed");
    let (host, _log, _h) = order_page("processing", &[&failed]).await;
    until("__backend.requests.length === 1").await;
    sleep(50).await;
    assert_eq!(
        shown(&host),
        (
            "alert".into(),
            "Order ord_7 was not paid. Please go back and try again, or contact the shop.".into()
        )
    );

    let (host, _log, _h) = order_page("succeeded", &["{status: 404, body: '{}'}"]).await;
    until("__backend.requests.length === 1").await;
    sleep(50).await;
    assert_eq!(
        shown(&host),
        (
            "status".into(),
            "Payment received. Thank you for your order!".into()
        )
    );
    assert_eq!(requests(), 1, "a 404 is not asked again");
}

#[wasm_bindgen_test]
async fn a_payment_that_did_not_go_through_does_not_ask_for_an_order() {
    let (host, _log, _h) = order_page("requires_payment_method", &[]).await;
    for _ in 0..300 {
        if !shown(&host).0.is_empty() {
            break;
        }
        sleep(10).await;
    }
    sleep(50).await;
    assert_eq!(requests(), 0);
    assert_eq!(shown(&host).0, "alert");
}
