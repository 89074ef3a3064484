//! `effect`: an [`Effect`] over a boxed closure, so the wasm holds the Effect machinery once.

use leptos::prelude::*;

/// Runs `f` as an [`Effect`]. Every `Effect::new` call site with its own closure type is its own
/// copy of the Effect code; boxing the closure here makes all callers share one.
pub(crate) fn effect(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
