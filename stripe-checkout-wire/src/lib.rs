//! The contract between the checkout component and its backend (serde only, no wasm).
//!
//! The component POSTs a [`TokenRequest`] (`{"confirmationTokenId": "ctoken_…", …extra}`) with
//! an [`IDEMPOTENCY_KEY`] header; the backend answers with an [`IntentAnswer`] (the
//! PaymentIntent's or, for a saved card, the SetupIntent's client secret and status), an [`ErrorAnswer`] (`{"error": …}`: the attempt
//! is over), or an [`OutcomeUnknown`] (the payment may have been made: re-send the same token).
//! [`Answer::read`] is the one rule by which the component reads any of them. The key, secret and id newtypes check
//! their shape when built and when deserialised, so a value of one is always well formed.
#![deny(missing_docs)]
// Values from the network reach every function: no panic path.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod answer;
mod ids;
mod key;
mod order;
mod request;
mod status;

pub use answer::{field, Answer, ErrorAnswer, ErrorDetail, IntentAnswer, Json, OutcomeUnknown};
pub use ids::{ClientSecret, ConfirmationTokenId, IntentKind};
pub use key::{KeyError, PublishableKey};
pub use order::{OrderState, OrderStatus, ORDER_STATUS_INTENT, ORDER_STATUS_SECRET};
pub use request::{TokenRequest, CONFIRMATION_TOKEN_ID, IDEMPOTENCY_KEY};
pub use status::PaymentIntentStatus;

/// Stripe.js's current URL (the release train `@stripe/stripe-js` 10 loads, matching the API
/// version the backend pins).
pub const STRIPE_JS_URL: &str = "https://js.stripe.com/endive/stripe.js";

/// The README's example, compiled and run by `cargo test`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
