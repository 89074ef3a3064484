//! The Address Element's options (`elements/address.d.ts`). camelCase.

use js_sys::Object;
use wasm_bindgen::JsValue;

use super::BillingAddress;
use crate::js::{set, Extra, ToJs};

/// Whether the Address Element collects a shipping or a billing address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AddressMode {
    /// A shipping address.
    #[default]
    Shipping,
    /// A billing address.
    Billing,
}

/// Whether the Address Element shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FieldVisibility {
    /// Always shown.
    Always,
    /// Never shown.
    Never,
    /// Stripe decides.
    Auto,
}

/// `fields` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AddressFields {
    /// The phone field.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<FieldVisibility>,
}

/// `defaultValues` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AddressDefaults {
    /// Full name.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<String>,
    /// The address (its `country` is required by Stripe.js).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub address: Option<BillingAddress>,
    /// Phone.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<String>,
}

/// `autocomplete` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)
)]
pub enum Autocomplete {
    /// Stripe's own suggestions.
    Automatic,
    /// No suggestions.
    Disabled,
    /// Suggestions from the shop's own Google Maps key.
    GoogleMapsApi {
        /// The Google Maps API key.
        #[cfg_attr(feature = "serde", serde(rename = "apiKey"))]
        api_key: String,
    },
}

/// `validation` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AddressValidation {
    /// Phone validation.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<PhoneValidation>,
}

/// `validation.phone` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PhoneValidation {
    /// Whether a phone number is required.
    pub required: FieldVisibility,
}

/// Options of `elements.create('address', …)` (`StripeAddressElementOptions`).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct AddressElementOptions {
    /// Shipping or billing.
    pub mode: AddressMode,
    /// Two-letter country codes to offer; all when empty.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub allowed_countries: Vec<String>,
    /// Which optional fields to show.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub fields: Option<AddressFields>,
    /// Prefilled values.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub default_values: Option<AddressDefaults>,
    /// Address suggestions.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub autocomplete: Option<Autocomplete>,
    /// Extra validation.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub validation: Option<AddressValidation>,
    /// Options of Stripe.js we have not modelled, merged in last; none of ours ([`Extra`]).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub extra: Extra<Self>,
}

// ---- Written to Stripe.js (`js.rs`); names as in `elements/address.d.ts`.

js_enum!(AddressMode {
    Shipping = "shipping",
    Billing = "billing",
});

js_enum!(FieldVisibility {
    Always = "always",
    Never = "never",
    Auto = "auto",
});

write_object!(AddressFields { phone: "phone" });

write_object!(AddressDefaults {
    name: "name",
    address: "address",
    phone: "phone",
});

impl ToJs for Autocomplete {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        let mode = match self {
            Self::Automatic => "automatic",
            Self::Disabled => "disabled",
            Self::GoogleMapsApi { api_key } => {
                set(&object, "apiKey", api_key);
                "google_maps_api"
            }
        };
        set(&object, "mode", &mode);
        object.into()
    }
}

write_object!(AddressValidation { phone: "phone" });

write_object!(PhoneValidation {
    required: "required",
});

write_object!(AddressElementOptions {
    mode: "mode",
    allowed_countries: "allowedCountries",
    fields: "fields",
    default_values: "defaultValues",
    autocomplete: "autocomplete",
    validation: "validation",
    ..extra
});
