//! The simulator's webhook events: each PaymentIntent and SetupIntent status change becomes an
//! Event shaped like Stripe's (`evt_…`, `type`, `data.object` = the intent as the API returns
//! it then, `livemode: false`, `request`), handed to the simulator's `delivery` module, which POSTs it signed
//! with `Stripe-Signature` to the server's own `/webhook` (or `SIM_WEBHOOK_URL`).
//!
//! Which event each transition makes follows Stripe's event types (API reference, "Types of
//! events"): `payment_intent.created` / `setup_intent.created` when an intent is created;
//! then, by the status it reaches, `.requires_action`, `.succeeded`,
//! `payment_intent.amount_capturable_updated` (`requires_capture`, "Occurs when a PaymentIntent
//! has funds to be captured"), `payment_intent.processing`, `.canceled`, and — back in
//! `requires_payment_method` with a `last_payment_error` / `last_setup_error` (a decline, a
//! failed 3-D Secure) — `payment_intent.payment_failed` / `setup_intent.setup_failed`.

use serde_json::{json, Value};
use stripe_checkout_wire::IntentKind;

use super::ids::{now, random_id};
use super::Store;
use crate::stripe::STRIPE_VERSION;

/// The `User-Agent` Stripe sends webhooks with.
pub const USER_AGENT: &str = "Stripe/1.0 (+https://stripe.com/docs/webhooks)";

/// One event, serialised once: every attempt sends these exact bytes.
#[derive(Debug)]
pub(super) struct Event {
    /// `evt_…`.
    pub(super) id: String,
    /// `payment_intent.succeeded`, …
    pub(super) kind: String,
    /// The id of the object it is about (deliveries are kept in order per object).
    pub(super) object: String,
    /// The JSON body.
    pub(super) body: Vec<u8>,
}

/// `payment_intent.created` / `setup_intent.created`.
pub(super) fn created_type(kind: IntentKind) -> &'static str {
    match kind {
        IntentKind::Payment => "payment_intent.created",
        IntentKind::Setup => "setup_intent.created",
    }
}

/// The event Stripe sends when an intent of `kind` reaches the state `intent` is in, if any
/// (`requires_payment_method` without an error is where an intent starts: no event).
pub(super) fn status_type(kind: IntentKind, intent: &Value) -> Option<&'static str> {
    let status = intent["status"].as_str()?;
    let failed = !intent[match kind {
        IntentKind::Payment => "last_payment_error",
        IntentKind::Setup => "last_setup_error",
    }]
    .is_null();
    Some(match (kind, status) {
        (IntentKind::Payment, "requires_action") => "payment_intent.requires_action",
        (IntentKind::Payment, "processing") => "payment_intent.processing",
        (IntentKind::Payment, "requires_capture") => "payment_intent.amount_capturable_updated",
        (IntentKind::Payment, "succeeded") => "payment_intent.succeeded",
        (IntentKind::Payment, "canceled") => "payment_intent.canceled",
        (IntentKind::Payment, "requires_payment_method") if failed => {
            "payment_intent.payment_failed"
        }
        (IntentKind::Setup, "requires_action") => "setup_intent.requires_action",
        (IntentKind::Setup, "succeeded") => "setup_intent.succeeded",
        (IntentKind::Setup, "canceled") => "setup_intent.canceled",
        (IntentKind::Setup, "requires_payment_method") if failed => "setup_intent.setup_failed",
        _ => return None,
    })
}

/// The Event of `type` about `object`, caused by the API request `request`
/// (`{"id": "req_…", "idempotency_key": …}`), shaped like Stripe's `event` fixture.
pub(super) fn event(kind: &str, object: &Value, request: &Value) -> Event {
    let id = random_id("evt_");
    let body = json!({
        "id": id,
        "object": "event",
        "api_version": STRIPE_VERSION,
        "created": now(),
        "data": {"object": object},
        "livemode": false,
        "pending_webhooks": 1,
        "request": request,
        "type": kind,
    });
    Event {
        id,
        kind: kind.to_owned(),
        object: object["id"].as_str().unwrap_or_default().to_owned(),
        body: body.to_string().into_bytes(),
    }
}

/// The `request` of events an API call causes: a fresh `req_…` and its `Idempotency-Key`.
pub(super) fn request(idempotency_key: Option<&str>) -> Value {
    json!({"id": random_id("req_"), "idempotency_key": idempotency_key})
}

impl Store {
    /// Sends the events of a new intent of `kind`: `created` (the intent as it was created,
    /// before any confirmation) and, if confirming moved it on, the event of its new status.
    pub(super) fn intent_created(&self, kind: IntentKind, created: &Value, now: &Value) {
        let mut events = vec![event(created_type(kind), created, &self.request)];
        events.extend(status_type(kind, now).map(|t| event(t, now, &self.request)));
        self.send(events);
    }

    /// Sends the event of the status an intent of `kind` has just reached, if it has one.
    pub(super) fn intent_changed(&self, kind: IntentKind, intent: &Value) {
        if let Some(kind) = status_type(kind, intent) {
            self.send(vec![event(kind, intent, &self.request)]);
        }
    }

    fn send(&self, events: Vec<Event>) {
        if let Some(outbox) = &self.outbox {
            outbox.send(events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_an_intent_reaches_maps_to_stripes_event_type() {
        let payment = |status: &str, error: Value| {
            status_type(
                IntentKind::Payment,
                &json!({"status": status, "last_payment_error": error}),
            )
        };
        let setup = |status: &str, error: Value| {
            status_type(
                IntentKind::Setup,
                &json!({"status": status, "last_setup_error": error}),
            )
        };
        let declined = json!({"code": "card_declined"});
        assert_eq!(payment("requires_payment_method", Value::Null), None);
        assert_eq!(
            payment("requires_payment_method", declined.clone()),
            Some("payment_intent.payment_failed")
        );
        assert_eq!(
            payment("requires_action", Value::Null),
            Some("payment_intent.requires_action")
        );
        assert_eq!(
            payment("succeeded", Value::Null),
            Some("payment_intent.succeeded")
        );
        assert_eq!(
            payment("requires_capture", Value::Null),
            Some("payment_intent.amount_capturable_updated")
        );
        assert_eq!(
            payment("processing", Value::Null),
            Some("payment_intent.processing")
        );
        assert_eq!(
            payment("canceled", Value::Null),
            Some("payment_intent.canceled")
        );
        assert_eq!(setup("requires_payment_method", Value::Null), None);
        assert_eq!(
            setup("requires_payment_method", declined),
            Some("setup_intent.setup_failed")
        );
        assert_eq!(
            setup("requires_action", Value::Null),
            Some("setup_intent.requires_action")
        );
        assert_eq!(
            setup("succeeded", Value::Null),
            Some("setup_intent.succeeded")
        );
        assert_eq!(setup("processing", Value::Null), None, "Stripe has none");
        assert_eq!(created_type(IntentKind::Setup), "setup_intent.created");
    }

    #[test]
    fn an_event_is_shaped_like_stripes_fixture() {
        let intent = json!({"id": "pi_123", "object": "payment_intent", "status": "succeeded"});
        let made = event(
            "payment_intent.succeeded",
            &intent,
            &request(Some("cti-abc")),
        );
        let body: Value = serde_json::from_slice(&made.body).unwrap();
        let fixture: Value =
            serde_json::from_str(include_str!("../../tests/data/event.fixture.json")).unwrap();
        let keys = |v: &Value| {
            let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(&body), keys(&fixture));
        assert_eq!(keys(&body["request"]), keys(&fixture["request"]));
        assert!(made.id.starts_with("evt_") && body["id"] == made.id.as_str());
        assert_eq!(body["object"], "event");
        assert_eq!(body["type"], "payment_intent.succeeded");
        assert_eq!(body["livemode"], false);
        assert_eq!(body["api_version"], STRIPE_VERSION);
        assert_eq!(body["data"]["object"], intent);
        assert_eq!(body["request"]["idempotency_key"], "cti-abc");
        assert!(body["request"]["id"].as_str().unwrap().starts_with("req_"));
        assert_eq!(made.object, "pi_123");
    }
}
