//! Reading a Stripe-shaped request: the Bearer API key (simulated publishable or secret) and
//! the form body with bracketed keys.

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::{Map, Value};

use super::error::{error, Failure};
use super::Simulator;
use crate::config::SIMULATED_PUBLISHABLE_KEY;
use crate::form;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Publishable,
    Secret,
}

/// The Bearer key of a request, if any.
pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Whether `a` equals `b`, in a time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Simulator {
    /// Whether the request carries the simulated secret key (the server's own calls).
    pub(super) fn has_secret_key(&self, headers: &HeaderMap) -> bool {
        bearer(headers).is_some_and(|key| same_secret(key, self.secret_key.expose()))
    }

    /// The kind of key the request carries, if it is one of `allowed`; Stripe's 401 otherwise.
    pub(super) fn authenticate(
        &self,
        headers: &HeaderMap,
        allowed: &[Key],
    ) -> Result<Key, Failure> {
        authenticate(headers, allowed, self.has_secret_key(headers))
    }
}

fn authenticate(headers: &HeaderMap, allowed: &[Key], secret: bool) -> Result<Key, Failure> {
    let unauthorized = |message: String| {
        error(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            None,
            message,
            None,
        )
    };
    let key = bearer(headers).ok_or_else(|| {
        unauthorized(
            "You did not provide an API key. You need to provide your API key in the \
             Authorization header, using Bearer auth (e.g. 'Authorization: Bearer \
             YOUR_SECRET_KEY')."
                .to_owned(),
        )
    })?;
    let kind = match key {
        _ if secret => Key::Secret,
        SIMULATED_PUBLISHABLE_KEY => Key::Publishable,
        other => {
            let shown: String = other.chars().take(8).collect();
            let tail: String = other
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return Err(unauthorized(format!(
                "Invalid API Key provided: {shown}****{tail}"
            )));
        }
    };
    if allowed.contains(&kind) {
        Ok(kind)
    } else if kind == Key::Publishable {
        Err(unauthorized(
            "This API call cannot be made with a publishable API key. Please use a secret API key."
                .to_owned(),
        ))
    } else {
        Err(unauthorized(
            "This simulated endpoint is called by Stripe.js: use the publishable API key."
                .to_owned(),
        ))
    }
}

pub(super) fn decode(body: &[u8]) -> Result<Map<String, Value>, Failure> {
    form::decode(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            None,
            e.to_string(),
            None,
        )
    })
}

pub(super) fn text<'a>(value: Option<&'a Value>, key: &str) -> Option<&'a str> {
    value.and_then(|v| v.get(key)).and_then(Value::as_str)
}
