//! A minimal Stripe API client: retrieve a ConfirmationToken, create a Customer, create and
//! confirm a PaymentIntent or a SetupIntent.
//!
//! Requests are form-encoded with bracketed keys, carry a pinned `Stripe-Version` and (every
//! create) an `Idempotency-Key` derived from the ConfirmationToken; responses are parsed
//! defensively (a 2xx that is not the expected object is an error, not a success).

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use stripe_checkout_wire::{ClientSecret, ConfirmationTokenId, IntentKind};

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
    /// Where Stripe sends the receipt (`receipt_email`), if known.
    pub receipt_email: Option<String>,
    /// `setup_future_usage` (`off_session` / `on_session`): the ConfirmationToken's, which
    /// Stripe requires the PaymentIntent to repeat, with the `customer` to save the card for.
    pub save: Option<SaveFor>,
    /// Extra `payment_method_options[...]` pairs (the optional conditional options).
    pub extra: Vec<(String, String)>,
    /// The shop's customer (`customer`) when the token carries a card saved for a Customer
    /// and nothing is saved now (Stripe requires the card's Customer on the PaymentIntent).
    pub customer: Option<String>,
    /// The shop's order, sent as `metadata[order_id]`: every event about the intent carries
    /// it back, so the webhook finds the order even before this request's answer arrives.
    pub order_id: Option<String>,
}

/// Saving the payment method for later: how it will be used, and for whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveFor {
    /// `off_session` or `on_session`.
    pub usage: String,
    /// `cus_…`.
    pub customer: String,
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
        if let Some(email) = &self.receipt_email {
            pairs.push(("receipt_email".to_owned(), email.clone()));
        }
        if let Some(save) = &self.save {
            pairs.push(("setup_future_usage".to_owned(), save.usage.clone()));
            pairs.push(("customer".to_owned(), save.customer.clone()));
        } else if let Some(customer) = &self.customer {
            pairs.push(("customer".to_owned(), customer.clone()));
        }
        pairs.extend(self.extra.iter().cloned());
        if let Some(order) = &self.order_id {
            pairs.push(("metadata[order_id]".to_owned(), order.clone()));
        }
        pairs
    }
}

/// What the server asks Stripe to do to save a card: `POST /v1/setup_intents`, confirmed at
/// once with the browser's ConfirmationToken, for a Customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateSetupIntent {
    /// The `ctoken_…` the browser created with Stripe.js.
    pub confirmation_token: ConfirmationTokenId,
    /// `cus_…`: the payment method is attached to this Customer on success.
    pub customer: String,
    /// `off_session` or `on_session`.
    pub usage: String,
    /// The shop's order, sent as `metadata[order_id]` (as for payments).
    pub order_id: Option<String>,
}

impl CreateSetupIntent {
    /// The `Idempotency-Key`: `csi-` + hex SHA-256 of the token id (a re-sent token replays
    /// Stripe's first answer; its usage and customer follow from the token).
    pub fn idempotency_key(&self) -> String {
        setup_idempotency_key(self.confirmation_token.as_str())
    }

    /// The form fields, in the order they are sent (each documented for
    /// `POST /v1/setup_intents` in Stripe's API reference).
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = [
            ("confirm", "true"),
            ("confirmation_token", self.confirmation_token.as_str()),
            ("customer", &self.customer),
            ("usage", &self.usage),
            ("automatic_payment_methods[enabled]", "true"),
            ("use_stripe_sdk", "true"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        if let Some(order) = &self.order_id {
            pairs.push(("metadata[order_id]".to_owned(), order.clone()));
        }
        pairs
    }
}

/// A Customer to create for a checkout that saves the card (`POST /v1/customers`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateCustomer {
    /// The checkout's token: the idempotency key derives from it.
    pub confirmation_token: ConfirmationTokenId,
    /// The customer's email, when known.
    pub email: Option<String>,
}

impl CreateCustomer {
    /// The `Idempotency-Key`: `cus-` + hex SHA-256 of the token id and the word `customer`,
    /// so one ConfirmationToken makes at most one Customer: a re-sent token reuses the
    /// Customer its first attempt made, and re-sending it with another email does not make a
    /// second one (Stripe refuses the changed parameters under the same key).
    pub fn idempotency_key(&self) -> String {
        customer_idempotency_key(self.confirmation_token.as_str())
    }

    /// The form fields (`email` only, when known).
    pub fn form_pairs(&self) -> Vec<(String, String)> {
        self.email
            .iter()
            .map(|email| ("email".to_owned(), email.clone()))
            .collect()
    }
}

/// `cti-` + hex SHA-256 over `token`, `amount` and `currency` (newline-separated).
pub fn idempotency_key(token: &str, amount: u64, currency: &str) -> String {
    format!(
        "cti-{}",
        hex_sha256(&format!("{token}\n{amount}\n{currency}"))
    )
}

/// `csi-` + hex SHA-256 over `token` and the word `setup_intent` (newline-separated).
pub fn setup_idempotency_key(token: &str) -> String {
    format!("csi-{}", hex_sha256(&format!("{token}\nsetup_intent")))
}

/// `cus-` + hex SHA-256 over `token` and the word `customer` (newline-separated).
pub fn customer_idempotency_key(token: &str) -> String {
    format!("cus-{}", hex_sha256(&format!("{token}\ncustomer")))
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The fields of a PaymentIntent or SetupIntent the server uses.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Intent {
    /// `pi_…` or `seti_…`.
    pub id: String,
    /// `payment_intent` or `setup_intent`.
    pub object: String,
    /// Handed to the browser for `handleNextAction` / `retrievePaymentIntent` /
    /// `retrieveSetupIntent`; an intent without a well-formed one is not a usable answer.
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

/// How many times a request that got no answer at all is sent again.
pub const NETWORK_RETRIES: u32 = 2;
/// The pause before the first of them (then four times longer each time).
const NETWORK_RETRY_PAUSE: Duration = Duration::from_millis(50);

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
    pub async fn create_and_confirm(&self, request: &CreateIntent) -> Result<Intent, StripeError> {
        self.post_intent(
            IntentKind::Payment,
            &request.idempotency_key(),
            &request.form_pairs(),
        )
        .await
    }

    /// `POST /v1/setup_intents` with `confirm=true`.
    pub async fn create_and_confirm_setup(
        &self,
        request: &CreateSetupIntent,
    ) -> Result<Intent, StripeError> {
        self.post_intent(
            IntentKind::Setup,
            &request.idempotency_key(),
            &request.form_pairs(),
        )
        .await
    }

    /// `POST /v1/customers`; answers the new Customer's id.
    pub async fn create_customer(&self, request: &CreateCustomer) -> Result<String, StripeError> {
        let value = self
            .post_form(
                "/v1/customers",
                &request.idempotency_key(),
                &request.form_pairs(),
            )
            .await?;
        match (value["object"].as_str(), value["id"].as_str()) {
            (Some("customer"), Some(id)) if id.starts_with("cus_") => Ok(id.to_owned()),
            _ => Err(StripeError::UnexpectedResponse {
                status: 200,
                detail: "not a Customer".to_owned(),
            }),
        }
    }

    /// `POST /v1/customer_sessions` for `customer` ([`crate::returning::customer_session_form`]);
    /// answers its `client_secret`. A session may be made again at will, so the
    /// `Idempotency-Key` is fresh each time (a network retry still reuses it).
    pub async fn create_customer_session(&self, customer: &str) -> Result<String, StripeError> {
        let mut nonce = [0u8; 16];
        let _ = getrandom::getrandom(&mut nonce);
        let key: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        let value = self
            .post_form(
                "/v1/customer_sessions",
                &["cuss-", &key].concat(),
                &crate::returning::customer_session_form(customer),
            )
            .await?;
        match (value["object"].as_str(), value["client_secret"].as_str()) {
            (Some("customer_session"), Some(secret)) if secret.starts_with("cuss_secret_") => {
                Ok(secret.to_owned())
            }
            _ => Err(StripeError::UnexpectedResponse {
                status: 200,
                detail: "not a CustomerSession".to_owned(),
            }),
        }
    }

    /// `POST /v1/payment_intents` or `/v1/setup_intents`: the answer must be an intent of
    /// `kind` (its `object`, id prefix and client secret all agree).
    async fn post_intent(
        &self,
        kind: IntentKind,
        idempotency_key: &str,
        pairs: &[(String, String)],
    ) -> Result<Intent, StripeError> {
        let name = kind.object();
        let value = self
            .post_form(&format!("/v1/{name}s"), idempotency_key, pairs)
            .await?;
        let intent: Intent =
            serde_json::from_value(value).map_err(|e| StripeError::UnexpectedResponse {
                status: 200,
                detail: format!("not a {name}: {e}"),
            })?;
        if intent.object != name
            || !intent.id.starts_with(kind.prefix())
            || intent.client_secret.kind() != kind
        {
            return Err(StripeError::UnexpectedResponse {
                status: 200,
                detail: format!("not a {name}: object {:?}", intent.object),
            });
        }
        Ok(intent)
    }

    /// `POST {path}` with `pairs` form-encoded, under `idempotency_key`.
    async fn post_form(
        &self,
        path: &str,
        idempotency_key: &str,
        pairs: &[(String, String)],
    ) -> Result<serde_json::Value, StripeError> {
        let body = form::encode(pairs);
        let response = self
            .send(|| {
                self.http
                    .post(format!("{}{path}", self.api_base))
                    .bearer_auth(self.secret_key.expose())
                    .header("Stripe-Version", STRIPE_VERSION)
                    .header("Idempotency-Key", idempotency_key)
                    .header(
                        USER_AGENT,
                        concat!("checkout-server/", env!("CARGO_PKG_VERSION")),
                    )
                    .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(body.clone())
            })
            .await?;
        read(response).await
    }

    /// Sends a request Stripe may safely receive twice — a GET, or a POST under an
    /// `Idempotency-Key` — again when the connection failed before any answer (refused,
    /// reset, or a pooled keep-alive connection the other end had closed), up to
    /// [`NETWORK_RETRIES`] times, as Stripe's own libraries do (`maxNetworkRetries`). A
    /// timeout is not retried: the deadline is spent, and the browser re-sends the token.
    async fn send(
        &self,
        request: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, StripeError> {
        let mut pause = NETWORK_RETRY_PAUSE;
        let mut retries = 0;
        loop {
            match request().send().await {
                Err(e)
                    if retries < NETWORK_RETRIES
                        && !e.is_timeout()
                        && (e.is_connect() || e.is_request()) =>
                {
                    retries += 1;
                    tracing::warn!(error = %e.without_url(), retries, "no answer from Stripe; sending again");
                    tokio::time::sleep(pause).await;
                    pause *= 4;
                }
                result => return Ok(result?),
            }
        }
    }

    /// `GET /v1/confirmation_tokens/:id`, returned as JSON.
    pub async fn retrieve_confirmation_token(
        &self,
        id: &ConfirmationTokenId,
    ) -> Result<serde_json::Value, StripeError> {
        let response = self
            .send(|| {
                self.http
                    .get(format!("{}/v1/confirmation_tokens/{id}", self.api_base))
                    .bearer_auth(self.secret_key.expose())
                    .header("Stripe-Version", STRIPE_VERSION)
            })
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

    #[test]
    fn setup_and_customer_keys_depend_on_the_token_and_differ_from_the_payment_key() {
        let token = |id: &str| ConfirmationTokenId::parse(id).unwrap();
        let setup = setup_idempotency_key("ctoken_a");
        assert!(setup.starts_with("csi-") && setup.len() == 68);
        assert_eq!(setup, setup_idempotency_key("ctoken_a"));
        assert_ne!(setup, setup_idempotency_key("ctoken_b"));
        let customer = |id: &str, email: Option<&str>| {
            CreateCustomer {
                confirmation_token: token(id),
                email: email.map(str::to_owned),
            }
            .idempotency_key()
        };
        let first = customer("ctoken_a", Some("a@example.com"));
        assert!(first.starts_with("cus-") && first.len() == 68);
        assert_eq!(first, customer_idempotency_key("ctoken_a"));
        assert_ne!(first, customer("ctoken_b", Some("a@example.com")));
        assert_eq!(
            first,
            customer("ctoken_a", Some("b@example.com")),
            "the email does not make another Customer"
        );
        assert_eq!(first, customer("ctoken_a", None));
        assert_ne!(&setup[4..], &idempotency_key("ctoken_a", 0, "")[4..]);
    }
}
