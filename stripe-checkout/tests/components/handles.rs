//! The element components' handles and events: `on_ready` hands the element (focus, blur,
//! clear, collapse, update), `change` carries every field of its type, `loaderstart` and the
//! Payment Element's own events reach their callbacks.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

fn loader() -> LoaderOptions {
    LoaderOptions {
        url: sim_url(),
        timeout_ms: 5_000,
        ..Default::default()
    }
}

/// A callback appending what `entry` says of each event to `log` (`Copy`: usable in children).
fn record<T: 'static>(
    log: &Log,
    entry: impl Fn(T) -> String + Send + Sync + 'static,
) -> Callback<T> {
    let log = log.clone();
    Callback::new(move |e| log.lock().unwrap().push(entry(e)))
}

#[wasm_bindgen_test]
async fn on_ready_hands_the_element_to_focus_it() {
    sim().await;
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=PK options=ElementsOptions::payment(100, "usd") loader=loader()>
                <PaymentElement on_ready=|element: ElementRef| element.focus().unwrap() />
            </StripeProvider>
        }
    });
    until("document.activeElement && document.activeElement.closest('.stripe-payment-element')")
        .await;
    assert_eq!(calls("element.focus"), 1);
}

#[wasm_bindgen_test]
async fn the_handle_collapses_clears_updates_and_blurs_and_change_says_so() {
    sim().await;
    let log: Log = Arc::default();
    let element = StoredValue::new_local(None::<ElementRef>);
    let on_change = record(&log, |e: PaymentChangeEvent| {
        format!(
            "change type={} collapsed={} empty={} complete={}",
            e.value.kind, e.collapsed, e.empty, e.complete,
        )
    });
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=PK options=ElementsOptions::payment(100, "usd") loader=loader()>
                <PaymentElement on_ready=move |e: ElementRef| element.set_value(Some(e)) on_change />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    for _ in 0..200 {
        if element.with_value(Option::is_some) {
            break;
        }
        sleep(10).await;
    }
    let element = element.get_value().unwrap();
    js("__stripeSim.fillCard('4242424242424242')");
    assert_eq!(
        log.lock().unwrap().last().unwrap(),
        "change type=card collapsed=false empty=false complete=true"
    );
    element.collapse().unwrap();
    element.clear().unwrap();
    assert_eq!(
        log.lock().unwrap().last().unwrap(),
        "change type=card collapsed=true empty=true complete=false"
    );
    element
        .update(&PaymentElementOptions {
            read_only: true,
            ..Default::default()
        })
        .unwrap();
    assert!(js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'element.update').pop().args)"
    )
    .contains(r#""readOnly":true"#));
    element.focus().unwrap();
    element.blur().unwrap();
    assert_eq!(calls("element.blur"), 1);
    assert!(
        js("return !document.activeElement.closest('.stripe-payment-element')")
            .as_bool()
            .unwrap()
    );
}

#[wasm_bindgen_test]
async fn loader_start_comes_before_ready_for_every_form_element() {
    sim().await;
    let log: Log = Arc::default();
    let start = |log: &Log| {
        record(log, |e: ElementEvent| {
            format!("loaderstart:{}", e.element_type.as_str())
        })
    };
    let ready =
        |log: &Log, kind: &'static str| record(log, move |_: ElementRef| format!("ready:{kind}"));
    let (a, b) = (start(&log), ready(&log, "linkAuthentication"));
    let (c, d) = (start(&log), ready(&log, "address"));
    let (e, f) = (start(&log), ready(&log, "payment"));
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=PK options=ElementsOptions::payment(100, "usd") loader=loader()>
                <LinkAuthenticationElement on_loader_start=a on_ready=b />
                <AddressElement on_loader_start=c on_ready=d />
                <PaymentElement on_loader_start=e on_ready=f />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.filter(c => c.method === 'element.mount').length === 3").await;
    sleep(30).await;
    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 6, "{log:?}");
    for kind in ["linkAuthentication", "address", "payment"] {
        let start = log.iter().position(|e| *e == format!("loaderstart:{kind}"));
        let ready = log.iter().position(|e| *e == format!("ready:{kind}"));
        assert!(start.unwrap() < ready.unwrap(), "{log:?}");
    }
}

#[wasm_bindgen_test]
async fn the_payment_elements_own_events_reach_their_callbacks() {
    sim().await;
    let log: Log = Arc::default();
    let card = record(&log, |e: CardDetailsChangeEvent| {
        format!("card:{:?}", e.details.and_then(|d| d.brands))
    });
    let available = record(&log, |e: AvailablePaymentMethodsChangeEvent| {
        let methods = e.payment_methods.unwrap_or_default();
        format!("available:card={}", methods["card"].available)
    });
    let update = record(&log, |e: SavedPaymentMethodEvent| {
        let method = e.payment_method;
        format!(
            "update:{}:{}:{:?}",
            method.id, e.success, method.billing_details.address.country
        )
    });
    let remove = record(&log, |e: SavedPaymentMethodEvent| {
        format!("remove:{}:{:?}", e.payment_method.id, e.error)
    });
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=PK options=ElementsOptions::payment(100, "usd") loader=loader()>
                <PaymentElement
                    on_card_details_change=card
                    on_available_payment_methods_change=available
                    on_saved_payment_method_update=update
                    on_saved_payment_method_remove=remove
                />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    sleep(30).await;
    js("__stripeSim.fillCard('4242424242424242')");
    // Shapes from `elements/payment.d.ts` (saved methods need a CustomerSession: emitted here).
    let method = "{id: 'pm_1', type: 'card', billing_details: {address: {city: null, country: 'US', \
                  line1: null, line2: null, postal_code: null, state: null}, name: null, email: null, phone: null}}";
    js(
        "__stripeSim.emit('payment', 'availablepaymentmethodschange', \
        {elementType: 'payment', paymentMethods: {card: {available: true}}})",
    );
    js(&format!(
        "__stripeSim.emit('payment', 'savedpaymentmethodupdate', {{elementType: 'payment', success: true, payment_method: {method}}})"
    ));
    js(&format!(
        "__stripeSim.emit('payment', 'savedpaymentmethodremove', {{elementType: 'payment', success: false, error: 'gone', payment_method: {method}}})"
    ));
    assert_eq!(
        log.lock().unwrap().as_slice(),
        [
            r#"card:Some(["visa"])"#,
            "available:card=true",
            r#"update:pm_1:true:Some("US")"#,
            r#"remove:pm_1:Some("gone")"#,
        ]
    );
}

#[wasm_bindgen_test]
async fn address_and_email_changes_carry_their_element_and_mode() {
    sim().await;
    let log: Log = Arc::default();
    let email = record(&log, |e: LinkAuthenticationChangeEvent| {
        format!("{}:{}", e.element_type.as_str(), e.value.email)
    });
    let address = record(&log, |e: AddressChangeEvent| {
        format!(
            "{}:{}:{}",
            e.element_type.as_str(),
            e.element_mode.as_str(),
            e.value.name
        )
    });
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider stripe=PK options=ElementsOptions::payment(100, "usd") loader=loader()>
                <LinkAuthenticationElement on_change=email />
                <AddressElement on_change=address />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.filter(c => c.method === 'element.mount').length === 2").await;
    sleep(30).await;
    js(
        "__stripeSim.fillAddress({name: 'Jenny Rosen', line1: '1 Main St', city: 'SF', \
        postal_code: '94107', country: 'US'}); __stripeSim.fillEmail('jenny@example.com')",
    );
    let log = log.lock().unwrap().clone();
    assert_eq!(log.last().unwrap(), "linkAuthentication:jenny@example.com");
    assert!(
        log.contains(&"address:shipping:Jenny Rosen".to_owned()),
        "{log:?}"
    );
}
