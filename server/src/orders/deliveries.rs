//! The fulfilment deliveries owed: one row per paid order until the shop's hook answers 2xx.
//! A worker claims a due row by writing a lease into it with one `UPDATE … WHERE` that only
//! one instance can satisfy (on PostgreSQL the candidate is also picked `FOR UPDATE SKIP
//! LOCKED`, so instances do not queue on one row); the lease token then guards the row's
//! completion or rescheduling, so an instance whose lease ran out cannot undo another's work.

use std::time::Duration;

use sqlx::Row;

use super::{now_ms, random_hex, Order, Store, StoreError};

/// A delivery this instance holds the lease of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The order to deliver.
    pub order_id: String,
    /// POSTs tried so far, this one included.
    pub attempts: u32,
    /// Proves the lease is still ours when the attempt is recorded.
    pub lease_token: String,
}

impl Store {
    /// Claims one due delivery (its next attempt time has come and no lease is running) for
    /// `lease`, counting the attempt; `None` when nothing is due.
    pub async fn claim_delivery(&self, lease: Duration) -> Result<Option<Claim>, StoreError> {
        let now = now_ms();
        let until = now.saturating_add(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX));
        let token = random_hex(16);
        let lock = if self.is_postgres() {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let row = sqlx::query(&format!(
            "UPDATE deliveries SET lease_until = $1, lease_token = $2, attempts = attempts + 1 \
             WHERE order_id = (SELECT order_id FROM deliveries \
                               WHERE next_attempt_at <= $3 AND lease_until <= $3 \
                               ORDER BY next_attempt_at LIMIT 1{lock}) \
               AND next_attempt_at <= $3 AND lease_until <= $3 \
             RETURNING order_id, attempts"
        ))
        .bind(until)
        .bind(&token)
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let attempts: i64 = row.try_get("attempts")?;
        Ok(Some(Claim {
            order_id: row.try_get("order_id")?,
            attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            lease_token: token,
        }))
    }

    /// The order of a claimed delivery.
    pub async fn claimed_order(&self, claim: &Claim) -> Result<Order, StoreError> {
        self.order(&claim.order_id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("no order {}", claim.order_id)))
    }

    /// The hook answered 2xx: the order is fulfilled, the delivery done. Answers `false`
    /// when the lease had been lost (another instance may deliver it again; the hook
    /// deduplicates by `Idempotency-Key`).
    pub async fn delivered(&self, claim: &Claim) -> Result<bool, StoreError> {
        let mut tx = self.pool().begin().await?;
        let done = sqlx::query("DELETE FROM deliveries WHERE order_id = $1 AND lease_token = $2")
            .bind(&claim.order_id)
            .bind(&claim.lease_token)
            .execute(&mut *tx)
            .await?;
        let now = now_ms();
        sqlx::query(
            "UPDATE orders SET fulfilled_at = $2, updated_at = $2 \
             WHERE id = $1 AND fulfilled_at IS NULL",
        )
        .bind(&claim.order_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// The attempt failed: the next one is due after `pause`; the lease is given up.
    pub async fn retry_later(
        &self,
        claim: &Claim,
        pause: Duration,
        error: &str,
    ) -> Result<(), StoreError> {
        let due = now_ms().saturating_add(i64::try_from(pause.as_millis()).unwrap_or(i64::MAX));
        let error: String = error.chars().take(500).collect();
        sqlx::query(
            "UPDATE deliveries SET next_attempt_at = $3, lease_until = 0, lease_token = NULL, \
             last_error = $4 WHERE order_id = $1 AND lease_token = $2",
        )
        .bind(&claim.order_id)
        .bind(&claim.lease_token)
        .bind(due)
        .bind(error)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Deliveries still owed (for tests and operators).
    pub async fn pending_deliveries(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM deliveries")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get("n")?)
    }
}
