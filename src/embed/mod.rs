//! The drop-in storefront embed: reads a host's `data-*` attributes, mounts the components,
//! mirrors the state in `data-state` and dispatches `stripe-checkout:*` DOM events.

mod attributes;

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MutationObserver, MutationObserverInit};

use crate::components::{Checkout, CheckoutEvent, CheckoutFailure, CheckoutState, PaymentStatus};
pub use attributes::{read_checkout, AttributeError, Live};

/// Selector of checkout hosts.
pub const CHECKOUT_SELECTOR: &str = "[data-stripe-checkout]";
/// Selector of return-page status hosts.
pub const STATUS_SELECTOR: &str = "[data-stripe-checkout-status]";

/// A host's attribute observer and its callback; dropping it disconnects the observer.
struct AttributeWatch {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Drop for AttributeWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

thread_local! {
    /// The watches of the mounted hosts, kept for the page's lifetime.
    static WATCHES: RefCell<Vec<AttributeWatch>> = const { RefCell::new(Vec::new()) };
}

/// Mounts a checkout on every `[data-stripe-checkout]` and a status view on every
/// `[data-stripe-checkout-status]` of the page (each host once).
pub fn mount_all() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (selector, mount) in [
        (CHECKOUT_SELECTOR, mount_checkout as fn(HtmlElement)),
        (STATUS_SELECTOR, mount_status),
    ] {
        let Ok(hosts) = document.query_selector_all(selector) else {
            continue;
        };
        for host in
            (0..hosts.length()).filter_map(|i| hosts.item(i)?.dyn_into::<HtmlElement>().ok())
        {
            if host.has_attribute("data-stripe-mounted") {
                continue;
            }
            let _ = host.set_attribute("data-stripe-mounted", "");
            mount(host);
        }
    }
}

/// Mounts one checkout on `host`.
pub fn mount_checkout(host: HtmlElement) {
    set_state(&host, CheckoutState::Loading);
    let (config, live) = match read_checkout(&host) {
        Ok(read) => read,
        Err(e) => return unavailable(host, &e.to_string()),
    };
    if let Some(watch) = watch_attributes(&host, live) {
        WATCHES.with(|w| w.borrow_mut().push(watch));
    }
    let h = SendWrapper::new(host.clone());
    let on_event = Callback::new(move |event: CheckoutEvent| match event {
        CheckoutEvent::State(s) => set_state(&h, s),
        CheckoutEvent::Ready => dispatch(&h, "ready", &Object::new()),
        CheckoutEvent::Change { complete } => {
            dispatch(&h, "change", &detail(&[("complete", complete.into())]))
        }
        CheckoutEvent::Success(s) => {
            let fields = [
                ("status", s.status.as_str().into()),
                ("paymentIntentId", s.payment_intent_id.as_str().into()),
            ];
            dispatch(&h, "success", &detail(&fields))
        }
        CheckoutEvent::Error(f) => error_event(&h, &f),
    });
    leptos::mount::mount_to(host, move || {
        view! { <Checkout config on_event /> }
    })
    .forget();
}

/// Mounts one return-page status view on `host`.
pub fn mount_status(host: HtmlElement) {
    let key = host
        .get_attribute("data-publishable-key")
        .unwrap_or_default();
    if let Err(e) = crate::stripe::PublishableKey::parse(&key) {
        let _ = host.set_attribute("data-status", "error");
        return mount_alert(host, &format!("data-publishable-key: {e}"));
    }
    let loader = attributes::loader_options(&host);
    let client_secret = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|q| q.get("payment_intent_client_secret"));
    let h = SendWrapper::new(host.clone());
    let on_status = Callback::new(move |s: String| {
        let _ = h.set_attribute("data-status", &s);
    });
    leptos::mount::mount_to(host, move || {
        view! { <PaymentStatus publishable_key=key client_secret loader on_status /> }
    })
    .forget();
}

fn unavailable(host: HtmlElement, message: &str) {
    set_state(&host, CheckoutState::Unavailable);
    configuration_error(&host, message);
    mount_alert(host, message);
}

/// Reports a bad attribute: on the console, and as a `stripe-checkout:error` event.
fn configuration_error(host: &HtmlElement, message: &str) {
    web_sys::console::error_1(&format!("stripe-checkout: {message}").into());
    error_event(
        host,
        &CheckoutFailure {
            message: message.to_owned(),
            kind: "invalid_configuration".into(),
            code: None,
        },
    );
}

fn mount_alert(host: HtmlElement, message: &str) {
    let message = message.to_owned();
    leptos::mount::mount_to(host, move || view! { <p role="alert">{message}</p> }).forget();
}

/// Applies later changes of `data-amount`, `data-request-body` and `data-request-headers`.
fn watch_attributes(host: &HtmlElement, live: Live) -> Option<AttributeWatch> {
    let h = host.clone();
    let callback = Closure::<dyn FnMut(Array)>::new(move |_records: Array| {
        if let Err(e) = live.refresh(&h) {
            configuration_error(&h, &e.to_string());
        }
    });
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    let init = MutationObserverInit::new();
    init.set_attributes(true);
    init.set_attribute_filter(&Array::of3(
        &"data-amount".into(),
        &"data-request-body".into(),
        &"data-request-headers".into(),
    ));
    observer.observe_with_options(host, &init).ok()?;
    Some(AttributeWatch {
        observer,
        _callback: callback,
    })
}

fn set_state(host: &HtmlElement, state: CheckoutState) {
    let _ = host.set_attribute("data-state", state.as_str());
}

fn error_event(host: &HtmlElement, failure: &CheckoutFailure) {
    let code = failure
        .code
        .as_deref()
        .map_or(JsValue::NULL, JsValue::from_str);
    let fields = [
        ("message", failure.message.as_str().into()),
        ("type", failure.kind.as_str().into()),
        ("code", code),
    ];
    dispatch(host, "error", &detail(&fields));
}

fn detail(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(k), v);
    }
    object
}

/// Dispatches a bubbling `stripe-checkout:<name>` CustomEvent on the host.
fn dispatch(host: &HtmlElement, name: &str, detail: &Object) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) =
        CustomEvent::new_with_event_init_dict(&format!("stripe-checkout:{name}"), &init)
    {
        let _ = host.dispatch_event(&event);
    }
}
