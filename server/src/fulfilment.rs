//! The fulfilment worker: a background task started with the server that delivers each paid
//! order to the shop's `FULFILMENT_URL` — a JSON POST with `Idempotency-Key: <order id>` —
//! retrying with exponential backoff (`FULFILMENT_RETRY_MIN`, doubling, at most
//! `FULFILMENT_RETRY_MAX`) until a 2xx. The deliveries owed live in the database, so a
//! restarted server (or another instance) resumes them; a lease on each row keeps two
//! instances from delivering one order at the same moment. Without `FULFILMENT_URL`,
//! fulfilling is the log line "order … fulfilled" and the order's `fulfilled_at`.
//!
//! Delivery is at least once: a hook that answered 2xx after the instance stopped waiting is
//! called again, with the same `Idempotency-Key`, which the shop's hook must honour.

use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use serde_json::{json, Value};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::Fulfilment;
use crate::orders::deliveries::Claim;
use crate::orders::events::EVENT_RETENTION;
use crate::orders::{Order, Store, StoreError};

/// How often the worker also forgets event ids older than [`EVENT_RETENTION`].
const PRUNE_EVERY: Duration = Duration::from_secs(3_600);

/// The running worker; [`Worker::stop`] ends it and waits. Dropping the handle also ends it
/// (after the delivery in flight), without waiting.
#[derive(Debug)]
#[must_use = "dropping the Worker stops it"]
pub struct Worker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Worker {
    /// Starts the worker on the current Tokio runtime.
    pub fn spawn(store: Store, settings: Fulfilment) -> Worker {
        let (stop, stopped) = watch::channel(false);
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        let task = tokio::spawn(run(store, settings, http, stopped));
        Worker { stop, task }
    }

    /// Stops claiming deliveries, lets the one in flight finish (at most
    /// `FULFILMENT_TIMEOUT`), and waits for the task to end.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

async fn run(
    store: Store,
    settings: Fulfilment,
    http: reqwest::Client,
    mut stopped: watch::Receiver<bool>,
) {
    // Longer than one attempt can take, so a lease never runs out under a live attempt.
    let lease = settings.timeout * 2 + Duration::from_secs(5);
    let mut next_prune = tokio::time::Instant::now();
    loop {
        if tokio::time::Instant::now() >= next_prune {
            next_prune += PRUNE_EVERY;
            match store.prune_events(EVENT_RETENTION).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(forgotten = n, "old webhook event ids pruned"),
                Err(e) => tracing::warn!(error = %e, "cannot prune old webhook event ids"),
            }
        }
        loop {
            if *stopped.borrow() {
                return;
            }
            match store.claim_delivery(lease).await {
                Ok(Some(claim)) => attempt(&store, &settings, &http, claim).await,
                Ok(None) => break,
                Err(e) => {
                    tracing::error!(error = %e, "fulfilment: cannot read the deliveries owed");
                    break;
                }
            }
        }
        tokio::select! {
            () = store.delivery_added() => {}
            () = tokio::time::sleep(settings.poll) => {}
            _ = stopped.changed() => return,
        }
    }
}

/// One delivery attempt, recorded.
async fn attempt(store: &Store, settings: &Fulfilment, http: &reqwest::Client, claim: Claim) {
    let result = match store.claimed_order(&claim).await {
        Ok(order) => deliver(settings, http, &order).await,
        Err(e) => Err(e.to_string()),
    };
    let recorded: Result<(), StoreError> = match result {
        Ok(()) => match store.delivered(&claim).await {
            Ok(true) => {
                tracing::info!(order = %claim.order_id, attempts = claim.attempts, "order {} fulfilled", claim.order_id);
                Ok(())
            }
            Ok(false) => {
                tracing::warn!(order = %claim.order_id, "fulfilment: delivered, but the lease had run out (another instance may deliver it again)");
                Ok(())
            }
            Err(e) => Err(e),
        },
        Err(error) => {
            let pause = backoff(settings, claim.attempts);
            tracing::warn!(order = %claim.order_id, attempts = claim.attempts, retry_in = ?pause, %error, "fulfilment failed; will retry");
            store.retry_later(&claim, pause, &error).await
        }
    };
    if let Err(e) = recorded {
        // The lease runs out and the delivery is tried again.
        tracing::error!(order = %claim.order_id, error = %e, "fulfilment: cannot record the attempt");
    }
}

/// The pause after attempt number `attempts` failed: `retry_min` × 2^(attempts − 1), at
/// most `retry_max`.
pub fn backoff(settings: &Fulfilment, attempts: u32) -> Duration {
    let doublings = attempts.saturating_sub(1).min(30);
    settings
        .retry_min
        .saturating_mul(1u32 << doublings)
        .min(settings.retry_max)
}

/// POSTs `order` to the hook (or, without one, fulfils it by logging).
async fn deliver(
    settings: &Fulfilment,
    http: &reqwest::Client,
    order: &Order,
) -> Result<(), String> {
    let Some(url) = &settings.url else {
        return Ok(());
    };
    let response = http
        .post(url)
        .header("Idempotency-Key", &order.id)
        .header(CONTENT_TYPE, "application/json")
        .header(
            USER_AGENT,
            concat!("checkout-server/", env!("CARGO_PKG_VERSION")),
        )
        .body(body(order).to_string())
        .send()
        .await
        .map_err(|e| format!("the hook could not be reached: {}", e.without_url()))?;
    let status = response.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("the hook answered {status}"))
    }
}

/// What the hook receives: the paid order.
pub fn body(order: &Order) -> Value {
    let items: Value = serde_json::from_str(&order.items).unwrap_or(Value::Null);
    json!({
        "object": "order",
        "id": order.id,
        "status": order.status.as_str(),
        "items": items,
        "amount": order.amount,
        "currency": order.currency,
        "email": order.email,
        "payment_intent": order.intent_id,
        "created": order.created_at / 1000,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_minimum_up_to_the_maximum() {
        let settings = Fulfilment {
            retry_min: Duration::from_secs(5),
            retry_max: Duration::from_secs(60),
            ..Fulfilment::default()
        };
        let pauses: Vec<u64> = (1..=6).map(|n| backoff(&settings, n).as_secs()).collect();
        assert_eq!(pauses, [5, 10, 20, 40, 60, 60]);
        assert_eq!(backoff(&settings, u32::MAX), Duration::from_secs(60));
    }
}
