//! CustomerSessions and the saved payment methods they show: created with the secret key for a
//! Customer (`components[payment_element]`, its `features`), valid for 30 minutes; the
//! simulated Stripe.js lists the Customer's saved cards with the publishable key and the
//! session's `client_secret` (`GET /v1/elements/sessions`, the call real Stripe.js makes when
//! Elements has a `customerSessionClientSecret`), filtered by `allow_redisplay`; and a control
//! call (`sim_expire`, secret key) ends a session early for tests.
//!
//! Stripe's API reference, "Create a Customer Session" (`expires_at`: "The timestamp at which
//! this customer session will expire", 30 minutes after creation) and the Payment Element
//! features (`payment_method_allow_redisplay_filters` defaults to `["always"]`,
//! `payment_method_redisplay_limit` to 3, at most 10).

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};

use super::cards::Card;
use super::error::{error, invalid, reply, store_full, Failure};
use super::ids::{now, random_id};
use super::params::{self, missing};
use super::request::{decode, Key};
use super::{Simulator, Store};

/// How long a CustomerSession's secret works (Stripe: 30 minutes).
pub(super) const SESSION_SECONDS: u64 = 30 * 60;

/// A payment method the simulator keeps: its JSON (`customer`, `allow_redisplay`) and card.
pub(super) struct PaymentMethod {
    pub(super) json: Value,
    pub(super) card: Card,
}

const REDISPLAY: &[&str] = &["always", "limited", "unspecified"];

/// `POST /v1/customer_sessions`.
pub(super) async fn create_customer_session(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    sim.idempotent_create("/v1/customer_sessions", &headers, &body, |store, params| {
        params::check(&params, params::CUSTOMER_SESSION).map_err(invalid)?;
        let customer = store.customer_param(&params)?;
        if customer.is_null() {
            return Err(invalid(missing("customer")));
        }
        let component = params
            .get("components")
            .and_then(|c| c.get("payment_element"));
        if component
            .and_then(|c| c.get("enabled"))
            .and_then(Value::as_str)
            != Some("true")
        {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "At least 1 component must be enabled: set \
                 components[payment_element][enabled]=true (the simulator supports the \
                 Payment Element only).",
                Some("components"),
            ));
        }
        let features = features(component.and_then(|c| c.get("features")))?;
        let created = now();
        let client_secret = random_id("cuss_secret_");
        let session = json!({
            "object": "customer_session",
            "client_secret": client_secret,
            "components": {
                "buy_button": {"enabled": false},
                "payment_element": {"enabled": true, "features": features},
                "pricing_table": {"enabled": false}
            },
            "created": created,
            "customer": customer,
            "expires_at": created + SESSION_SECONDS,
            "livemode": false
        });
        store
            .customer_sessions
            .insert(client_secret, session.clone(), Instant::now())
            .map_err(|_| store_full("CustomerSessions"))?;
        Ok((StatusCode::OK, session))
    })
}

/// The Payment Element features with Stripe's defaults filled in; filters and the limit checked.
fn features(given: Option<&Value>) -> Result<Value, Failure> {
    let text = |key: &str, default: &str| {
        given
            .and_then(|f| f.get(key))
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_owned()
    };
    let param = "components[payment_element][features][payment_method_allow_redisplay_filters]";
    let filters = match given.and_then(|f| f.get("payment_method_allow_redisplay_filters")) {
        None => vec![Value::from("always")],
        Some(list) => {
            let list = list.as_array().cloned().unwrap_or_default();
            if list.is_empty()
                || list
                    .iter()
                    .any(|v| !REDISPLAY.contains(&v.as_str().unwrap_or("")))
            {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    None,
                    format!(
                        "Invalid {param}: each must be one of {}",
                        REDISPLAY.join(", ")
                    ),
                    Some(param),
                ));
            }
            list
        }
    };
    let limit_param = "components[payment_element][features][payment_method_redisplay_limit]";
    let limit = match given.and_then(|f| f.get("payment_method_redisplay_limit")) {
        None => 3,
        Some(v) => match v.as_str().and_then(|t| t.parse::<u64>().ok()) {
            Some(n @ 1..=10) => n,
            _ => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    None,
                    "The maximum redisplay limit is 10 (and the least 1).",
                    Some(limit_param),
                ))
            }
        },
    };
    Ok(json!({
        "payment_method_allow_redisplay_filters": filters,
        "payment_method_redisplay": text("payment_method_redisplay", "disabled"),
        "payment_method_redisplay_limit": limit,
        "payment_method_remove": text("payment_method_remove", "disabled"),
        "payment_method_save": text("payment_method_save", "disabled"),
        "payment_method_save_usage": given
            .and_then(|f| f.get("payment_method_save_usage"))
            .cloned()
            .unwrap_or(Value::Null)
    }))
}

impl Store {
    /// The live CustomerSession whose `client_secret` is `secret`: an unknown one is Stripe's
    /// 400 `resource_missing`, an expired one a 400 that says so (what the Payment Element's
    /// `loaderror` then carries).
    pub(super) fn customer_session(&self, secret: &str, param: &str) -> Result<&Value, Failure> {
        let session = self.customer_sessions.get(secret).ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("resource_missing"),
                "No such customer session: the client secret does not match any \
                 CustomerSession.",
                Some(param),
            )
        })?;
        if session["expires_at"].as_u64().unwrap_or(0) <= now() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "This customer session has expired. Create a new CustomerSession on your server \
                 and pass its client_secret to Elements.",
                Some(param),
            ));
        }
        Ok(session)
    }

    /// Whether `session` shows `method`: its Customer's, with redisplay enabled and an
    /// `allow_redisplay` in the session's filters.
    pub(super) fn shows(session: &Value, method: &Value) -> bool {
        let features = &session["components"]["payment_element"]["features"];
        method["customer"] == session["customer"]
            && features["payment_method_redisplay"] == "enabled"
            && features["payment_method_allow_redisplay_filters"]
                .as_array()
                .is_some_and(|f| f.contains(&method["allow_redisplay"]))
    }

    /// The saved cards `session` shows, newest first, at most its redisplay limit.
    fn saved_cards(&self, session: &Value) -> Vec<Value> {
        let limit = session["components"]["payment_element"]["features"]
            ["payment_method_redisplay_limit"]
            .as_u64()
            .unwrap_or(3) as usize;
        self.payment_methods
            .newest_first()
            .filter(|m| Self::shows(session, &m.json))
            .take(limit)
            .map(|m| m.json.clone())
            .collect()
    }

    /// Keeps a payment method (a full store only loses the card for later: logged).
    pub(super) fn keep_payment_method(&mut self, json: Value, card: Card) {
        let id = json["id"].as_str().unwrap_or_default().to_owned();
        if self
            .payment_methods
            .insert(id, PaymentMethod { json, card }, Instant::now())
            .is_err()
        {
            tracing::warn!("simulator: the PaymentMethod store is full; a card was not kept");
        }
    }
}

#[derive(Deserialize)]
pub(super) struct SessionQuery {
    customer_session_client_secret: Option<String>,
}

/// `GET /v1/elements/sessions?customer_session_client_secret=…` (publishable key): the saved
/// cards the session shows, as the simulated Payment Element lists them.
pub(super) async fn elements_session(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    Query(query): Query<SessionQuery>,
) -> Response {
    reply((|| {
        sim.authenticate(&headers, &[Key::Publishable, Key::Secret])?;
        let secret = query
            .customer_session_client_secret
            .ok_or_else(|| invalid(missing("customer_session_client_secret")))?;
        let store = sim.lock();
        let session = store.customer_session(&secret, "customer_session_client_secret")?;
        Ok((
            StatusCode::OK,
            json!({
                "object": "elements_session",
                "customer": {
                    "customer": session["customer"],
                    "customer_session": {
                        "expires_at": session["expires_at"],
                        "components": session["components"]
                    },
                    "payment_methods": store.saved_cards(session)
                }
            }),
        ))
    })())
}

/// `POST /v1/customer_sessions/sim_expire` (secret key; the simulator's own control call):
/// form `client_secret`; the session expires now, so its next use fails as an expired one.
pub(super) async fn expire_customer_session(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply((|| {
        sim.authenticate(&headers, &[Key::Secret])?;
        let params = decode(&body)?;
        params::check(&params, &[("client_secret", params::Param::String)]).map_err(invalid)?;
        let secret = params
            .get("client_secret")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(missing("client_secret")))?;
        let mut store = sim.lock();
        store.customer_session(secret, "client_secret")?;
        let session = store
            .customer_sessions
            .get_mut(secret)
            .ok_or_else(|| invalid(missing("client_secret")))?;
        session["expires_at"] = now().saturating_sub(1).into();
        Ok((StatusCode::OK, session.clone()))
    })())
}

/// `Map` access for the token module: the saved method `id` that `session` shows.
pub(super) fn saved_method<'a>(
    store: &'a Store,
    session: &Value,
    id: &str,
) -> Result<&'a PaymentMethod, Failure> {
    store
        .payment_methods
        .get(id)
        .filter(|m| Store::shows(session, &m.json))
        .ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("resource_missing"),
                format!("No such PaymentMethod: '{id}'"),
                Some("payment_method"),
            )
        })
}
