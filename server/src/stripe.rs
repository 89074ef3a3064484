//! A minimal Stripe API client: create-and-confirm a PaymentIntent, retrieve a ConfirmationToken.
//!
//! Requests are form-encoded with bracketed keys, carry a pinned `Stripe-Version` and an
//! `Idempotency-Key`; responses are parsed defensively (a 2xx that is not a PaymentIntent is an
//! error, not a success).

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use stripe_checkout_wire::{ClientSecret, ConfirmationTokenId};

use crate::config::SecretKey;
use crate::form;

/// The API version every request pins.
pub const STRIPE_VERSION: &str = "2026-01-28.clover";

/// Talks to `{api_base}/v1/...` with the secret key.
#[derive(Clone, Debug)]
pub struct StripeClient {
    http: reqwest::Client,
    api_base: String,
    secret_key: SecretKey,
}

/// What the server asks Stripe to do for one checkout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateIntent {
    /// The `ctoken_…` the browser created with Stripe.js.
    pub confirmation_token: ConfirmationTokenId,
    /// Computed from the catalogue, in the currency's smallest unit.
    pub amount: u64,
    /// Lower-case ISO currency code.
    pub currency: String,
    /// Extra `payment_method_options[...]` pairs (the optional conditional options).
    pub extra: Vec<(String, String)>,
}

impl CreateIntent {
    /// The `Idempotency-Key` for this request: `cti-` + hex SHA-256 of token, amount and
    /// currency. A re-sent token for the same cart replays Stripe's first answer.
    pub fn idempotency_key(&self) -> String {
        idempotency_key(
            self.confirmation_token.as_str(),
            self.amount,
            &self.currency,
        )
    }

    /// The form fields, in the order they are sent.
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = [
            ("confirm", "true".to_owned()),
            ("amount", self.amount.to_string()),
            ("currency", self.currency.clone()),
            ("automatic_payment_methods[enabled]", "true".to_owned()),
            ("use_stripe_sdk", "true".to_owned()),
            (
                "confirmation_token",
                self.confirmation_token.as_str().to_owned(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        pairs.extend(self.extra.iter().cloned());
        pairs
    }
}

/// `cti-` + hex SHA-256 over `token`, `amount` and `currency` (newline-separated).
pub fn idempotency_key(token: &str, amount: u64, currency: &str) -> String {
    let digest = Sha256::digest(format!("{token}\n{amount}\n{currency}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("cti-{hex}")
}

/// The fields of a PaymentIntent the server uses.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct PaymentIntent {
    /// `pi_…`.
    pub id: String,
    /// Always `payment_intent`.
    pub object: String,
    /// Handed to the browser for `handleNextAction` / `retrievePaymentIntent`; a PaymentIntent
    /// without a well-formed one is not a usable answer.
    pub client_secret: ClientSecret,
    /// `succeeded`, `requires_action`, `processing`, …
    pub status: String,
}

/// The `error` object of a Stripe error response (only what the server reads or logs).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct StripeApiError {
    /// `card_error`, `invalid_request_error`, `api_error`, `idempotency_error`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Short machine-readable code, e.g. `card_declined`.
    #[serde(default)]
    pub code: Option<String>,
    /// Human-readable message.
    #[serde(default)]
    pub message: Option<String>,
    /// The issuer's reason; logged, never forwarded.
    #[serde(default)]
    pub decline_code: Option<String>,
    /// The offending parameter; logged, never forwarded.
    #[serde(default)]
    pub param: Option<String>,
    /// Dashboard link; logged, never forwarded.
    #[serde(default)]
    pub request_log_url: Option<String>,
    /// The `Request-Id` response header.
    #[serde(skip)]
    pub request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: StripeApiError,
}

/// Why a Stripe call failed.
#[derive(Debug, thiserror::Error)]
pub enum StripeError {
    /// Stripe answered with an error object.
    #[error("Stripe answered {status} {}: {:?}", error.kind, error.message)]
    Api {
        /// HTTP status Stripe sent.
        status: u16,
        /// The parsed error object.
        error: StripeApiError,
    },
    /// The request timed out.
    #[error("Stripe did not answer in time")]
    Timeout,
    /// Stripe could not be reached (DNS, refused connection, TLS, reset).
    #[error("Stripe is unreachable: {0}")]
    Unreachable(String),
    /// Stripe answered something that is neither the expected object nor an error object.
    #[error("unexpected answer from Stripe (HTTP {status}): {detail}")]
    UnexpectedResponse {
        /// HTTP status Stripe sent.
        status: u16,
        /// What was wrong with it.
        detail: String,
    },
}

impl From<reqwest::Error> for StripeError {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            StripeError::Timeout
        } else {
            StripeError::Unreachable(error.without_url().to_string())
        }
    }
}

impl StripeClient {
    /// A client for `api_base` (no trailing slash) that gives up after `timeout`.
    pub fn new(api_base: &str, secret_key: SecretKey, timeout: Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        StripeClient {
            http,
            api_base: api_base.trim_end_matches('/').to_owned(),
            secret_key,
        }
    }

    /// `POST /v1/payment_intents` with `confirm=true`.
    pub async fn create_and_confirm(
        &self,
        request: &CreateIntent,
    ) -> Result<PaymentIntent, StripeError> {
        let response = self
            .http
            .post(format!("{}/v1/payment_intents", self.api_base))
            .bearer_auth(self.secret_key.expose())
            .header("Stripe-Version", STRIPE_VERSION)
            .header("Idempotency-Key", request.idempotency_key())
            .header(
                USER_AGENT,
                concat!("checkout-server/", env!("CARGO_PKG_VERSION")),
            )
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form::encode(&request.form_pairs()))
            .send()
            .await?;
        let value = read(response).await?;
        let intent: PaymentIntent =
            serde_json::from_value(value).map_err(|e| StripeError::UnexpectedResponse {
                status: 200,
                detail: format!("not a PaymentIntent: {e}"),
            })?;
        if intent.object != "payment_intent" || !intent.id.starts_with("pi_") {
            return Err(StripeError::UnexpectedResponse {
                status: 200,
                detail: format!("not a PaymentIntent: object {:?}", intent.object),
            });
        }
        Ok(intent)
    }

    /// `GET /v1/confirmation_tokens/:id`, returned as JSON.
    pub async fn retrieve_confirmation_token(
        &self,
        id: &ConfirmationTokenId,
    ) -> Result<serde_json::Value, StripeError> {
        let response = self
            .http
            .get(format!("{}/v1/confirmation_tokens/{id}", self.api_base))
            .bearer_auth(self.secret_key.expose())
            .header("Stripe-Version", STRIPE_VERSION)
            .send()
            .await?;
        let value = read(response).await?;
        if value.get("object").and_then(|o| o.as_str()) != Some("confirmation_token") {
            return Err(StripeError::UnexpectedResponse {
                status: 200,
                detail: "not a ConfirmationToken".to_owned(),
            });
        }
        Ok(value)
    }
}

/// Reads a response: JSON on 2xx, a parsed error object otherwise.
async fn read(response: reqwest::Response) -> Result<serde_json::Value, StripeError> {
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response.bytes().await?;
    if (200..300).contains(&status) {
        return serde_json::from_slice(&bytes).map_err(|e| StripeError::UnexpectedResponse {
            status,
            detail: format!("body is not JSON: {e}"),
        });
    }
    match serde_json::from_slice::<ErrorEnvelope>(&bytes) {
        Ok(envelope) => Err(StripeError::Api {
            status,
            error: StripeApiError {
                request_id,
                ..envelope.error
            },
        }),
        Err(e) => Err(StripeError::UnexpectedResponse {
            status,
            detail: format!("not a Stripe error object: {e}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_never_shows_its_secret_key() {
        let key = SecretKey::new("sk_test_hiddenvalue").unwrap();
        let client = StripeClient::new("http://127.0.0.1:9", key, Duration::from_secs(1));
        assert!(!format!("{client:?}").contains("hiddenvalue"));
    }

    #[test]
    fn idempotency_key_depends_on_token_amount_and_currency() {
        let key = idempotency_key("ctoken_a", 2500, "usd");
        assert_eq!(key, idempotency_key("ctoken_a", 2500, "usd"));
        assert!(key.starts_with("cti-") && key.len() == 68);
        assert_ne!(key, idempotency_key("ctoken_b", 2500, "usd"));
        assert_ne!(key, idempotency_key("ctoken_a", 2501, "usd"));
        assert_ne!(key, idempotency_key("ctoken_a", 2500, "eur"));
    }
}
