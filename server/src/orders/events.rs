//! Applying a verified Stripe event to its order, in one transaction: the event id is
//! inserted first (PRIMARY KEY: a re-delivered event inserts nothing and changes nothing),
//! then the order moves as [`status::next`] says, by compare-and-set, and a newly paid order
//! gets its fulfilment delivery row (PRIMARY KEY on the order: at most one).
//!
//! Stripe: "Handle duplicate events" and "Event ordering" (docs.stripe.com/webhooks);
//! "Fulfill orders" (docs.stripe.com/checkout/fulfillment): fulfilment must be safe to
//! trigger more than once, and concurrently.

use super::status::{self, IntentEvent, Status};
use super::{now_ms, order_from_row, Store, StoreError, ORDER_COLUMNS};
use serde_json::Value;

/// The parts of a Stripe event the server reads.
#[derive(Clone, Debug)]
pub struct Event {
    /// `evt_…`.
    pub id: String,
    /// e.g. `payment_intent.succeeded`.
    pub event_type: String,
    /// `data.object`: the intent as it was when the event happened.
    pub object: Value,
}

/// What an event did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// This event id was seen before: nothing done.
    Duplicate,
    /// Recorded, but it concerns no order the server acts on (why).
    Ignored(String),
    /// The order's status stays (e.g. `processing`, or a failure after a success).
    Unchanged {
        /// `ord_…`.
        order: String,
        /// Its status.
        status: Status,
    },
    /// The order moved.
    Changed {
        /// `ord_…`.
        order: String,
        /// From.
        from: Status,
        /// To.
        to: Status,
        /// A fulfilment delivery was queued (a payment order newly paid).
        fulfil: bool,
    },
}

impl Store {
    /// Records `event` and applies it to its order (found by the intent's
    /// `metadata.order_id`, else by the intent id), once.
    pub async fn apply_event(&self, event: &Event) -> Result<Applied, StoreError> {
        let object = &event.object;
        let metadata_order = object["metadata"]["order_id"].as_str();
        let mut tx = self.pool().begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO events (id, type, order_id, received_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&event.id)
        .bind(&event.event_type)
        .bind(metadata_order)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(Applied::Duplicate);
        }
        let applied = apply_in(&mut tx, event).await?;
        tx.commit().await?;
        if matches!(applied, Applied::Changed { fulfil: true, .. }) {
            self.notify_delivery();
        }
        Ok(applied)
    }
}

impl Store {
    /// Forgets event ids received more than `age` ago; answers how many. Stripe retries an
    /// event for up to three days ("Event retries", docs.stripe.com/webhooks), so ids older
    /// than [`EVENT_RETENTION`] can no longer come back as duplicates.
    pub async fn prune_events(&self, age: std::time::Duration) -> Result<u64, StoreError> {
        let age = i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
        let done = sqlx::query("DELETE FROM events WHERE received_at < $1")
            .bind(now_ms().saturating_sub(age))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}

/// How long an event id is remembered: ten times Stripe's three days of retries.
pub const EVENT_RETENTION: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3_600);

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

async fn apply_in(tx: &mut Tx<'_>, event: &Event) -> Result<Applied, StoreError> {
    let Some(intent_event) = IntentEvent::from_type(&event.event_type) else {
        return Ok(Applied::Ignored(format!(
            "event type {} is not handled",
            event.event_type
        )));
    };
    let object = &event.object;
    let kind = match object["object"].as_str() {
        Some("payment_intent") => "payment",
        Some("setup_intent") => "setup",
        _ => return Ok(Applied::Ignored("data.object is not an intent".to_owned())),
    };
    let Some(intent_id) = object["id"].as_str() else {
        return Ok(Applied::Ignored("the intent has no id".to_owned()));
    };
    let mut order = match object["metadata"]["order_id"].as_str() {
        Some(id) => select(tx, "id", id).await?,
        None => select(tx, "intent_id", intent_id).await?,
    };
    for _ in 0..5 {
        let Some(current) = order else {
            return Ok(Applied::Ignored(format!("no order for {intent_id}")));
        };
        if current.kind != kind || current.intent_id.as_deref().is_some_and(|i| i != intent_id) {
            return Ok(Applied::Ignored(format!(
                "order {} belongs to another intent than {intent_id}",
                current.id
            )));
        }
        if kind == "payment" && intent_event == IntentEvent::Succeeded {
            let amount = object["amount"].as_i64();
            let currency = object["currency"].as_str();
            if amount != Some(current.amount) || currency != Some(current.currency.as_str()) {
                return Ok(Applied::Ignored(format!(
                    "{intent_id} is for {amount:?} {currency:?}, order {} for {} {}",
                    current.id, current.amount, current.currency
                )));
            }
        }
        let intent_status = object["status"].as_str();
        let Some(to) = status::next(current.status, intent_event) else {
            if current.status == Status::Pending {
                sqlx::query(
                    "UPDATE orders SET intent_status = $2, intent_id = COALESCE(intent_id, $3), \
                     updated_at = $4 WHERE id = $1 AND status = 'pending'",
                )
                .bind(&current.id)
                .bind(intent_status)
                .bind(intent_id)
                .bind(now_ms())
                .execute(&mut **tx)
                .await?;
            }
            return Ok(Applied::Unchanged {
                order: current.id,
                status: current.status,
            });
        };
        let now = now_ms();
        let moved = sqlx::query(
            "UPDATE orders SET status = $2, intent_status = $3, \
             intent_id = COALESCE(intent_id, $4), updated_at = $5 \
             WHERE id = $1 AND status = $6",
        )
        .bind(&current.id)
        .bind(to.as_str())
        .bind(intent_status)
        .bind(intent_id)
        .bind(now)
        .bind(current.status.as_str())
        .execute(&mut **tx)
        .await?;
        if moved.rows_affected() == 0 {
            // Another event (another instance) moved it first: read it again and decide anew.
            order = select(tx, "id", &current.id).await?;
            continue;
        }
        let fulfil = to == Status::Paid && kind == "payment";
        if fulfil {
            sqlx::query(
                "INSERT INTO deliveries (order_id, attempts, next_attempt_at, lease_until) \
                 VALUES ($1, 0, $2, 0) ON CONFLICT (order_id) DO NOTHING",
            )
            .bind(&current.id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        } else if to == Status::Paid {
            // A saved card: nothing to ship, done now.
            sqlx::query(
                "UPDATE orders SET fulfilled_at = $2 WHERE id = $1 AND fulfilled_at IS NULL",
            )
            .bind(&current.id)
            .bind(now)
            .execute(&mut **tx)
            .await?;
        }
        return Ok(Applied::Changed {
            order: current.id,
            from: current.status,
            to,
            fulfil,
        });
    }
    Err(StoreError::Corrupt(
        "the order kept changing under the event".to_owned(),
    ))
}

async fn select(
    tx: &mut Tx<'_>,
    column: &str,
    value: &str,
) -> Result<Option<super::Order>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE {column} = $1"
    ))
    .bind(value)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|row| order_from_row(&row)).transpose()
}
