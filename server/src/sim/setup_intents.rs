//! SetupIntents: created with the secret key and confirmed at once with a ConfirmationToken
//! (`confirm=true`, `confirmation_token`, `customer`, `usage`, `automatic_payment_methods`;
//! under an optional `Idempotency-Key`), to save a card for later without a charge. The card
//! decides the outcome exactly as for a payment ([`super::confirm`]): `succeeded`,
//! `requires_action` (3-D Secure, completed by `sim_authenticate`), or a 402 `card_error`
//! with `error.setup_intent` in `requires_payment_method` and its `last_setup_error`.
//! Retrieval (secret key, or publishable key and `client_secret`) is shared with
//! PaymentIntents in [`super::intent_kind`].

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};
use stripe_checkout_wire::IntentKind;

use super::confirm::UsableToken;
use super::error::{error, invalid, store_full, Failure, Reply};
use super::ids::{now, random_id};
use super::params::{self, missing};
use super::{objects, Simulator, Store};

/// `POST /v1/setup_intents`.
pub(super) async fn create_setup_intent(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    sim.idempotent_create("/v1/setup_intents", &headers, &body, |store, params| {
        params::check(&params, params::SETUP_INTENT).map_err(invalid)?;
        let token = store.setup_token(&params)?;
        let customer = store.customer_param(&params)?;
        store.check_owner(IntentKind::Setup, token.as_ref(), &customer)?;
        store.create_setup_intent(&params, token, customer)
    })
}

impl Store {
    /// The ConfirmationToken a `confirm=true` request names, if usable: it must exist, be
    /// unused, and (when it carries a `setup_future_usage`) agree with the `usage` asked for.
    fn setup_token(&self, params: &Map<String, Value>) -> Result<Option<UsableToken>, Failure> {
        let confirm = params.get("confirm").and_then(Value::as_str) == Some("true");
        let token_id = params.get("confirmation_token").and_then(Value::as_str);
        let token_id = match (confirm, token_id) {
            (false, _) => return Ok(None),
            (true, None) => return Err(invalid(missing("confirmation_token"))),
            (true, Some(id)) => id,
        };
        let token = self.usable_token(token_id)?;
        let usage = usage(params);
        if let Some(on_token) = token.json["setup_future_usage"].as_str() {
            if on_token != usage {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    None,
                    format!(
                        "The SetupIntent's usage ({usage}) does not match the \
                         ConfirmationToken's setup_future_usage ({on_token})."
                    ),
                    Some("usage"),
                ));
            }
        }
        Ok(Some(token))
    }

    fn create_setup_intent(
        &mut self,
        params: &Map<String, Value>,
        token: Option<UsableToken>,
        customer: Value,
    ) -> Result<Reply, Failure> {
        // Checked first: a refused SetupIntent leaves its token unused.
        let full = |_| store_full("SetupIntents");
        self.setup_intents.room().map_err(full)?;
        let id = random_id("seti_");
        let client_secret = format!("{id}_secret_{}", random_id(""));
        let mut intent = objects::setup_intent(objects::NewSetupIntent {
            id: &id,
            client_secret: &client_secret,
            created: now(),
            customer,
            usage: usage(params),
            automatic_payment_methods: objects::automatic_payment_methods(
                params.get("automatic_payment_methods"),
            ),
            description: params.get("description").cloned().unwrap_or(Value::Null),
            metadata: params.get("metadata").cloned().unwrap_or_else(|| json!({})),
        });
        let created = intent.clone();
        let answer = match &token {
            Some(token) => self.confirm(IntentKind::Setup, &mut intent, token),
            None => (StatusCode::OK, intent.clone()),
        };
        let confirmed = intent.clone();
        self.setup_intents
            .insert(id, intent, Instant::now())
            .map_err(full)?;
        self.intent_created(IntentKind::Setup, &created, &confirmed);
        Ok(answer)
    }
}

/// The `usage` parameter; Stripe's default is `off_session`.
fn usage(params: &Map<String, Value>) -> &str {
    params
        .get("usage")
        .and_then(Value::as_str)
        .unwrap_or("off_session")
}
