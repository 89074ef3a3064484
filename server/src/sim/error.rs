//! Stripe-shaped answers: errors as `{"error": {...}}` with Stripe's status codes and fields,
//! and every answer's `request-id` header.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::ids::random_id;
use super::objects;
use super::params::ParamProblem;

/// A Stripe error answer.
pub(super) struct Failure(StatusCode, Value);

/// A successful answer.
pub(super) type Reply = (StatusCode, Value);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        reply(Ok((self.0, self.1)))
    }
}

pub(super) fn reply(result: Result<Reply, Failure>) -> Response {
    let (status, body) = match result {
        Ok(ok) => ok,
        Err(Failure(status, body)) => (status, body),
    };
    let mut response = (status, Json(body)).into_response();
    if let Ok(id) = HeaderValue::from_str(&random_id("req_")) {
        response.headers_mut().insert("request-id", id);
    }
    response
}

pub(super) fn error(
    status: StatusCode,
    kind: &str,
    code: Option<&str>,
    message: impl Into<String>,
    param: Option<&str>,
) -> Failure {
    let mut body = Map::new();
    if let Some(code) = code {
        body.insert("code".into(), code.into());
        body.insert("doc_url".into(), objects::doc_url(code).into());
    }
    body.insert("message".into(), message.into().into());
    if let Some(param) = param {
        body.insert("param".into(), param.into());
    }
    body.insert("request_log_url".into(), request_log_url().into());
    body.insert("type".into(), kind.into());
    Failure(status, json!({ "error": body }))
}

pub(super) fn invalid(problem: ParamProblem) -> Failure {
    let (code, message, param) = problem;
    error(
        StatusCode::BAD_REQUEST,
        "invalid_request_error",
        code,
        message,
        Some(&param),
    )
}

/// Stripe's answer to a request it will not take now: HTTP 429 with an
/// `invalid_request_error` whose code is `rate_limit` (Stripe's error-code list: "Too many
/// requests hit the API too quickly"; stripe-php's `RateLimitException` extends its
/// `InvalidRequestException`; the 2015-09-08 changelog moved these refusals from 400 to 429).
/// `fixtures3.json` has no error example to copy. Nothing was done, so a client may retry.
pub(super) fn rate_limited(message: impl Into<String>) -> Failure {
    error(
        StatusCode::TOO_MANY_REQUESTS,
        "invalid_request_error",
        Some("rate_limit"),
        message,
        None,
    )
}

/// The store keeps as many `kind` as `SIM_MAX_OBJECTS` allows and none has outlived
/// `SIM_TTL`: the new one is refused rather than a young one forgotten.
pub(super) fn store_full(kind: &str) -> Failure {
    tracing::warn!(
        kind,
        "simulator store full: refusing a new object (SIM_MAX_OBJECTS)"
    );
    rate_limited(format!(
        "The simulator holds as many {kind} as it keeps and none has expired yet. Please try \
         again later."
    ))
}

pub(super) fn no_such(kind: &str, id: &str) -> Failure {
    error(
        StatusCode::NOT_FOUND,
        "invalid_request_error",
        Some("resource_missing"),
        format!("No such {kind}: '{id}'"),
        Some("id"),
    )
}

pub(super) fn request_log_url() -> String {
    format!(
        "https://dashboard.stripe.com/test/logs/{}",
        random_id("req_")
    )
}
