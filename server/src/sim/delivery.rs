//! Delivering the simulator's webhook events in the background, as Stripe does: a POST per
//! event (the JSON body, `Content-Type: application/json; charset=utf-8`, Stripe's
//! `User-Agent`, `Stripe-Signature` computed afresh for each attempt), retried with exponential
//! backoff after a non-2xx answer or a connection error, in order per object unless
//! `SIM_WEBHOOK_REORDER` is on; never blocking or failing the API call that caused the event.
//!
//! Memory is bounded: at most `SIM_WEBHOOK_QUEUE` deliveries wait (at the cap the oldest
//! waiting one is dropped, logged) and at most [`MAX_IN_FLIGHT`] are sent at once, each for at
//! most [`ATTEMPT_TIMEOUT`]. The worker task holds the queue weakly: when the app is dropped
//! (graceful shutdown, the end of a test) it stops, and what was still waiting is logged.
//!
//! One delivery's life is the state machine [`Delivery`], moved only by [`next`].

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{header, StatusCode};
use tokio::sync::Notify;

use super::webhooks::{Event, USER_AGENT};
use crate::config::{SimWebhooks, WebhookSecret};
use crate::webhook::signature::signature_header;

/// Deliveries sent at once.
pub const MAX_IN_FLIGHT: usize = 8;
/// How long one attempt may take (connecting, sending, the receiver's answer) before it
/// counts as failed.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a receiver's answer read (the status is what counts).
const MAX_ANSWER_BYTES: usize = 64 * 1024;
/// The longest wait between two attempts, however many have failed.
pub const MAX_BACKOFF: Duration = Duration::from_secs(3_600);

/// Where one delivery of one event stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Delivery {
    /// To be sent at `due`; `attempts` have failed so far.
    Waiting { attempts: u32, due: Instant },
    /// An attempt is in flight; `attempts` failed before it.
    Sending { attempts: u32 },
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed: dropped.
    GaveUp,
}

/// What happens to a delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The worker sends it (only once it is due).
    Send,
    /// The receiver answered with this status (a 3xx is not followed: a failure).
    Answered(StatusCode),
    /// No answer: refused, reset, timed out.
    Unreachable(String),
}

/// How often, and how far apart, a delivery is attempted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Schedule {
    /// The wait after the first failure; it doubles after each further one.
    pub(super) retry: Duration,
    /// Attempts in all, the first included.
    pub(super) attempts: u32,
}

impl Schedule {
    /// The wait after `failed` failed attempts (≥ 1): `retry × 2^(failed − 1)`, at most
    /// [`MAX_BACKOFF`].
    pub(super) fn backoff(self, failed: u32) -> Duration {
        let doublings = failed.saturating_sub(1).min(30);
        self.retry
            .checked_mul(1 << doublings)
            .unwrap_or(MAX_BACKOFF)
            .min(MAX_BACKOFF)
    }
}

/// The one transition function of a delivery.
pub(super) fn next(state: Delivery, step: Step, schedule: Schedule, now: Instant) -> Delivery {
    match (state, step) {
        (Delivery::Waiting { attempts, due }, Step::Send) if due <= now => {
            Delivery::Sending { attempts }
        }
        (Delivery::Sending { .. }, Step::Answered(status)) if status.is_success() => {
            Delivery::Delivered
        }
        (Delivery::Sending { attempts }, Step::Answered(_) | Step::Unreachable(_)) => {
            let failed = attempts + 1;
            if failed >= schedule.attempts {
                Delivery::GaveUp
            } else {
                Delivery::Waiting {
                    attempts: failed,
                    due: now + schedule.backoff(failed),
                }
            }
        }
        (state, _) => state,
    }
}

/// One queued delivery.
struct Entry {
    /// Its place in the queue (deliveries are found by it when an attempt ends).
    seq: u64,
    event: Arc<Event>,
    state: Delivery,
}

/// The indices of the deliveries to send now (at most `room`), and the earliest time a
/// waiting one falls due. With `in_order`, a delivery waits while an earlier one about the
/// same object is queued (waiting, or in flight).
fn ready(
    entries: &VecDeque<Entry>,
    now: Instant,
    in_order: bool,
    room: usize,
) -> (Vec<usize>, Option<Instant>) {
    let mut send = Vec::new();
    let mut earliest: Option<Instant> = None;
    let mut seen = HashSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let first_of_object = seen.insert(entry.event.object.as_str());
        if in_order && !first_of_object {
            continue;
        }
        if let Delivery::Waiting { due, .. } = entry.state {
            if due > now {
                earliest = Some(earliest.map_or(due, |e| e.min(due)));
            } else if send.len() < room {
                send.push(i);
            }
        }
    }
    (send, earliest)
}

/// The deliveries and what the worker needs; the worker task holds it weakly.
struct Shared {
    url: String,
    secret: WebhookSecret,
    settings: SimWebhooks,
    client: reqwest::Client,
    queue: Mutex<Queue>,
    /// Wakes the worker: something was queued, an attempt ended, or the app is gone.
    wake: Arc<Notify>,
}

#[derive(Default)]
struct Queue {
    entries: VecDeque<Entry>,
    next_seq: u64,
    in_flight: usize,
    worker_started: bool,
}

/// The simulator's handle on its webhook deliveries (cheap to clone).
#[derive(Clone)]
pub(super) struct Outbox(Arc<Shared>);

impl Outbox {
    /// Deliveries to `url`, signed with `secret`, as `settings` say.
    pub(super) fn new(url: String, secret: WebhookSecret, settings: SimWebhooks) -> Self {
        let client = reqwest::Client::builder()
            .timeout(ATTEMPT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Outbox(Arc::new(Shared {
            url,
            secret,
            settings,
            client,
            queue: Mutex::default(),
            wake: Arc::new(Notify::new()),
        }))
    }

    /// Queues the events of one API call (newest first with `SIM_WEBHOOK_REORDER`, each twice
    /// with `SIM_WEBHOOK_DUPLICATE`), first due after `SIM_WEBHOOK_DELAY`. Never blocks on
    /// the network.
    pub(super) fn send(&self, mut events: Vec<Event>) {
        let shared = &self.0;
        let settings = &shared.settings;
        if settings.reorder {
            events.reverse();
        }
        let due = Instant::now() + settings.delay;
        let copies = if settings.duplicate { 2 } else { 1 };
        let mut queue = shared.lock();
        for event in events {
            tracing::debug!(event = %event.id, r#type = %event.kind, "webhook event queued");
            let event = Arc::new(event);
            for _ in 0..copies {
                if queue.entries.len() >= settings.queue && !queue.drop_oldest_waiting() {
                    tracing::warn!(
                        event = %event.id, r#type = %event.kind,
                        "webhook queue full (SIM_WEBHOOK_QUEUE): event dropped"
                    );
                    continue;
                }
                let seq = queue.next_seq;
                queue.next_seq += 1;
                queue.entries.push_back(Entry {
                    seq,
                    event: event.clone(),
                    state: Delivery::Waiting { attempts: 0, due },
                });
            }
        }
        if !queue.worker_started {
            match tokio::runtime::Handle::try_current() {
                Ok(runtime) => {
                    runtime.spawn(work(Arc::downgrade(shared), shared.wake.clone()));
                    queue.worker_started = true;
                }
                Err(_) => tracing::warn!("no async runtime: webhook events stay queued"),
            }
        }
        drop(queue);
        shared.wake.notify_one();
    }
}

impl Queue {
    /// Drops the oldest delivery not in flight, logging it; `false` if every one is in flight.
    fn drop_oldest_waiting(&mut self) -> bool {
        let Some(index) = self
            .entries
            .iter()
            .position(|e| matches!(e.state, Delivery::Waiting { .. }))
        else {
            return false;
        };
        if let Some(dropped) = self.entries.remove(index) {
            tracing::warn!(
                event = %dropped.event.id, r#type = %dropped.event.kind,
                "webhook queue full (SIM_WEBHOOK_QUEUE): dropped the oldest undelivered event"
            );
        }
        true
    }
}

/// The worker: starts every delivery that is due, then sleeps until the next falls due or
/// it is woken; returns once the app (the last [`Outbox`]) is gone.
async fn work(shared: Weak<Shared>, wake: Arc<Notify>) {
    loop {
        let next_due = match shared.upgrade() {
            Some(shared) => shared.dispatch(),
            None => return,
        };
        match next_due {
            Some(due) => {
                tokio::select! {
                    () = wake.notified() => {}
                    () = tokio::time::sleep_until(due.into()) => {}
                }
            }
            None => wake.notified().await,
        }
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn schedule(&self) -> Schedule {
        Schedule {
            retry: self.settings.retry,
            attempts: self.settings.attempts,
        }
    }

    /// Starts the deliveries that are due; answers when the next waiting one falls due.
    fn dispatch(self: &Arc<Self>) -> Option<Instant> {
        let now = Instant::now();
        let mut queue = self.lock();
        let room = MAX_IN_FLIGHT.saturating_sub(queue.in_flight);
        let (send, next_due) = ready(&queue.entries, now, !self.settings.reorder, room);
        for index in send {
            let entry = &mut queue.entries[index];
            entry.state = next(entry.state, Step::Send, self.schedule(), now);
            let (seq, event) = (entry.seq, entry.event.clone());
            queue.in_flight += 1;
            tokio::spawn(self.clone().attempt(seq, event));
        }
        next_due
    }

    /// One attempt: POST, then record how it went.
    async fn attempt(self: Arc<Self>, seq: u64, event: Arc<Event>) {
        let step = self.post(&event).await;
        self.finish(seq, &event, step);
    }

    async fn post(&self, event: &Event) -> Step {
        let t = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let signature = signature_header(self.secret.expose(), t as i64, &event.body);
        let sent = self
            .client
            .post(&self.url)
            .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
            .header(header::USER_AGENT, USER_AGENT)
            .header(header::ACCEPT, "*/*; q=0.5, application/xml")
            .header(header::CACHE_CONTROL, "no-cache")
            .header("stripe-signature", signature)
            .body(event.body.clone())
            .send()
            .await;
        match sent {
            Ok(mut response) => {
                // Read (and drop) a short answer so the connection can be reused; a longer
                // one closes it.
                let mut read = 0;
                while let Ok(Some(chunk)) = response.chunk().await {
                    read += chunk.len();
                    if read > MAX_ANSWER_BYTES {
                        break;
                    }
                }
                Step::Answered(response.status())
            }
            Err(e) => Step::Unreachable(e.to_string()),
        }
    }

    fn finish(&self, seq: u64, event: &Event, step: Step) {
        let now = Instant::now();
        let mut queue = self.lock();
        queue.in_flight = queue.in_flight.saturating_sub(1);
        if let Some(index) = queue.entries.iter().position(|e| e.seq == seq) {
            let after = next(
                queue.entries[index].state,
                step.clone(),
                self.schedule(),
                now,
            );
            let outcome = match &step {
                Step::Answered(status) => status.to_string(),
                Step::Unreachable(error) => error.clone(),
                Step::Send => String::new(),
            };
            let (id, kind, url) = (&event.id, &event.kind, &self.url);
            match after {
                Delivery::Delivered => {
                    queue.entries.remove(index);
                    tracing::debug!(event = %id, r#type = %kind, %url, "webhook delivered");
                }
                Delivery::GaveUp => {
                    queue.entries.remove(index);
                    tracing::warn!(
                        event = %id, r#type = %kind, %url, %outcome,
                        "webhook delivery failed; out of attempts (SIM_WEBHOOK_ATTEMPTS), event dropped"
                    );
                }
                Delivery::Waiting { attempts, due } => {
                    queue.entries[index].state = after;
                    tracing::warn!(
                        event = %id, r#type = %kind, %url, %outcome, attempts,
                        retry_in = ?due.saturating_duration_since(now),
                        "webhook delivery failed; will retry"
                    );
                }
                Delivery::Sending { .. } => {}
            }
        }
        drop(queue);
        self.wake.notify_one();
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        let queue = self.queue.get_mut().unwrap_or_else(|p| p.into_inner());
        if !queue.entries.is_empty() {
            tracing::info!(
                undelivered = queue.entries.len(),
                "simulator stopped: undelivered webhook events dropped"
            );
        }
        self.wake.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHEDULE: Schedule = Schedule {
        retry: Duration::from_secs(1),
        attempts: 3,
    };

    #[test]
    fn a_failed_attempt_waits_twice_as_long_as_the_last_until_the_attempts_run_out() {
        let now = Instant::now();
        let start = Delivery::Waiting {
            attempts: 0,
            due: now,
        };
        let sending = next(start, Step::Send, SCHEDULE, now);
        assert_eq!(sending, Delivery::Sending { attempts: 0 });
        let failed = next(
            sending,
            Step::Answered(StatusCode::INTERNAL_SERVER_ERROR),
            SCHEDULE,
            now,
        );
        let due = now + Duration::from_secs(1);
        assert_eq!(failed, Delivery::Waiting { attempts: 1, due });
        assert_eq!(
            next(failed, Step::Send, SCHEDULE, now),
            failed,
            "not before it is due"
        );
        let sending = next(failed, Step::Send, SCHEDULE, due);
        let refused = next(sending, Step::Unreachable("refused".into()), SCHEDULE, due);
        assert_eq!(
            refused,
            Delivery::Waiting {
                attempts: 2,
                due: due + Duration::from_secs(2)
            }
        );
        let sending = next(refused, Step::Send, SCHEDULE, due + Duration::from_secs(2));
        let last = Step::Answered(StatusCode::NOT_FOUND);
        assert_eq!(next(sending, last, SCHEDULE, due), Delivery::GaveUp);
    }

    #[test]
    fn a_2xx_delivers_and_a_redirect_counts_as_a_failure() {
        let now = Instant::now();
        let sending = Delivery::Sending { attempts: 0 };
        let answered = |status| next(sending, Step::Answered(status), SCHEDULE, now);
        assert_eq!(answered(StatusCode::OK), Delivery::Delivered);
        assert_eq!(answered(StatusCode::NO_CONTENT), Delivery::Delivered);
        assert!(matches!(
            answered(StatusCode::MOVED_PERMANENTLY),
            Delivery::Waiting { attempts: 1, .. }
        ));
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(SCHEDULE.backoff(1), Duration::from_secs(1));
        assert_eq!(SCHEDULE.backoff(4), Duration::from_secs(8));
        assert_eq!(SCHEDULE.backoff(40), MAX_BACKOFF);
    }

    #[tokio::test]
    async fn the_worker_stops_once_the_simulator_is_gone() {
        let config = crate::Config::simulated("127.0.0.1:0".parse().unwrap());
        let settings = SimWebhooks {
            retry: Duration::from_secs(3_600),
            ..SimWebhooks::default()
        };
        // Port 9 (discard): nothing listens, every attempt is refused.
        let outbox = Outbox::new(
            "http://127.0.0.1:9/hook".into(),
            config.webhook_secret.unwrap(),
            settings,
        );
        let wake = outbox.0.wake.clone();
        let intent = serde_json::json!({"id": "pi_1", "status": "succeeded"});
        outbox.send(vec![super::super::webhooks::event(
            "payment_intent.succeeded",
            &intent,
            &serde_json::Value::Null,
        )]);
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(Arc::strong_count(&wake), 3, "the outbox, the worker and us");
        drop(outbox);
        let start = Instant::now();
        while Arc::strong_count(&wake) > 1 {
            assert!(
                start.elapsed() < Duration::from_secs(2),
                "the worker still runs"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    fn entry(seq: u64, object: &str, state: Delivery) -> Entry {
        Entry {
            seq,
            event: Arc::new(Event {
                id: format!("evt_{seq}"),
                kind: "payment_intent.succeeded".into(),
                object: object.into(),
                body: Vec::new(),
            }),
            state,
        }
    }

    #[test]
    fn in_order_an_objects_later_event_waits_for_its_earlier_one() {
        let now = Instant::now();
        let later = now + Duration::from_secs(5);
        let entries: VecDeque<Entry> = [
            entry(
                0,
                "pi_a",
                Delivery::Waiting {
                    attempts: 1,
                    due: later,
                },
            ),
            entry(
                1,
                "pi_a",
                Delivery::Waiting {
                    attempts: 0,
                    due: now,
                },
            ),
            entry(2, "pi_b", Delivery::Sending { attempts: 0 }),
            entry(
                3,
                "pi_b",
                Delivery::Waiting {
                    attempts: 0,
                    due: now,
                },
            ),
            entry(
                4,
                "pi_c",
                Delivery::Waiting {
                    attempts: 0,
                    due: now,
                },
            ),
        ]
        .into();
        assert_eq!(ready(&entries, now, true, 8), (vec![4], Some(later)));
        assert_eq!(
            ready(&entries, now, false, 8),
            (vec![1, 3, 4], Some(later)),
            "reordering lets them overtake"
        );
        assert_eq!(ready(&entries, now, false, 1), (vec![1], Some(later)));
    }
}
