//! ConfirmationTokens: created by Stripe.js from the card details (publishable key), with the
//! `setup_future_usage` of Elements and the billing email when collected; retrieved by the
//! server (secret key); claimed by the PaymentIntent or SetupIntent they confirm.

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

use super::customer_sessions::saved_method;
use super::error::{error, invalid, no_such, reply, store_full, Failure, Reply};
use super::ids::{now, random_id, year_month};
use super::params::{self, missing};
use super::request::{decode, text, Key};
use super::{cards, objects, Simulator, Store};

/// A ConfirmationToken: its JSON and the validated card it carries.
pub(super) struct Token {
    pub(super) json: Value,
    pub(super) card: cards::Card,
    /// The saved PaymentMethod it carries (made with `payment_method`), if any.
    pub(super) saved: Option<String>,
}

pub(super) async fn create_confirmation_token(
    State(sim): State<Simulator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    reply(sim.create_confirmation_token(&headers, &body))
}

pub(super) async fn retrieve_confirmation_token(
    State(sim): State<Simulator>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    reply((|| {
        sim.authenticate(&headers, &[Key::Secret])?;
        let store = sim.lock();
        let token = store
            .tokens
            .get(&id)
            .ok_or_else(|| no_such("confirmation_token", &id))?;
        Ok((StatusCode::OK, token.json.clone()))
    })())
}

impl Simulator {
    fn create_confirmation_token(
        &self,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Reply, Failure> {
        self.authenticate(headers, &[Key::Publishable])?;
        let params = decode(body)?;
        params::check(&params, params::CONFIRMATION_TOKEN).map_err(invalid)?;
        if params.contains_key("payment_method")
            || params.contains_key("customer_session_client_secret")
        {
            return self.saved_card_token(&params);
        }
        let data = params.get("payment_method_data");
        match text(data, "type") {
            Some("card") => {}
            Some(_) => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    None,
                    "The simulator supports payment_method_data[type]=card only.",
                    Some("payment_method_data[type]"),
                ))
            }
            None => return Err(invalid(missing("payment_method_data[type]"))),
        }
        let card = data.and_then(|d| d.get("card"));
        let field = |name: &str| {
            text(card, name)
                .ok_or_else(|| invalid(missing(&format!("payment_method_data[card][{name}]"))))
        };
        let card = cards::validate(
            field("number")?,
            field("exp_month")?,
            field("exp_year")?,
            field("cvc")?,
            year_month(now()),
        )
        .map_err(|(code, message, param)| {
            error(
                StatusCode::PAYMENT_REQUIRED,
                "card_error",
                Some(code),
                message,
                Some(param),
            )
        })?;
        let preview = json!({
            "allow_redisplay": text(data, "allow_redisplay").unwrap_or("unspecified"),
            "billing_details": objects::billing_details(data.and_then(|d| d.get("billing_details"))),
            "card": card.to_json(),
            "customer": null,
        });
        let mut store = self.lock();
        store_token(&mut store, &params, preview, card, None)
    }
}

/// Writes the ConfirmationToken of `params` with `preview` (its payment method's
/// `allow_redisplay`, `billing_details`, `card` and `customer`) and keeps it.
fn store_token(
    store: &mut Store,
    params: &Map<String, Value>,
    preview: Value,
    card: cards::Card,
    saved: Option<String>,
) -> Result<Reply, Failure> {
    let created = now();
    let id = random_id("ctoken_");
    let json = json!({
        "id": id,
        "object": "confirmation_token",
        "created": created,
        "expires_at": created + 12 * 3600,
        "livemode": false,
        "mandate_data": null,
        "payment_intent": null,
        "payment_method_options": null,
        "payment_method_preview": {
            "allow_redisplay": preview["allow_redisplay"],
            "billing_details": preview["billing_details"],
            "card": preview["card"],
            "customer": preview["customer"],
            "customer_account": null,
            "type": "card"
        },
        "return_url": params.get("return_url").cloned().unwrap_or(Value::Null),
        "setup_future_usage": params.get("setup_future_usage").cloned().unwrap_or(Value::Null),
        "setup_intent": null,
        "shipping": objects::shipping(params.get("shipping")),
        "use_stripe_sdk": true
    });
    let token = Token {
        json: json.clone(),
        card,
        saved,
    };
    store
        .tokens
        .insert(id, token, Instant::now())
        .map_err(|_| store_full("ConfirmationTokens"))?;
    Ok((StatusCode::OK, json))
}

impl Simulator {
    /// A token for a saved card: `payment_method` (a `pm_…` the CustomerSession shows) with the
    /// session's `customer_session_client_secret` (the simulated Stripe.js sends both, as the
    /// Payment Element does when the customer picks a saved card), and no
    /// `payment_method_data`. Its preview is the saved card's, `customer` included.
    fn saved_card_token(&self, params: &Map<String, Value>) -> Result<Reply, Failure> {
        if params.contains_key("payment_method_data") {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                None,
                "You cannot pass both payment_method and payment_method_data.",
                Some("payment_method_data"),
            ));
        }
        let pm = params
            .get("payment_method")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(missing("payment_method")))?;
        let secret = params
            .get("customer_session_client_secret")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(missing("customer_session_client_secret")))?;
        let mut store = self.lock();
        let session = store
            .customer_session(secret, "customer_session_client_secret")?
            .clone();
        let method = saved_method(&store, &session, pm)?;
        let (card, preview) = (method.card.clone(), method.json.clone());
        store_token(&mut store, params, preview, card, Some(pm.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::{header, HeaderValue};

    use axum::response::IntoResponse;

    use super::*;
    use crate::config::{Limits, SecretKey};
    use crate::form;

    #[test]
    fn at_its_cap_the_store_refuses_new_tokens_and_keeps_the_first() {
        let limits = Limits {
            sim_max_objects: 10,
            ..Limits::default()
        };
        let sim = Simulator::new(&limits, SecretKey::new("sk_test_unit").unwrap());
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer pk_test_simulated"),
        );
        let year = (year_month(now()).0 + 1).to_string();
        let body = form::encode(&[
            ("payment_method_data[type]", "card"),
            ("payment_method_data[card][number]", "4242424242424242"),
            ("payment_method_data[card][exp_month]", "12"),
            ("payment_method_data[card][exp_year]", &year),
            ("payment_method_data[card][cvc]", "123"),
        ]);
        let mut first = None;
        for i in 0..50 {
            match sim.create_confirmation_token(&headers, body.as_bytes()) {
                Ok((StatusCode::OK, token)) if i < 10 => {
                    first = first.or(token["id"].as_str().map(str::to_owned));
                }
                Err(refused) if i >= 10 => {
                    assert_eq!(
                        refused.into_response().status(),
                        StatusCode::TOO_MANY_REQUESTS
                    );
                }
                _ => panic!("token {i}: unexpected answer"),
            }
        }
        assert_eq!(sim.sizes().tokens, 10);
        let first = first.unwrap();
        assert!(sim.lock().tokens.get(&first).is_some(), "the first is kept");
    }
}
