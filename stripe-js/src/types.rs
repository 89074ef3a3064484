//! What Stripe.js gives back: ConfirmationTokens, PaymentIntents, element events.

use serde::{Deserialize, Serialize};

use super::error::StripeError;
use super::options::Address;

/// A ConfirmationToken (`ctoken_…`): what the backend confirms the PaymentIntent with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationToken {
    /// The id, `ctoken_…`.
    pub id: String,
    /// Whether it was made with a live key.
    #[serde(default)]
    pub livemode: bool,
}

/// `PaymentIntent.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentIntentStatus {
    /// Needs a (new) payment method.
    RequiresPaymentMethod,
    /// Needs confirming.
    RequiresConfirmation,
    /// Needs the customer, e.g. 3-D Secure: call `handleNextAction`.
    RequiresAction,
    /// Being processed.
    Processing,
    /// Authorised; waiting to be captured.
    RequiresCapture,
    /// Canceled.
    Canceled,
    /// Paid.
    Succeeded,
    /// A status this crate does not know yet.
    #[serde(other)]
    Unknown,
}

impl PaymentIntentStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RequiresPaymentMethod => "requires_payment_method",
            Self::RequiresConfirmation => "requires_confirmation",
            Self::RequiresAction => "requires_action",
            Self::Processing => "processing",
            Self::RequiresCapture => "requires_capture",
            Self::Canceled => "canceled",
            Self::Succeeded => "succeeded",
            Self::Unknown => "unknown",
        }
    }

    /// Whether the customer is done: paid, being processed, or authorised for capture.
    pub fn is_success(self) -> bool {
        matches!(
            self,
            Self::Succeeded | Self::Processing | Self::RequiresCapture
        )
    }
}

/// `PaymentIntent.next_action` (only its type; Stripe.js handles the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextAction {
    /// E.g. `use_stripe_sdk`, `redirect_to_url`.
    #[serde(rename = "type")]
    pub kind: String,
}

/// A PaymentIntent as Stripe.js returns it to the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentIntent {
    /// The id, `pi_…`.
    pub id: String,
    /// Where the payment stands.
    pub status: PaymentIntentStatus,
    /// Amount in the smallest currency unit.
    #[serde(default)]
    pub amount: Option<u64>,
    /// Currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// The client secret.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// What the customer must do next.
    #[serde(default)]
    pub next_action: Option<NextAction>,
    /// Why the last attempt failed.
    #[serde(default)]
    pub last_payment_error: Option<StripeError>,
}

/// `s` around its first `_secret_`. A byte search: `str::split_once` with a `&str` pattern
/// brings in the two-way string searcher and its panic formatting, several KB of wasm.
fn split_secret(s: &str) -> Option<(&str, &str)> {
    const SEP: &[u8] = b"_secret_";
    let at = s.as_bytes().windows(SEP.len()).position(|w| w == SEP)?;
    Some((s.get(..at)?, s.get(at + SEP.len()..)?))
}

/// A PaymentIntent's client secret (`pi_…_secret_…`); its `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret(String);

impl ClientSecret {
    /// Accepts `pi_<id>_secret_<secret>`.
    pub fn parse(s: &str) -> Option<Self> {
        let (id, secret) = split_secret(s)?;
        let ok = id.len() > 3 && id.starts_with("pi_") && !secret.is_empty();
        ok.then(|| Self(s.to_owned()))
    }

    /// The PaymentIntent id part, `pi_…`.
    pub fn payment_intent_id(&self) -> &str {
        split_secret(&self.0).map_or("", |(id, _)| id)
    }

    /// The secret itself, to hand to Stripe.js.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClientSecret({}_secret_…)", self.payment_intent_id())
    }
}

/// Which element fired an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementType {
    /// The Payment Element.
    Payment,
    /// The Address Element.
    Address,
    /// Another element type.
    #[serde(other)]
    Other,
}

impl ElementType {
    /// The name `elements.create()` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Payment => "payment",
            Self::Address => "address",
            Self::Other => "other",
        }
    }
}

/// Payload of `ready`, `focus`, `blur` and `escape`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementEvent {
    /// The element that fired.
    pub element_type: ElementType,
}

/// Payload of `change` (Payment and Address Element).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeEvent {
    /// The element that fired.
    pub element_type: ElementType,
    /// No input yet.
    #[serde(default)]
    pub empty: bool,
    /// Every required field is filled in and valid.
    #[serde(default)]
    pub complete: bool,
}

/// Payload of `loaderror`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadErrorEvent {
    /// The element that failed.
    pub element_type: ElementType,
    /// Why.
    pub error: StripeError,
}

/// `value` of `addressElement.getValue()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressValue {
    /// Full name.
    pub name: String,
    /// The address.
    pub address: Address,
    /// Phone, when collected.
    #[serde(default)]
    pub phone: Option<String>,
}

/// Result of `addressElement.getValue()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressResult {
    /// Whether every required field is valid.
    pub complete: bool,
    /// Whether the address was typed rather than picked from saved ones.
    #[serde(default)]
    pub is_new_address: bool,
    /// The address.
    pub value: AddressValue,
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::StripeErrorType;
    use serde_json::{from_str, from_value, json};

    #[test]
    fn stripe_fixtures_parse() {
        let pi: PaymentIntent =
            from_str(include_str!("../tests/data/payment_intent.json")).unwrap();
        assert_eq!(pi.id, "pi_1PgafyB7WZ01zgkWSjxsAJo3");
        assert_eq!(pi.status, PaymentIntentStatus::RequiresPaymentMethod);
        assert_eq!(pi.amount, Some(1099));
        assert_eq!(
            pi.last_payment_error.unwrap().kind,
            StripeErrorType::IdempotencyError
        );
        let token: ConfirmationToken =
            from_str(include_str!("../tests/data/confirmation_token.json")).unwrap();
        assert_eq!(token.id, "ctoken_1Pgc73B7WZ01zgkWgFXpfTtv");
    }

    #[test]
    fn statuses_and_success() {
        for (wire, ok) in [
            ("succeeded", true),
            ("processing", true),
            ("requires_capture", true),
            ("requires_action", false),
            ("requires_payment_method", false),
            ("canceled", false),
        ] {
            let s: PaymentIntentStatus = from_value(json!(wire)).unwrap();
            assert_eq!(s.as_str(), wire);
            assert_eq!(s.is_success(), ok, "{wire}");
        }
        let new: PaymentIntentStatus = from_value(json!("some_future_status")).unwrap();
        assert_eq!(new, PaymentIntentStatus::Unknown);
    }

    #[test]
    fn client_secret_parses_and_is_not_printed() {
        let s = ClientSecret::parse("pi_123_secret_abc").unwrap();
        assert_eq!(s.payment_intent_id(), "pi_123");
        assert_eq!(s.expose(), "pi_123_secret_abc");
        assert!(!format!("{s:?}").contains("abc"));
        let twice = ClientSecret::parse("pi_ü1_secret_a_secret_b").unwrap();
        assert_eq!(
            twice.payment_intent_id(),
            "pi_ü1",
            "split at the first _secret_"
        );
        for bad in [
            "",
            "pi_123",
            "seti_1_secret_x",
            "pi__secret_x",
            "pi_1_secret_",
        ] {
            assert!(ClientSecret::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn events_and_address_values_parse() {
        let change: ChangeEvent = from_value(json!({
            "elementType": "payment", "empty": false, "complete": true, "collapsed": false,
            "value": {"type": "card"}
        }))
        .unwrap();
        assert!(change.complete && change.element_type == ElementType::Payment);
        let err: LoadErrorEvent = from_value(json!({
            "elementType": "payment", "error": {"type": "invalid_request_error", "message": "x"}
        }))
        .unwrap();
        assert_eq!(err.error.kind, StripeErrorType::InvalidRequestError);
        let value: AddressResult = from_value(json!({
            "complete": true, "isNewAddress": true,
            "value": {"name": "Jenny", "address": {"line1": "1 Main", "line2": null,
                "city": "SF", "state": "CA", "postal_code": "94107", "country": "US"}}
        }))
        .unwrap();
        assert_eq!(value.value.address.postal_code.as_deref(), Some("94107"));
        assert_eq!(value.value.phone, None);
    }
}
