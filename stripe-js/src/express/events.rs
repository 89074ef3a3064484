//! The Express Checkout Element's events (`elements/express-checkout.d.ts`), read from
//! Stripe.js, and the answers written back to them. camelCase.

use super::{LineItem, ShippingRate};
use crate::options::Address;

/// `availablePaymentMethods` of `ready`: which buttons are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct AvailablePaymentMethods {
    /// Apple Pay.
    pub apple_pay: bool,
    /// Google Pay.
    pub google_pay: bool,
    /// Link.
    pub link: bool,
    /// PayPal.
    pub paypal: bool,
    /// Amazon Pay.
    pub amazon_pay: bool,
    /// Klarna.
    pub klarna: bool,
}

impl AvailablePaymentMethods {
    /// Whether any button is shown.
    pub fn any(&self) -> bool {
        let Self {
            apple_pay,
            google_pay,
            link,
            paypal,
            amazon_pay,
            klarna,
        } = *self;
        apple_pay || google_pay || link || paypal || amazon_pay || klarna
    }
}

/// Payload of the Express Checkout Element's `ready`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ExpressReadyEvent {
    /// The buttons shown; `None` when no wallet is available (nothing is shown).
    pub available_payment_methods: Option<AvailablePaymentMethods>,
}

/// Payload of `click`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ExpressClickEvent {
    /// `apple_pay`, `google_pay`, `link`, …
    pub express_payment_type: String,
}

/// A shipping address as the sheet reports it before confirmation: no street lines
/// (`ExpressCheckoutPartialAddress`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PartialAddress {
    /// City.
    pub city: Option<String>,
    /// State.
    pub state: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Two-letter country code.
    pub country: Option<String>,
}

/// Payload of `shippingaddresschange`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ShippingAddressChangeEvent {
    /// The recipient.
    pub name: String,
    /// Where to, without street lines.
    pub address: PartialAddress,
}

/// Payload of `shippingratechange`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ShippingRateChangeEvent {
    /// The rate chosen.
    pub shipping_rate: ShippingRate,
}

/// What a shipping change is answered with (`ChangeResolveDetails`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ChangeResolveDetails {
    /// The rates for the new address.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub shipping_rates: Vec<ShippingRate>,
    /// The new lines.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub line_items: Vec<LineItem>,
}

/// A recipient with a full address (`ShippingAddress` of `confirm`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExpressShippingAddress {
    /// The recipient.
    pub name: String,
    /// The address.
    pub address: Address,
}

/// `billingDetails` of `confirm`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExpressBillingDetails {
    /// The payer's name.
    pub name: String,
    /// Email, when required.
    pub email: Option<String>,
    /// Phone, when required.
    pub phone: Option<String>,
}

/// Payload of `confirm`: the customer approved the payment in the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ExpressConfirmEvent {
    /// `apple_pay`, `google_pay`, `link`, …
    pub express_payment_type: String,
    /// The payer.
    pub billing_details: Option<ExpressBillingDetails>,
    /// Where to ship, when collected.
    pub shipping_address: Option<ExpressShippingAddress>,
    /// The rate chosen, when offered.
    pub shipping_rate: Option<ShippingRate>,
}

/// Why a confirmed express payment failed (`paymentFailed`'s `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PaymentFailedReason {
    /// Any failure.
    Fail,
    /// The shop cannot ship there.
    InvalidShippingAddress,
    /// The billing address was refused.
    InvalidBillingAddress,
    /// The payment data was refused.
    InvalidPaymentData,
    /// The address cannot be served.
    AddressUnserviceable,
}

// ---- Read and written (`js.rs`); names as in `express-checkout.d.ts`.

write_object!(ChangeResolveDetails {
    shipping_rates: "shippingRates",
    line_items: "lineItems",
});

js_enum!(PaymentFailedReason {
    Fail = "fail",
    InvalidShippingAddress = "invalid_shipping_address",
    InvalidBillingAddress = "invalid_billing_address",
    InvalidPaymentData = "invalid_payment_data",
    AddressUnserviceable = "address_unserviceable",
});

read_object!(AvailablePaymentMethods {
    apple_pay: "applePay" or default,
    google_pay: "googlePay" or default,
    link: "link" or default,
    paypal: "paypal" or default,
    amazon_pay: "amazonPay" or default,
    klarna: "klarna" or default,
});

read_object!(ExpressReadyEvent {
    available_payment_methods: "availablePaymentMethods",
});

read_object!(ExpressClickEvent {
    express_payment_type: "expressPaymentType",
});

read_object!(PartialAddress {
    city: "city",
    state: "state",
    postal_code: "postal_code",
    country: "country",
});

read_object!(ShippingAddressChangeEvent {
    name: "name" or default,
    address: "address",
});

read_object!(ShippingRateChangeEvent {
    shipping_rate: "shippingRate",
});

read_object!(ExpressShippingAddress {
    name: "name",
    address: "address",
});

read_object!(ExpressBillingDetails {
    name: "name" or default,
    email: "email",
    phone: "phone",
});

read_object!(ExpressConfirmEvent {
    express_payment_type: "expressPaymentType",
    billing_details: "billingDetails",
    shipping_address: "shippingAddress",
    shipping_rate: "shippingRate",
});
