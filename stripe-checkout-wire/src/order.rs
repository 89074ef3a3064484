//! The return page's second question: not "was the payment made?" (Stripe.js answers that) but
//! "has the shop recorded my order?", which only the backend knows, once Stripe's webhook has
//! told it.
//!
//! `GET {endpoint}?payment_intent=pi_…&payment_intent_client_secret=pi_…_secret_…` answers
//! `200 {"order": "ord_…", "status": "pending" | "paid" | "failed", "fulfilled": bool}`
//! ([`OrderStatus`]) when the secret is that intent's, else `404` (the same answer whether the
//! intent is unknown or the secret wrong). The query names are the ones Stripe appends to the
//! return URL, so a return page can pass its own query on.

use serde::{Deserialize, Serialize};

use crate::answer::Json;

/// The query parameter naming the PaymentIntent (`pi_…`).
pub const ORDER_STATUS_INTENT: &str = "payment_intent";
/// The query parameter carrying its client secret: the proof that the asker may know.
pub const ORDER_STATUS_SECRET: &str = "payment_intent_client_secret";

/// The shop's order for a PaymentIntent, as its backend knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderStatus {
    /// The shop's order id (`ord_…`).
    pub order: String,
    /// Where the order stands.
    pub status: OrderState,
    /// Whether the shop has handed the order to its fulfilment.
    pub fulfilled: bool,
}

/// [`OrderStatus::status`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OrderState {
    /// Recorded; no word yet from Stripe that it was paid (the webhook may be on its way).
    Pending,
    /// Stripe said `payment_intent.succeeded`.
    Paid,
    /// The payment failed or was canceled.
    Failed,
}

impl OrderState {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::Pending => "pending",
            OrderState::Paid => "paid",
            OrderState::Failed => "failed",
        }
    }

    /// Reads a wire name; `None` for any other text.
    pub fn parse(s: &str) -> Option<Self> {
        [OrderState::Pending, OrderState::Paid, OrderState::Failed]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

impl OrderStatus {
    /// Reads a `200` body: a non-blank `order`, a known `status` and a boolean `fulfilled`
    /// (absent reads as `false`); anything else is `None`.
    pub fn read<V: Json>(body: &V) -> Option<OrderStatus> {
        if !body.is_object() {
            return None;
        }
        let order = body
            .get("order")?
            .as_text()
            .filter(|s| !s.trim().is_empty())?;
        let status = OrderState::parse(&body.get("status")?.as_text()?)?;
        let fulfilled = match body.get("fulfilled") {
            None => false,
            Some(v) => v.as_bool()?,
        };
        Some(OrderStatus {
            order,
            status,
            fulfilled,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, to_value, Value};

    fn read(body: Value) -> Option<OrderStatus> {
        OrderStatus::read(&body)
    }

    #[test]
    fn reads_what_the_server_writes() {
        for status in [OrderState::Pending, OrderState::Paid, OrderState::Failed] {
            let written = OrderStatus {
                order: "ord_1".into(),
                status,
                fulfilled: status == OrderState::Paid,
            };
            assert_eq!(read(to_value(&written).unwrap()), Some(written));
        }
    }

    #[test]
    fn refuses_what_is_not_an_order_status() {
        for body in [
            json!(null),
            json!("paid"),
            json!({}),
            json!({"order": "", "status": "paid"}),
            json!({"order": "ord_1", "status": "shipped"}),
            json!({"order": "ord_1", "status": "paid", "fulfilled": "yes"}),
            json!({"order": 7, "status": "paid"}),
        ] {
            assert_eq!(read(body.clone()), None, "{body}");
        }
        assert_eq!(
            read(json!({"order": "ord_1", "status": "pending"})),
            Some(OrderStatus {
                order: "ord_1".into(),
                status: OrderState::Pending,
                fulfilled: false
            })
        );
    }
}
