//! PaymentIntents: created (and confirmed with a ConfirmationToken, under an optional
//! `Idempotency-Key`) and listed with the secret key, retrieved with either key; the test card
//! decides whether a confirmation succeeds, needs 3-D Secure or is declined.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::cards::{self, Outcome};
use super::error::{error, invalid, no_such, reply, request_log_url, Failure, Reply};
use super::idempotency::Saved;
use super::ids::{now, random_id};
use super::objects;
use super::params::{self, missing};
use super::request::{authenticate, decode, text, Key};
use super::{Simulator, Store, API_PATH};

pub(super) async fn create_payment_intent(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    sim.create_payment_intent(&headers, &body)
}

pub(super) async fn list_payment_intents(
    State(sim): State<Simulator>,
    headers: HeaderMap,
) -> Response {
    reply((|| {
        authenticate(&headers, &[Key::Secret])?;
        if !sim.admin_api {
            // The simulated secret key is public: a list would hand out every client secret.
            return Err(error(
                StatusCode::FORBIDDEN,
                "invalid_request_error",
                None,
                "Listing PaymentIntents is disabled in the simulator; set SIM_ADMIN_API=true \
                 to enable it.",
                None,
            ));
        }
        let store = sim.lock();
        let data: Vec<Value> = store.intents.newest_first().cloned().collect();
        Ok((
            StatusCode::OK,
            json!({"object": "list", "data": data, "has_more": false, "url": "/v1/payment_intents"}),
        ))
    })())
}

/// The query of `GET /v1/payment_intents/{id}`: the client secret a publishable key shows.
#[derive(Deserialize)]
pub(super) struct SecretQuery {
    client_secret: Option<String>,
}

pub(super) async fn retrieve_payment_intent(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    Query(query): Query<SecretQuery>,
    headers: HeaderMap,
) -> Response {
    reply((|| {
        let key = authenticate(&headers, &[Key::Publishable, Key::Secret])?;
        let store = sim.lock();
        let intent = store
            .intents
            .get(&id)
            .ok_or_else(|| no_such("payment_intent", &id))?;
        if key == Key::Secret {
            return Ok((StatusCode::OK, intent.clone()));
        }
        check_client_secret(intent, query.client_secret.as_deref())?;
        Ok((StatusCode::OK, objects::client_safe(intent)))
    })())
}

pub(super) fn check_client_secret(intent: &Value, given: Option<&str>) -> Result<(), Failure> {
    let given = given.ok_or_else(|| invalid(missing("client_secret")))?;
    if intent["client_secret"].as_str() == Some(given) {
        Ok(())
    } else {
        Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            None,
            "The client_secret provided does not match the client_secret associated with the \
             PaymentIntent.",
            Some("client_secret"),
        ))
    }
}

/// The validated parameters of `POST /v1/payment_intents`.
struct IntentParams {
    amount: i64,
    currency: String,
    confirm: bool,
    confirmation_token: Option<String>,
    capture_method: String,
    params: Map<String, Value>,
}

fn validate_intent(params: Map<String, Value>) -> Result<IntentParams, Failure> {
    params::check(&params, params::PAYMENT_INTENT).map_err(invalid)?;
    let amount: i64 = params
        .get("amount")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(missing("amount")))?
        .parse()
        .map_err(|_| invalid(missing("amount")))?;
    let currency = params
        .get("currency")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(missing("currency")))?
        .to_owned();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_lowercase()) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            None,
            format!("Invalid currency: {currency}."),
            Some("currency"),
        ));
    }
    if amount < 50 {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("amount_too_small"),
            format!("Amount must be at least $0.50 {currency}"),
            Some("amount"),
        ));
    }
    if amount > 99_999_999 {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("amount_too_large"),
            "Amount must be no more than $999,999.99",
            Some("amount"),
        ));
    }
    let confirm = params.get("confirm").and_then(Value::as_str) == Some("true");
    let confirmation_token = params
        .get("confirmation_token")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if confirm && confirmation_token.is_none() {
        return Err(invalid(missing("confirmation_token")));
    }
    let card_capture = text(
        params
            .get("payment_method_options")
            .and_then(|o| o.get("card")),
        "capture_method",
    );
    let capture_method = match (
        card_capture,
        params.get("capture_method").and_then(Value::as_str),
    ) {
        (Some("manual"), _) | (_, Some("manual")) => "manual",
        (_, Some("automatic")) => "automatic",
        _ => "automatic_async",
    }
    .to_owned();
    Ok(IntentParams {
        amount,
        currency,
        confirm,
        confirmation_token,
        capture_method,
        params,
    })
}

pub(super) fn succeed(intent: &mut Value) {
    let amount = intent["amount"].clone();
    if intent["capture_method"] == "manual" {
        intent["status"] = "requires_capture".into();
        intent["amount_capturable"] = amount;
    } else {
        intent["status"] = "succeeded".into();
        intent["amount_received"] = amount;
    }
    intent["next_action"] = Value::Null;
    intent["last_payment_error"] = Value::Null;
    intent["latest_charge"] = random_id("ch_").into();
}

impl Simulator {
    fn create_payment_intent(&self, headers: &HeaderMap, body: &[u8]) -> Response {
        if let Err(failure) = authenticate(headers, &[Key::Secret]) {
            return failure.into_response();
        }
        let params = match decode(body) {
            Ok(params) => params,
            Err(failure) => return failure.into_response(),
        };
        let key = headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let fingerprint = format!("POST /v1/payment_intents {}", Value::Object(params.clone()));
        // One lock for the whole request: concurrent retries cannot both execute.
        let mut store = self.lock();
        if let Some(key) = &key {
            if let Some(saved) = store.idempotent.get(key) {
                return saved.replay(key, &fingerprint);
            }
        }
        // Validation failures are not saved under the key (as at Stripe).
        let result = validate_intent(params).and_then(|p| store.prepare(p));
        let (status, body) = match result {
            Err(failure) => return failure.into_response(),
            Ok(prepared) => store.execute(prepared),
        };
        if let Some(key) = &key {
            store.idempotent.insert(
                key.clone(),
                Saved {
                    fingerprint,
                    status,
                    body: body.clone(),
                },
                Instant::now(),
            );
        }
        let mut response = reply(Ok((status, body)));
        if let Some(value) = key.and_then(|k| HeaderValue::from_str(&k).ok()) {
            response.headers_mut().insert("idempotency-key", value);
        }
        response
    }
}

/// A validated request whose ConfirmationToken has been checked and claimed.
struct Prepared {
    params: IntentParams,
    card: Option<(cards::Card, Value)>,
}

impl Store {
    fn prepare(&mut self, params: IntentParams) -> Result<Prepared, Failure> {
        let Some(token_id) = params.confirmation_token.clone().filter(|_| params.confirm) else {
            return Ok(Prepared { params, card: None });
        };
        let token = self.tokens.get(&token_id).ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("resource_missing"),
                format!("No such confirmation_token: '{token_id}'"),
                Some("confirmation_token"),
            )
        })?;
        if !token.json["payment_intent"].is_null() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "This ConfirmationToken has already been used to confirm a PaymentIntent or \
                 SetupIntent. Create a new ConfirmationToken and try again.",
                Some("confirmation_token"),
            ));
        }
        let preview = token.json["payment_method_preview"].clone();
        Ok(Prepared {
            card: Some((token.card.clone(), preview)),
            params,
        })
    }

    fn execute(&mut self, prepared: Prepared) -> Reply {
        let Prepared { params, card } = prepared;
        let id = random_id("pi_");
        let client_secret = format!("{id}_secret_{}", random_id(""));
        let created = now();
        let get = |name: &str| params.params.get(name).cloned().unwrap_or(Value::Null);
        let token_shipping = params
            .confirmation_token
            .as_ref()
            .and_then(|t| self.tokens.get(t))
            .map(|t| t.json["shipping"].clone())
            .unwrap_or(Value::Null);
        let shipping = match params.params.get("shipping") {
            Some(given) => objects::shipping(Some(given)),
            None => token_shipping,
        };
        let automatic = match params.params.get("automatic_payment_methods") {
            Some(given) => json!({
                "allow_redirects": given.get("allow_redirects").cloned().unwrap_or(Value::Null),
                "enabled": text(Some(given), "enabled") == Some("true"),
            }),
            None => json!({"enabled": true}),
        };
        let mut intent = objects::payment_intent(objects::NewIntent {
            id: &id,
            client_secret: &client_secret,
            amount: params.amount,
            currency: &params.currency,
            created,
            capture_method: &params.capture_method,
            automatic_payment_methods: automatic,
            payment_method_options: params
                .params
                .get("payment_method_options")
                .cloned()
                .unwrap_or_else(|| json!({})),
            shipping,
            metadata: params
                .params
                .get("metadata")
                .cloned()
                .unwrap_or_else(|| json!({})),
            description: get("description"),
            setup_future_usage: get("setup_future_usage"),
        });
        let mut status = StatusCode::OK;
        let mut body = None;
        if let (Some((card, preview)), Some(token_id)) = (card, &params.confirmation_token) {
            if let Some(token) = self.tokens.get_mut(token_id) {
                token.json["payment_intent"] = id.clone().into();
            }
            let pm_id = random_id("pm_");
            let payment_method = objects::payment_method(
                &pm_id,
                preview["card"].clone(),
                preview["billing_details"].clone(),
                created,
            );
            match cards::outcome(&card.number) {
                Outcome::Succeeds => {
                    intent["payment_method"] = pm_id.into();
                    succeed(&mut intent);
                }
                Outcome::RequiresAction => {
                    intent["payment_method"] = pm_id.into();
                    intent["status"] = "requires_action".into();
                    intent["next_action"] = json!({
                        "type": "use_stripe_sdk",
                        "use_stripe_sdk": {
                            "type": "three_d_secure_redirect",
                            "source": random_id("src_"),
                            "stripe_js": format!("{API_PATH}/v1/payment_intents/{id}/sim_authenticate"),
                            "directory_server_name": "visa"
                        }
                    });
                }
                Outcome::Declined {
                    decline_code,
                    message,
                } => {
                    let code = "card_declined";
                    let charge = random_id("ch_");
                    intent["latest_charge"] = charge.clone().into();
                    intent["last_payment_error"] = json!({
                        "charge": charge.clone(),
                        "code": code,
                        "decline_code": decline_code,
                        "doc_url": objects::doc_url(code),
                        "message": message,
                        "payment_method": payment_method.clone(),
                        "type": "card_error"
                    });
                    status = StatusCode::PAYMENT_REQUIRED;
                    body = Some(json!({"error": {
                        "charge": charge,
                        "code": code,
                        "decline_code": decline_code,
                        "doc_url": objects::doc_url(code),
                        "message": message,
                        "payment_intent": intent.clone(),
                        "payment_method": payment_method,
                        "request_log_url": request_log_url(),
                        "type": "card_error"
                    }}));
                }
            }
        }
        self.intents.insert(id, intent.clone(), Instant::now());
        (status, body.unwrap_or(intent))
    }
}
