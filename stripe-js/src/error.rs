//! The one error type of the Stripe layer: `Send + Clone`, holding only strings.

use wasm_bindgen::{JsCast, JsValue};

use super::js::{FromJs, Unknown};

/// Everything that can go wrong talking to Stripe.js.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The publishable key was refused before Stripe.js saw it.
    InvalidKey(String),
    /// An option or param that Stripe.js would refuse, named in the message.
    Options(String),
    /// Stripe.js could not be loaded (network, blocked, timeout) or did not define `Stripe`.
    Load(String),
    /// Stripe.js threw or rejected: an integration mistake (`IntegrationError`) or a bug.
    Integration {
        /// The Stripe.js method that threw, e.g. `elements.create`.
        operation: &'static str,
        /// The thrown value, stringified.
        message: String,
    },
    /// Stripe answered with `{error}`: a decline, a validation message, an API failure.
    Stripe(StripeError),
    /// A value from Stripe.js did not have the shape its TypeScript types promise.
    Shape {
        /// Where the value came from.
        operation: &'static str,
        /// What was wrong with it.
        detail: String,
    },
}

impl Error {
    /// What went wrong, in a sentence (what `Display` prints), built without `core::fmt`: the
    /// wasm carries no formatting machinery for it.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidKey(message) => message.clone(),
            Error::Options(message) => ["invalid option: ", message].concat(),
            Error::Load(message) => ["Stripe.js could not be loaded: ", message].concat(),
            Error::Integration { operation, message } => {
                ["Stripe.js rejected the call to ", operation, ": ", message].concat()
            }
            Error::Stripe(error) => error.message(),
            Error::Shape { operation, detail } => {
                ["unexpected value from ", operation, ": ", detail].concat()
            }
        }
    }

    /// Wraps a value thrown by Stripe.js (any value, not only an `Error`).
    pub(crate) fn thrown(operation: &'static str, value: JsValue) -> Self {
        Error::Integration {
            operation,
            message: describe_thrown(&value),
        }
    }

    /// The `{error}` Stripe returned, if that is what this is.
    pub fn stripe_error(&self) -> Option<&StripeError> {
        match self {
            Error::Stripe(e) => Some(e),
            _ => None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

impl From<stripe_checkout_wire::KeyError> for Error {
    fn from(error: stripe_checkout_wire::KeyError) -> Self {
        Error::InvalidKey(error.message().into())
    }
}

/// Turns any thrown JS value into a readable sentence without panicking.
pub fn describe_thrown(value: &JsValue) -> String {
    if let Some(err) = value.dyn_ref::<js_sys::Error>() {
        let name = String::from(err.name());
        let message = String::from(err.message());
        return if name.is_empty() || name == "Error" {
            message
        } else {
            [name, message].join(": ")
        };
    }
    if let Some(s) = value.as_string() {
        return s;
    }
    if value.is_undefined() || value.is_null() {
        return "no reason given".into();
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| "an unprintable value".into())
}

/// The eight documented kinds of `StripeError.type`, plus anything newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum StripeErrorType {
    /// Failure to connect to Stripe's API.
    ApiConnectionError,
    /// A temporary problem with Stripe's servers.
    ApiError,
    /// Failure to authenticate the request.
    AuthenticationError,
    /// A card that cannot be charged: the message is meant for the customer.
    CardError,
    /// An idempotency key re-used with different parameters.
    IdempotencyError,
    /// Invalid parameters.
    InvalidRequestError,
    /// Too many requests.
    RateLimitError,
    /// Client-side validation of the Elements' fields: the message is meant for the customer.
    ValidationError,
    /// A kind this crate does not know yet.
    Unknown,
}

impl StripeErrorType {
    /// The wire name (`"card_error"` …); `"unknown"` for kinds this crate does not know.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ApiConnectionError => "api_connection_error",
            Self::ApiError => "api_error",
            Self::AuthenticationError => "authentication_error",
            Self::CardError => "card_error",
            Self::IdempotencyError => "idempotency_error",
            Self::InvalidRequestError => "invalid_request_error",
            Self::RateLimitError => "rate_limit_error",
            Self::ValidationError => "validation_error",
            Self::Unknown => "unknown",
        }
    }
}

/// `StripeError` as `@stripe/stripe-js` types it (the fields a checkout uses).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StripeError {
    /// The kind of error.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: StripeErrorType,
    /// A short machine-readable code, e.g. `card_declined`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub code: Option<String>,
    /// For card declines, the issuer's reason.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub decline_code: Option<String>,
    /// A human-readable message.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<String>,
    /// The parameter the error relates to.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub param: Option<String>,
}

impl StripeError {
    /// Whether Stripe means `message` for the customer (`card_error`, `validation_error`).
    pub fn is_customer_facing(&self) -> bool {
        matches!(
            self.kind,
            StripeErrorType::CardError | StripeErrorType::ValidationError
        )
    }
}

impl StripeError {
    /// Its `message`, or which kind of error it was (what `Display` prints).
    pub fn message(&self) -> String {
        match &self.message {
            Some(m) => m.clone(),
            None => ["Stripe returned a ", self.kind.as_str(), " error"].concat(),
        }
    }
}

impl std::fmt::Display for StripeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl StripeErrorType {
    /// Every documented type, for reading one from its name.
    const KNOWN: [Self; 8] = [
        Self::ApiConnectionError,
        Self::ApiError,
        Self::AuthenticationError,
        Self::CardError,
        Self::IdempotencyError,
        Self::InvalidRequestError,
        Self::RateLimitError,
        Self::ValidationError,
    ];
}

impl StripeErrorType {
    /// The type named `name` (`"card_error"` …); [`Unknown`](Self::Unknown) for any other.
    pub fn parse(name: &str) -> Self {
        Self::KNOWN
            .into_iter()
            .find(|kind| kind.as_str() == name)
            .unwrap_or(Self::Unknown)
    }
}

impl FromJs for StripeErrorType {
    fn read(v: &JsValue, _: Unknown) -> Result<Self, String> {
        Ok(Self::parse(&String::from_js(v)?))
    }
}

read_object!(StripeError {
    kind: "type",
    code: "code",
    decline_code: "decline_code",
    message: "message",
    param: "param",
});

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::{json, to_value};

    #[test]
    fn every_documented_error_type_serialises_as_its_name() {
        for kind in StripeErrorType::KNOWN {
            assert_eq!(to_value(kind).unwrap(), json!(kind.as_str()));
        }
    }

    #[test]
    fn stripe_error_says_its_message_or_its_type() {
        let e = StripeError {
            kind: StripeErrorType::CardError,
            code: Some("card_declined".into()),
            decline_code: Some("insufficient_funds".into()),
            message: Some("Your card has insufficient funds.".into()),
            param: None,
        };
        assert!(e.is_customer_facing());
        assert_eq!(e.to_string(), "Your card has insufficient funds.");
        let bare = StripeError {
            kind: StripeErrorType::ApiError,
            code: None,
            decline_code: None,
            message: None,
            param: None,
        };
        assert!(!bare.is_customer_facing());
        assert_eq!(bare.to_string(), "Stripe returned a api_error error");
    }

    #[test]
    fn errors_are_send_and_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Error>();
    }
}
