//! The simulated API's rate limit (`SIM_RATE_LIMIT`): per client, as for the checkout routes
//! (token buckets of its own, the client found the same way, `TRUSTED_PROXIES` included), for
//! every request except the server's own (those carrying the simulated secret key, which only
//! the server knows; they are already limited at the checkout routes). A refusal is Stripe's:
//! 429 `rate_limit`.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::rate_limited;
use super::Simulator;
use crate::rate_limit::peer_ip;

/// The middleware around every `/sim/api` route.
pub(super) async fn limit(State(sim): State<Simulator>, request: Request, next: Next) -> Response {
    let Some(limiter) = &sim.limiter else {
        return next.run(request).await;
    };
    if sim.has_secret_key(request.headers()) {
        return next.run(request).await;
    }
    let peer = peer_ip(&request);
    let client = limiter.client(peer, request.headers());
    let Err(refusal) = limiter.check(client, Instant::now()) else {
        return next.run(request).await;
    };
    let seconds = refusal.retry_after();
    tracing::warn!(%client, %peer, retry_after = seconds, ?refusal, "simulator rate limit: refused");
    let mut response = rate_limited(format!(
        "Too many requests to the simulated API from this client. Please try again in \
         {seconds} seconds."
    ))
    .into_response();
    response
        .headers_mut()
        .insert("retry-after", HeaderValue::from(seconds));
    response
}
