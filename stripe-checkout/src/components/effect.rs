//! Client-side work: `effect`, an [`Effect`] over a boxed closure (so the wasm holds the Effect
//! machinery once), and `spawn_in_browser`, which server-side rendering skips.

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

/// Resolves after `ms` milliseconds (`setTimeout`). Browser only: call it from a task
/// [`spawn_in_browser`] started.
pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
