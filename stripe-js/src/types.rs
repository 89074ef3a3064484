//! What Stripe.js gives back: ConfirmationTokens, PaymentIntents, element events.

use wasm_bindgen::JsValue;

use super::js::{FromJs, Unknown};

use super::error::StripeError;
use super::options::Address;
use stripe_checkout_wire::PaymentIntentStatus;

/// A ConfirmationToken (`ctoken_…`): what the backend confirms the PaymentIntent with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConfirmationToken {
    /// The id, `ctoken_…`.
    pub id: String,
    /// Whether it was made with a live key.
    pub livemode: bool,
}

/// `PaymentIntent.next_action` (only its type; Stripe.js handles the rest).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NextAction {
    /// E.g. `use_stripe_sdk`, `redirect_to_url`.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: String,
}

/// A PaymentIntent as Stripe.js returns it to the browser.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PaymentIntent {
    /// The id, `pi_…`.
    pub id: String,
    /// Where the payment stands.
    pub status: PaymentIntentStatus,
    /// Amount in the smallest currency unit.
    pub amount: Option<u64>,
    /// Currency.
    pub currency: Option<String>,
    /// The client secret.
    pub client_secret: Option<String>,
    /// What the customer must do next.
    pub next_action: Option<NextAction>,
    /// Why the last attempt failed.
    pub last_payment_error: Option<StripeError>,
}

/// A SetupIntent as Stripe.js returns it to the browser (`api/setup-intents.d.ts`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SetupIntent {
    /// The id, `seti_…`.
    pub id: String,
    /// Where the setup stands (a subset of the PaymentIntent statuses).
    pub status: PaymentIntentStatus,
    /// The client secret.
    pub client_secret: Option<String>,
    /// `off_session` or `on_session`.
    pub usage: Option<String>,
    /// What the customer must do next.
    pub next_action: Option<NextAction>,
    /// Why the last attempt failed.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ElementEvent {
    /// The element that fired.
    pub element_type: ElementType,
}

/// Payload of `change` (Payment and Address Element).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ChangeEvent {
    /// The element that fired.
    pub element_type: ElementType,
    /// No input yet.
    pub empty: bool,
    /// Every required field is filled in and valid.
    pub complete: bool,
}

/// Payload of the Address Element's `change` (`StripeAddressElementChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct AddressChangeEvent {
    /// No input yet.
    pub empty: bool,
    /// Every required field is filled in and valid.
    pub complete: bool,
    /// Typed rather than picked from saved addresses.
    pub is_new_address: bool,
    /// The address so far.
    pub value: AddressValue,
}

/// `value` of the Link Authentication Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EmailValue {
    /// The email typed so far.
    pub email: String,
}

/// Payload of the Link Authentication Element's `change`
/// (`StripeLinkAuthenticationElementChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LinkAuthenticationChangeEvent {
    /// No input yet.
    pub empty: bool,
    /// A valid email.
    pub complete: bool,
    /// The email.
    pub value: EmailValue,
}

/// Payload of `loaderror`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct LoadErrorEvent {
    /// The element that failed.
    pub element_type: ElementType,
    /// Why.
    pub error: StripeError,
}

/// `value` of `addressElement.getValue()` and of the Address Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AddressValue {
    /// Full name.
    pub name: String,
    /// The address.
    pub address: Address,
    /// Phone, when collected.
    pub phone: Option<String>,
}

/// Result of `addressElement.getValue()`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct AddressResult {
    /// Whether every required field is valid.
    pub complete: bool,
    /// Whether the address was typed rather than picked from saved ones.
    pub is_new_address: bool,
    /// The address.
    pub value: AddressValue,
}

// ---- Reading them from Stripe.js (`js.rs`); field names as in `@stripe/stripe-js`.

read_object!(ConfirmationToken {
    id: "id",
    livemode: "livemode" or default,
});

read_object!(NextAction { kind: "type" });

read_object!(PaymentIntent {
    id: "id",
    status: "status",
    amount: "amount",
    currency: "currency",
    client_secret: "client_secret",
    next_action: "next_action",
    last_payment_error: "last_payment_error",
});

read_object!(SetupIntent {
    id: "id",
    status: "status",
    client_secret: "client_secret",
    usage: "usage",
    next_action: "next_action",
    last_setup_error: "last_setup_error",
});

impl FromJs for ElementType {
    fn read(v: &JsValue, _: Unknown) -> Result<Self, String> {
        Ok(match String::from_js(v)?.as_str() {
            "payment" => Self::Payment,
            "address" => Self::Address,
            "linkAuthentication" => Self::LinkAuthentication,
            "expressCheckout" => Self::ExpressCheckout,
            _ => Self::Other,
        })
    }
}

read_object!(ElementEvent {
    element_type: "elementType",
});

read_object!(ChangeEvent {
    element_type: "elementType",
    empty: "empty" or default,
    complete: "complete" or default,
});

read_object!(AddressChangeEvent {
    empty: "empty" or default,
    complete: "complete" or default,
    is_new_address: "isNewAddress" or default,
    value: "value",
});

read_object!(EmailValue {
    email: "email" or default,
});

read_object!(LinkAuthenticationChangeEvent {
    empty: "empty" or default,
    complete: "complete" or default,
    value: "value",
});

read_object!(LoadErrorEvent {
    element_type: "elementType",
    error: "error",
});

read_object!(AddressValue {
    name: "name" or default,
    address: "address",
    phone: "phone",
});

read_object!(AddressResult {
    complete: "complete",
    is_new_address: "isNewAddress" or default,
    value: "value",
});
