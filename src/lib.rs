//! A Leptos checkout component for Stripe's Payment Element.
#![deny(missing_docs)]

pub mod stripe;
