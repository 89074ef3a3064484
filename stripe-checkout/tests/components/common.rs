//! What every subject's tests share: the config, mounting, waiting, and the backend's log.

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen::JsCast;

use super::support::*;

pub(crate) const PK: &str = "pk_test_123";

pub(crate) type Log = Arc<Mutex<Vec<String>>>;

/// A mounted checkout: its host, what its callbacks reported, and the handle keeping it alive.
pub(crate) struct Mounted {
    pub(crate) host: web_sys::HtmlElement,
    pub(crate) log: Log,
    pub(crate) _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    pub(crate) fn entries(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    pub(crate) fn has(&self, entry: &str) -> bool {
        self.entries().iter().any(|e| e == entry)
    }

    pub(crate) async fn wait_for(&self, entry: &str) {
        for _ in 0..300 {
            if self.has(entry) {
                return tick().await; // let the view catch up with the state
            }
            sleep(10).await;
        }
        panic!("never saw {entry:?}; log: {:?}", self.entries());
    }

    pub(crate) fn text(&self, selector: &str) -> String {
        self.host
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    pub(crate) fn pay(&self) {
        let form: web_sys::HtmlFormElement = self
            .host
            .query_selector("form")
            .unwrap()
            .unwrap()
            .unchecked_into();
        form.request_submit().unwrap();
    }

    pub(crate) async fn pay_and_settle(&self) {
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
pub(crate) fn with<T>(mut config: T, change: impl FnOnce(&mut T)) -> T {
    change(&mut config);
    config
}

pub(crate) fn config() -> CheckoutConfig {
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

pub(crate) fn shipping() -> Shipping {
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

pub(crate) async fn mount(config: CheckoutConfig) -> Mounted {
    sim().await;
    install_backend();
    mount_only(config)
}

/// Mounts a checkout on a fresh container, with the simulator as it is.
pub(crate) fn mount_only(config: CheckoutConfig) -> Mounted {
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

pub(crate) async fn ready(config: CheckoutConfig) -> Mounted {
    let m = mount(config).await;
    m.wait_for("state:ready").await;
    m
}

/// A checkout whose first payment the backend declined.
pub(crate) async fn declined() -> Mounted {
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
pub(crate) async fn paying_into_silence(timeout_ms: u32) -> Mounted {
    let m = ready(with(config(), |c| c.checkout.timeout_ms = timeout_ms)).await;
    reply("{hang: true}");
    fill_all();
    m.pay();
    m.wait_for("state:processing").await;
    m
}

pub(crate) fn fill_all() {
    js("__stripeSim.fillCard('4242424242424242'); \
        __stripeSim.fillAddress({name: 'Jenny Rosen', line1: '1 Main St', city: 'SF', \
        postal_code: '94107', country: 'US'})");
}

pub(crate) fn request(i: usize, field: &str) -> String {
    js_string(&format!(
        "const v = __backend.requests[{i}].{field}; return typeof v === 'string' ? v : JSON.stringify(v)"
    ))
}

pub(crate) fn requests() -> usize {
    js_f64("return __backend.requests.length") as usize
}

/// Two POSTs of one token: same body, same Idempotency-Key, one token made, one submit.
pub(crate) fn assert_the_same_token_was_resent() {
    assert_eq!(requests(), 2);
    assert_eq!(request(0, "body"), request(1, "body"));
    assert_eq!(
        request(0, "headers['idempotency-key']"),
        request(1, "headers['idempotency-key']")
    );
    assert_eq!(calls("createConfirmationToken"), 1);
    assert_eq!(calls("elements.submit"), 1);
}
