//! What differs between the simulator's two kinds of intent, PaymentIntents and SetupIntents:
//! names, stores, the client-safe view, and the retrieve route both share (secret key, or
//! publishable key and the matching `client_secret`, as Stripe.js's `retrievePaymentIntent` /
//! `retrieveSetupIntent` call it).

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use serde_json::Value;
use stripe_checkout_wire::IntentKind;

use super::error::{error, invalid, no_such, reply, Failure};
use super::params::missing;
use super::request::Key;
use super::store::Bounded;
use super::{objects, Simulator, Store};

/// The simulator's view of an [`IntentKind`] (its `object()` name — `payment_intent` /
/// `setup_intent`, the `object` field and the key an error embeds the intent under — is the
/// wire crate's).
pub(super) trait Kind: Copy {
    /// `PaymentIntent` / `SetupIntent`, for messages.
    fn name(self) -> &'static str;
    /// `last_payment_error` / `last_setup_error`.
    fn last_error(self) -> &'static str;
    /// `payment_intents` / `setup_intents`, the API path segment.
    fn path(self) -> &'static str;
    /// The fields a publishable key may read.
    fn client_safe(self, intent: &Value) -> Value;
}

impl Kind for IntentKind {
    fn name(self) -> &'static str {
        match self {
            IntentKind::Payment => "PaymentIntent",
            IntentKind::Setup => "SetupIntent",
        }
    }

    fn last_error(self) -> &'static str {
        match self {
            IntentKind::Payment => "last_payment_error",
            IntentKind::Setup => "last_setup_error",
        }
    }

    fn path(self) -> &'static str {
        match self {
            IntentKind::Payment => "payment_intents",
            IntentKind::Setup => "setup_intents",
        }
    }

    fn client_safe(self, intent: &Value) -> Value {
        match self {
            IntentKind::Payment => objects::client_safe(intent),
            IntentKind::Setup => objects::client_safe_setup_intent(intent),
        }
    }
}

impl Store {
    /// The bounded map holding intents of `kind`.
    pub(super) fn intents_of(&mut self, kind: IntentKind) -> &mut Bounded<Value> {
        match kind {
            IntentKind::Payment => &mut self.intents,
            IntentKind::Setup => &mut self.setup_intents,
        }
    }
}

/// The query of `GET /v1/{payment,setup}_intents/{id}`: the client secret a publishable key shows.
#[derive(Deserialize)]
pub(super) struct SecretQuery {
    client_secret: Option<String>,
}

/// `GET /v1/payment_intents/{id}`.
pub(super) async fn retrieve_payment_intent(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    Query(query): Query<SecretQuery>,
    headers: HeaderMap,
) -> Response {
    sim.retrieve(IntentKind::Payment, &id, query, &headers)
}

/// `GET /v1/setup_intents/{id}`.
pub(super) async fn retrieve_setup_intent(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    Query(query): Query<SecretQuery>,
    headers: HeaderMap,
) -> Response {
    sim.retrieve(IntentKind::Setup, &id, query, &headers)
}

impl Simulator {
    /// The whole intent for a secret key; its client-safe fields for a publishable key with
    /// the matching `client_secret`.
    fn retrieve(
        &self,
        kind: IntentKind,
        id: &str,
        query: SecretQuery,
        headers: &HeaderMap,
    ) -> Response {
        reply((|| {
            let key = self.authenticate(headers, &[Key::Publishable, Key::Secret])?;
            let mut store = self.lock();
            let intent = store
                .intents_of(kind)
                .get(id)
                .ok_or_else(|| no_such(kind.object(), id))?;
            if key == Key::Secret {
                return Ok((StatusCode::OK, intent.clone()));
            }
            check_client_secret(kind, intent, query.client_secret.as_deref())?;
            Ok((StatusCode::OK, kind.client_safe(intent)))
        })())
    }
}

/// Stripe's refusal of a missing or wrong `client_secret` for an intent of `kind`.
pub(super) fn check_client_secret(
    kind: IntentKind,
    intent: &Value,
    given: Option<&str>,
) -> Result<(), Failure> {
    let given = given.ok_or_else(|| invalid(missing("client_secret")))?;
    if intent["client_secret"].as_str() == Some(given) {
        Ok(())
    } else {
        Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            None,
            format!(
                "The client_secret provided does not match the client_secret associated with \
                 the {}.",
                kind.name()
            ),
            Some("client_secret"),
        ))
    }
}
