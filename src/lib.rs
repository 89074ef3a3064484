//! A Leptos (client-side rendered) checkout for Stripe's Payment Element, and the drop-in
//! storefront embed built from it.
//!
//! Layers, bottom up: [`stripe::sys`] (raw Stripe.js externs) → [`stripe`] (typed, safe) →
//! [`components`] (Leptos) → [`embed`] (reads `data-*` attributes, mounts, dispatches events).
#![deny(missing_docs)]

pub mod backend;
pub mod components;
pub mod embed;
pub mod stripe;
