//! A Leptos (client-side rendered) checkout for Stripe's Payment Element, and the drop-in
//! storefront embed built from it.
//!
//! Layers, bottom up: [`stripe::sys`] (raw Stripe.js externs) → [`stripe`] (typed, safe) →
//! [`components`] (Leptos) → [`embed`] (reads `data-*` attributes, mounts, dispatches events).
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

pub mod backend;
pub mod components;
pub mod embed;
/// The typed Stripe.js layer (the `stripe-js` crate).
pub use stripe_js as stripe;

/// The README's Rust snippets, compiled by `cargo test` so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeSnippets;
