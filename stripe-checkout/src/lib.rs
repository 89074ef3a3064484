//! Leptos components and hooks for Stripe's Payment Element: a provider, element components,
//! the pay flow as a hook, and a ready-made `Checkout` form.
//!
//! **Coming from `@stripe/react-stripe-js`:** our [`use_checkout`](components::use_checkout) and
//! [`Checkout`](components::Checkout) are the **PaymentIntent + ConfirmationToken** flow over the
//! Payment Element (`elements.submit()`, `stripe.createConfirmationToken()`, your backend
//! confirms), *not* Stripe's Checkout Sessions, which `@stripe/react-stripe-js/checkout`'s
//! `useCheckout` and `CheckoutElementsProvider` (`CheckoutProvider` before version 7) drive and
//! this crate does not wrap. `<Elements stripe options>` is
//! [`StripeProvider`](components::StripeProvider), `useStripe` / `useElements` are
//! [`use_stripe`](components::use_stripe) / [`use_elements`](components::use_elements); the
//! crate's README has the whole table ("Coming from react-stripe-js").
//!
//! Layers, bottom up: [`stripe::sys`] (raw Stripe.js externs) → [`stripe`] (typed, safe; the
//! `stripe-js` crate) and [`backend`] (the POST) → [`pay`] (the pay flow as a state machine, no
//! Leptos) → [`components`] (Leptos: view → hook → `pay`). The drop-in embed
//! (`stripe-checkout-embed`) and the reference server build on top; the POST between the
//! component and the server is the `stripe-checkout-wire` crate.
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
mod log;
pub mod messages;
pub mod pay;
mod request_body;
/// The typed Stripe.js layer (the `stripe-js` crate).
pub use stripe_js as stripe;

/// This crate's README snippets, compiled by `cargo test` so they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeSnippets;

/// The workspace README's Rust snippets, compiled the same way (in the repository only).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct WorkspaceReadmeSnippets;
