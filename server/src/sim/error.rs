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
