//! The Express Checkout Element: wallet buttons (Apple Pay, Google Pay, Link, …), its options
//! and its events, typed after `@stripe/stripe-js`'s `elements/express-checkout.d.ts`.
//!
//! Events that wait for an answer (`click`, `shippingaddresschange`, `shippingratechange`,
//! `confirm`) arrive as a [`Reply`]: the event's data plus the methods to answer it, which must
//! be called synchronously or soon (Stripe closes the sheet if `click` is not resolved within
//! one second, and a shipping change within 20 seconds).

use std::ops::Deref;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::element::{Element, Listener};
use super::error::Error;
use super::js::{field, object, set, FromJs, ToJs, Unknown};
use super::options::Address;
use super::sys;
use super::types::ElementEvent;

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
}

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

/// An event that waits for an answer: its data, and the answering methods of the `impl` for
/// its type. Dropping it without answering lets Stripe.js time out.
#[derive(Debug)]
pub struct Reply<T> {
    /// The event's data.
    pub event: T,
    raw: JsValue,
}

impl<T> Deref for Reply<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.event
    }
}

impl<T> Reply<T> {
    /// Calls `event[name](arg?)`.
    fn call(&self, name: &'static str, arg: Option<JsValue>) -> Result<(), Error> {
        let function: Function = Reflect::get(&self.raw, &name.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| Error::Shape {
                operation: name,
                detail: "the event has no such function".into(),
            })?;
        match arg {
            Some(arg) => function.call1(&self.raw, &arg),
            None => function.call0(&self.raw),
        }
        .map(drop)
        .map_err(|e| Error::thrown(name, e))
    }
}

impl Reply<ExpressClickEvent> {
    /// `event.resolve(details)`: opens the sheet. Must be called within one second.
    pub fn resolve(&self, details: &ClickResolveDetails) -> Result<(), Error> {
        self.call("resolve", Some(details.to_js()))
    }

    /// `event.reject()`: the sheet is not opened.
    pub fn reject(&self) -> Result<(), Error> {
        self.call("reject", None)
    }
}

/// The answer to a shipping change.
macro_rules! change_replies {
    ($($event:ty),*) => {$(
        impl Reply<$event> {
            /// `event.resolve(details)`: the change is accepted with these rates and lines.
            pub fn resolve(&self, details: &ChangeResolveDetails) -> Result<(), Error> {
                self.call("resolve", Some(details.to_js()))
            }

            /// `event.reject()`: the sheet tells the customer the choice cannot be used.
            pub fn reject(&self) -> Result<(), Error> {
                self.call("reject", None)
            }
        }
    )*};
}
change_replies!(ShippingAddressChangeEvent, ShippingRateChangeEvent);

impl Reply<ExpressConfirmEvent> {
    /// `event.paymentFailed({reason})`: the sheet shows the failure and closes.
    pub fn payment_failed(&self, reason: PaymentFailedReason) -> Result<(), Error> {
        let payload = Object::new();
        set(&payload, "reason", &reason);
        self.call("paymentFailed", Some(payload.into()))
    }
}

/// The Express Checkout Element.
#[derive(Debug)]
#[must_use = "the element is destroyed when this handle is dropped"]
pub struct ExpressCheckoutElement(Element);

impl ExpressCheckoutElement {
    pub(crate) fn from_sys(inner: sys::StripeElement) -> Self {
        Self(Element::from_sys(inner))
    }

    /// `ready`, with the buttons shown (`None`: no wallet here, nothing is shown).
    pub fn on_express_ready(
        &self,
        handler: impl FnMut(ExpressReadyEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("ready", handler)
    }

    /// `click`: answer with [`Reply::resolve`] within one second.
    pub fn on_click(
        &self,
        handler: impl FnMut(Reply<ExpressClickEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("click", handler)
    }

    /// `confirm`: the customer approved; make the token, and call [`Reply::payment_failed`] if
    /// the payment then fails.
    pub fn on_confirm(
        &self,
        handler: impl FnMut(Reply<ExpressConfirmEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("confirm", handler)
    }

    /// `cancel`: the customer closed the sheet.
    pub fn on_cancel(
        &self,
        handler: impl FnMut(ElementEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("cancel", handler)
    }

    /// `shippingaddresschange`: answer with the rates for the new address, or reject it.
    pub fn on_shipping_address_change(
        &self,
        handler: impl FnMut(Reply<ShippingAddressChangeEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("shippingaddresschange", handler)
    }

    /// `shippingratechange`: answer with the new lines, or reject the rate.
    pub fn on_shipping_rate_change(
        &self,
        handler: impl FnMut(Reply<ShippingRateChangeEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("shippingratechange", handler)
    }

    fn on_reply<T: FromJs + 'static>(
        &self,
        event: &'static str,
        mut handler: impl FnMut(Reply<T>) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on_raw(event, move |raw: JsValue| {
            match super::from_js::<T>("element.on", raw.clone()) {
                Ok(event) => handler(Reply { event, raw }),
                Err(e) => web_sys::console::warn_1(&format!("{event}: {e}").into()),
            }
        })
    }
}

// ---- Reading the events from Stripe.js and writing the options (`js.rs`); names as in
// `express-checkout.d.ts`.

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
        object.into()
    }
}

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

impl Deref for ExpressCheckoutElement {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
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
