//! An offline, in-memory simulator of the slice of Stripe's API the checkout uses, mounted at
//! `/sim/api` in simulator mode, plus the simulated Stripe.js at `/sim/stripe.js`.
//!
//! ConfirmationTokens (`tokens.rs`), PaymentIntents (`intents.rs`), SetupIntents
//! (`setup_intents.rs`), Customers (`customers.rs`) and CustomerSessions with the saved cards
//! they show (`customer_sessions.rs`); both kinds of intent confirm through
//! `confirm.rs`, retry through `idempotency.rs` and finish 3-D Secure through
//! `three_d_secure.rs`.
//!
//! Every intent's status change becomes a webhook event (`webhooks.rs`), POSTed signed to the
//! server's own `/webhook` in the background (`delivery.rs`; see `SIM_WEBHOOK*`).
//!
//! Requests are Stripe-shaped (Bearer keys, form bodies with bracketed keys, `Idempotency-Key`)
//! and so are answers (objects like Stripe's fixtures; errors as `{"error": {...}}` with
//! Stripe's status codes). Outcomes follow Stripe's test cards (see [`cards`]).
//!
//! The publishable key is public and the demo may be reachable, so the store is bounded
//! ([`store`]: a cap and a TTL, see `SIM_MAX_OBJECTS` and `SIM_TTL`; at the cap a new object is
//! refused, a young one never forgotten), every client but the server is rate-limited
//! (`SIM_RATE_LIMIT`, `rate_limit.rs`), the secret key is random per process and known only to
//! the server, and the list call is off unless `SIM_ADMIN_API` is set.

pub mod cards;
mod confirm;
mod customer_sessions;
mod customers;
mod delivery;
mod error;
mod idempotency;
mod ids;
mod intent_kind;
mod intents;
pub mod objects;
pub mod params;
mod rate_limit;
mod request;
mod setup_intents;
pub mod store;
mod three_d_secure;
mod tokens;
pub mod webhooks;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use axum::http::{header, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::Value;

use crate::config::{Config, Limits, SecretKey};
use crate::rate_limit::RateLimiter;
use customer_sessions::{
    create_customer_session, elements_session, expire_customer_session, PaymentMethod,
};
use customers::{create_customer, retrieve_customer};
use delivery::Outbox;
use error::error;
use idempotency::Saved;
use intent_kind::{retrieve_payment_intent, retrieve_setup_intent};
use intents::{create_payment_intent, list_payment_intents};
use setup_intents::create_setup_intent;
use store::Bounded;
use three_d_secure::{authenticate_payment_intent, authenticate_setup_intent};
use tokens::{create_confirmation_token, retrieve_confirmation_token, Token};

/// The simulated Stripe.js (repo file `sim/stripe.js`).
pub const STRIPE_JS: &str = include_str!("../../../sim/stripe.js");

/// Where the simulated API is mounted.
pub const API_PATH: &str = "/sim/api";

/// The simulator's shared in-memory state; clones share it.
#[derive(Clone)]
pub struct Simulator {
    state: Arc<Mutex<Store>>,
    admin_api: bool,
    /// The only secret key it accepts: the server's (random per process).
    secret_key: SecretKey,
    /// `SIM_RATE_LIMIT`, for every request without the secret key.
    limiter: Option<Arc<RateLimiter>>,
}

impl Simulator {
    /// A simulator bounded by `limits` (`sim_max_objects`, `sim_ttl`, `sim_rate`,
    /// `trusted_proxies`, `sim_admin_api`) that accepts `secret_key` as its secret key.
    pub fn new(limits: &Limits, secret_key: SecretKey) -> Self {
        let (max, ttl) = (limits.sim_max_objects, limits.sim_ttl);
        Simulator {
            state: Arc::new(Mutex::new(Store {
                tokens: Bounded::new(max, ttl),
                intents: Bounded::new(max, ttl),
                setup_intents: Bounded::new(max, ttl),
                customers: Bounded::new(max, ttl),
                customer_sessions: Bounded::new(max, ttl),
                payment_methods: Bounded::new(max, ttl),
                idempotent: Bounded::new(max, ttl),
                outbox: None,
                request: Value::Null,
            })),
            admin_api: limits.sim_admin_api,
            secret_key,
            limiter: limits
                .sim_rate
                .map(|rate| Arc::new(RateLimiter::new(rate, limits.trusted_proxies.clone()))),
        }
    }

    /// The same simulator, sending its webhook events as `config` says (`SIM_WEBHOOKS`,
    /// `SIM_WEBHOOK_URL` or the server's own `/webhook`, the `webhook_secret`).
    pub fn with_webhooks(self, config: &Config) -> Self {
        if let (true, Some(secret)) = (config.sim_webhooks.enabled, &config.webhook_secret) {
            let url = config.sim_webhook_url();
            tracing::info!(%url, "simulator webhooks on");
            self.lock().outbox = Some(Outbox::new(
                url,
                secret.clone(),
                config.sim_webhooks.clone(),
            ));
        }
        self
    }

    /// How many objects of each kind are kept.
    pub fn sizes(&self) -> Sizes {
        let store = self.lock();
        Sizes {
            tokens: store.tokens.len(),
            payment_intents: store.intents.len(),
            setup_intents: store.setup_intents.len(),
            customers: store.customers.len(),
            idempotent: store.idempotent.len(),
        }
    }
}

/// How many objects of each kind the simulator keeps (each bounded by `SIM_MAX_OBJECTS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// ConfirmationTokens.
    pub tokens: usize,
    /// PaymentIntents.
    pub payment_intents: usize,
    /// SetupIntents.
    pub setup_intents: usize,
    /// Customers.
    pub customers: usize,
    /// Answers saved under an `Idempotency-Key`.
    pub idempotent: usize,
}

/// What the simulator keeps, each kind in its own bounded map (behind [`Simulator::lock`]).
struct Store {
    tokens: Bounded<Token>,
    /// PaymentIntents; listed newest first.
    intents: Bounded<Value>,
    setup_intents: Bounded<Value>,
    customers: Bounded<Value>,
    /// CustomerSessions, by their `client_secret`.
    customer_sessions: Bounded<Value>,
    /// PaymentMethods made by confirmations (saved ones carry their `customer`).
    payment_methods: Bounded<PaymentMethod>,
    idempotent: Bounded<Saved>,
    /// Where intents' events go; `None` with `SIM_WEBHOOKS=off`.
    outbox: Option<Outbox>,
    /// The `request` of the events the API call being answered causes.
    request: Value,
}

/// The simulator's routes, to be nested at `/sim`.
pub fn router<S>(simulator: Simulator) -> Router<S> {
    let api = Router::new()
        .route("/v1/confirmation_tokens", post(create_confirmation_token))
        .route(
            "/v1/confirmation_tokens/{id}",
            get(retrieve_confirmation_token),
        )
        .route(
            "/v1/payment_intents",
            post(create_payment_intent).get(list_payment_intents),
        )
        .route("/v1/payment_intents/{id}", get(retrieve_payment_intent))
        .route(
            "/v1/payment_intents/{id}/sim_authenticate",
            post(authenticate_payment_intent),
        )
        .route("/v1/setup_intents", post(create_setup_intent))
        .route("/v1/setup_intents/{id}", get(retrieve_setup_intent))
        .route(
            "/v1/setup_intents/{id}/sim_authenticate",
            post(authenticate_setup_intent),
        )
        .route("/v1/customers", post(create_customer))
        .route("/v1/customers/{id}", get(retrieve_customer))
        .route("/v1/customer_sessions", post(create_customer_session))
        .route(
            "/v1/customer_sessions/sim_expire",
            post(expire_customer_session),
        )
        .route("/v1/elements/sessions", get(elements_session))
        // A wildcard route rather than a fallback: the app's own fallback (static files)
        // would otherwise answer unknown API paths.
        .route("/{*rest}", any(unrecognized_url))
        .layer(axum::middleware::from_fn_with_state(
            simulator.clone(),
            rate_limit::limit,
        ))
        // Intents and errors embedding them carry client secrets (Stripe's API sends
        // `no-store` too).
        .layer(axum::middleware::map_response(crate::no_store));
    Router::new()
        .route("/stripe.js", get(stripe_js))
        .nest("/api", api)
        .with_state(simulator)
}

async fn stripe_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        STRIPE_JS,
    )
}

async fn unrecognized_url(method: Method, uri: Uri) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "invalid_request_error",
        None,
        format!("Unrecognized request URL ({method}: {}).", uri.path()),
        None,
    )
    .into_response()
}

impl Simulator {
    /// The store, with what outlived the TTL dropped.
    fn lock(&self) -> MutexGuard<'_, Store> {
        let mut store = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        store.tokens.expire(now);
        store.intents.expire(now);
        store.setup_intents.expire(now);
        store.customers.expire(now);
        store.customer_sessions.expire(now);
        store.payment_methods.expire(now);
        store.idempotent.expire(now);
        store
    }
}
