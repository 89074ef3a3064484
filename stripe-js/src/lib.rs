//! Typed, safe Rust over the part of Stripe.js a checkout uses.
//!
//! `sys` holds the raw externs; everything else returns Rust values and [`Error`], never a
//! `JsValue`.
#![deny(missing_docs)]
// Values from JS reach every function: no panic path (a wasm panic aborts the module).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

// First: its `read_object!`, `write_object!`, `js_object!` and `js_enum!` macros are used by
// the modules below.
#[macro_use]
pub mod js;
mod client;
mod element;
mod elements;
mod error;
mod events;
mod express;
mod loader;
mod options;
pub mod sys;
mod types;

pub use client::Stripe;
pub use element::{
    AddressElement, Element, ElementRef, ElementUpdate, LinkAuthenticationElement, Listener,
    PaymentElement,
};
pub use elements::Elements;
pub use error::{describe_thrown, Error, StripeError, StripeErrorType};
pub use events::*;
pub use express::*;
pub use loader::{load_stripe, load_stripe_js, LoadStripe, LoaderOptions};
pub use options::*;
/// Shared with the backend through the `stripe-checkout-wire` crate: one definition, one set of
/// rules, on both sides of the POST.
pub use stripe_checkout_wire::{
    ClientSecret, IntentKind, KeyError, PaymentIntentStatus, PublishableKey, STRIPE_JS_URL,
};
pub use types::*;

pub use js::{Extra, FromJs, Modelled, ToJs, Unknown};

/// This crate's README snippets, compiled by `cargo test` so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeSnippets;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Reads a value Stripe.js gave us into its typed form.
pub(crate) fn from_js<T: FromJs>(operation: &'static str, value: JsValue) -> Result<T, Error> {
    T::from_js(&value).map_err(|detail| Error::Shape { operation, detail })
}

/// Awaits a Stripe.js promise that resolves `{error}` or `{<key>: value}` and rejects on
/// integration mistakes; `key = None` means success carries no value (`elements.submit()`).
pub(crate) async fn settle(
    operation: &'static str,
    promise: Result<js_sys::Promise, JsValue>,
    key: Option<&'static str>,
) -> Result<JsValue, Error> {
    let promise = promise.map_err(|e| Error::thrown(operation, e))?;
    let result = JsFuture::from(promise)
        .await
        .map_err(|e| Error::thrown(operation, e))?;
    if !result.is_object() {
        return Err(Error::Shape {
            operation,
            detail: "expected an object".into(),
        });
    }
    let field = |name: &str| js_sys::Reflect::get(&result, &JsValue::from_str(name));
    let error = field("error").unwrap_or(JsValue::UNDEFINED);
    if !error.is_undefined() && !error.is_null() {
        return Err(Error::Stripe(from_js(operation, error)?));
    }
    match key {
        None => Ok(JsValue::UNDEFINED),
        Some(key) => match field(key) {
            Ok(v) if v.is_object() => Ok(v),
            _ => Err(Error::Shape {
                operation,
                detail: ["neither `error` nor `", key, "` in the result"].concat(),
            }),
        },
    }
}
