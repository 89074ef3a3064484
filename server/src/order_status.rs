//! `GET /order-status?payment_intent=pi_…&payment_intent_client_secret=…`: the return page
//! asks whether the order — not only the payment — is confirmed. The answer is given only to
//! whoever holds the PaymentIntent's client secret (the query Stripe appends to the
//! `return_url`), checked against the SHA-256 the checkout stored, in constant time; "no such
//! intent" and "wrong secret" are the same 404, so the route tells nothing to a guesser. The
//! answer is the wire crate's [`OrderStatus`], the type the return page reads.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use stripe_checkout_wire::{OrderState, OrderStatus};
use subtle::ConstantTimeEq;

use crate::error::ApiError;
use crate::orders::{sha256_hex, Status};
use crate::AppState;

/// The query (the wire crate's `ORDER_STATUS_INTENT` and `ORDER_STATUS_SECRET`, the names
/// Stripe appends to the return URL).
#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    /// `pi_…`.
    pub payment_intent: Option<String>,
    /// `pi_…_secret_…`.
    pub payment_intent_client_secret: Option<String>,
}

/// The customer-facing state for a stored status: a canceled intent is `failed` (not paid,
/// and the customer's next step is the same — pay again); the store keeps the difference.
pub fn public_status(status: Status) -> OrderState {
    match status {
        Status::Pending => OrderState::Pending,
        Status::Paid => OrderState::Paid,
        Status::Failed | Status::Canceled => OrderState::Failed,
    }
}

/// `GET /order-status`.
pub async fn order_status(
    State(state): State<AppState>,
    Query(query): Query<StatusQuery>,
) -> Response {
    let (Some(intent), Some(secret)) = (query.payment_intent, query.payment_intent_client_secret)
    else {
        return ApiError::invalid_request(
            StatusCode::BAD_REQUEST,
            "Give payment_intent and payment_intent_client_secret (the query Stripe adds to the \
             return URL).",
        )
        .into_response();
    };
    if intent.len() > 255 || secret.len() > 255 {
        return not_found();
    }
    match state.store.order_by_intent(&intent).await {
        Ok(Some((order, Some(hash)))) => {
            let given = sha256_hex(secret.as_bytes());
            if bool::from(given.as_bytes().ct_eq(hash.as_bytes())) {
                Json(OrderStatus {
                    order: order.id,
                    status: public_status(order.status),
                    fulfilled: order.fulfilled_at.is_some(),
                })
                .into_response()
            } else {
                not_found()
            }
        }
        Ok(_) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, "order-status: the store failed");
            ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: "The order's status cannot be read now. Please try again.".to_owned(),
                kind: "api_error",
                code: None,
            }
            .into_response()
        }
    }
}

fn not_found() -> Response {
    ApiError::invalid_request(StatusCode::NOT_FOUND, "No such order.").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use stripe_checkout_wire::{ORDER_STATUS_INTENT, ORDER_STATUS_SECRET};

    #[test]
    fn the_query_names_are_the_wire_crates_and_canceled_reads_as_failed() {
        // serde's field names cannot be the constants themselves: bound here instead.
        let query: StatusQuery = serde_json::from_value(serde_json::json!({
            ORDER_STATUS_INTENT: "pi_1",
            ORDER_STATUS_SECRET: "pi_1_secret_2",
        }))
        .unwrap();
        assert_eq!(query.payment_intent.as_deref(), Some("pi_1"));
        assert_eq!(
            query.payment_intent_client_secret.as_deref(),
            Some("pi_1_secret_2")
        );
        assert_eq!(public_status(Status::Canceled), OrderState::Failed);
        assert_eq!(public_status(Status::Paid), OrderState::Paid);
    }
}
