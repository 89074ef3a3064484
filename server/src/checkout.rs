//! `POST /create-confirm-intent`: prices the cart, then creates and confirms a PaymentIntent
//! with the browser's ConfirmationToken.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::catalogue::{self, LineItem};
use crate::error::{ApiError, CheckoutError};
use crate::stripe::CreateIntent;
use crate::AppState;

/// The longest ConfirmationToken id accepted.
pub const MAX_TOKEN_LEN: usize = 255;

/// What the browser sends.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckoutRequest {
    /// `ctoken_…` from `stripe.createConfirmationToken`.
    pub confirmation_token_id: String,
    /// The cart; priced by the server.
    pub items: Vec<LineItem>,
}

/// What the browser gets back on success.
#[derive(Debug, Serialize)]
pub struct CheckoutResponse {
    /// For `stripe.handleNextAction` / `retrievePaymentIntent`.
    pub client_secret: String,
    /// The PaymentIntent's status.
    pub status: String,
}

/// `axum::Json`, but its rejections are JSON `invalid_request_error`s.
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(rejection_to_error(rejection)),
        }
    }
}

fn rejection_to_error(rejection: JsonRejection) -> ApiError {
    let status = rejection.status();
    let message = match &rejection {
        JsonRejection::MissingJsonContentType(_) => {
            "Expected a JSON body with Content-Type: application/json.".to_owned()
        }
        JsonRejection::JsonSyntaxError(_) => {
            format!("The request body is not valid JSON: {}", detail(&rejection))
        }
        JsonRejection::JsonDataError(_) => {
            let detail = detail(&rejection);
            if detail.contains("unknown field `amount`") {
                format!(
                    "Invalid request: {detail}. The amount is computed by the server from the \
                     items; do not send it."
                )
            } else {
                format!("Invalid request: {detail}")
            }
        }
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => "The request body is too large.".to_owned(),
        _ => "The request body could not be read.".to_owned(),
    };
    let status = if status == StatusCode::UNPROCESSABLE_ENTITY {
        StatusCode::BAD_REQUEST
    } else {
        status
    };
    ApiError::invalid_request(status, message)
}

/// The serde part of axum's rejection text.
fn detail(rejection: &JsonRejection) -> String {
    let text = rejection.body_text();
    match text.split_once(": ") {
        Some((_, rest)) => rest.to_owned(),
        None => text,
    }
}

/// Whether `id` looks like a ConfirmationToken id: `^ctoken_[A-Za-z0-9_]+$`, at most 255 chars.
pub fn is_token_id(id: &str) -> bool {
    id.len() <= MAX_TOKEN_LEN
        && id.strip_prefix("ctoken_").is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// The handler.
pub async fn create_confirm_intent(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CheckoutRequest>,
) -> Result<Json<CheckoutResponse>, CheckoutError> {
    if !is_token_id(&request.confirmation_token_id) {
        return Err(ApiError::invalid_request(
            StatusCode::BAD_REQUEST,
            "confirmationTokenId must be a ConfirmationToken id (ctoken_…).",
        )
        .into());
    }
    let total = catalogue::price(&request.items)
        .map_err(|e| ApiError::invalid_request(StatusCode::BAD_REQUEST, e.to_string()))?;
    let browser_key = headers.get("idempotency-key").map(|v| {
        v.to_str()
            .ok()
            .filter(|k| k.len() <= 255)
            .unwrap_or("<malformed>")
            .to_owned()
    });
    let extra = if state.config.conditional_options {
        conditional_options(&state, &request.confirmation_token_id).await?
    } else {
        Vec::new()
    };
    let create = CreateIntent {
        confirmation_token: request.confirmation_token_id,
        amount: total.amount,
        currency: total.currency.to_owned(),
        extra,
    };
    tracing::info!(
        token = %create.confirmation_token,
        amount = create.amount,
        currency = %create.currency,
        browser_idempotency_key = ?browser_key,
        idempotency_key = %create.idempotency_key(),
        "creating and confirming a PaymentIntent"
    );
    let intent = state.stripe.create_and_confirm(&create).await?;
    tracing::info!(payment_intent = %intent.id, status = %intent.status, "PaymentIntent confirmed");
    Ok(Json(CheckoutResponse {
        client_secret: intent.client_secret,
        status: intent.status,
    }))
}

/// Per-payment-method options, decided from the ConfirmationToken's payment method preview:
/// cards are authorised now and captured later (`capture_method=manual`).
async fn conditional_options(
    state: &AppState,
    token: &str,
) -> Result<Vec<(String, String)>, CheckoutError> {
    let token = state.stripe.retrieve_confirmation_token(token).await?;
    let kind = token["payment_method_preview"]["type"]
        .as_str()
        .unwrap_or("");
    Ok(match kind {
        "card" => vec![(
            "payment_method_options[card][capture_method]".to_owned(),
            "manual".to_owned(),
        )],
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_ids_must_look_like_stripes() {
        assert!(is_token_id("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"));
        assert!(is_token_id("ctoken_a_b"));
        assert!(!is_token_id("ctoken_"));
        assert!(!is_token_id("pm_123"));
        assert!(!is_token_id("ctoken_abc-def"));
        assert!(!is_token_id("ctoken_abc&amount=1"));
        assert!(!is_token_id(&format!("ctoken_{}", "a".repeat(249))));
        assert!(is_token_id(&format!("ctoken_{}", "a".repeat(248))));
    }
}
