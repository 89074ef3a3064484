//! The errors `/create-confirm-intent` answers with, and the policy mapping Stripe's onto them.
//!
//! Only `card_error`s reach the customer verbatim (message and code, nothing else); every other
//! failure becomes [`GENERIC_MESSAGE`] with the detail in the server log. A failure whose
//! outcome is unknown (Stripe timed out, could not be reached, or answered 5xx or nonsense: the
//! payment may have gone through) is answered *without* `error`, as [`CheckoutError::OutcomeUnknown`]: the
//! component then re-sends the same ConfirmationToken, which this server turns into the same
//! Stripe idempotency key, so the retry can never charge twice. An `{"error"}` tells the
//! component the attempt is over, and its next Pay makes a new token (a new charge).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use stripe_checkout_wire::{ErrorAnswer, ErrorDetail, OutcomeUnknown};

use crate::stripe::StripeError;

/// What the customer sees when the cause is not theirs to fix.
pub const GENERIC_MESSAGE: &str = "The payment could not be processed. Please try again.";

/// What the body of an [`CheckoutError::OutcomeUnknown`] answer says.
pub const OUTCOME_UNKNOWN_MESSAGE: &str =
    "The payment's outcome is not known yet. Send the same confirmation token again.";

/// A JSON error response: `{"error": {"message", "type", "code"?}}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status of the response.
    pub status: StatusCode,
    /// Safe to show the customer.
    pub message: String,
    /// `invalid_request_error`, `card_error` or `api_error`.
    pub kind: &'static str,
    /// Stripe's error code, forwarded for card errors only.
    pub code: Option<String>,
}

impl ApiError {
    /// A 4xx about the request the browser sent.
    pub fn invalid_request(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            kind: "invalid_request_error",
            code: None,
        }
    }

    /// The generic failure, with the given status.
    pub fn generic(status: StatusCode) -> Self {
        ApiError {
            status,
            message: GENERIC_MESSAGE.to_owned(),
            kind: "api_error",
            code: None,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorAnswer {
            error: ErrorDetail {
                message: self.message,
                kind: self.kind.to_owned(),
                code: self.code,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// A failed checkout: over ([`ApiError`], `{"error": …}`), or of unknown outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckoutError {
    /// The attempt is over; the body is `{"error": …}`.
    Refused(ApiError),
    /// The payment may have been made: 502 `{"outcome": "unknown", "message"}`, no `error`.
    OutcomeUnknown,
}

impl From<ApiError> for CheckoutError {
    fn from(error: ApiError) -> Self {
        CheckoutError::Refused(error)
    }
}

impl IntoResponse for CheckoutError {
    fn into_response(self) -> Response {
        match self {
            CheckoutError::Refused(error) => error.into_response(),
            CheckoutError::OutcomeUnknown => (
                StatusCode::BAD_GATEWAY,
                Json(OutcomeUnknown {
                    message: OUTCOME_UNKNOWN_MESSAGE.to_owned(),
                }),
            )
                .into_response(),
        }
    }
}

impl From<StripeError> for CheckoutError {
    /// The mapping policy; logs the detail it hides.
    fn from(error: StripeError) -> Self {
        match error {
            StripeError::Api { status, error } if error.kind == "card_error" => {
                tracing::info!(
                    stripe_status = status,
                    code = ?error.code,
                    decline_code = ?error.decline_code,
                    request_id = ?error.request_id,
                    "card error from Stripe"
                );
                CheckoutError::Refused(ApiError {
                    status: StatusCode::PAYMENT_REQUIRED,
                    message: error
                        .message
                        .unwrap_or_else(|| "Your card was declined.".to_owned()),
                    kind: "card_error",
                    code: error.code,
                })
            }
            StripeError::Api { status, error } => {
                tracing::error!(
                    stripe_status = status,
                    kind = %error.kind,
                    code = ?error.code,
                    param = ?error.param,
                    message = ?error.message,
                    request_log_url = ?error.request_log_url,
                    request_id = ?error.request_id,
                    "Stripe refused the request"
                );
                if error.kind == "rate_limit_error" || status == 429 {
                    // Not processed: Stripe saves no idempotent result for a 429.
                    ApiError::generic(StatusCode::SERVICE_UNAVAILABLE).into()
                } else if status >= 500 {
                    // "The request may or may not have been processed" (Stripe's API docs, errors).
                    CheckoutError::OutcomeUnknown
                } else {
                    ApiError::generic(StatusCode::BAD_GATEWAY).into()
                }
            }
            other => {
                tracing::error!(error = %other, "Stripe request failed; outcome unknown");
                CheckoutError::OutcomeUnknown
            }
        }
    }
}
