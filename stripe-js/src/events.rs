//! The Payment Element's own events, as `elements/payment.d.ts` (`@stripe/stripe-js` 10.2.1)
//! types them: `change` with what the customer chose, `carddetailschange`,
//! `savedpaymentmethodupdate` / `savedpaymentmethodremove` and `availablepaymentmethodschange`.

use std::collections::BTreeMap;

use super::options::BillingAddress;
use super::types::ElementType;

/// Payload of the Payment Element's `change` (`StripePaymentElementChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct PaymentChangeEvent {
    /// The element that fired (`payment`).
    pub element_type: ElementType,
    /// Every input is empty.
    pub empty: bool,
    /// Every input is well-formed and potentially complete.
    pub complete: bool,
    /// The element is folded into its row of payment method tabs.
    pub collapsed: bool,
    /// What the customer chose.
    pub value: PaymentChangeValue,
}

/// Only `complete` of any element's `change`: for a handler that needs nothing else, so that the
/// wasm carries no reader of the rest (the ready-made `Checkout` of `stripe-checkout` uses it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChangeComplete {
    /// Every input is well-formed and potentially complete.
    pub complete: bool,
}

/// `value` of the Payment Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct PaymentChangeValue {
    /// The selected payment method type, in snake_case (`card`, `afterpay_clearpay` …).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: String,
    /// Whether the customer asked to save the payment method (when the element offers it).
    pub save_payment_method: Option<bool>,
    /// The billing country and postal code typed so far.
    pub billing_details: Option<ChangeBillingDetails>,
    /// The saved payment method the customer picked (with a CustomerSession).
    #[cfg_attr(feature = "serde", serde(rename = "payment_method"))]
    pub payment_method: Option<SavedPaymentMethod>,
}

/// `value.billingDetails` of the Payment Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChangeBillingDetails {
    /// The part of the address the element has.
    pub address: ChangeBillingAddress,
}

/// `value.billingDetails.address` of the Payment Element's `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ChangeBillingAddress {
    /// Two-letter country code.
    pub country: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
}

/// A saved payment method as the Payment Element's events carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SavedPaymentMethod {
    /// The id, `pm_…`.
    pub id: String,
    /// Its type (`card` …).
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: String,
    /// Its billing details.
    pub billing_details: SavedBillingDetails,
}

/// `billing_details` of a [`SavedPaymentMethod`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SavedBillingDetails {
    /// The billing address (every part may be `null`).
    pub address: BillingAddress,
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// Payload of `carddetailschange` (`StripePaymentElementCardDetailsChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct CardDetailsChangeEvent {
    /// The element that fired (`payment`).
    pub element_type: ElementType,
    /// The card details are loading.
    pub loading: bool,
    /// The card's details; `None` while loading and for other payment method types.
    pub details: Option<CardDetails>,
}

/// `details` of `carddetailschange`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CardDetails {
    /// The card's brands (`visa`, `cartes_bancaires` …), `None` when unknown.
    pub brands: Option<Vec<String>>,
    /// `credit`, `debit`, `prepaid` or `unknown`, `None` when unknown.
    pub funding: Option<String>,
}

/// Payload of `savedpaymentmethodupdate` and `savedpaymentmethodremove`
/// (`StripePaymentElementSavedPaymentMethodUpdateEvent` / `…RemoveEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct SavedPaymentMethodEvent {
    /// The element that fired (`payment`).
    pub element_type: ElementType,
    /// The update or removal succeeded.
    pub success: bool,
    /// Why it failed.
    pub error: Option<String>,
    /// The payment method updated or removed.
    #[cfg_attr(feature = "serde", serde(rename = "payment_method"))]
    pub payment_method: SavedPaymentMethod,
}

/// Payload of `availablepaymentmethodschange`
/// (`StripePaymentElementAvailablePaymentMethodsChangeEvent`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct AvailablePaymentMethodsChangeEvent {
    /// The element that fired (`payment`).
    pub element_type: ElementType,
    /// Each payment method type, and whether it is available; `None` when unknown.
    pub payment_methods: Option<BTreeMap<String, Availability>>,
}

/// One entry of [`AvailablePaymentMethodsChangeEvent::payment_methods`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Availability {
    /// The payment method can be used here.
    pub available: bool,
}

// ---- Reading them from Stripe.js; field names as in `elements/payment.d.ts`.

read_object!(PaymentChangeEvent {
    element_type: "elementType",
    empty: "empty" or default,
    complete: "complete" or default,
    collapsed: "collapsed" or default,
    value: "value",
});

read_object!(ChangeComplete {
    complete: "complete" or default,
});

read_object!(PaymentChangeValue {
    kind: "type",
    save_payment_method: "savePaymentMethod",
    billing_details: "billingDetails",
    payment_method: "payment_method",
});

read_object!(ChangeBillingDetails { address: "address" });

read_object!(ChangeBillingAddress {
    country: "country",
    postal_code: "postalCode",
});

read_object!(SavedPaymentMethod {
    id: "id",
    kind: "type",
    billing_details: "billing_details",
});

read_object!(SavedBillingDetails {
    address: "address" or default,
    name: "name",
    email: "email",
    phone: "phone",
});

read_object!(CardDetailsChangeEvent {
    element_type: "elementType",
    loading: "loading" or default,
    details: "details",
});

read_object!(CardDetails {
    brands: "brands",
    funding: "funding",
});

read_object!(SavedPaymentMethodEvent {
    element_type: "elementType",
    success: "success" or default,
    error: "error",
    payment_method: "payment_method",
});

read_object!(AvailablePaymentMethodsChangeEvent {
    element_type: "elementType",
    payment_methods: "paymentMethods",
});

read_object!(Availability {
    available: "available" or default,
});
