//! The schema, as sqlx migrations run at start: the same SQL on SQLite and PostgreSQL (integer
//! columns are `BIGINT`, times are Unix milliseconds, JSON is `TEXT`), so one store serves both.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};

/// Version 1: orders, the Stripe events seen, and the fulfilment deliveries still owed.
///
/// - `orders.request_key` is the Stripe idempotency key the checkout derived from the
///   ConfirmationToken and the cart (`cti-…`, `csi-…`): UNIQUE, so a re-sent token finds its
///   first order instead of making a second one that could also be fulfilled.
/// - `events.id` is Stripe's event id, the PRIMARY KEY: a re-delivered event inserts nothing.
/// - `deliveries` holds one row per paid order until the shop's hook has answered 2xx; a row
///   is claimed with a lease (`lease_until`, `lease_token`) so two instances never deliver
///   the same order at the same moment.
const V1: &str = "
CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    request_key TEXT NOT NULL UNIQUE,
    items TEXT NOT NULL,
    amount BIGINT NOT NULL,
    currency TEXT NOT NULL,
    email TEXT,
    status TEXT NOT NULL,
    intent_status TEXT,
    intent_id TEXT UNIQUE,
    secret_hash TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    fulfilled_at BIGINT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    order_id TEXT,
    received_at BIGINT NOT NULL
);
CREATE TABLE deliveries (
    order_id TEXT PRIMARY KEY REFERENCES orders (id),
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT NOT NULL,
    lease_token TEXT,
    last_error TEXT
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at);
";

/// Every migration, in order. Add new ones at the end; never edit one that has shipped (sqlx
/// refuses to start on a changed checksum).
pub fn migrator() -> Migrator {
    Migrator {
        migrations: Cow::Owned(vec![Migration::new(
            1,
            Cow::Borrowed("orders, events, deliveries"),
            MigrationType::Simple,
            Cow::Borrowed(V1),
            false,
        )]),
        ..Migrator::DEFAULT
    }
}
