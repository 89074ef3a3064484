//! What the component sends: the ConfirmationToken id, the shop's own fields, and a key that
//! makes a re-send safe.

use serde::{Deserialize, Serialize};

use crate::ids::ConfirmationTokenId;

/// The JSON field that carries the ConfirmationToken id.
pub const CONFIRMATION_TOKEN_ID: &str = "confirmationTokenId";

/// The header that carries the component's idempotency key: one per token, so a re-send of the
/// same token carries the same key.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// The body of the POST: `{"confirmationTokenId": "ctoken_…", …extra}`.
///
/// `extra` is whatever the shop adds (a cart, an order id), flattened beside the token id.
/// `E` is a struct (or `()` for no fields): a field that neither the token id nor `E` reads is
/// refused (`unknown field`), so a client cannot slip in, say, an `amount`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest<E> {
    /// `ctoken_…`, from `stripe.createConfirmationToken`.
    #[serde(rename = "confirmationTokenId")]
    pub confirmation_token_id: ConfirmationTokenId,
    /// The shop's fields, beside the token id.
    #[serde(flatten)]
    pub extra: E,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Cart {
        items: Vec<String>,
    }

    fn token() -> ConfirmationTokenId {
        ConfirmationTokenId::parse("ctoken_abc").unwrap()
    }

    #[test]
    fn the_body_is_the_token_id_beside_the_shops_fields() {
        let request = TokenRequest {
            confirmation_token_id: token(),
            extra: Cart {
                items: vec!["mug".into()],
            },
        };
        let body = to_value(&request).unwrap();
        assert_eq!(
            body,
            json!({"confirmationTokenId": "ctoken_abc", "items": ["mug"]})
        );
        assert!(body.get(CONFIRMATION_TOKEN_ID).is_some());
        assert_eq!(from_value::<TokenRequest<Cart>>(body).unwrap(), request);
        let bare: TokenRequest<()> =
            from_value(json!({"confirmationTokenId": "ctoken_abc"})).unwrap();
        assert_eq!(bare.confirmation_token_id, token());
    }

    #[test]
    fn a_bad_or_missing_token_id_is_refused() {
        for body in [
            json!({"confirmationTokenId": "pm_123", "items": []}),
            json!({"confirmationTokenId": 12, "items": []}),
            json!({"items": []}),
            json!({"confirmation_token_id": "ctoken_abc", "items": []}),
        ] {
            assert!(
                from_value::<TokenRequest<Cart>>(body.clone()).is_err(),
                "{body}"
            );
        }
    }

    #[test]
    fn a_field_neither_side_reads_is_refused() {
        let unknown = json!({"confirmationTokenId": "ctoken_abc", "items": [], "amount": 1});
        let err = from_value::<TokenRequest<Cart>>(unknown).unwrap_err();
        assert!(err.to_string().contains("unknown field `amount`"), "{err}");
        let extra = json!({"confirmationTokenId": "ctoken_abc", "order": 7});
        assert!(from_value::<TokenRequest<()>>(extra).is_err());
    }
}
