//! The Address Element's options (`elements/address.d.ts`). camelCase.

use serde::{Deserialize, Serialize};

use super::BillingAddress;

/// Whether the Address Element collects a shipping or a billing address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressMode {
    /// A shipping address.
    #[default]
    Shipping,
    /// A billing address.
    Billing,
}

/// Whether the Address Element shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldVisibility {
    /// Always shown.
    Always,
    /// Never shown.
    Never,
    /// Stripe decides.
    Auto,
}

/// `fields` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressFields {
    /// The phone field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<FieldVisibility>,
}

/// `defaultValues` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressDefaults {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The address (its `country` is required by Stripe.js).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<BillingAddress>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// `autocomplete` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Autocomplete {
    /// Stripe's own suggestions.
    Automatic,
    /// No suggestions.
    Disabled,
    /// Suggestions from the shop's own Google Maps key.
    GoogleMapsApi {
        /// The Google Maps API key.
        #[serde(rename = "apiKey")]
        api_key: String,
    },
}

/// `validation` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressValidation {
    /// Phone validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneValidation>,
}

/// `validation.phone` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneValidation {
    /// Whether a phone number is required.
    pub required: FieldVisibility,
}

/// Options of `elements.create('address', …)` (`StripeAddressElementOptions`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressElementOptions {
    /// Shipping or billing.
    pub mode: AddressMode,
    /// Two-letter country codes to offer; all when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_countries: Vec<String>,
    /// Which optional fields to show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<AddressFields>,
    /// Prefilled values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_values: Option<AddressDefaults>,
    /// Address suggestions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<Autocomplete>,
    /// Extra validation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation: Option<AddressValidation>,
}
