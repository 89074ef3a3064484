//! Stripe's webhook signatures: `Stripe-Signature: t=<unix time>,v1=<hex>[,v1=<hex>…]`, the
//! `v1`s being HMAC-SHA256, keyed with the endpoint's signing secret (`whsec_…`, the whole
//! string), of `"{t}.{raw body}"`. As Stripe documents ("Verify events manually",
//! docs.stripe.com/webhooks#verify-manually): the raw body's bytes, never re-serialised JSON;
//! any `v1` may match (several during a secret's rotation; `v0` and other schemes are
//! ignored); the comparison is constant-time; and the timestamp must be within a tolerance
//! (Stripe's libraries default to 300 s) of the server's clock, against replays.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The largest difference, in seconds, between a signature's timestamp and now.
pub const TOLERANCE_SECONDS: i64 = 300;

/// The header's name.
pub const HEADER: &str = "stripe-signature";

/// Why a request is not a verified Stripe event.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `Stripe-Signature` header.
    #[error("Missing Stripe-Signature header.")]
    Missing,
    /// The header is not `t=…,v1=…`.
    #[error(
        "Malformed Stripe-Signature header: expected t=<unix time>,v1=<64 hex digits>[,v1=…]."
    )]
    Malformed,
    /// No `v1` signature in the header.
    #[error("The Stripe-Signature header has no v1 signature.")]
    NoV1,
    /// No `v1` matches the body.
    #[error(
        "No v1 signature matches the body: check STRIPE_WEBHOOK_SECRET (each endpoint, and \
         each `stripe listen`, has its own) and that the body reaches the server unchanged."
    )]
    Mismatch,
    /// The timestamp is too far from now.
    #[error(
        "The Stripe-Signature timestamp is {0} s from the server's clock (at most 300 s): a \
         replayed event, or a clock out of sync."
    )]
    Stale(i64),
}

/// The `v1` signature: hex HMAC-SHA256 of `"{timestamp}.{body}"` keyed with `secret`.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    mac(secret, timestamp, body)
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `Stripe-Signature` header Stripe would send for `body` at `timestamp`:
/// `t={timestamp},v1={signature}` (for tests, and the simulator's webhooks).
pub fn signature_header(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", sign(secret, timestamp, body))
}

/// Checks `header` for `body` against `secret` at `now` (Unix seconds); answers the signed
/// timestamp.
pub fn verify(
    header: Option<&str>,
    body: &[u8],
    secret: &str,
    now: i64,
) -> Result<i64, SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for element in header.split(',') {
        let (key, value) = element
            .trim()
            .split_once('=')
            .ok_or(SignatureError::Malformed)?;
        match key {
            "t" if timestamp.is_none() => {
                let t = value
                    .parse::<i64>()
                    .ok()
                    .filter(|t| *t >= 0)
                    .ok_or(SignatureError::Malformed)?;
                timestamp = Some(t);
            }
            "t" => return Err(SignatureError::Malformed),
            "v1" => signatures.push(decode_hex(value).ok_or(SignatureError::Malformed)?),
            _ => {} // v0 (test-mode legacy) and any future scheme: ignored, as Stripe says.
        }
        if signatures.len() > 16 {
            return Err(SignatureError::Malformed);
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::NoV1);
    }
    let expected = mac(secret, timestamp, body);
    // `verify_slice` compares in constant time.
    let matches = signatures
        .iter()
        .any(|signature| expected.clone().verify_slice(signature).is_ok());
    if !matches {
        return Err(SignatureError::Mismatch);
    }
    let age = now.saturating_sub(timestamp);
    if age.abs() > TOLERANCE_SECONDS {
        return Err(SignatureError::Stale(age));
    }
    Ok(timestamp)
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length: this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// 64 hex digits → 32 bytes.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_signature_is_the_hex_hmac_of_the_timestamp_and_body() {
        // Computed independently: Python's
        // hmac.new(b"whsec_test_secret", b'1700000000.{"id":"evt_1"}', hashlib.sha256).
        assert_eq!(
            signature_header("whsec_test_secret", 1_700_000_000, br#"{"id":"evt_1"}"#),
            "t=1700000000,v1=248a374f50f943a28b0f6ab50faf9a7e7e29b710fa26df9fb1618b9bf8ea9c9a"
        );
    }
    use super::*;

    const SECRET: &str = "whsec_test_secret";
    const NOW: i64 = 1_700_000_000;

    #[test]
    fn a_header_made_here_verifies_and_any_change_does_not() {
        let body = br#"{"id":"evt_1"}"#;
        let header = signature_header(SECRET, NOW, body);
        assert_eq!(verify(Some(&header), body, SECRET, NOW + 10), Ok(NOW));
        assert_eq!(
            verify(Some(&header), br#"{"id":"evt_2"}"#, SECRET, NOW),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(Some(&header), body, "whsec_other", NOW),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(Some(&header), body, SECRET, NOW + 301),
            Err(SignatureError::Stale(301))
        );
        assert_eq!(
            verify(Some(&header), body, SECRET, NOW - 301),
            Err(SignatureError::Stale(-301))
        );
    }

    #[test]
    fn any_v1_may_match_and_other_schemes_are_ignored() {
        let body = b"{}";
        let good = sign(SECRET, NOW, body);
        let bad = sign("whsec_old", NOW, body);
        let header = format!("t={NOW},v1={bad},v1={good},v0={bad}");
        assert_eq!(verify(Some(&header), body, SECRET, NOW), Ok(NOW));
        let only_v0 = format!("t={NOW},v0={good}");
        assert_eq!(
            verify(Some(&only_v0), body, SECRET, NOW),
            Err(SignatureError::NoV1)
        );
    }

    #[test]
    fn malformed_headers_are_refused() {
        let good = sign(SECRET, NOW, b"");
        for header in [
            "",
            "garbage",
            &format!("v1={good}"),
            &format!("t=abc,v1={good}"),
            &format!("t={NOW},t={NOW},v1={good}"),
            &format!("t={NOW},v1=xyz"),
            &format!("t={NOW},v1={}", &good[..62]),
        ] {
            assert_eq!(
                verify(Some(header), b"", SECRET, NOW),
                Err(SignatureError::Malformed),
                "{header}"
            );
        }
        assert_eq!(verify(None, b"", SECRET, NOW), Err(SignatureError::Missing));
    }
}
