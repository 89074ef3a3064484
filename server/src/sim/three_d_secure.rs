//! 3-D Secure completion: the simulated challenge's answer (`sim_authenticate`, publishable
//! key and client secret) moves a `requires_action` PaymentIntent or SetupIntent on, approved
//! (succeeded) or failed (back to `requires_payment_method` with an authentication failure),
//! and sends the webhook event of the new status (`payment_intent.succeeded`,
//! `payment_intent.amount_capturable_updated`, `payment_intent.payment_failed`,
//! `setup_intent.succeeded`, `setup_intent.setup_failed`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};
use stripe_checkout_wire::IntentKind;

use super::confirm::succeed;
use super::error::{error, invalid, no_such, reply, Failure, Reply};
use super::intent_kind::{check_client_secret, Kind};
use super::params::{self, missing};
use super::request::{decode, Key};
use super::{objects, webhooks, Simulator};

/// `POST /v1/payment_intents/{id}/sim_authenticate`.
pub(super) async fn authenticate_payment_intent(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply(sim.authenticate_intent(IntentKind::Payment, &id, &headers, &body))
}

/// `POST /v1/setup_intents/{id}/sim_authenticate`.
pub(super) async fn authenticate_setup_intent(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply(sim.authenticate_intent(IntentKind::Setup, &id, &headers, &body))
}

impl Simulator {
    fn authenticate_intent(
        &self,
        kind: IntentKind,
        id: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Reply, Failure> {
        self.authenticate(headers, &[Key::Publishable])?;
        let params = decode(body)?;
        params::check(&params, params::SIM_AUTHENTICATE).map_err(invalid)?;
        let result = params
            .get("result")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(missing("result")))?
            .to_owned();
        let mut store = self.lock();
        let intent = store
            .intents_of(kind)
            .get_mut(id)
            .ok_or_else(|| no_such(kind.object(), id))?;
        check_client_secret(
            kind,
            intent,
            params.get("client_secret").and_then(Value::as_str),
        )?;
        if intent["status"] != "requires_action" {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some(match kind {
                    IntentKind::Payment => "payment_intent_unexpected_state",
                    IntentKind::Setup => "setup_intent_unexpected_state",
                }),
                format!(
                    "This {}'s status is {}, but it must be requires_action to be \
                     authenticated.",
                    kind.name(),
                    intent["status"].as_str().unwrap_or("unknown")
                ),
                None,
            ));
        }
        if result == "approve" {
            succeed(kind, intent);
        } else {
            // Stripe's codes: payment_intent_authentication_failure /
            // setup_intent_authentication_failure.
            let code = match kind {
                IntentKind::Payment => "payment_intent_authentication_failure",
                IntentKind::Setup => "setup_intent_authentication_failure",
            };
            let payment_method = intent.get("payment_method").cloned().unwrap_or(Value::Null);
            intent["status"] = "requires_payment_method".into();
            intent["next_action"] = Value::Null;
            intent["payment_method"] = Value::Null;
            intent[kind.last_error()] = json!({
                "code": code,
                "doc_url": objects::doc_url(code),
                "message": "We are unable to authenticate your payment method. Please choose a \
                            different payment method and try again.",
                "payment_method": {"id": payment_method, "object": "payment_method", "type": "card"},
                "type": "card_error"
            });
        }
        let answer = kind.client_safe(intent);
        let changed = intent.clone();
        if result == "approve" {
            // The card is saved now, for a SetupIntent or a payment that saves it.
            store.attach_saved(kind, &changed);
        }
        store.request = webhooks::request(None);
        store.intent_changed(kind, &changed);
        Ok((StatusCode::OK, answer))
    }
}
