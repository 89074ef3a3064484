//! Idempotent requests: the answer kept under an `Idempotency-Key`, replayed to a retry with the
//! same parameters and refused to one with different parameters, as at Stripe. Every simulated
//! create (`POST /v1/payment_intents`, `/v1/setup_intents`, `/v1/customers`) runs through
//! [`Simulator::idempotent_create`].

use std::time::Instant;

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::error::{error, reply, store_full, Failure, Reply};
use super::request::{decode, Key};
use super::{Simulator, Store};

/// An answer saved under its `Idempotency-Key`, with the request it answered.
pub(super) struct Saved {
    pub(super) fingerprint: String,
    pub(super) status: StatusCode,
    pub(super) body: Value,
}

impl Saved {
    /// The saved answer for a retry under `key` (marked `idempotent-replayed`), or an
    /// `idempotency_error` if the retry's `fingerprint` differs from the first request's.
    pub(super) fn replay(&self, key: &str, fingerprint: &str) -> Response {
        if self.fingerprint != fingerprint {
            return error(
                StatusCode::BAD_REQUEST,
                "idempotency_error",
                None,
                format!(
                    "Keys for idempotent requests can only be used with the same \
                     parameters they were first used with. Try using a key other than \
                     '{key}' if you meant to execute a different request."
                ),
                None,
            )
            .into_response();
        }
        let mut response = reply(Ok((self.status, self.body.clone())));
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        response
    }
}

impl Simulator {
    /// `POST {path}` with the secret key under an optional `Idempotency-Key`. `create` runs
    /// under the store's lock (so concurrent retries cannot both execute) with the decoded
    /// form: its `Err` is a validation failure, answered but not saved under the key (as at
    /// Stripe); its `Ok` — a 402 decline included — is saved and replayed to a retry with the
    /// same parameters.
    pub(super) fn idempotent_create(
        &self,
        path: &str,
        headers: &HeaderMap,
        body: &[u8],
        create: impl FnOnce(&mut Store, Map<String, Value>) -> Result<Reply, Failure>,
    ) -> Response {
        if let Err(failure) = self.authenticate(headers, &[Key::Secret]) {
            return failure.into_response();
        }
        let params = match decode(body) {
            Ok(params) => params,
            Err(failure) => return failure.into_response(),
        };
        let key = headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let fingerprint = format!("POST {path} {}", Value::Object(params.clone()));
        let mut store = self.lock();
        store.request = super::webhooks::request(key.as_deref());
        if let Some(key) = &key {
            if let Some(saved) = store.idempotent.get(key) {
                return saved.replay(key, &fingerprint);
            }
            // No room to remember the answer: refuse before doing anything (a retry could
            // not be replayed).
            if store.idempotent.room().is_err() {
                return store_full("idempotent requests").into_response();
            }
        }
        let (status, body) = match create(&mut store, params) {
            Err(failure) => return failure.into_response(),
            Ok(answer) => answer,
        };
        if let Some(key) = &key {
            // Room was checked above, under the same lock.
            let saved = Saved {
                fingerprint,
                status,
                body: body.clone(),
            };
            if store
                .idempotent
                .insert(key.clone(), saved, Instant::now())
                .is_err()
            {
                tracing::error!("the idempotent store filled under its lock");
            }
        }
        let mut response = reply(Ok((status, body)));
        if let Some(value) = key.and_then(|k| HeaderValue::from_str(&k).ok()) {
            response.headers_mut().insert("idempotency-key", value);
        }
        response
    }
}
