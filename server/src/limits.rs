//! Request-level limits: a deadline for the whole request, and a body read in full before any
//! handler runs — at most `MAX_BODY_BYTES`, within `BODY_TIMEOUT`, and after `BODY_GRACE` at
//! no less than `BODY_MIN_RATE` bytes a second — so that a slow or oversized body is refused
//! (408, 413) in a way every HTTP client can read.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::config::Limits;
use crate::error::ApiError;

/// How much of an oversized body is still read (and discarded) so that the connection can
/// stay open and the client, still sending, gets the 413 rather than a reset (or the body
/// limit, if larger). Beyond it the connection is closed after the answer (with a lingering
/// close, see [`crate::serve`]).
pub const DRAIN_BYTES: usize = 1024 * 1024;

/// What the customer's browser gets when the server ran out of time on a request.
///
/// Deliberately not `{"error": …}`: the payment may have gone through at Stripe after the
/// server stopped waiting, and the component treats an answer without `error` as "no answer",
/// keeping the ConfirmationToken for the retry (whose derived idempotency key makes Stripe
/// replay the first result instead of charging twice).
pub const TIMED_OUT: &str = "The server took too long to answer. Please try again.";

/// Answers 503 when the request is not done within `REQUEST_TIMEOUT` (body read included).
pub async fn request_timeout(
    State(limits): State<Arc<Limits>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(limits.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%path, timeout = ?limits.request_timeout, "request timed out");
            let mut response = (StatusCode::SERVICE_UNAVAILABLE, TIMED_OUT).into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        }
    }
}

/// How reading a body ended.
enum Read {
    /// All of it, within the limit.
    Whole(Bytes),
    /// Over the limit; `drained` when the rest was read to its end anyway.
    TooLarge { drained: bool },
    /// The client broke off or sent something that is not a body.
    Broken,
    /// The body fell below the floor rate after the grace.
    TooSlow,
}

/// The floor a body's arrival must keep: after `grace`, at least `min_rate` bytes a second on
/// average since the body began.
#[derive(Clone, Copy, Debug)]
struct Pace {
    min_rate: usize,
    grace: Duration,
}

impl Pace {
    /// The latest time the next bytes may arrive, `total` having arrived since `start`:
    /// `total` bytes keep the floor until `grace` + `total` / `min_rate`.
    fn deadline(self, start: tokio::time::Instant, total: usize) -> tokio::time::Instant {
        let earned = Duration::from_secs_f64(total as f64 / self.min_rate.max(1) as f64);
        start + self.grace + earned
    }
}

/// Reads the whole request body (at most `MAX_BODY_BYTES`, within `BODY_TIMEOUT`) before the
/// handler sees it; answers 413, 408 or 400 otherwise.
pub async fn buffer_body(
    State(limits): State<Arc<Limits>>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    // A Stripe event carries a whole PaymentIntent: the webhook has a larger limit of its own.
    let max = if parts.uri.path() == "/webhook" {
        limits.webhook_max_body_bytes
    } else {
        limits.max_body_bytes
    };
    let drain_to = DRAIN_BYTES.max(max);
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > drain_to as u64) {
        // Not worth reading: answer now, close after the answer.
        return too_large(max, false, &parts.uri);
    }
    let pace = Pace {
        min_rate: limits.body_min_rate,
        grace: limits.body_grace,
    };
    let read =
        tokio::time::timeout(limits.body_timeout, read_body(body, max, drain_to, pace)).await;
    match read {
        Ok(Read::Whole(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Read::TooLarge { drained }) => too_large(max, drained, &parts.uri),
        Ok(Read::Broken) => closing(ApiError::invalid_request(
            StatusCode::BAD_REQUEST,
            "The request body could not be read.",
        )),
        Ok(Read::TooSlow) => {
            tracing::info!(
                path = %parts.uri.path(),
                min_rate = pace.min_rate,
                grace = ?pace.grace,
                "request body below the floor rate: cut"
            );
            closing(ApiError::invalid_request(
                StatusCode::REQUEST_TIMEOUT,
                "The request body arrived too slowly.",
            ))
        }
        Err(_) => {
            tracing::info!(path = %parts.uri.path(), timeout = ?limits.body_timeout, "request body too slow");
            closing(ApiError::invalid_request(
                StatusCode::REQUEST_TIMEOUT,
                "The request body took too long to arrive.",
            ))
        }
    }
}

/// Reads `body`, keeping at most `max` bytes and reading on (discarding) up to `drain_to`, as
/// long as it keeps `pace`.
async fn read_body(mut body: Body, max: usize, drain_to: usize, pace: Pace) -> Read {
    let start = tokio::time::Instant::now();
    let mut kept = Vec::new();
    let mut total = 0usize;
    loop {
        let next = tokio::time::timeout_at(pace.deadline(start, total), body.frame()).await;
        let frame = match next {
            Err(_) => return Read::TooSlow,
            Ok(None) => break,
            Ok(Some(frame)) => frame,
        };
        let Ok(frame) = frame else {
            return Read::Broken;
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(data.len());
        if total > drain_to {
            return Read::TooLarge { drained: false };
        }
        if total <= max {
            kept.extend_from_slice(&data);
        }
    }
    if total > max {
        Read::TooLarge { drained: true }
    } else {
        Read::Whole(Bytes::from(kept))
    }
}

fn too_large(max: usize, drained: bool, uri: &axum::http::Uri) -> Response {
    tracing::info!(path = %uri.path(), max, "request body too large");
    let error = ApiError::invalid_request(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("The request body is too large (at most {max} bytes)."),
    );
    if drained {
        error.into_response()
    } else {
        closing(error)
    }
}

/// `error`, with `Connection: close` (the rest of the body is not read).
fn closing(error: ApiError) -> Response {
    let mut response = error.into_response();
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
