//! Options and params we send to Stripe.js, typed after `@stripe/stripe-js`, one file per
//! Stripe type file.
//!
//! Elements options are camelCase (`captureMethod`); API params are snake_case (`return_url`):
//! each struct says which it is, there is no blanket rule.

mod address;
mod confirmation_token;
mod elements;
mod link_authentication;
mod payment;
mod stripe;

pub use address::*;
pub use confirmation_token::*;
pub use elements::*;
pub use link_authentication::*;
pub use payment::*;
pub use stripe::*;

#[cfg(all(test, target_arch = "wasm32"))]
mod customer_session_tests;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
