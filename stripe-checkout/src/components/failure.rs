//! `CheckoutFailure`: a failed attempt, and the sentences the customer is shown for Stripe's
//! errors.

use super::effect::console_error;
use crate::stripe::Error;

/// A failed attempt, as shown to the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutFailure {
    /// The sentence shown in the alert.
    pub message: String,
    /// Stripe's error type, the backend's `error.type`, or our own kind
    /// (`network_error`, `backend_error`, `payment_failed`, `integration_error`).
    pub kind: String,
    /// Stripe's or the backend's code.
    pub code: Option<String>,
}

impl CheckoutFailure {
    pub(super) fn new(message: String, kind: &str, code: Option<String>) -> Self {
        Self {
            message,
            kind: kind.to_owned(),
            code,
        }
    }

    /// The checkout's own configuration is wrong (the shop's mistake, not the customer's): a
    /// plain sentence for the customer, the exact cause in the console.
    pub(super) fn misconfigured(detail: &str) -> Self {
        console_error(detail);
        Self::new(
            "This checkout is misconfigured: your payment was not sent and you were not charged. Please contact the shop.".into(),
            "integration_error",
            None,
        )
    }

    /// From Stripe.js: its message for card and validation errors, a plain sentence otherwise.
    pub(super) fn from_stripe(error: Error) -> Self {
        match error {
            Error::Stripe(e) => {
                let message = match (&e.message, e.kind.as_str()) {
                    (Some(m), _) if e.is_customer_facing() => m.clone(),
                    (_, "api_connection_error") => {
                        "We couldn't reach Stripe. Check your connection and try again.".into()
                    }
                    _ => "Your payment could not be processed. Please try again.".into(),
                };
                Self::new(message, e.kind.as_str(), e.code)
            }
            other => {
                console_error(&other.to_string());
                Self::new(
                    "Something went wrong with this checkout. Please try again, or contact the shop.".into(),
                    "integration_error",
                    None,
                )
            }
        }
    }
}
