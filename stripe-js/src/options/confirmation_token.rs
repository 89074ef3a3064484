//! `createConfirmationToken`'s params (`stripe-js/confirmation-tokens.d.ts`, the API's
//! `ConfirmationTokenCreateParams`): shipping, billing details, addresses. snake_case, as the
//! API takes them.

use crate::error::Error;

/// `Address` of `@stripe/stripe-js` (`api/shared.d.ts`): every key present, absent parts `null`.
/// Read from Stripe.js (`js.rs`, extra keys ignored) and from the shop's JSON (`data-shipping`,
/// strictly: an unknown key is refused).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Address {
    /// Street line 1.
    #[cfg_attr(feature = "serde", serde(default))]
    pub line1: Option<String>,
    /// Street line 2.
    #[cfg_attr(feature = "serde", serde(default))]
    pub line2: Option<String>,
    /// City or town.
    #[cfg_attr(feature = "serde", serde(default))]
    pub city: Option<String>,
    /// State, county or province.
    #[cfg_attr(feature = "serde", serde(default))]
    pub state: Option<String>,
    /// Postal code.
    #[cfg_attr(feature = "serde", serde(default))]
    pub postal_code: Option<String>,
    /// Two-letter country code.
    #[cfg_attr(feature = "serde", serde(default))]
    pub country: Option<String>,
}

/// `ConfirmationToken.Shipping`: where the order goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Shipping {
    /// Recipient name.
    pub name: String,
    /// Recipient address.
    pub address: Address,
    /// Recipient phone.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<String>,
}

impl Shipping {
    /// Checks the parts Stripe needs to ship: a name, a first line and a country.
    pub fn validate(&self) -> Result<(), Error> {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        if self.name.trim().is_empty() {
            return Err(Error::Options("shipping.name is required".into()));
        }
        if blank(&self.address.line1) {
            return Err(Error::Options("shipping.address.line1 is required".into()));
        }
        match self.address.country.as_deref() {
            Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
            _ => Err(Error::Options(
                "shipping.address.country must be a two-letter code such as \"US\"".into(),
            )),
        }
    }
}

/// `PaymentMethodCreateParams.BillingDetails.Address`: every part optional, omitted when absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct BillingAddress {
    /// Street line 1.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub line1: Option<String>,
    /// Street line 2.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub line2: Option<String>,
    /// City.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub city: Option<String>,
    /// State.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub state: Option<String>,
    /// Postal code.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub postal_code: Option<String>,
    /// Two-letter country code.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub country: Option<String>,
}

/// `PaymentMethodCreateParams.BillingDetails`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct BillingDetails {
    /// Billing address.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub address: Option<BillingAddress>,
    /// Email.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub email: Option<String>,
    /// Name.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// Phone.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<String>,
}

/// `payment_method_data` of `ConfirmationTokenCreateParams`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PaymentMethodData {
    /// Billing details that override what Elements collected.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub billing_details: Option<BillingDetails>,
}

/// `ConfirmationTokenCreateParams` (snake_case, as the API takes them).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConfirmationTokenParams {
    /// Extra payment method data.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub payment_method_data: Option<PaymentMethodData>,
    /// Shipping details.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub shipping: Option<Shipping>,
    /// Where a redirect-based payment method returns the customer.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub return_url: Option<String>,
}

// ---- Written to Stripe.js, and read from the shop's JSON (`data-shipping`,
// `data-billing-details`) and from the Address Element (`js.rs`). snake_case, as the API.

js_object!(Address {
    line1: "line1" or null,
    line2: "line2" or null,
    city: "city" or null,
    state: "state" or null,
    postal_code: "postal_code" or null,
    country: "country" or null,
});

js_object!(Shipping {
    name: "name",
    address: "address",
    phone: "phone",
});

js_object!(BillingAddress {
    line1: "line1",
    line2: "line2",
    city: "city",
    state: "state",
    postal_code: "postal_code",
    country: "country",
});

js_object!(BillingDetails {
    address: "address",
    email: "email",
    name: "name",
    phone: "phone",
});

write_object!(PaymentMethodData {
    billing_details: "billing_details",
});

write_object!(ConfirmationTokenParams {
    payment_method_data: "payment_method_data",
    shipping: "shipping",
    return_url: "return_url",
});
