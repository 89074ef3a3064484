//! PaymentIntents: created (and confirmed with a ConfirmationToken, under an optional
//! `Idempotency-Key`) and listed with the secret key; retrieved in [`super::intent_kind`]; the
//! test card decides whether a confirmation succeeds, needs 3-D Secure or is declined
//! ([`super::confirm`]).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};
use stripe_checkout_wire::IntentKind;

use super::confirm::UsableToken;
use super::error::{error, invalid, reply, store_full, Failure, Reply};
use super::ids::{now, random_id};
use super::objects;
use super::params::{self, missing};
use super::request::{text, Key};
use super::{Simulator, Store};

pub(super) async fn create_payment_intent(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    sim.idempotent_create("/v1/payment_intents", &headers, &body, |store, params| {
        let params = validate_intent(params)?;
        let token = store.intent_token(&params)?;
        let customer = store.customer_param(&params.params)?;
        store.check_owner(IntentKind::Payment, token.as_ref(), &customer)?;
        store.execute(params, token, customer)
    })
}

pub(super) async fn list_payment_intents(
    State(sim): State<Simulator>,
    headers: HeaderMap,
) -> Response {
    reply((|| {
        sim.authenticate(&headers, &[Key::Secret])?;
        if !sim.admin_api {
            // A list would hand out every client secret to whoever holds the key.
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
    if let Some(email) = params.get("receipt_email").and_then(Value::as_str) {
        objects::check_email(email, "receipt_email")?;
    }
    Ok(IntentParams {
        amount,
        currency,
        confirm,
        confirmation_token,
        capture_method,
        params,
    })
}

/// The value of a `setup_future_usage` (on a PaymentIntent or a ConfirmationToken), `none` when
/// unset, for messages.
fn usage_name(value: &Value) -> &str {
    value.as_str().filter(|v| !v.is_empty()).unwrap_or("none")
}

impl Store {
    /// The ConfirmationToken a `confirm=true` request names, if usable for these parameters.
    ///
    /// Stripe refuses a token whose `setup_future_usage` differs from the PaymentIntent's: set
    /// the same value on both (docs.stripe.com, "Finalize payments on the server": "the
    /// `setup_future_usage` you set on Elements must match the value on the PaymentIntent").
    /// A `setup_future_usage` without a `customer` is fine: the payment method can be
    /// attached later (Stripe's API reference, PaymentIntent `setup_future_usage`).
    fn intent_token(&self, params: &IntentParams) -> Result<Option<UsableToken>, Failure> {
        let Some(token_id) = params
            .confirmation_token
            .as_deref()
            .filter(|_| params.confirm)
        else {
            return Ok(None);
        };
        let token = self.usable_token(token_id)?;
        let on_token = usage_name(&token.json["setup_future_usage"]);
        let on_intent = usage_name(
            params
                .params
                .get("setup_future_usage")
                .unwrap_or(&Value::Null),
        );
        if on_token != on_intent {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                format!(
                    "The PaymentIntent's setup_future_usage ({on_intent}) does not match the \
                     ConfirmationToken's setup_future_usage ({on_token}). Create the \
                     PaymentIntent with the same setup_future_usage as the Elements that \
                     created the ConfirmationToken."
                ),
                Some("setup_future_usage"),
            ));
        }
        Ok(Some(token))
    }

    /// Creates the PaymentIntent and, with a token, confirms it — when the store has room for
    /// it (checked first: a refused PaymentIntent leaves its token unused).
    fn execute(
        &mut self,
        params: IntentParams,
        token: Option<UsableToken>,
        customer: Value,
    ) -> Result<Reply, Failure> {
        let full = |_| store_full("PaymentIntents");
        self.intents.room().map_err(full)?;
        let id = random_id("pi_");
        let client_secret = format!("{id}_secret_{}", random_id(""));
        let get = |name: &str| params.params.get(name).cloned().unwrap_or(Value::Null);
        let shipping = match params.params.get("shipping") {
            Some(given) => objects::shipping(Some(given)),
            None => token
                .as_ref()
                .map_or(Value::Null, |t| t.json["shipping"].clone()),
        };
        let mut intent = objects::payment_intent(objects::NewIntent {
            id: &id,
            client_secret: &client_secret,
            amount: params.amount,
            currency: &params.currency,
            created: now(),
            capture_method: &params.capture_method,
            automatic_payment_methods: objects::automatic_payment_methods(
                params.params.get("automatic_payment_methods"),
            ),
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
            customer,
            receipt_email: get("receipt_email"),
        });
        let created = intent.clone();
        let answer = match &token {
            Some(token) => self.confirm(IntentKind::Payment, &mut intent, token),
            None => (StatusCode::OK, intent.clone()),
        };
        let confirmed = intent.clone();
        self.intents
            .insert(id, intent, std::time::Instant::now())
            .map_err(full)?;
        self.intent_created(IntentKind::Payment, &created, &confirmed);
        Ok(answer)
    }
}
