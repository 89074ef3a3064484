//! Customers: created with the secret key (all fields optional, `email` the one the checkout
//! uses; under an optional `Idempotency-Key`), retrieved with it, and named by the intents that
//! save a payment method for them.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::error::{error, invalid, no_such, reply, store_full, Failure};
use super::ids::{now, random_id};
use super::params;
use super::request::Key;
use super::{objects, Simulator, Store};

/// `POST /v1/customers`.
pub(super) async fn create_customer(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    sim.idempotent_create("/v1/customers", &headers, &body, |store, params| {
        params::check(&params, params::CUSTOMER).map_err(invalid)?;
        if let Some(email) = params.get("email").and_then(Value::as_str) {
            objects::check_email(email, "email")?;
        }
        let id = random_id("cus_");
        let customer = objects::customer(&id, now(), &params);
        store
            .customers
            .insert(id, customer.clone(), Instant::now())
            .map_err(|_| store_full("Customers"))?;
        Ok((StatusCode::OK, customer))
    })
}

/// `GET /v1/customers/{id}`.
pub(super) async fn retrieve_customer(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    reply((|| {
        sim.authenticate(&headers, &[Key::Secret])?;
        let store = sim.lock();
        let customer = store
            .customers
            .get(&id)
            .ok_or_else(|| no_such("customer", &id))?;
        Ok((StatusCode::OK, customer.clone()))
    })())
}

impl Store {
    /// The `customer` parameter of an intent: `null` when absent, else the id of a Customer
    /// this simulator made (Stripe's 400 `resource_missing` for any other).
    pub(super) fn customer_param(&self, params: &Map<String, Value>) -> Result<Value, Failure> {
        let Some(id) = params.get("customer").and_then(Value::as_str) else {
            return Ok(Value::Null);
        };
        if self.customers.get(id).is_none() {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                Some("resource_missing"),
                format!("No such customer: '{id}'"),
                Some("customer"),
            ));
        }
        Ok(id.into())
    }
}
