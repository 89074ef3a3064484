//! Returning customers: the signed cookie that names the Customer a card was saved for, and
//! `POST /customer-session`, which makes a CustomerSession for that Customer so the Payment
//! Element lists their saved cards (Stripe's guide, "Payments for existing customers":
//! `POST /v1/customer_sessions` with the Customer and `payment_method_redisplay` enabled).
//!
//! The reference server has no accounts, so the shop names its customer with a cookie it set
//! itself when `/create-confirm-setup-intent` saved a card: `HttpOnly` (no script reads it),
//! `SameSite=Lax`, `Secure` behind an `https` `PUBLIC_URL`, and signed (HMAC-SHA256 with
//! `SESSION_SECRET`, else a key drawn per process), so a client cannot name another customer.
//! `STRIPE_CUSTOMER`, when set, is everyone's customer. The browser never sends a customer id.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::is_customer_id;
use crate::error::ApiError;
use crate::AppState;

/// The cookie's name.
pub const COOKIE: &str = "checkout_customer";
/// How long the browser keeps it: 30 days.
const MAX_AGE_SECONDS: u32 = 30 * 24 * 3600;

/// The key the cookie is signed with. Its `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionKey([u8; 32]);

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey(<redacted>)")
    }
}

impl SessionKey {
    /// The shortest `SESSION_SECRET` accepted.
    pub const MIN_SECRET_LEN: usize = 32;

    /// A key drawn from the operating system's generator (cookies then last as long as the
    /// process).
    pub fn random() -> Self {
        let mut bytes = [0u8; 32];
        if getrandom::getrandom(&mut bytes).is_err() {
            // Not expected on any supported system: fall back on std's randomly keyed hasher.
            use std::hash::{BuildHasher, RandomState};
            for (i, chunk) in bytes.chunks_mut(8).enumerate() {
                let n = RandomState::new().hash_one(i);
                chunk.copy_from_slice(&n.to_le_bytes());
            }
        }
        SessionKey(bytes)
    }

    /// The key for `SESSION_SECRET` (at least [`Self::MIN_SECRET_LEN`] bytes): its SHA-256.
    pub fn from_secret(secret: &str) -> Option<Self> {
        (secret.len() >= Self::MIN_SECRET_LEN).then(|| SessionKey(Sha256::digest(secret).into()))
    }

    /// HMAC-SHA256 (RFC 2104) of `message`.
    fn mac(&self, message: &[u8]) -> [u8; 32] {
        let pad = |byte: u8| {
            let mut block = [byte; 64];
            block.iter_mut().zip(self.0).for_each(|(b, k)| *b ^= k);
            block
        };
        let inner = Sha256::new()
            .chain_update(pad(0x36))
            .chain_update(message)
            .finalize();
        Sha256::new()
            .chain_update(pad(0x5c))
            .chain_update(inner)
            .finalize()
            .into()
    }

    /// The cookie value naming `customer`: `cus_….<hex HMAC>`.
    pub fn sign(&self, customer: &str) -> String {
        let mac: String = self
            .mac(customer.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("{customer}.{mac}")
    }

    /// The customer a cookie value names, if this key signed it.
    pub fn verify(&self, value: &str) -> Option<String> {
        let (customer, _) = value.split_once('.')?;
        let expected = self.sign(customer);
        // Compared in a time that does not depend on where they differ.
        let same = expected.len() == value.len()
            && expected
                .bytes()
                .zip(value.bytes())
                .fold(0, |acc, (a, b)| acc | (a ^ b))
                == 0;
        (same && is_customer_id(customer)).then(|| customer.to_owned())
    }
}

/// The `Set-Cookie` value that remembers `customer` in this browser.
pub fn set_cookie(state: &AppState, customer: &str) -> Option<HeaderValue> {
    let secure = if state.config.page_origin().starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    let value = state.config.session_key.sign(customer);
    HeaderValue::from_str(&format!(
        "{COOKIE}={value}; Path=/; Max-Age={MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// What the request's cookie says about its customer.
#[derive(Debug, PartialEq, Eq)]
pub enum Cookie {
    /// No cookie of ours.
    Absent,
    /// A cookie this server signed, naming this Customer.
    Customer(String),
    /// A cookie of ours that this server did not sign (forged, or signed by an earlier
    /// process's key).
    Forged,
}

/// Reads our cookie from the request's `Cookie` headers.
pub fn read_cookie(state: &AppState, headers: &HeaderMap) -> Cookie {
    let prefix = [COOKIE, "="].concat();
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(prefix.as_str()));
    match value {
        None => Cookie::Absent,
        Some(value) => match state.config.session_key.verify(value) {
            Some(customer) => Cookie::Customer(customer),
            None => Cookie::Forged,
        },
    }
}

/// The customer the shop names for this request: `STRIPE_CUSTOMER`, else its cookie's.
pub fn shop_customer(state: &AppState, headers: &HeaderMap) -> Cookie {
    match &state.config.customer {
        Some(customer) => Cookie::Customer(customer.clone()),
        None => read_cookie(state, headers),
    }
}

/// `{"client_secret": "cuss_secret_…"}`.
#[derive(Debug, Serialize)]
pub struct SessionAnswer {
    /// The CustomerSession's `client_secret`, for Elements' `customerSessionClientSecret`.
    pub client_secret: String,
}

/// `POST /customer-session` (no body): a CustomerSession for the shop's customer. 404 when
/// this browser has no customer yet, 401 (and the cookie cleared) when its cookie is not one
/// this server signed; a Stripe failure is the generic 502.
pub async fn create_customer_session(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Response {
    let customer = match shop_customer(&state, &headers) {
        Cookie::Customer(customer) => customer,
        Cookie::Absent => {
            return ApiError::invalid_request(
                StatusCode::NOT_FOUND,
                "No saved cards for this browser: save a card first.",
            )
            .into_response()
        }
        Cookie::Forged => {
            tracing::warn!("a customer cookie this server did not sign was refused");
            let clear = [COOKIE, "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"].concat();
            let refused = ApiError::invalid_request(
                StatusCode::UNAUTHORIZED,
                "The customer cookie is not valid; save a card again.",
            );
            return (AppendHeaders([(header::SET_COOKIE, clear)]), refused).into_response();
        }
    };
    match state.stripe.create_customer_session(&customer).await {
        Ok(client_secret) => {
            tracing::info!(customer = %customer, "CustomerSession created");
            Json(SessionAnswer { client_secret }).into_response()
        }
        Err(e) => {
            tracing::error!(customer = %customer, error = %e, "creating a CustomerSession failed");
            ApiError::generic(StatusCode::BAD_GATEWAY).into_response()
        }
    }
}

/// The form of `POST /v1/customer_sessions` for `customer`: the Payment Element with saved
/// cards shown — all of them, whatever their `allow_redisplay` (a card saved by a SetupIntent
/// from Elements without a save checkbox has `unspecified`, Stripe's default, and the filter
/// defaults to `always` only). Removing and the save checkbox stay disabled (Stripe's
/// defaults): this checkout offers neither.
pub fn customer_session_form(customer: &str) -> Vec<(String, String)> {
    let features = "components[payment_element][features]";
    let mut pairs = vec![
        ("customer".to_owned(), customer.to_owned()),
        (
            "components[payment_element][enabled]".to_owned(),
            "true".to_owned(),
        ),
        (
            format!("{features}[payment_method_redisplay]"),
            "enabled".to_owned(),
        ),
    ];
    for (i, value) in ["always", "limited", "unspecified"].iter().enumerate() {
        pairs.push((
            format!("{features}[payment_method_allow_redisplay_filters][{i}]"),
            (*value).to_owned(),
        ));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_names_its_customer_only_with_this_key() {
        let key = SessionKey::from_secret("a session secret of at least 32 bytes").unwrap();
        let value = key.sign("cus_ABC123");
        assert_eq!(key.verify(&value).as_deref(), Some("cus_ABC123"));
        // Another customer's id with this signature, another key, a cut or bad signature.
        let forged = value.replace("cus_ABC123", "cus_XYZ789");
        assert_eq!(key.verify(&forged), None);
        assert_eq!(SessionKey::random().verify(&value), None);
        assert_eq!(key.verify(&value[..value.len() - 1]), None);
        assert_eq!(key.verify("cus_ABC123"), None);
        assert_eq!(key.verify("cus_ABC123.zz"), None);
        assert!(SessionKey::from_secret("too short").is_none());
        assert!(!format!("{key:?}").contains(&format!("{:?}", key.0)));
    }

    #[test]
    fn the_mac_is_hmac_sha256() {
        // RFC 4231 test case 1's message with a 32-byte key; the value is Python's
        // `hmac.new(b"\x0b" * 32, b"Hi There", hashlib.sha256).hexdigest()`.
        let key = SessionKey([0x0b; 32]);
        let hex: String = key
            .mac(b"Hi There")
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7"
        );
    }
}
