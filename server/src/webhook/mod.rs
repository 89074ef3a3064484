//! `POST /webhook`: Stripe's events, verified ([`signature`]), recorded by id and applied to
//! their orders ([`crate::orders::events`]). Answers 2xx quickly — fulfilment runs in the
//! background worker ([`crate::fulfilment`]) — as Stripe asks ("Quickly return a 2xx
//! response", docs.stripe.com/webhooks); anything not verified is a 400 that changes nothing.
//!
//! Rate limit: only requests that **fail** verification spend the client's
//! `WEBHOOK_RATE_LIMIT` bucket (verifying costs one HMAC over a body already read within
//! `WEBHOOK_MAX_BODY_BYTES`); a verified event is never refused, so Stripe's deliveries and
//! retries, which come from a few shared addresses, are never throttled, while a client
//! sending forgeries gets 429s.

pub mod signature;

use std::time::Instant;

use axum::body::to_bytes;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::orders::events::{Applied, Event};
use crate::rate_limit::{peer_ip, too_many_requests};
use crate::AppState;

/// `POST /webhook`.
pub async fn receive(State(state): State<AppState>, request: Request) -> Response {
    let peer = peer_ip(&request);
    let (parts, body) = request.into_parts();
    // Already read in full, within WEBHOOK_MAX_BODY_BYTES, by the body middleware.
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return bad_request("The request body could not be read.".to_owned());
    };
    let header = parts
        .headers
        .get(signature::HEADER)
        .map(|v| v.to_str().unwrap_or("<not text>"));
    let now = crate::orders::now_ms() / 1000;
    let Some(secret) = &state.config.webhook_secret else {
        // Only a configuration built by hand can lack it: `Config::from_lookup` requires it
        // with Stripe keys and draws one in simulator mode.
        tracing::error!("webhook: no webhook secret configured; event refused");
        return ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "Webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET)."
                .to_owned(),
            kind: "api_error",
            code: None,
        }
        .into_response();
    };
    if let Err(e) = signature::verify(header, &body, secret.expose(), now) {
        if let Some(limiter) = &state.webhook_limiter {
            let client = limiter.client(peer, &parts.headers);
            if let Err(refusal) = limiter.check(client, Instant::now()) {
                let seconds = refusal.retry_after();
                tracing::warn!(%client, %peer, retry_after = seconds, "webhook: too many unverified requests");
                return too_many_requests(
                    seconds,
                    format!("Too many requests that failed verification. Wait {seconds} seconds."),
                );
            }
        }
        tracing::warn!(%peer, error = %e, "webhook refused: not a verified Stripe event");
        return bad_request(e.to_string());
    }
    let event = match parse_event(&body) {
        Some(event) => event,
        None => {
            tracing::warn!("webhook: a verified body that is not a Stripe event");
            return bad_request(
                "The body is not a Stripe event: expected JSON with id, type and data.object."
                    .to_owned(),
            );
        }
    };
    match state.store.apply_event(&event).await {
        Ok(applied) => {
            log(&event, &applied);
            (StatusCode::OK, Json(json!({"received": true}))).into_response()
        }
        Err(e) => {
            // Not recorded: a non-2xx makes Stripe send it again later.
            tracing::error!(event = %event.id, error = %e, "webhook: the event could not be recorded");
            ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "The event could not be recorded; send it again.".to_owned(),
                kind: "api_error",
                code: None,
            }
            .into_response()
        }
    }
}

fn bad_request(message: String) -> Response {
    ApiError::invalid_request(StatusCode::BAD_REQUEST, message).into_response()
}

/// `{"id": "evt_…", "type": "…", "data": {"object": {…}}}`.
fn parse_event(body: &[u8]) -> Option<Event> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    let id = value["id"]
        .as_str()
        .filter(|id| id.len() <= 255)?
        .to_owned();
    let event_type = value["type"]
        .as_str()
        .filter(|t| t.len() <= 255)?
        .to_owned();
    let object = value.get_mut("data")?.get_mut("object")?.take();
    object.is_object().then_some(Event {
        id,
        event_type,
        object,
    })
}

fn log(event: &Event, applied: &Applied) {
    let (id, kind) = (&event.id, &event.event_type);
    match applied {
        Applied::Duplicate => {
            tracing::info!(event = %id, "webhook: event seen before; nothing done")
        }
        Applied::Ignored(why) => {
            tracing::info!(event = %id, r#type = %kind, "webhook: ignored: {why}")
        }
        Applied::Unchanged { order, status } => tracing::info!(
            event = %id, r#type = %kind, %order, status = status.as_str(),
            "webhook: order unchanged"
        ),
        Applied::Changed {
            order,
            from,
            to,
            fulfil,
        } => tracing::info!(
            event = %id, r#type = %kind, %order, from = from.as_str(), to = to.as_str(),
            fulfilment_queued = fulfil, "webhook: order {order} is {}", to.as_str()
        ),
    }
}
