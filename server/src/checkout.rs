//! The checkout routes. `POST /create-confirm-intent` prices the cart, then creates and
//! confirms a PaymentIntent with the browser's ConfirmationToken; `POST
//! /create-confirm-setup-intent` saves the card with a SetupIntent instead (no charge).
//!
//! Both first retrieve the ConfirmationToken (`GET /v1/confirmation_tokens/:id`): its billing
//! email becomes the `receipt_email` (else the email the browser sent), and its
//! `setup_future_usage` — which Stripe requires the PaymentIntent to repeat — asks for the card
//! to be saved for a Customer (`STRIPE_CUSTOMER`, else a new one). Stripe's guide, "Save payment
//! details during payment" and "Finalize payments on the server" (docs.stripe.com).
//!
//! Each records its order (`pending`) before creating the intent, and sends its id as the
//! intent's `metadata[order_id]`, so the webhook finds the order whatever arrives first;
//! after Stripe's answer it stores the intent's id and a SHA-256 of its client secret (what
//! `GET /order-status` checks). The order is unique on the Stripe idempotency key, so a
//! re-sent token finds its first order: one intent, one order, one fulfilment.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde::Deserializer;
use stripe_checkout_wire::{
    ConfirmationTokenId, IntentAnswer, PaymentIntentStatus, TokenRequest, IDEMPOTENCY_KEY,
};

use crate::catalogue::{self, LineItem};
use crate::error::{ApiError, CheckoutError};
use crate::orders::{Kind, NewOrder};
use crate::returning::{set_cookie, shop_customer, Cookie};
use crate::stripe::{CreateCustomer, CreateIntent, CreateSetupIntent, Intent, SaveFor};
use crate::AppState;

/// What the browser sends to pay: `{"confirmationTokenId": "ctoken_…", "items": […],
/// "email"?: …}` (the wire crate's [`TokenRequest`] checks the token id and refuses any other
/// field, e.g. `amount`).
pub type CheckoutRequest = TokenRequest<Cart>;

/// What the browser sends to save a card: `{"confirmationTokenId": "ctoken_…", "email"?: …}`
/// (no items, no amount: anything else is refused).
pub type SetupRequest = TokenRequest<Contact>;

/// The shop's part of a payment request.
#[derive(Debug, Deserialize)]
pub struct Cart {
    /// The cart; priced by the server.
    pub items: Vec<LineItem>,
    /// The email the browser collected (Link Authentication Element), if any.
    #[serde(default)]
    pub email: Option<Email>,
}

/// The shop's part of a setup request.
#[derive(Debug, Deserialize)]
pub struct Contact {
    /// The email the browser collected (Link Authentication Element), if any.
    #[serde(default)]
    pub email: Option<Email>,
}

/// An email address from the browser: at most 512 characters (Stripe's limit on a Customer's
/// `email`), one `@` with text either side, a dot in the domain, no spaces or control
/// characters. Only a plausibility check: Stripe has the last word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// The longest address accepted.
    pub const MAX_LEN: usize = 512;

    /// Accepts a plausible address.
    pub fn parse(text: &str) -> Option<Self> {
        let (local, domain) = text.split_once('@')?;
        let ok = text.len() <= Self::MAX_LEN
            && !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        ok.then(|| Email(text.to_owned()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Email::parse(&text).ok_or_else(|| {
            serde::de::Error::custom("`email` must be an email address (at most 512 characters)")
        })
    }
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

/// The `Idempotency-Key` the browser sent, for the log only (never forwarded).
fn browser_key(headers: &HeaderMap) -> Option<String> {
    headers.get(IDEMPOTENCY_KEY).map(|v| {
        v.to_str()
            .ok()
            .filter(|k| k.len() <= 255)
            .unwrap_or("<malformed>")
            .to_owned()
    })
}

/// What a checkout reads from its ConfirmationToken.
struct TokenFacts {
    /// `payment_method_preview.billing_details.email`.
    email: Option<String>,
    /// `setup_future_usage`: `off_session` or `on_session`, if Elements asked to save the card.
    setup_future_usage: Option<String>,
    /// `payment_method_preview.type`, e.g. `card`.
    payment_method_type: String,
    /// `payment_method_preview.customer`: set when the customer picked a saved card.
    saved_for: Option<String>,
}

/// `GET /v1/confirmation_tokens/:id`, read.
async fn read_token(
    state: &AppState,
    token: &ConfirmationTokenId,
) -> Result<TokenFacts, CheckoutError> {
    let json = state.stripe.retrieve_confirmation_token(token).await?;
    let preview = &json["payment_method_preview"];
    let text = |value: &serde_json::Value| value.as_str().map(str::to_owned);
    let setup_future_usage = match json["setup_future_usage"].as_str() {
        Some(usage @ ("off_session" | "on_session")) => Some(usage.to_owned()),
        None => None,
        Some(other) => {
            tracing::warn!(
                setup_future_usage = other,
                "unknown setup_future_usage ignored"
            );
            None
        }
    };
    Ok(TokenFacts {
        email: text(&preview["billing_details"]["email"]).filter(|e| !e.is_empty()),
        setup_future_usage,
        payment_method_type: text(&preview["type"]).unwrap_or_default(),
        saved_for: text(&preview["customer"]),
    })
}

/// The Customer a saved card is attached to: `STRIPE_CUSTOMER`, else a new Customer (with
/// `email`, when known) under an idempotency key derived from the token alone, so a re-sent
/// token reuses it and one token never makes two Customers, whatever email comes with it.
async fn customer_for(
    state: &AppState,
    headers: &HeaderMap,
    token: &ConfirmationTokenId,
    email: Option<&str>,
) -> Result<String, CheckoutError> {
    // `STRIPE_CUSTOMER`, else the returning customer this server's cookie names.
    if let Cookie::Customer(id) = shop_customer(state, headers) {
        return Ok(id);
    }
    let create = CreateCustomer {
        confirmation_token: token.clone(),
        email: email.map(str::to_owned),
    };
    let id = state.stripe.create_customer(&create).await?;
    tracing::info!(customer = %id, token = %token, "Customer created");
    Ok(id)
}

/// The browser's answer for a confirmed intent.
fn answer(intent: Intent) -> Json<IntentAnswer> {
    Json(IntentAnswer {
        client_secret: intent.client_secret,
        status: PaymentIntentStatus::parse(&intent.status),
    })
}

/// `POST /create-confirm-intent`.
pub async fn create_confirm_intent(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<CheckoutRequest>,
) -> Result<Response, CheckoutError> {
    let total = catalogue::price(&request.extra.items)
        .map_err(|e| ApiError::invalid_request(StatusCode::BAD_REQUEST, e.to_string()))?;
    let browser_key = browser_key(&headers);
    let token = request.confirmation_token_id;
    let facts = read_token(&state, &token).await?;
    let email = facts
        .email
        .clone()
        .or_else(|| request.extra.email.map(|e| e.0));
    let save = match &facts.setup_future_usage {
        Some(usage) => Some(SaveFor {
            usage: usage.clone(),
            customer: customer_for(&state, &headers, &token, email.as_deref()).await?,
        }),
        None => None,
    };
    // A saved card: the PaymentIntent names the shop's customer (never one the browser
    // names); Stripe refuses it unless that is the card's Customer.
    let customer = match (&facts.saved_for, &save, shop_customer(&state, &headers)) {
        (Some(_), None, Cookie::Customer(id)) => Some(id),
        _ => None,
    };
    let extra = if state.config.conditional_options {
        conditional_options(&facts)
    } else {
        Vec::new()
    };
    let mut create = CreateIntent {
        confirmation_token: token,
        amount: total.amount,
        currency: total.currency.to_owned(),
        receipt_email: email,
        save,
        extra,
        customer,
        order_id: None,
    };
    let order_id = record_order(
        &state,
        NewOrder {
            kind: Kind::Payment,
            request_key: create.idempotency_key(),
            items: serde_json::to_string(&request.extra.items).unwrap_or_else(|_| "[]".into()),
            amount: create.amount,
            currency: create.currency.clone(),
            email: create.receipt_email.clone(),
        },
    )
    .await?;
    create.order_id = Some(order_id.clone());
    tracing::info!(
        token = %create.confirmation_token,
        amount = create.amount,
        currency = %create.currency,
        saves_card = create.save.is_some(),
        browser_idempotency_key = ?browser_key,
        idempotency_key = %create.idempotency_key(),
        order = %order_id,
        "creating and confirming a PaymentIntent"
    );
    let remember = create.save.as_ref().map(|s| s.customer.clone());
    let intent = state.stripe.create_and_confirm(&create).await?;
    tracing::info!(payment_intent = %intent.id, status = %intent.status, order = %order_id, "PaymentIntent confirmed");
    attach_intent(&state, &order_id, &intent).await?;
    Ok(remembering(&state, remember.as_deref(), answer(intent)))
}

/// The answer, with the cookie that names `customer` (a Customer a card was just saved for)
/// for the next visit, unless `STRIPE_CUSTOMER` names everyone's.
fn remembering(state: &AppState, customer: Option<&str>, answer: Json<IntentAnswer>) -> Response {
    let cookie = customer
        .filter(|_| state.config.customer.is_none())
        .and_then(|c| set_cookie(state, c));
    match cookie {
        Some(cookie) => (AppendHeaders([(header::SET_COOKIE, cookie)]), answer).into_response(),
        None => answer.into_response(),
    }
}

/// `POST /create-confirm-setup-intent`: saves the card for a Customer, `usage` = the token's
/// `setup_future_usage`, else `off_session` (Stripe's default for a SetupIntent).
pub async fn create_confirm_setup_intent(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<SetupRequest>,
) -> Result<Response, CheckoutError> {
    let browser_key = browser_key(&headers);
    let token = request.confirmation_token_id;
    let facts = read_token(&state, &token).await?;
    let email = facts.email.or_else(|| request.extra.email.map(|e| e.0));
    let customer = customer_for(&state, &headers, &token, email.as_deref()).await?;
    let mut create = CreateSetupIntent {
        confirmation_token: token,
        customer,
        usage: facts
            .setup_future_usage
            .unwrap_or_else(|| "off_session".to_owned()),
        order_id: None,
    };
    let order_id = record_order(
        &state,
        NewOrder {
            kind: Kind::Setup,
            request_key: create.idempotency_key(),
            items: "[]".to_owned(),
            amount: 0,
            currency: String::new(),
            email,
        },
    )
    .await?;
    create.order_id = Some(order_id.clone());
    tracing::info!(
        token = %create.confirmation_token,
        customer = %create.customer,
        usage = %create.usage,
        browser_idempotency_key = ?browser_key,
        idempotency_key = %create.idempotency_key(),
        "creating and confirming a SetupIntent"
    );
    let intent = state.stripe.create_and_confirm_setup(&create).await?;
    tracing::info!(setup_intent = %intent.id, status = %intent.status, order = %order_id, "SetupIntent confirmed");
    attach_intent(&state, &order_id, &intent).await?;
    Ok(remembering(&state, Some(&create.customer), answer(intent)))
}

/// Records the order before the intent is created; a store that fails means nothing was
/// done (the generic error, 503: the customer may simply try again).
async fn record_order(state: &AppState, order: NewOrder) -> Result<String, CheckoutError> {
    state.store.create_order(&order).await.map_err(|e| {
        tracing::error!(error = %e, "cannot record the order; nothing sent to Stripe");
        CheckoutError::from(ApiError::generic(StatusCode::SERVICE_UNAVAILABLE))
    })
}

/// Stores the intent's id and client-secret hash on its order. If the store fails, the
/// intent exists but `/order-status` could not confirm it: the answer is "outcome unknown"
/// (no `error`), so the component re-sends the same token, Stripe replays the same intent
/// under the same idempotency key, and this runs again.
async fn attach_intent(
    state: &AppState,
    order_id: &str,
    intent: &Intent,
) -> Result<(), CheckoutError> {
    match state
        .store
        .attach_intent(order_id, &intent.id, intent.client_secret.expose())
        .await
    {
        Ok(true) => Ok(()),
        Ok(false) => {
            tracing::error!(order = %order_id, intent = %intent.id, "the order already names another intent");
            Err(CheckoutError::OutcomeUnknown)
        }
        Err(e) => {
            tracing::error!(order = %order_id, intent = %intent.id, error = %e, "cannot store the intent on its order");
            Err(CheckoutError::OutcomeUnknown)
        }
    }
}

/// Per-payment-method options, decided from the ConfirmationToken's payment method preview:
/// cards are authorised now and captured later (`capture_method=manual`).
fn conditional_options(token: &TokenFacts) -> Vec<(String, String)> {
    match token.payment_method_type.as_str() {
        "card" => vec![(
            "payment_method_options[card][capture_method]".to_owned(),
            "manual".to_owned(),
        )],
        _ => Vec::new(),
    }
}
