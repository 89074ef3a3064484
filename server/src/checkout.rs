//! `POST /create-confirm-intent`: prices the cart, then creates and confirms a PaymentIntent
//! with the browser's ConfirmationToken.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use stripe_checkout_wire::{
    ConfirmationTokenId, IntentAnswer, PaymentIntentStatus, TokenRequest, IDEMPOTENCY_KEY,
};

use crate::catalogue::{self, LineItem};
use crate::error::{ApiError, CheckoutError};
use crate::stripe::CreateIntent;
use crate::AppState;

/// What the browser sends: `{"confirmationTokenId": "ctoken_…", "items": […]}` (the wire
/// crate's [`TokenRequest`] checks the token id and refuses any other field, e.g. `amount`).
pub type CheckoutRequest = TokenRequest<Cart>;

/// The shop's part of the request.
#[derive(Debug, Deserialize)]
pub struct Cart {
    /// The cart; priced by the server.
    pub items: Vec<LineItem>,
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

/// The handler.
pub async fn create_confirm_intent(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CheckoutRequest>,
) -> Result<Json<IntentAnswer>, CheckoutError> {
    let total = catalogue::price(&request.extra.items)
        .map_err(|e| ApiError::invalid_request(StatusCode::BAD_REQUEST, e.to_string()))?;
    let browser_key = headers.get(IDEMPOTENCY_KEY).map(|v| {
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
    Ok(Json(IntentAnswer {
        client_secret: intent.client_secret,
        status: PaymentIntentStatus::parse(&intent.status),
    }))
}

/// Per-payment-method options, decided from the ConfirmationToken's payment method preview:
/// cards are authorised now and captured later (`capture_method=manual`).
async fn conditional_options(
    state: &AppState,
    token: &ConfirmationTokenId,
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
