//! `PaymentIntent.status`, as Stripe, Stripe.js and the backend's answer spell it; a
//! SetupIntent's statuses (`requires_payment_method`, `requires_confirmation`,
//! `requires_action`, `processing`, `canceled`, `succeeded`: Stripe's SetupIntent object
//! reference) are a subset, so the same enum reads both.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `PaymentIntent.status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    Unknown,
}

impl PaymentIntentStatus {
    /// Every status this crate knows, in Stripe's lifecycle order.
    pub const KNOWN: [Self; 7] = [
        Self::RequiresPaymentMethod,
        Self::RequiresConfirmation,
        Self::RequiresAction,
        Self::Processing,
        Self::RequiresCapture,
        Self::Canceled,
        Self::Succeeded,
    ];

    /// The status named `name`; [`Self::Unknown`] for a name this crate does not know yet.
    pub fn parse(name: &str) -> Self {
        match name {
            "requires_payment_method" => Self::RequiresPaymentMethod,
            "requires_confirmation" => Self::RequiresConfirmation,
            "requires_action" => Self::RequiresAction,
            "processing" => Self::Processing,
            "requires_capture" => Self::RequiresCapture,
            "canceled" => Self::Canceled,
            "succeeded" => Self::Succeeded,
            _ => Self::Unknown,
        }
    }

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

impl Serialize for PaymentIntentStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Any string: one this crate does not know becomes [`PaymentIntentStatus::Unknown`].
impl<'de> Deserialize<'de> for PaymentIntentStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|name| Self::parse(&name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    #[test]
    fn statuses_and_success() {
        for (wire, ok) in [
            ("succeeded", true),
            ("processing", true),
            ("requires_capture", true),
            ("requires_action", false),
            ("requires_payment_method", false),
            ("requires_confirmation", false),
            ("canceled", false),
        ] {
            let s: PaymentIntentStatus = from_value(json!(wire)).unwrap();
            assert_eq!(s.as_str(), wire);
            assert_eq!(s.is_success(), ok, "{wire}");
        }
        let new: PaymentIntentStatus = from_value(json!("some_future_status")).unwrap();
        assert_eq!(new, PaymentIntentStatus::Unknown);
        assert!(from_value::<PaymentIntentStatus>(json!(3)).is_err());
    }

    #[test]
    fn every_known_status_round_trips_through_its_name() {
        for status in PaymentIntentStatus::KNOWN {
            assert_eq!(PaymentIntentStatus::parse(status.as_str()), status);
            assert_eq!(to_value(status).unwrap(), json!(status.as_str()));
        }
    }
}
