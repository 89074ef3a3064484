//! `ExpressCheckoutElement` on its own, in a shop's own flow: each of its callbacks as the
//! simulated wallet fires them, and its options following a signal into `update()`.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

/// Mounts `<ExpressCheckoutElement>` in a provider on a fresh container, logging every callback
/// into the returned log; `on_confirm` answers the sheet itself with `paymentFailed`.
fn mount_wallets(
    options: Signal<ExpressCheckoutOptions>,
) -> (web_sys::HtmlElement, Log, impl Drop) {
    let log: Log = Arc::default();
    let host = container();
    let push = {
        let log = log.clone();
        move |entry: String| log.lock().unwrap().push(entry)
    };
    let element_event = {
        let push = push.clone();
        move |name: &'static str| {
            let push = push.clone();
            Callback::new(move |e: ElementEvent| {
                push(format!("{name}:{}", e.element_type.as_str()))
            })
        }
    };
    let (cancel, escape, focus, blur) = (
        element_event("cancel"),
        element_event("escape"),
        element_event("focus"),
        element_event("blur"),
    );
    let p = push.clone();
    let on_load_error = Callback::new(move |e: LoadErrorEvent| {
        p(format!("loaderror:{}", e.error.message.unwrap_or_default()))
    });
    let p = push.clone();
    let on_ready = Callback::new(move |e: ExpressReadyEvent| {
        p(format!("ready:{}", e.available_payment_methods.is_some()))
    });
    let p = push.clone();
    let on_click = Callback::new(move |e: ExpressClickEvent| {
        p(format!("click:{}", e.express_payment_type));
        ClickResolveDetails::default()
    });
    let p = push.clone();
    let on_confirm = Callback::new(move |confirm: Reply<ExpressConfirmEvent>| {
        p(format!("confirm:{}", confirm.express_payment_type));
        confirm.payment_failed(PaymentFailedReason::Fail).unwrap();
    });
    let p = push.clone();
    let on_error =
        Callback::new(move |e: stripe_checkout::stripe::Error| p(format!("error:{}", e.message())));
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <StripeProvider
                stripe=PK
                options=ElementsOptions::payment(1999, "usd")
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
            >
                <ExpressCheckoutElement
                    options
                    on_confirm
                    on_ready
                    on_click
                    on_cancel=cancel
                    on_escape=escape
                    on_focus=focus
                    on_blur=blur
                    on_load_error
                    on_error
                />
            </StripeProvider>
        }
    });
    (host, log, handle)
}

fn entries(log: &Log) -> Vec<String> {
    log.lock().unwrap().clone()
}

/// The Google Pay button inside `host`, as a JS expression.
const GPAY: &str = "[...document.querySelectorAll('.stripe-express-checkout-element button')]\
    .find(b => /Google Pay/.test(b.textContent))";

#[wasm_bindgen_test]
async fn each_wallet_callback_is_called_as_the_wallet_fires_its_event() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let (_host, log, handle) = mount_wallets(Signal::stored(ExpressCheckoutOptions::default()));
    until(GPAY).await;
    // Escape on a button (the simulator fires `escape` as Stripe's element does).
    js(&format!(
        "{GPAY}.dispatchEvent(new KeyboardEvent('keydown', {{key: 'Escape', bubbles: true}}))"
    ));
    // Focus enters and leaves the buttons.
    js(&format!("{GPAY}.focus(); {GPAY}.blur()"));
    // The sheet opened and closed with its Cancel button: `cancel`.
    js(&format!("{GPAY}.click()"));
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    js("[...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent.trim() === 'Cancel').click()");
    until("__stripeSim.expressSheet === null").await;
    // Approved in the sheet: the shop's own `on_confirm` answers it, no pay flow runs.
    js(&format!("{GPAY}.click()"));
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    js("[...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent.trim() === 'Pay').click()");
    until("__stripeSim.expressSheet?.status === 'failed'").await;
    js(
        "__stripeSim.emit('expressCheckout', 'loaderror', {elementType: 'expressCheckout', \
        error: {type: 'invalid_request_error', message: 'Invalid API Key provided'}})",
    );
    sleep(10).await;
    assert_eq!(
        entries(&log),
        [
            "ready:true",
            "escape:expressCheckout",
            "focus:expressCheckout",
            "blur:expressCheckout",
            "click:google_pay",
            "cancel:expressCheckout",
            "click:google_pay",
            "confirm:google_pay",
            "loaderror:Invalid API Key provided",
        ]
    );
    assert_eq!(
        calls("elements.submit"),
        0,
        "the shop's flow, not use_checkout's"
    );
    assert_eq!(calls("createConfirmationToken"), 0);
    for event in ["cancel", "escape", "loaderror", "focus", "blur", "confirm"] {
        assert_eq!(
            js_f64(&format!(
                "return __stripeSim.listenerCount('expressCheckout', '{event}')"
            )),
            1.0,
            "{event}"
        );
    }
    drop(handle);
    sleep(10).await;
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('expressCheckout', 'cancel')"),
        0.0
    );
}

/// The arguments of every `element.update` call so far, as JSON.
fn updates() -> String {
    js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'element.update').map(c => c.args[0]))",
    )
}

#[wasm_bindgen_test]
async fn options_changes_go_to_update_and_a_fixed_option_is_refused_by_name() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let options = RwSignal::new(ExpressCheckoutOptions {
        button_height: Some(44),
        ..Default::default()
    });
    let (host, log, _handle) = mount_wallets(options.into());
    until(GPAY).await;
    let height = || js_string(&format!("return {GPAY}.style.height"));
    assert_eq!(height(), "44px");

    // What Stripe lets change goes to `update()`, only what changed.
    options.update(|o| {
        o.button_height = Some(48);
        o.collect.email_required = Some(true);
    });
    tick().await;
    assert_eq!(updates(), r#"[{"buttonHeight":48,"emailRequired":true}]"#);
    until(&format!("{GPAY}.style.height === '48px'")).await;
    // The sheet collects the email now.
    js(&format!("{GPAY}.click()"));
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    assert!(
        js("return !!document.querySelector('[role=dialog] input[type=email]')")
            .as_bool()
            .unwrap()
    );
    js("[...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent.trim() === 'Cancel').click()");
    until("__stripeSim.expressSheet === null").await;

    // What only creation takes is refused by name: nothing sent, the element as it was.
    options.update(|o| {
        o.button_height = Some(50);
        o.collect.shipping_rates = vec![ShippingRate {
            id: "free".into(),
            amount: 0,
            display_name: "Free".into(),
            delivery_estimate: None,
        }];
    });
    tick().await;
    assert_eq!(calls("element.update"), 1, "nothing sent: {}", updates());
    assert!(
        entries(&log).iter().any(|e| e.starts_with("error:")
            && e.contains("shippingRates cannot be changed after it is created")),
        "{:?}",
        entries(&log)
    );
    assert_eq!(height(), "48px");

    // Back to what the element has, plus a change it takes: that change alone is sent.
    options.update(|o| {
        o.collect.shipping_rates.clear();
        o.button_height = Some(52);
    });
    tick().await;
    assert_eq!(
        updates(),
        r#"[{"buttonHeight":48,"emailRequired":true},{"buttonHeight":52}]"#
    );
    until(&format!("{GPAY}.style.height === '52px'")).await;
    drop(host);
}
