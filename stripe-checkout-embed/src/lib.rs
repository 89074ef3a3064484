//! The drop-in storefront embed: reads a host's `data-*` attributes, mounts the components,
//! mirrors the state in `data-state` and dispatches `stripe-checkout:*` DOM events. Hosts that
//! leave the document are unmounted; hosts added later are mounted (single-page storefronts).
//!
//! The top layer: it depends on the `stripe-checkout` Leptos library, which it mounts with
//! Leptos's client-side renderer (this crate, not the library, enables `csr`).
#![deny(missing_docs)]
// Page input and JS values reach every layer: no panic path (a wasm panic aborts the module and
// leaves the customer a dead form). Unit tests may unwrap.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]
// A smaller build (fewer features: card-only, status-only) leaves some code unused, which the
// linker drops; the default build, which clippy checks, uses all of it.
#![cfg_attr(
    not(all(
        feature = "status",
        feature = "checkout",
        feature = "express",
        feature = "email",
        feature = "setup"
    )),
    allow(dead_code, unused_imports, unused_mut, unused_variables)
)]

mod attributes;

use std::any::Any;
use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement, MutationObserver, MutationObserverInit};

pub use attributes::{read_checkout, AttributeError, Live};
use stripe_checkout::backend::OrderStatus;
use stripe_checkout::components::{
    Checkout, CheckoutEvent, CheckoutFailure, CheckoutState, FailureKind, PaymentStatus,
    ShippingChange,
};
use stripe_checkout::stripe::{IntentKind, ShippingAddressChangeEvent};

/// Selector of checkout hosts.
pub const CHECKOUT_SELECTOR: &str = "[data-stripe-checkout]";
/// Selector of return-page status hosts.
pub const STATUS_SELECTOR: &str = "[data-stripe-checkout-status]";

/// A MutationObserver and its callback; dropping it disconnects the observer.
struct Observer {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// What keeps a mounted host alive: its attribute observer, its Leptos tree (an
/// `UnmountHandle`) and the reactive owner of everything made for it. Dropping it disconnects
/// the observer, unmounts the tree (elements destroyed, listeners off) and disposes the owner,
/// in that order (field order).
#[must_use = "dropping a MountedHost unmounts it"]
pub struct MountedHost {
    _watch: Option<Observer>,
    _view: Box<dyn Any>,
    _owner: Owner,
    host: HtmlElement,
}

/// What a mount function leaves running on a host.
type Mount = (Option<Observer>, Box<dyn Any>);

/// Mounts one kind of host.
type MountFn = fn(HtmlElement) -> MountedHost;

impl MountedHost {
    /// Runs `mount` for `host` under a new reactive owner, which the handle keeps.
    fn mount(host: HtmlElement, mount: impl FnOnce(&HtmlElement) -> Mount) -> Self {
        let owner = Owner::new();
        let (watch, view) = owner.with(|| mount(&host));
        Self {
            _watch: watch,
            _view: view,
            _owner: owner,
            host,
        }
    }
}

impl Drop for MountedHost {
    fn drop(&mut self) {
        let _ = self.host.remove_attribute(MOUNTED);
    }
}

/// The marker of a mounted host (so two copies of the embed never mount one host twice).
const MOUNTED: &str = "data-stripe-mounted";

/// The page's mounted hosts, and the observer that follows hosts entering and leaving it.
struct Page {
    hosts: Vec<MountedHost>,
    observer: Option<Observer>,
}

thread_local! {
    static PAGE: RefCell<Page> = const {
        RefCell::new(Page { hosts: Vec::new(), observer: None })
    };
}

/// Mounts a checkout on every `[data-stripe-checkout]` and a status view on every
/// `[data-stripe-checkout-status]` of the page (each host once), then follows the document:
/// a host removed from it is unmounted, a host added to it is mounted.
pub fn mount_all() {
    mount_new_hosts();
    PAGE.with(|page| {
        let mut page = page.borrow_mut();
        if page.observer.is_none() {
            page.observer = watch_page();
        }
    });
}

/// Mounts the hosts of the document not mounted yet.
fn mount_new_hosts() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let kinds: &[(&str, MountFn)] = &[
        #[cfg(feature = "checkout")]
        (CHECKOUT_SELECTOR, mount_checkout),
        #[cfg(feature = "status")]
        (STATUS_SELECTOR, mount_status),
    ];
    for &(selector, mount) in kinds {
        let Ok(hosts) = document.query_selector_all(selector) else {
            continue;
        };
        for host in
            (0..hosts.length()).filter_map(|i| hosts.item(i)?.dyn_into::<HtmlElement>().ok())
        {
            if host.has_attribute(MOUNTED) || (selector == CHECKOUT_SELECTOR && !takes(&host)) {
                continue;
            }
            let _ = host.set_attribute(MOUNTED, "");
            let mounted = mount(host);
            PAGE.with(|page| page.borrow_mut().hosts.push(mounted));
        }
    }
}

/// Whether this build takes on a checkout host: one asking for a part the build leaves out
/// (wallet buttons unless `data-express-checkout="off"`, an email field, `data-mode` other than
/// `payment`) is left unmounted, and `embed.js` loads a build that takes it, which mounts it.
/// Whatever is wrong with a host's attributes, the build that takes it reports it. `embed.js`
/// picks the first build by the same rule (`needs` there). A build without the `status` feature
/// leaves status hosts alike.
fn takes(host: &HtmlElement) -> bool {
    let value = |attribute| attributes::optional(host, attribute);
    (cfg!(feature = "express") || value("data-express-checkout").as_deref() == Some("off"))
        && (cfg!(feature = "email")
            || (value("data-email").is_none() && value("data-email-default").is_none()))
        && (cfg!(feature = "setup")
            || matches!(value("data-mode").as_deref(), None | Some("payment")))
}

/// Unmounts the hosts that left the document. A host moved within the document in one task
/// (removed and inserted again) is still connected when this runs, and stays mounted.
fn unmount_removed_hosts() {
    let removed: Vec<MountedHost> = PAGE.with(|page| {
        let hosts = &mut page.borrow_mut().hosts;
        let (gone, kept) = std::mem::take(hosts)
            .into_iter()
            .partition(|m| !m.host.is_connected());
        *hosts = kept;
        gone
    });
    // Dropped outside the borrow: unmounting runs Leptos cleanups.
    drop(removed);
}

/// Follows hosts entering and leaving the document.
fn watch_page() -> Option<Observer> {
    let document = web_sys::window()?.document()?;
    let callback = Closure::<dyn FnMut(Array)>::new(move |_records: Array| {
        unmount_removed_hosts();
        mount_new_hosts();
    });
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(&document, &init).ok()?;
    Some(Observer {
        observer,
        _callback: callback,
    })
}

/// Mounts one checkout on `host`; dropping the handle unmounts it.
pub fn mount_checkout(host: HtmlElement) -> MountedHost {
    MountedHost::mount(host, checkout)
}

fn checkout(host: &HtmlElement) -> Mount {
    set_state(host, CheckoutState::Loading);
    let (mut config, live) = match read_checkout(host) {
        Ok(read) => read,
        Err(e) => return unavailable(host, &e.message()),
    };
    let watch = watch_attributes(host, live);
    let h = SendWrapper::new(host.clone());
    #[cfg(feature = "express")]
    {
        config.on_shipping_address_change = Some(shipping_address_change(host, live));
    }
    let on_event = Callback::new(move |event: CheckoutEvent| match event {
        CheckoutEvent::State(s) => set_state(&h, s),
        CheckoutEvent::Ready => dispatch(&h, "ready", &Object::new()),
        CheckoutEvent::Change { complete } => {
            dispatch(&h, "change", &detail(&[("complete", complete.into())]))
        }
        CheckoutEvent::Success(s) => {
            let id = match s.client_secret.kind() {
                IntentKind::Payment => "paymentIntentId",
                IntentKind::Setup => "setupIntentId",
            };
            let fields = [
                ("status", s.status.as_str().into()),
                (id, s.intent_id.as_str().into()),
            ];
            dispatch(&h, "success", &detail(&fields))
        }
        CheckoutEvent::Error(f) => error_event(&h, &f),
    });
    let view = leptos::mount::mount_to(host.clone(), move || {
        view! { <Checkout config on_event /> }
    });
    (watch, Box::new(view))
}

/// The wallet sheet's shipping address changed: a cancelable `stripe-checkout:shipping-address-change`
/// (detail: `{name, address: {city, state, postal_code, country}}`) lets the page answer in
/// its listener, synchronously: `preventDefault()` refuses the address; otherwise the checkout
/// reads `data-amount` and `data-shipping-rates` as the listener left them.
fn shipping_address_change(
    host: &HtmlElement,
    live: Live,
) -> Callback<ShippingAddressChangeEvent, Option<ShippingChange>> {
    let h = SendWrapper::new(host.clone());
    Callback::new(move |e: ShippingAddressChangeEvent| {
        let address = &e.address;
        let part = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        let fields = [
            ("city", part(&address.city)),
            ("state", part(&address.state)),
            ("postal_code", part(&address.postal_code)),
            ("country", part(&address.country)),
        ];
        let detail = detail(&[
            ("name", e.name.as_str().into()),
            ("address", detail(&fields).into()),
        ]);
        if !dispatch_cancelable(&h, "shipping-address-change", &detail) {
            return None;
        }
        let refreshed = live
            .refresh(&h)
            .and_then(|()| attributes::shipping_rates(&h));
        match refreshed {
            Ok(shipping_rates) => Some(ShippingChange {
                shipping_rates,
                line_items: Vec::new(),
                amount: Some(live.amount()),
            }),
            Err(e) => {
                configuration_error(&h, &e.message());
                None
            }
        }
    })
}

/// Mounts one return-page status view on `host`; dropping the handle unmounts it.
pub fn mount_status(host: HtmlElement) -> MountedHost {
    MountedHost::mount(host, status)
}

fn status(host: &HtmlElement) -> Mount {
    let key = host
        .get_attribute("data-publishable-key")
        .unwrap_or_default();
    if let Err(e) = stripe_checkout::stripe::PublishableKey::parse(&key) {
        let _ = host.set_attribute("data-status", "error");
        return mount_alert(host, &["data-publishable-key: ", e.message()].concat());
    }
    let read = attributes::loader_options(host)
        .and_then(|loader| Ok((loader, attributes::order_status_endpoint(host)?)));
    let (loader, order_status_endpoint) = match read {
        Ok(read) => read,
        Err(e) => {
            let _ = host.set_attribute("data-status", "error");
            return mount_alert(host, &e.message());
        }
    };
    let client_secret = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|q| {
            q.get("payment_intent_client_secret")
                .or_else(|| q.get("setup_intent_client_secret"))
        });
    let h = SendWrapper::new(host.clone());
    let on_status = Callback::new(move |s: String| {
        let _ = h.set_attribute("data-status", &s);
    });
    let h = SendWrapper::new(host.clone());
    let on_order = Callback::new(move |o: OrderStatus| {
        let _ = h.set_attribute("data-order-status", o.status.as_str());
    });
    let view = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <PaymentStatus publishable_key=key client_secret loader on_status
                order_status_endpoint=order_status_endpoint.unwrap_or_default() on_order />
        }
    });
    (None, Box::new(view))
}

fn unavailable(host: &HtmlElement, message: &str) -> Mount {
    set_state(host, CheckoutState::Unavailable);
    configuration_error(host, message);
    mount_alert(host, message)
}

/// Reports a bad attribute: on the console, and as a `stripe-checkout:error` event.
fn configuration_error(host: &HtmlElement, message: &str) {
    web_sys::console::error_1(&["stripe-checkout: ", message].concat().into());
    error_event(
        host,
        &CheckoutFailure {
            message: message.to_owned(),
            kind: FailureKind::InvalidConfiguration,
            code: None,
        },
    );
}

fn mount_alert(host: &HtmlElement, message: &str) -> Mount {
    let message = message.to_owned();
    let view = leptos::mount::mount_to(
        host.clone(),
        move || view! { <p role="alert">{message}</p> },
    );
    (None, Box::new(view))
}

/// Applies later changes of `data-amount`, `data-request-body` and `data-request-headers`.
fn watch_attributes(host: &HtmlElement, live: Live) -> Option<Observer> {
    let h = host.clone();
    let callback = Closure::<dyn FnMut(Array)>::new(move |_records: Array| {
        if let Err(e) = live.refresh(&h) {
            configuration_error(&h, &e.message());
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
    Some(Observer {
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
    send(host, name, detail, false);
}

/// Dispatches a cancelable one; `false` if a listener called `preventDefault()`.
fn dispatch_cancelable(host: &HtmlElement, name: &str, detail: &Object) -> bool {
    send(host, name, detail, true)
}

fn send(host: &HtmlElement, name: &str, detail: &Object, cancelable: bool) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    match CustomEvent::new_with_event_init_dict(&["stripe-checkout:", name].concat(), &init) {
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}
