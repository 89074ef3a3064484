//! Client-side work: `effect`, an [`Effect`] over a boxed closure (so the wasm holds the Effect
//! machinery once), `spawn_in_browser`, which server-side rendering skips, and `console_error`,
//! the one way the components log, which a server rendering them survives.

use leptos::prelude::*;

/// Runs `f` as an [`Effect`]. Every `Effect::new` call site with its own closure type is its own
/// copy of the Effect code; boxing the closure here makes all callers share one.
pub(crate) fn effect(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// Spawns `task` (which calls Stripe.js or `window`) in the browser, and does nothing elsewhere:
/// under server-side rendering (a native target, where every call into a wasm-bindgen import
/// panics) the component keeps its placeholder, which the client hydrates before the task runs.
pub(crate) fn spawn_in_browser(task: impl std::future::Future<Output = ()> + 'static) {
    if cfg!(target_arch = "wasm32") {
        leptos::task::spawn_local(task);
    }
}

/// Writes `message` to the browser's console; off wasm32 (a server rendering the components) to
/// stderr, since there a call into `console` is not implemented and aborts the whole process.
/// Every log line of the components goes through here.
pub(crate) fn console_error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&message.into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
}
