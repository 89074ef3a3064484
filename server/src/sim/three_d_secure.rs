//! 3-D Secure completion: the simulated challenge's answer (`sim_authenticate`, publishable
//! key and client secret) moves a `requires_action` PaymentIntent on, approved or failed.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use super::error::{error, invalid, no_such, reply, Failure, Reply};
use super::intents::{check_client_secret, succeed};
use super::params::{self, missing};
use super::request::{authenticate, decode, Key};
use super::{objects, Simulator};

pub(super) async fn authenticate_payment_intent(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply(sim.authenticate_payment_intent(&id, &headers, &body))
}

impl Simulator {
    fn authenticate_payment_intent(
        &self,
        id: &str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Reply, Failure> {
        authenticate(headers, &[Key::Publishable])?;
        let params = decode(body)?;
        params::check(&params, params::SIM_AUTHENTICATE).map_err(invalid)?;
        let result = params
            .get("result")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(missing("result")))?
            .to_owned();
        let mut store = self.lock();
        let intent = store
            .intents
            .get_mut(id)
            .ok_or_else(|| no_such("payment_intent", id))?;
        check_client_secret(intent, params.get("client_secret").and_then(Value::as_str))?;
        if intent["status"] != "requires_action" {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("payment_intent_unexpected_state"),
                format!(
                    "This PaymentIntent's status is {}, but it must be requires_action to be \
                     authenticated.",
                    intent["status"].as_str().unwrap_or("unknown")
                ),
                None,
            ));
        }
        if result == "approve" {
            succeed(intent);
        } else {
            let code = "payment_intent_authentication_failure";
            let payment_method = intent.get("payment_method").cloned().unwrap_or(Value::Null);
            intent["status"] = "requires_payment_method".into();
            intent["next_action"] = Value::Null;
            intent["payment_method"] = Value::Null;
            intent["last_payment_error"] = json!({
                "code": code,
                "doc_url": objects::doc_url(code),
                "message": "We are unable to authenticate your payment method. Please choose a \
                            different payment method and try again.",
                "payment_method": {"id": payment_method, "object": "payment_method", "type": "card"},
                "type": "card_error"
            });
        }
        Ok((StatusCode::OK, objects::client_safe(intent)))
    }
}
