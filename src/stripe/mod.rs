//! Typed bindings to Stripe.js.
