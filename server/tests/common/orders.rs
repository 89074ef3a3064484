//! Order-store helpers: fresh SQLite stores and fresh PostgreSQL databases (on the throwaway
//! cluster `scripts/with-postgres.sh` starts and names in `TEST_DATABASE_URL`), a server that
//! can be stopped and started again on the same database, signed Stripe events, and a
//! recording fulfilment hook.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Router;
use checkout_server::config::Database;
use checkout_server::fulfilment::Worker;
use checkout_server::orders::Store;
use checkout_server::webhook::signature::signature_header;
use checkout_server::{app, Config};
use serde_json::{json, Value};
use tokio::sync::oneshot;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A new empty folder under the system's temp dir, unique in this process.
pub fn unique_dir(name: &str) -> PathBuf {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    super::temp_dir(&format!("{name}-{n}"))
}

/// A fresh SQLite store in its own folder.
pub async fn sqlite_store() -> Store {
    Store::open(&Database::Sqlite(unique_dir("orders")))
        .await
        .unwrap()
}

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// A file under a temp folder.
    Sqlite,
    /// A new database on the throwaway cluster.
    Postgres,
}

/// A fresh, empty database of `backend`.
pub async fn fresh_database(backend: Backend) -> Database {
    match backend {
        Backend::Sqlite => Database::Sqlite(unique_dir("orders")),
        Backend::Postgres => Database::Postgres(postgres_database().await),
    }
}

/// A new database on the cluster named by `TEST_DATABASE_URL` (`make test` runs the tests
/// through `scripts/with-postgres.sh`, which starts one). Missing, the test fails — unless
/// `SKIP_POSTGRES=1`, for a quick local run without PostgreSQL, where the caller skips.
pub async fn postgres_database() -> String {
    use sqlx::Connection;
    let base = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!(
            "TEST_DATABASE_URL is not set: run the tests through scripts/with-postgres.sh \
             (make test-native does), or set SKIP_POSTGRES=1 to skip the PostgreSQL runs"
        )
    });
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = format!("t{}_{n}_{}", std::process::id(), rand_suffix());
    let mut admin = sqlx::PgConnection::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .unwrap();
    let mut url = reqwest::Url::parse(&base).unwrap();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
}

/// The backends to run a store test on: both, or SQLite alone with `SKIP_POSTGRES=1`.
pub fn backends() -> Vec<Backend> {
    if std::env::var("SKIP_POSTGRES").as_deref() == Ok("1") {
        eprintln!("SKIP_POSTGRES=1: the PostgreSQL runs are skipped");
        vec![Backend::Sqlite]
    } else {
        vec![Backend::Sqlite, Backend::Postgres]
    }
}

/// A server on an ephemeral port with its fulfilment worker; [`Server::stop`] shuts both
/// down as SIGTERM would.
pub struct Server {
    /// `http://127.0.0.1:port`.
    pub base: String,
    /// Its store.
    pub store: Store,
    stop: Option<oneshot::Sender<()>>,
    served: tokio::task::JoinHandle<()>,
    worker: Worker,
}

impl Server {
    /// Serves `app(config, store)` and starts the worker.
    pub async fn start(config: Config, store: Store) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let config = config.with_local_addr(addr);
        let limits = config.limits.clone();
        let worker = Worker::spawn(store.clone(), config.fulfilment.clone());
        let app = app(config, store.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let served = tokio::spawn(async move {
            let shutdown = async {
                // A dropped sender is not a stop: the server runs until the test ends.
                if stopped.await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            checkout_server::serve::serve(listener, app, &limits, shutdown).await
        });
        Server {
            base: format!("http://{addr}"),
            store,
            stop: Some(stop),
            served,
            worker,
        }
    }

    /// Stops serving and stops the worker (the delivery in flight finishes).
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.served).await;
        self.worker.stop().await;
        self.store.close().await;
    }
}

/// A PaymentIntent as Stripe answers and sends it: the fixture with `id`, a client secret of
/// that id, `status`, `amount`/`currency` and `metadata.order_id` (when given).
pub fn intent(id: &str, status: &str, amount: u64, order: Option<&str>) -> Value {
    let mut intent = super::payment_intent(status);
    intent["id"] = id.into();
    intent["client_secret"] = format!("{id}_secret_{}", &id[3..]).into();
    intent["amount"] = amount.into();
    intent["currency"] = "usd".into();
    intent["metadata"] = match order {
        Some(order) => json!({"order_id": order}),
        None => json!({}),
    };
    intent
}

/// Stripe's event fixture carrying `object`, with `id` and `type`.
pub fn event(id: &str, event_type: &str, object: Value) -> Value {
    let mut event: Value =
        serde_json::from_str(include_str!("../data/event.fixture.json")).unwrap();
    event["id"] = id.into();
    event["type"] = event_type.into();
    event["data"] = json!({"object": object});
    event["created"] = now().into();
    event
}

/// Now, in Unix seconds.
pub fn now() -> i64 {
    checkout_server::orders::now_ms() / 1000
}

/// POSTs `body` to `/webhook` with `signature` (if any) as `Stripe-Signature`; answers the
/// status and body text.
pub async fn post_webhook(base: &str, body: &str, signature: Option<&str>) -> (u16, String) {
    let mut request = super::client()
        .post(format!("{base}/webhook"))
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(signature) = signature {
        request = request.header("stripe-signature", signature);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// Sends `event` signed with `secret` now; answers the status.
pub async fn send_event(base: &str, secret: &str, event: &Value) -> u16 {
    let body = event.to_string();
    let header = signature_header(secret, now(), body.as_bytes());
    post_webhook(base, &body, Some(&header)).await.0
}

/// `GET /order-status` for `intent` with `secret`: status and JSON body.
pub async fn order_status(base: &str, intent: &str, secret: &str) -> (u16, Value) {
    let response = super::client()
        .get(format!("{base}/order-status"))
        .query(&[
            ("payment_intent", intent),
            ("payment_intent_client_secret", secret),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap())
}

/// One POST the hook received.
#[derive(Clone, Debug)]
pub struct HookCall {
    /// Its `Idempotency-Key`.
    pub idempotency_key: Option<String>,
    /// Its JSON body.
    pub body: Value,
}

type HookState = (Arc<Mutex<Vec<HookCall>>>, Arc<Mutex<VecDeque<u16>>>);

/// A stand-in for the shop's fulfilment endpoint: records every POST and answers the
/// queued statuses in turn (then 200).
#[derive(Clone)]
pub struct Hook {
    /// `http://127.0.0.1:port/fulfil`.
    pub url: String,
    calls: Arc<Mutex<Vec<HookCall>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

impl Hook {
    /// Starts the hook.
    pub async fn start() -> Hook {
        let calls: Arc<Mutex<Vec<HookCall>>> = Arc::default();
        let answers: Arc<Mutex<VecDeque<u16>>> = Arc::default();
        let state = (calls.clone(), answers.clone());
        let router = Router::new().fallback(
            |State((calls, answers)): State<HookState>, request: Request| async move {
                let key = request
                    .headers()
                    .get("idempotency-key")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let body = axum::body::to_bytes(request.into_body(), 1 << 20)
                    .await
                    .unwrap();
                calls.lock().unwrap().push(HookCall {
                    idempotency_key: key,
                    body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                });
                let status = answers.lock().unwrap().pop_front().unwrap_or(200);
                StatusCode::from_u16(status).unwrap().into_response()
            },
        );
        let router = router.with_state(state);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        Hook {
            url: format!("http://{addr}/fulfil"),
            calls,
            answers,
        }
    }

    /// Queues the status of the next answer.
    pub fn then(&self, status: u16) -> &Self {
        self.answers.lock().unwrap().push_back(status);
        self
    }

    /// Every POST so far.
    pub fn calls(&self) -> Vec<HookCall> {
        self.calls.lock().unwrap().clone()
    }
}
