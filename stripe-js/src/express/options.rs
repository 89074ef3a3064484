//! The Express Checkout Element's options and what the sheet collects
//! (`elements/express-checkout.d.ts`), written to Stripe.js; `ShippingRate` is also read from
//! Stripe.js's events and the shop's `data-shipping-rates`. camelCase.

use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};

use crate::js::{field, object, set, Extra, FromJs, Modelled, ToJs, Unknown};

/// `'always'`, `'auto'` or `'never'` for one express payment method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ExpressMethodOption {
    /// Shown even without a saved card (Apple Pay, Google Pay only).
    Always,
    /// Shown where available.
    Auto,
    /// Never shown.
    Never,
}

/// `paymentMethods`: which express methods the element may show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct ExpressPaymentMethods {
    /// Apple Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub apple_pay: Option<ExpressMethodOption>,
    /// Google Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub google_pay: Option<ExpressMethodOption>,
    /// Link.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub link: Option<ExpressMethodOption>,
    /// PayPal.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub paypal: Option<ExpressMethodOption>,
    /// Amazon Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub amazon_pay: Option<ExpressMethodOption>,
    /// Klarna.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub klarna: Option<ExpressMethodOption>,
}

/// A line of the payment sheet (`LineItem`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LineItem {
    /// What it is.
    pub name: String,
    /// Its amount in the smallest currency unit.
    pub amount: u64,
}

/// A shipping rate the customer can choose in the sheet (`ShippingRate`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct ShippingRate {
    /// The shop's id for it.
    pub id: String,
    /// Its price in the smallest currency unit.
    pub amount: u64,
    /// What the sheet shows.
    pub display_name: String,
    /// When it arrives, as text (the structured form is not modelled).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub delivery_estimate: Option<String>,
}

/// `{name}` of the business shown in the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Business {
    /// The business name.
    pub name: String,
}

/// `layout` of the buttons (`LayoutOption`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct ExpressLayout {
    /// Buttons per row.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub max_columns: Option<u32>,
    /// Rows before the rest overflow.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub max_rows: Option<u32>,
    /// `auto` or `never`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub overflow: Option<String>,
}

/// What the sheet collects, shared by the element's options and `click`'s `resolve`
/// (`ClickResolveDetails`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct ClickResolveDetails {
    /// Collect an email.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub email_required: Option<bool>,
    /// Collect a phone number.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone_number_required: Option<bool>,
    /// Collect a billing address.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub billing_address_required: Option<bool>,
    /// Collect a shipping address (then `shipping_rates` should be set).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub shipping_address_required: Option<bool>,
    /// Two-letter codes of the countries the shop ships to.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub allowed_shipping_countries: Vec<String>,
    /// The rates offered; the first is selected.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub shipping_rates: Vec<ShippingRate>,
    /// The sheet's lines (they must add up to the Elements amount).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub line_items: Vec<LineItem>,
    /// The business shown in the sheet.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub business: Option<Business>,
}

/// Options of `elements.create('expressCheckout', …)` (`StripeExpressCheckoutElementOptions`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ExpressCheckoutOptions {
    /// What the sheet collects (may also be given per click, in `resolve`).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub collect: ClickResolveDetails,
    /// Which methods may show.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub payment_methods: Option<ExpressPaymentMethods>,
    /// The order of the buttons, by method name (`apple_pay`, `google_pay`, `link`, …).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub payment_method_order: Vec<String>,
    /// Button height in pixels (40–55).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub button_height: Option<u32>,
    /// How the buttons are laid out.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub layout: Option<ExpressLayout>,
    /// Options of Stripe.js we have not modelled, merged in last; none of ours ([`Extra`]).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub extra: Extra<Self>,
}

// ---- Read and written (`js.rs`); names as in `express-checkout.d.ts`.

impl FromJs for ShippingRate {
    fn read(v: &JsValue, unknown: Unknown) -> Result<Self, String> {
        object(
            v,
            unknown,
            &["id", "amount", "displayName", "deliveryEstimate"],
        )?;
        let delivery_estimate = field(v, "deliveryEstimate", unknown);
        Ok(Self {
            id: field(v, "id", unknown)?,
            amount: field(v, "amount", unknown)?,
            display_name: field(v, "displayName", unknown)?,
            // From Stripe.js: a string, or a structured estimate this type does not model (then
            // left out). From the shop: a string.
            delivery_estimate: match unknown {
                Unknown::Ignored => delivery_estimate.unwrap_or(None),
                Unknown::Refused => delivery_estimate?,
            },
        })
    }
}

write_object!(ShippingRate {
    id: "id",
    amount: "amount",
    display_name: "displayName",
    delivery_estimate: "deliveryEstimate",
});

js_enum!(ExpressMethodOption {
    Always = "always",
    Auto = "auto",
    Never = "never",
});

write_object!(ExpressPaymentMethods {
    apple_pay: "applePay",
    google_pay: "googlePay",
    link: "link",
    paypal: "paypal",
    amazon_pay: "amazonPay",
    klarna: "klarna",
});

write_object!(LineItem {
    name: "name",
    amount: "amount",
});

write_object!(Business { name: "name" });

write_object!(ExpressLayout {
    max_columns: "maxColumns",
    max_rows: "maxRows",
    overflow: "overflow",
});

write_object!(ClickResolveDetails {
    email_required: "emailRequired",
    phone_number_required: "phoneNumberRequired",
    billing_address_required: "billingAddressRequired",
    shipping_address_required: "shippingAddressRequired",
    allowed_shipping_countries: "allowedShippingCountries",
    shipping_rates: "shippingRates",
    line_items: "lineItems",
    business: "business",
});

impl ToJs for ExpressCheckoutOptions {
    fn to_js(&self) -> JsValue {
        // What the sheet collects sits at the top level (`#[serde(flatten)]`).
        let object: Object = self.collect.to_js().unchecked_into();
        set(&object, "paymentMethods", &self.payment_methods);
        set(&object, "paymentMethodOrder", &self.payment_method_order);
        set(&object, "buttonHeight", &self.button_height);
        set(&object, "layout", &self.layout);
        self.extra.merge_into(&object);
        object.into()
    }
}

impl Modelled for ExpressCheckoutOptions {
    /// What the sheet collects, and the four fields `to_js` writes after it.
    fn models(name: &str) -> bool {
        ClickResolveDetails::models(name)
            || [
                "paymentMethods",
                "paymentMethodOrder",
                "buttonHeight",
                "layout",
            ]
            .contains(&name)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::js::tests::to_value;
    use serde_json::json;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn express_options_flatten_what_the_sheet_collects() {
        let options = ExpressCheckoutOptions {
            collect: ClickResolveDetails {
                email_required: Some(true),
                shipping_address_required: Some(true),
                allowed_shipping_countries: vec!["US".into()],
                shipping_rates: vec![ShippingRate {
                    id: "free".into(),
                    amount: 0,
                    display_name: "Free".into(),
                    delivery_estimate: None,
                }],
                ..Default::default()
            },
            button_height: Some(48),
            ..Default::default()
        };
        assert_eq!(
            to_value(&options).unwrap(),
            json!({
                "emailRequired": true, "shippingAddressRequired": true,
                "allowedShippingCountries": ["US"],
                "shippingRates": [{"id": "free", "amount": 0, "displayName": "Free"}],
                "buttonHeight": 48
            })
        );
        assert_eq!(
            to_value(ExpressCheckoutOptions::default()).unwrap(),
            json!({})
        );
    }
}
