//! The return page: `PaymentStatus`.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::components::*;
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
