//! `CheckoutFailure`: a failed attempt as the customer is shown it, and what kind of failure it
//! was (a closed set: Stripe's error types, plus the checkout's own).

use crate::backend::{NoAnswer, PostError};
use crate::messages;
use crate::stripe::{Error, StripeErrorType};

/// What kind of failure a [`CheckoutFailure`] is. `as_str()` is the name the embed reports in
/// `stripe-checkout:error`'s `detail.type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Stripe said so (Stripe.js, or the backend relaying Stripe's `error.type`).
    Stripe(StripeErrorType),
    /// No answer from the backend (offline, dropped, timed out): the next Pay re-sends the same
    /// token and key.
    Network,
    /// The backend answered something unusable, or refused without a Stripe error type.
    Backend,
    /// The intent ended in a status that is not a success (e.g. a failed 3-D Secure check).
    PaymentFailed,
    /// A mistake in the shop's integration; the exact cause is logged to the console.
    Integration,
    /// A bad attribute or option on the shop's page (the embed names it).
    InvalidConfiguration,
    /// Stripe.js could not load, or the publishable key was refused.
    Unavailable,
}

impl FailureKind {
    /// The wire name: Stripe's (`"card_error"` …) or ours (`"network_error"`, `"backend_error"`,
    /// `"payment_failed"`, `"integration_error"`, `"invalid_configuration"`, `"unavailable"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stripe(kind) => kind.as_str(),
            Self::Network => "network_error",
            Self::Backend => "backend_error",
            Self::PaymentFailed => "payment_failed",
            Self::Integration => "integration_error",
            Self::InvalidConfiguration => "invalid_configuration",
            Self::Unavailable => "unavailable",
        }
    }

    /// The kind the backend named in its refusal: one of Stripe's, else [`Backend`](Self::Backend).
    pub fn from_backend(kind: Option<&str>) -> Self {
        match kind.map(StripeErrorType::parse) {
            Some(StripeErrorType::Unknown) | None => Self::Backend,
            Some(kind) => Self::Stripe(kind),
        }
    }
}

/// A failed attempt, as shown to the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutFailure {
    /// The sentence shown in the alert.
    pub message: String,
    /// What kind of failure it is.
    pub kind: FailureKind,
    /// Stripe's or the backend's code (`card_declined` …), or the intent's status.
    pub code: Option<String>,
}

impl CheckoutFailure {
    /// A failure of `kind` showing `message`.
    pub fn new(message: impl Into<String>, kind: FailureKind, code: Option<String>) -> Self {
        Self {
            message: message.into(),
            kind,
            code,
        }
    }

    /// From Stripe.js: its message for card and validation errors, a plain sentence otherwise
    /// (an integration mistake is logged for the shop's developer).
    pub fn from_stripe(error: Error) -> Self {
        match error {
            Error::Stripe(e) => {
                let message = match (&e.message, e.kind) {
                    (Some(m), _) if e.is_customer_facing() => m.clone(),
                    (_, StripeErrorType::ApiConnectionError) => messages::STRIPE_UNREACHABLE.into(),
                    _ => messages::NOT_PROCESSED.into(),
                };
                Self::new(message, FailureKind::Stripe(e.kind), e.code)
            }
            other => {
                crate::log::error(&other.message());
                Self::new(messages::MISCONFIGURED, FailureKind::Integration, None)
            }
        }
    }

    /// The POST gave no answer. Not sent: the checkout's own request is wrong (the shop's
    /// mistake: a plain sentence for the customer, the exact cause in the console, never "check
    /// your connection"). Sent: no usable answer came back.
    pub fn from_post(error: PostError) -> Self {
        match error {
            PostError::NotSent(detail) => {
                crate::log::error(&detail);
                Self::new(
                    messages::MISCONFIGURED_NOT_SENT,
                    FailureKind::Integration,
                    None,
                )
            }
            PostError::NoAnswer(no_answer) => {
                let kind = match no_answer {
                    NoAnswer::Unusable(_) => FailureKind::Backend,
                    _ => FailureKind::Network,
                };
                Self::new(no_answer.message(), kind, None)
            }
        }
    }
}
