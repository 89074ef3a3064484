//! What Stripe.js gives back: ConfirmationTokens, PaymentIntents, element events.

use serde::{Deserialize, Serialize};

use super::error::StripeError;
use super::options::Address;
use stripe_checkout_wire::PaymentIntentStatus;

/// A ConfirmationToken (`ctoken_…`): what the backend confirms the PaymentIntent with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationToken {
    /// The id, `ctoken_…`.
    pub id: String,
    /// Whether it was made with a live key.
    #[serde(default)]
    pub livemode: bool,
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

/// A SetupIntent as Stripe.js returns it to the browser (`api/setup-intents.d.ts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupIntent {
    /// The id, `seti_…`.
    pub id: String,
    /// Where the setup stands (a subset of the PaymentIntent statuses).
    pub status: PaymentIntentStatus,
    /// The client secret.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// `off_session` or `on_session`.
    #[serde(default)]
    pub usage: Option<String>,
    /// What the customer must do next.
    #[serde(default)]
    pub next_action: Option<NextAction>,
    /// Why the last attempt failed.
    #[serde(default)]
    pub last_setup_error: Option<StripeError>,
}

/// A PaymentIntent or a SetupIntent: what `handleNextAction` resolves with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    /// A payment.
    Payment(PaymentIntent),
    /// A saved payment method.
    Setup(SetupIntent),
}

impl Intent {
    /// Where it stands.
    pub fn status(&self) -> PaymentIntentStatus {
        match self {
            Self::Payment(intent) => intent.status,
            Self::Setup(intent) => intent.status,
        }
    }

    /// Why the last attempt failed.
    pub fn last_error(&self) -> Option<&StripeError> {
        match self {
            Self::Payment(intent) => intent.last_payment_error.as_ref(),
            Self::Setup(intent) => intent.last_setup_error.as_ref(),
        }
    }
}

/// Which element fired an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ElementType {
    /// The Payment Element.
    Payment,
    /// The Address Element.
    Address,
    /// The Link Authentication Element.
    LinkAuthentication,
    /// The Express Checkout Element.
    ExpressCheckout,
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
            Self::LinkAuthentication => "linkAuthentication",
            Self::ExpressCheckout => "expressCheckout",
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

/// Payload of the Address Element's `change` (`StripeAddressElementChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressChangeEvent {
    /// No input yet.
    #[serde(default)]
    pub empty: bool,
    /// Every required field is filled in and valid.
    #[serde(default)]
    pub complete: bool,
    /// Typed rather than picked from saved addresses.
    #[serde(default)]
    pub is_new_address: bool,
    /// The address so far.
    pub value: AddressValue,
}

/// `value` of the Link Authentication Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailValue {
    /// The email typed so far.
    #[serde(default)]
    pub email: String,
}

/// Payload of the Link Authentication Element's `change`
/// (`StripeLinkAuthenticationElementChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkAuthenticationChangeEvent {
    /// No input yet.
    #[serde(default)]
    pub empty: bool,
    /// A valid email.
    #[serde(default)]
    pub complete: bool,
    /// The email.
    pub value: EmailValue,
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

/// `value` of `addressElement.getValue()` and of the Address Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressValue {
    /// Full name.
    #[serde(default)]
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
