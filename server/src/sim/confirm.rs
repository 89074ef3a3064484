//! Confirming an intent with a ConfirmationToken, the same for PaymentIntents and SetupIntents:
//! the token must exist and be unused; the intent then claims it, and the token's card decides
//! the outcome — succeeded, `requires_action` (3-D Secure, `next_action.type = use_stripe_sdk`)
//! or a 402 `card_error` that embeds the intent (`error.payment_intent` /
//! `error.setup_intent`, with `last_payment_error` / `last_setup_error`), as Stripe answers.

use axum::http::StatusCode;
use serde_json::{json, Value};
use stripe_checkout_wire::IntentKind;

use super::cards::{self, Card, Outcome};
use super::error::{error, request_log_url, Failure, Reply};
use super::ids::random_id;
use super::intent_kind::Kind;
use super::{objects, Store, API_PATH};

/// A ConfirmationToken that may confirm an intent: its JSON and card.
pub(super) struct UsableToken {
    /// The token's id.
    pub(super) id: String,
    /// The token object (its `payment_method_preview`, `shipping`, `setup_future_usage`).
    pub(super) json: Value,
    /// The validated card it carries.
    pub(super) card: Card,
    /// The saved PaymentMethod it carries, if any.
    pub(super) saved: Option<String>,
}

impl Store {
    /// The token `id`, if it exists and has confirmed nothing yet; otherwise the 400 Stripe
    /// answers (a validation failure: nothing is claimed).
    pub(super) fn usable_token(&self, id: &str) -> Result<UsableToken, Failure> {
        let token = self.tokens.get(id).ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("resource_missing"),
                format!("No such confirmation_token: '{id}'"),
                Some("confirmation_token"),
            )
        })?;
        if !token.json["payment_intent"].is_null() || !token.json["setup_intent"].is_null() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "This ConfirmationToken has already been used to confirm a PaymentIntent or \
                 SetupIntent. Create a new ConfirmationToken and try again.",
                Some("confirmation_token"),
            ));
        }
        Ok(UsableToken {
            id: id.to_owned(),
            json: token.json.clone(),
            card: token.card.clone(),
            saved: token.saved.clone(),
        })
    }

    /// A token carrying a saved card confirms only an intent for the card's Customer: Stripe
    /// answers 400 otherwise ("The `payment_method` parameter supplied pm_… belongs to the
    /// Customer cus_…. Please include the Customer in the `customer` parameter on the
    /// PaymentIntent.", as reported in stripe-sdk#49 and stripe_official#84).
    pub(super) fn check_owner(
        &self,
        kind: IntentKind,
        token: Option<&UsableToken>,
        customer: &Value,
    ) -> Result<(), Failure> {
        let Some(token) = token else { return Ok(()) };
        let owner = &token.json["payment_method_preview"]["customer"];
        let (Some(pm), Some(owner)) = (&token.saved, owner.as_str()) else {
            return Ok(());
        };
        if customer.as_str() == Some(owner) {
            return Ok(());
        }
        Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("parameter_missing"),
            format!(
                "The `payment_method` parameter supplied {pm} belongs to the Customer {owner}. \
                 Please include the Customer in the `customer` parameter on the {}.",
                kind.name()
            ),
            Some("customer"),
        ))
    }

    /// Confirms `intent` (of `kind`, fresh in `requires_payment_method`) with `token`, which it
    /// claims. Answers the intent (200) or, for a declined card, Stripe's 402 error embedding it.
    pub(super) fn confirm(
        &mut self,
        kind: IntentKind,
        intent: &mut Value,
        token: &UsableToken,
    ) -> Reply {
        let id = intent["id"].as_str().unwrap_or_default().to_owned();
        if let Some(stored) = self.tokens.get_mut(&token.id) {
            stored.json[kind.object()] = id.clone().into();
        }
        let preview = &token.json["payment_method_preview"];
        let pm_id = token.saved.clone().unwrap_or_else(|| random_id("pm_"));
        let mut payment_method = objects::payment_method(
            &pm_id,
            preview["card"].clone(),
            preview["billing_details"].clone(),
            intent["created"].as_u64().unwrap_or_default(),
        );
        // The PaymentMethod's allow_redisplay is the token's (Stripe's default `unspecified`).
        payment_method["allow_redisplay"] = preview["allow_redisplay"].clone();
        payment_method["customer"] = preview["customer"].clone();
        let outcome = cards::outcome(&token.card.number);
        // A new card is kept (a SetupIntent, or a PaymentIntent with setup_future_usage, attaches
        // it to the intent's customer once the intent succeeds: `attach_saved`); a saved card
        // is already kept, with its customer.
        if token.saved.is_none() && !matches!(outcome, Outcome::Declined { .. }) {
            self.keep_payment_method(payment_method.clone(), token.card.clone());
        }
        match outcome {
            Outcome::Succeeds => {
                intent["payment_method"] = pm_id.into();
                succeed(kind, intent);
                self.attach_saved(kind, intent);
                (StatusCode::OK, intent.clone())
            }
            Outcome::RequiresAction => {
                intent["payment_method"] = pm_id.into();
                intent["status"] = "requires_action".into();
                intent["next_action"] = next_action(kind, &id);
                (StatusCode::OK, intent.clone())
            }
            Outcome::Declined {
                decline_code,
                message,
            } => {
                let code = "card_declined";
                let mut last_error = json!({
                    "code": code,
                    "decline_code": decline_code,
                    "doc_url": objects::doc_url(code),
                    "message": message,
                    "payment_method": payment_method.clone(),
                    "type": "card_error"
                });
                let mut body = json!({
                    "code": code,
                    "decline_code": decline_code,
                    "doc_url": objects::doc_url(code),
                    "message": message,
                    "payment_method": payment_method,
                    "request_log_url": request_log_url(),
                    "type": "card_error"
                });
                if kind == IntentKind::Payment {
                    // Only a payment makes a charge.
                    let charge = random_id("ch_");
                    intent["latest_charge"] = charge.clone().into();
                    last_error["charge"] = charge.clone().into();
                    body["charge"] = charge.into();
                }
                intent[kind.last_error()] = last_error;
                body[kind.object()] = intent.clone();
                (StatusCode::PAYMENT_REQUIRED, json!({ "error": body }))
            }
        }
    }
}

impl Store {
    /// A succeeded SetupIntent, or PaymentIntent with `setup_future_usage`, attaches its
    /// payment method to its `customer` (Stripe's API reference, `customer` on both intents).
    pub(super) fn attach_saved(&mut self, kind: IntentKind, intent: &Value) {
        let saves = kind == IntentKind::Setup || !intent["setup_future_usage"].is_null();
        let (Some(pm), Some(customer)) = (
            intent["payment_method"].as_str(),
            intent["customer"].as_str(),
        ) else {
            return;
        };
        if let (true, Some(method)) = (saves, self.payment_methods.get_mut(pm)) {
            method.json["customer"] = customer.into();
        }
    }
}

/// The simulated 3-D Secure step Stripe.js runs for a `requires_action` intent (the simulated
/// Stripe.js posts the challenge's answer to `stripe_js`).
fn next_action(kind: IntentKind, id: &str) -> Value {
    json!({
        "type": "use_stripe_sdk",
        "use_stripe_sdk": {
            "type": "three_d_secure_redirect",
            "source": random_id("src_"),
            "stripe_js": format!("{API_PATH}/v1/{}/{id}/sim_authenticate", kind.path()),
            "directory_server_name": "visa"
        }
    })
}

/// Moves a confirmed intent to success: a SetupIntent `succeeded`; a PaymentIntent `succeeded`,
/// or `requires_capture` when its capture is manual.
pub(super) fn succeed(kind: IntentKind, intent: &mut Value) {
    intent["next_action"] = Value::Null;
    intent[kind.last_error()] = Value::Null;
    match kind {
        IntentKind::Setup => intent["status"] = "succeeded".into(),
        IntentKind::Payment => {
            let amount = intent["amount"].clone();
            if intent["capture_method"] == "manual" {
                intent["status"] = "requires_capture".into();
                intent["amount_capturable"] = amount;
            } else {
                intent["status"] = "succeeded".into();
                intent["amount_received"] = amount;
            }
            intent["latest_charge"] = random_id("ch_").into();
        }
    }
}
