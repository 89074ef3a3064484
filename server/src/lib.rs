//! Reference backend for the Stripe checkout: prices the cart, records the order, creates and
//! confirms a PaymentIntent (or, to save a card, a SetupIntent) from the browser's
//! ConfirmationToken, learns from Stripe's verified webhooks what was paid and fulfils each
//! order once, serves the front end, and (without keys) runs an offline Stripe simulator.
#![deny(missing_docs)]

pub mod catalogue;
pub mod checkout;
pub mod config;
pub mod error;
pub mod form;
pub mod fulfilment;
pub mod limits;
pub mod order_status;
pub mod orders;
pub mod rate_limit;
pub mod returning;
pub mod serve;
pub mod sim;
pub mod static_files;
pub mod stripe;
pub mod webhook;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::{get, post, MethodRouter};
use axum::{middleware, Router};

pub use config::{Config, Mode};
use error::ApiError;
use orders::Store;
use rate_limit::RateLimiter;
use stripe::StripeClient;

/// Shared by every handler.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The configuration the app was built with.
    pub config: Arc<Config>,
    /// The Stripe client (pointed at the simulator in simulator mode).
    pub stripe: StripeClient,
    /// Orders, events and fulfilment deliveries.
    pub store: Store,
    /// `WEBHOOK_RATE_LIMIT`: spent only by webhook requests that fail verification.
    pub webhook_limiter: Option<Arc<RateLimiter>>,
}

/// The whole HTTP app for `config`, keeping orders in `store` (see [`Store::open`]); its
/// fulfilment worker is started separately ([`fulfilment::Worker::spawn`]).
pub fn app(config: Config, store: Store) -> Router {
    let stripe = StripeClient::new(
        &config.api_base,
        config.secret_key.clone(),
        config.stripe_timeout,
    );
    let simulator = (config.mode == Mode::Simulated).then(|| {
        sim::Simulator::new(&config.limits, config.secret_key.clone()).with_webhooks(&config)
    });
    let limits = config.limits.clone();
    let shared_limits = Arc::new(limits.clone());
    let new_limiter = |rate: Option<config::RateLimit>| {
        rate.map(|rate| Arc::new(RateLimiter::new(rate, limits.trusted_proxies.clone())))
    };
    let state = AppState {
        config: Arc::new(config),
        stripe,
        store,
        webhook_limiter: new_limiter(limits.webhook_rate),
    };
    let status_limiter = new_limiter(limits.order_status_rate);
    // One bucket per client across both checkout routes: card testing through the setup
    // route spends the same budget.
    let limiter = limits
        .checkout_rate
        .map(|rate| Arc::new(RateLimiter::new(rate, limits.trusted_proxies.clone())));
    // `/customer-session` is asked on every visit to the shop page: a bucket of its own at the
    // same rate, so that looking around does not use up a customer's payment attempts.
    let session_limiter = new_limiter(limits.checkout_rate);
    // Their answers carry client secrets: never stored by a cache.
    let limit_with = |limiter: &Option<Arc<RateLimiter>>, route: MethodRouter<AppState>| {
        let route = route.layer(middleware::map_response(no_store));
        match limiter {
            Some(limiter) => route.layer(middleware::from_fn_with_state(
                limiter.clone(),
                rate_limit::limit,
            )),
            None => route,
        }
    };
    let limited = |route: MethodRouter<AppState>| limit_with(&limiter, route);
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/create-confirm-intent",
            limited(post(checkout::create_confirm_intent)),
        )
        .route(
            "/create-confirm-setup-intent",
            limited(post(checkout::create_confirm_setup_intent)),
        )
        .route(
            "/customer-session",
            limit_with(&session_limiter, post(returning::create_customer_session)),
        )
        .route("/webhook", post(webhook::receive))
        .route("/order-status", {
            let route = get(order_status::order_status).layer(middleware::map_response(no_store));
            match &status_limiter {
                Some(limiter) => route.layer(middleware::from_fn_with_state(
                    limiter.clone(),
                    rate_limit::limit,
                )),
                None => route,
            }
        });
    if let Some(simulator) = simulator {
        router = router.nest("/sim", sim::router(simulator));
    }
    router
        .method_not_allowed_fallback(|| async {
            ApiError::invalid_request(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed.")
        })
        .fallback(static_files::serve)
        // Outermost last: the deadline covers reading the body.
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(
            shared_limits.clone(),
            limits::buffer_body,
        ))
        .layer(middleware::from_fn_with_state(
            shared_limits,
            limits::request_timeout,
        ))
        .layer(middleware::map_response(
            |mut response: axum::response::Response| async move {
                response.headers_mut().insert(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                );
                response
            },
        ))
        .with_state(state)
}

/// Adds `Cache-Control: no-store` to an answer that may carry a client secret (the checkout
/// routes', the simulated API's), so that no browser or shared cache keeps it.
pub(crate) async fn no_store(mut response: axum::response::Response) -> axum::response::Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
