//! Loads Stripe.js at most once per page, the way `@stripe/stripe-js`'s `loadStripe` does.
//!
//! A matching `<script>` already in the page is reused; concurrent callers share one in-flight
//! load; a failed load is retried once, then forgotten so a later call can try again; each
//! attempt gives up after a timeout.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, HtmlScriptElement};

use stripe_checkout_wire::{PublishableKey, STRIPE_JS_URL};

use super::client::Stripe;
use super::error::{describe_thrown, Error};
use super::js::decimal;
use super::options::StripeConstructorOptions;

/// Where to load Stripe.js from, how long to wait, and what `Stripe()` is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoaderOptions {
    /// Script URL; Stripe's by default. Only point it elsewhere for a simulator in development.
    pub url: String,
    /// How long one attempt may take before it counts as failed.
    pub timeout_ms: i32,
    /// `Stripe(key, options)`'s options: Connect account, locale.
    pub stripe: StripeConstructorOptions,
}

impl Default for LoaderOptions {
    fn default() -> Self {
        Self {
            url: STRIPE_JS_URL.to_owned(),
            timeout_ms: 10_000,
            stripe: StripeConstructorOptions::default(),
        }
    }
}

/// A [`Stripe`] instance, with the key, options and `window.Stripe` it was made with.
struct Instance {
    key: PublishableKey,
    options: StripeConstructorOptions,
    constructor: JsValue,
    stripe: Stripe,
}

thread_local! {
    /// The load in flight: a promise, so every caller can await the same one. It resolves
    /// when `window.Stripe` is defined and rejects with the [`Error::Load`] message.
    static IN_FLIGHT: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// One instance per publishable key per page, shared by every provider and status view.
    static INSTANCES: RefCell<Vec<Instance>> = const { RefCell::new(Vec::new()) };
}

/// Checks the key and options, loads Stripe.js (once per page) and returns the page's
/// [`Stripe`] instance for that key and those options (created on first use). A secret or
/// restricted key, or a bad option, is refused before anything is loaded.
///
/// It takes its arguments by value and returns a `'static` future ([`LoadStripe`]), so it can be
/// started from a closure that owns them (`LocalResource::new(move || load_stripe(key.clone(),
/// options.clone()))`) or handed, not awaited, to a provider that takes a Stripe to come
/// (`@stripe/react-stripe-js`'s `<Elements stripe={loadStripe(key)}>`). Nothing runs until the
/// future is polled: making it on a server rendering the page is harmless.
///
/// ```no_run
/// use stripe_js::{load_stripe, LoaderOptions};
///
/// # async fn shop() -> Result<(), stripe_js::Error> {
/// let key = String::from("pk_test_…");
/// let options = LoaderOptions::default();
/// let start = move || load_stripe(key.clone(), options.clone()); // owns what it borrows
/// let stripe = start().await?;
/// # let _ = stripe; Ok(()) }
/// ```
pub fn load_stripe(key: impl Into<String>, options: LoaderOptions) -> LoadStripe {
    let key = key.into();
    LoadStripe::new(async move { load(&key, &options).await })
}

/// A Stripe instance to come: what [`load_stripe`] returns, or any future of one
/// ([`LoadStripe::new`]). Await it, or give it to a provider as it is.
#[must_use = "a future does nothing unless awaited or handed to a provider"]
pub struct LoadStripe(Pin<Box<dyn Future<Output = Result<Stripe, Error>>>>);

impl LoadStripe {
    /// Wraps any future of a [`Stripe`] (the shop's own loading, say).
    pub fn new(future: impl Future<Output = Result<Stripe, Error>> + 'static) -> Self {
        Self(Box::pin(future))
    }
}

impl Future for LoadStripe {
    type Output = Result<Stripe, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

impl std::fmt::Debug for LoadStripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoadStripe")
    }
}

async fn load(key: &str, options: &LoaderOptions) -> Result<Stripe, Error> {
    let key = PublishableKey::parse(key)?;
    options.stripe.validate()?;
    load_stripe_js(options).await?;
    let constructor = stripe_constructor().unwrap_or(JsValue::UNDEFINED);
    INSTANCES.with(|instances| {
        let mut instances = instances.borrow_mut();
        // Instances of a replaced Stripe.js (a test that reloads it) are stale.
        instances.retain(|i| i.constructor == constructor);
        if let Some(i) = instances
            .iter()
            .find(|i| i.key == key && i.options == options.stripe)
        {
            return Ok(i.stripe.clone());
        }
        let stripe = Stripe::with_options(&key, &options.stripe)?;
        instances.push(Instance {
            key,
            options: options.stripe.clone(),
            constructor,
            stripe: stripe.clone(),
        });
        Ok(stripe)
    })
}

/// Makes sure `window.Stripe` exists, loading the script if needed.
pub async fn load_stripe_js(options: &LoaderOptions) -> Result<(), Error> {
    if stripe_constructor().is_some() {
        return Ok(());
    }
    let load = IN_FLIGHT.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| start(options.clone()))
            .clone()
    });
    JsFuture::from(load)
        .await
        .map(drop)
        .map_err(|reason| Error::Load(reason.as_string().unwrap_or_default()))
}

fn start(options: LoaderOptions) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let result = match attempt(&options).await {
            Err(_) => attempt(&options).await,
            ok => ok,
        };
        // Success is remembered by `window.Stripe` itself; a failure must not stick.
        IN_FLIGHT.with(|slot| slot.borrow_mut().take());
        result
            .map(|()| JsValue::UNDEFINED)
            .map_err(|Failed(message)| JsValue::from_str(&message))
    })
}

/// Why an attempt failed: the message of the [`Error::Load`] every caller gets.
struct Failed(String);

/// `window.Stripe`, if it is a function.
fn stripe_constructor() -> Option<JsValue> {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"Stripe".into()).ok())
        .filter(JsValue::is_function)
}

async fn attempt(options: &LoaderOptions) -> Result<(), Failed> {
    let window = web_sys::window().ok_or_else(|| Failed("no window".into()))?;
    let document = window
        .document()
        .ok_or_else(|| Failed("no document".into()))?;
    let script = match find_script(&document, &options.url) {
        Some(script) => script,
        None => inject_script(&document, &options.url)?,
    };
    let mut timer = 0;
    let settled = Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
        timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_1(
                &reject,
                options.timeout_ms,
                &JsValue::from_str("timeout"),
            )
            .unwrap_or(0);
    });
    let outcome = JsFuture::from(settled).await;
    window.clear_timeout_with_handle(timer);
    let failure = match outcome {
        Ok(_) if stripe_constructor().is_some() => return Ok(()),
        Ok(_) => "the script loaded but did not define window.Stripe".to_owned(),
        Err(reason) if reason.as_string().as_deref() == Some("timeout") => [
            "no answer from ",
            &options.url,
            " after ",
            &decimal(u64::try_from(options.timeout_ms).unwrap_or(0)),
            " ms",
        ]
        .concat(),
        Err(reason) if reason.is_instance_of::<web_sys::Event>() => [
            &options.url,
            " could not be fetched (network error or blocked)",
        ]
        .concat(),
        Err(reason) => describe_thrown(&reason),
    };
    // A failed tag is dead: remove it so the retry (or a later call) injects a fresh one.
    script.remove();
    Err(Failed(failure))
}

/// A `<script>` for Stripe.js already in the page: one with exactly this URL, or, when the URL
/// is Stripe's, any Stripe.js URL (as `@stripe/stripe-js` does).
fn find_script(document: &Document, url: &str) -> Option<HtmlScriptElement> {
    let wanted = absolute(document, url);
    let is_stripe_js = |src: &str| {
        src.strip_prefix("https://js.stripe.com/")
            .is_some_and(|path| {
                let path = path.split(['?', '#']).next().unwrap_or_default();
                path == "v3" || path == "v3/" || path.ends_with("/stripe.js")
            })
    };
    let scripts = document.query_selector_all("script[src]").ok()?;
    (0..scripts.length())
        .filter_map(|i| scripts.item(i)?.dyn_into::<HtmlScriptElement>().ok())
        .find(|s| {
            let src = s.src();
            src == wanted || (is_stripe_js(&wanted) && is_stripe_js(&src))
        })
}

fn inject_script(document: &Document, url: &str) -> Result<HtmlScriptElement, Failed> {
    let fail = |e: JsValue| Failed(describe_thrown(&e));
    let script: HtmlScriptElement = document
        .create_element("script")
        .map_err(fail)?
        .unchecked_into();
    script.set_src(url);
    let parent = document
        .head()
        .map(|h| h.unchecked_into::<web_sys::Element>())
        .or_else(|| document.body().map(Into::into))
        .ok_or_else(|| Failed("the page has neither <head> nor <body>".into()))?;
    parent.append_child(&script).map_err(fail)?;
    Ok(script)
}

fn absolute(document: &Document, url: &str) -> String {
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_owned())
}
