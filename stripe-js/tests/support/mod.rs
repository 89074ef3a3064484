//! Shared helpers of the browser tests: the Stripe.js simulator and a few DOM shortcuts.
#![allow(dead_code)]

use std::cell::OnceCell;

use js_sys::{Array, Function, Reflect};
use stripe_js::{load_stripe_js, LoaderOptions};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static SIM_URL: OnceCell<String> = const { OnceCell::new() };
}

/// A `blob:` URL serving `sim/stripe.js`, the Stripe.js simulator (in-memory mode).
pub fn sim_url() -> String {
    SIM_URL.with(|cell| {
        cell.get_or_init(|| blob_url(include_str!("../../../sim/stripe.js")))
            .clone()
    })
}

/// A `blob:` URL serving `source` as JavaScript.
pub fn blob_url(source: &str) -> String {
    let parts = Array::of1(&JsValue::from_str(source));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).unwrap();
    web_sys::Url::create_object_url_with_blob(&blob).unwrap()
}

/// Runs a JS function body and returns its value (test code only: the runner has no CSP).
pub fn js(body: &str) -> JsValue {
    Function::new_no_args(body)
        .call0(&JsValue::NULL)
        .unwrap_or_else(|e| panic!("test JS threw: {e:?}\n{body}"))
}

/// `js(...)` as a number.
pub fn js_f64(body: &str) -> f64 {
    js(body)
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {body}"))
}

/// `js(...)` as a string.
pub fn js_string(body: &str) -> String {
    js(body)
        .as_string()
        .unwrap_or_else(|| panic!("not a string: {body}"))
}

/// Forgets any loaded Stripe.js: removes `window.Stripe` and every `<script src>` we added.
pub fn unload_stripe() {
    js("delete window.Stripe; window.__stripeSimLoads = 0; \
        document.querySelectorAll('script[src^=\"blob:\"], script[src^=\"http\"]').forEach(s => s.remove());");
}

/// Loads the simulator (once per page) and resets its recorded state.
pub async fn sim() {
    load_stripe_js(&LoaderOptions {
        url: sim_url(),
        timeout_ms: 5_000,
        ..LoaderOptions::default()
    })
    .await
    .expect("the simulator loads");
    js("__stripeSim.reset(); __stripeSim.autoAuthenticate = null;");
}

/// How many calls of `method` the simulator recorded.
pub fn calls(method: &str) -> usize {
    js_f64(&format!(
        "return __stripeSim.calls.filter(c => c.method === '{method}').length"
    )) as usize
}

/// A fresh `<div>` in the body, to mount into.
pub fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets pending promise callbacks and zero-delay timers run.
pub async fn tick() {
    sleep(0).await;
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Reads `obj[key]`.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap()
}

/// Replaces `window.fetch` with a scripted backend that records every request in
/// `__backend.requests` and answers from `__backend.replies` (default: a succeeded intent).
/// A reply is `{status, body, type}`, `{network: true}` (connection dropped) or `{hang: true}`
/// (never answers; honours the abort signal).
pub fn install_backend() {
    js(r#"
        window.__backend = { requests: [], replies: [] };
        window.fetch = async (url, init) => {
            __backend.requests.push({
                url: String(url), method: init.method, credentials: init.credentials,
                headers: Object.fromEntries(new Headers(init.headers)), body: init.body,
            });
            const r = __backend.replies.shift()
                || { status: 200, body: JSON.stringify({ client_secret: 'pi_ok_secret_x', status: 'succeeded' }) };
            if (r.network) throw new TypeError('Failed to fetch');
            if (r.hang) return new Promise((_, reject) => init.signal.addEventListener('abort',
                () => reject(new DOMException('The operation was aborted.', 'AbortError'))));
            return new Response(r.body, { status: r.status, headers: { 'Content-Type': r.type || 'application/json' } });
        };
    "#);
}

/// Queues a backend reply (a JS object literal).
pub fn reply(js_object: &str) {
    js(&format!("__backend.replies.push({js_object})"));
}

/// Polls `condition` (a JS expression) until true, for up to two seconds.
pub async fn until(condition: &str) {
    for _ in 0..200 {
        if js(&format!("return !!({condition})")).as_bool() == Some(true) {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for: {condition}");
}
