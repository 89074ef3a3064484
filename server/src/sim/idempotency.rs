//! Idempotent requests: the answer kept under an `Idempotency-Key`, replayed to a retry with the
//! same parameters and refused to one with different parameters, as at Stripe.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::error::{error, reply};

/// An answer saved under its `Idempotency-Key`, with the request it answered.
pub(super) struct Saved {
    pub(super) fingerprint: String,
    pub(super) status: StatusCode,
    pub(super) body: Value,
}

impl Saved {
    /// The saved answer for a retry under `key` (marked `idempotent-replayed`), or an
    /// `idempotency_error` if the retry's `fingerprint` differs from the first request's.
    pub(super) fn replay(&self, key: &str, fingerprint: &str) -> Response {
        if self.fingerprint != fingerprint {
            return error(
                StatusCode::BAD_REQUEST,
                "idempotency_error",
                None,
                format!(
                    "Keys for idempotent requests can only be used with the same \
                     parameters they were first used with. Try using a key other than \
                     '{key}' if you meant to execute a different request."
                ),
                None,
            )
            .into_response();
        }
        let mut response = reply(Ok((self.status, self.body.clone())));
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        response
    }
}
