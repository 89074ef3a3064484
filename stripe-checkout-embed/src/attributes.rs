//! Reading a checkout host's `data-*` attributes into a [`CheckoutConfig`]; every error names
//! the attribute it is about.

use js_sys::JSON;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use stripe_checkout::components::{CheckoutConfig, RequestExtras};
use stripe_checkout::stripe::{
    is_locale, AddressElementOptions, AddressFields, AddressValidation, Appearance, BillingDetails,
    ClickResolveDetails, EmailDefault, Error, ExpressCheckoutOptions, FieldVisibility, FromJs,
    Layout, LinkAuthenticationOptions, Mode, PaymentDefaultValues, PaymentElementOptions,
    PhoneValidation, PublishableKey, SetupFutureUsage, Shipping, ShippingRate,
};

mod customer;
mod extras;
mod loader;
mod request;

use customer::customer_session;
use extras::extra;
use loader::account;
pub(crate) use loader::loader_options;
use request::request_extras;

/// A bad or missing attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    /// The attribute, e.g. `data-amount`.
    pub attribute: &'static str,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl AttributeError {
    /// "data-amount: must be …" (what `Display` prints), built without `core::fmt`.
    pub fn message(&self) -> String {
        [self.attribute, ": ", &self.message].concat()
    }
}

impl std::fmt::Display for AttributeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for AttributeError {}

fn bad<T>(attribute: &'static str, message: impl Into<String>) -> Result<T, AttributeError> {
    Err(AttributeError {
        attribute,
        message: message.into(),
    })
}

/// The attributes a page may change after mounting, as signals the checkout reads.
#[derive(Clone, Copy)]
pub struct Live {
    amount: RwSignal<u64>,
    request: RwSignal<RequestExtras>,
    mode: Mode,
}

impl Live {
    /// The amount now (untracked).
    pub fn amount(&self) -> u64 {
        self.amount.get_untracked()
    }

    /// Re-reads the live attributes; a bad new value is refused and the old one kept.
    pub fn refresh(&self, host: &HtmlElement) -> Result<(), AttributeError> {
        let amount = amount(host, self.mode)?;
        let request = request_extras(host)?;
        if self.amount.get_untracked() != amount {
            self.amount.set(amount);
        }
        self.request.set(request);
        Ok(())
    }
}

/// Reads and checks every attribute of a `[data-stripe-checkout]` host.
pub fn read_checkout(host: &HtmlElement) -> Result<(CheckoutConfig, Live), AttributeError> {
    let key = required(host, "data-publishable-key")?;
    PublishableKey::parse(&key).or_else(|e| bad("data-publishable-key", e.message()))?;
    let mode = match optional(host, "data-mode").as_deref() {
        None | Some("payment") => Mode::Payment,
        Some("setup") => Mode::Setup,
        Some(other) => {
            return bad(
                "data-mode",
                ["must be \"payment\" (charge data-amount) or \"setup\" (save a card, no charge), not \"", other, "\""].concat(),
            )
        }
    };
    let live = Live {
        amount: RwSignal::new(amount(host, mode)?),
        request: RwSignal::new(request_extras(host)?),
        mode,
    };
    let currency = required(host, "data-currency")?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return bad(
            "data-currency",
            [
                "must be a three-letter ISO currency code such as \"usd\", not \"",
                &currency,
                "\"",
            ]
            .concat(),
        );
    }
    let endpoint = valid_url(host, "data-endpoint", required(host, "data-endpoint")?)?;
    let return_url = required(host, "data-return-url")?;
    match web_sys::Url::new(&return_url) {
        Ok(u) if u.protocol() == "https:" || u.protocol() == "http:" => {}
        _ => return bad(
            "data-return-url",
            [
                "must be an absolute http(s) URL such as \"https://shop.example/thanks\", not \"",
                &return_url,
                "\"",
            ]
            .concat(),
        ),
    }
    let shipping: Option<Shipping> = json(host, "data-shipping")?;
    if let Some(s) = &shipping {
        s.validate().or_else(|e| match e {
            Error::Options(message) => bad("data-shipping", message),
            other => bad("data-shipping", other.message()),
        })?;
    }
    let timeout_ms = match optional(host, "data-timeout-ms") {
        None => 30_000,
        Some(t) => match t.parse::<u32>() {
            Ok(ms) if (1..=600_000).contains(&ms) => ms,
            _ => {
                return bad(
                    "data-timeout-ms",
                    [
                        "must be a whole number of milliseconds from 1 to 600000, not \"",
                        &t,
                        "\"",
                    ]
                    .concat(),
                )
            }
        },
    };
    let redirect = match optional(host, "data-redirect").as_deref() {
        None | Some("always") => true,
        Some("never") => false,
        Some(other) => {
            return bad(
                "data-redirect",
                [
                    "must be \"never\" (stay on the page) or \"always\", not \"",
                    other,
                    "\"",
                ]
                .concat(),
            )
        }
    };
    let setup_future_usage =
        match (optional(host, "data-setup-future-usage").as_deref(), mode) {
            (None, _) => None,
            (Some(_), Mode::Setup) => return bad(
                "data-setup-future-usage",
                "is for payments that also save the card; with data-mode=\"setup\" leave it out",
            ),
            (Some("off_session"), _) => Some(SetupFutureUsage::OffSession),
            (Some("on_session"), _) => Some(SetupFutureUsage::OnSession),
            (Some(other), _) => {
                return bad(
                    "data-setup-future-usage",
                    [
                        "must be \"off_session\" or \"on_session\", not \"",
                        other,
                        "\"",
                    ]
                    .concat(),
                )
            }
        };
    let email_default = optional(host, "data-email-default");
    let email = match (optional(host, "data-email").as_deref(), email_default) {
        (None, None) => None,
        (None | Some("collect"), email) => Some(LinkAuthenticationOptions {
            default_values: email.map(|email| EmailDefault { email }),
            ..Default::default()
        }),
        (Some(other), _) => {
            return bad(
                "data-email",
                [
                    "must be \"collect\" (show an email field), not \"",
                    other,
                    "\"",
                ]
                .concat(),
            )
        }
    };
    let billing_details = json::<BillingDetails>(host, "data-billing-details")?;
    let mut config = CheckoutConfig {
        mode,
        setup_future_usage,
        on_behalf_of: account(host, "data-on-behalf-of")?,
        payment_element: PaymentElementOptions {
            layout: layout(host)?.map(Into::into),
            default_values: billing_details.clone().map(|b| PaymentDefaultValues {
                billing_details: Some(b),
            }),
            extra: extra(
                host,
                "data-payment-element-options",
                extras::PAYMENT,
                extras::LEFT_PAYMENT,
            )?,
            ..Default::default()
        },
        address_element: address_options(host)?,
        submit_label: optional(host, "data-submit-label"),
        locale: locale(host)?,
        appearance: json::<Appearance>(host, "data-appearance")?,
        loader: loader_options(host)?,
        customer_session_client_secret: customer_session(host)?,
        ..CheckoutConfig::new(key, live.amount, currency, endpoint, return_url)
    };
    let checkout = &mut config.checkout;
    checkout.pay.shipping = shipping;
    checkout.pay.billing_details = billing_details;
    checkout.pay.redirect = redirect;
    checkout.request = live.request.into();
    checkout.timeout_ms = timeout_ms;
    #[cfg(feature = "express")]
    {
        config.express = express_options(host, email.is_some(), config.collects_address())?;
    }
    config.email = email;
    Ok((config, live))
}

/// A URL attribute, relative to the page or absolute.
fn valid_url(
    host: &HtmlElement,
    attribute: &'static str,
    url: String,
) -> Result<String, AttributeError> {
    match web_sys::Url::new_with_base(&url, &base_uri(host)) {
        Ok(_) => Ok(url),
        Err(_) => bad(attribute, ["\"", &url, "\" is not a valid URL"].concat()),
    }
}

/// The return page's `data-order-status-endpoint`, if any.
pub(crate) fn order_status_endpoint(host: &HtmlElement) -> Result<Option<String>, AttributeError> {
    const NAME: &str = "data-order-status-endpoint";
    optional(host, NAME)
        .map(|url| valid_url(host, NAME, url))
        .transpose()
}

/// `data-layout`: the Payment Element's `tabs`, `accordion` or `auto`.
fn layout(host: &HtmlElement) -> Result<Option<Layout>, AttributeError> {
    Ok(match optional(host, "data-layout").as_deref() {
        None => None,
        Some("tabs") => Some(Layout::Tabs),
        Some("accordion") => Some(Layout::Accordion),
        Some("auto") => Some(Layout::Auto),
        Some(other) => {
            return bad(
                "data-layout",
                [
                    "must be \"tabs\", \"accordion\" or \"auto\", not \"",
                    other,
                    "\"",
                ]
                .concat(),
            )
        }
    })
}

/// `data-allowed-countries` (comma-separated two-letter codes) and `data-phone` (`required`,
/// `optional`) for the Address Element.
fn address_options(host: &HtmlElement) -> Result<AddressElementOptions, AttributeError> {
    let allowed_countries = countries(host, "data-allowed-countries")?;
    let (fields, validation) =
        match optional(host, "data-phone").as_deref() {
            None => (None, None),
            Some(choice @ ("required" | "optional")) => (
                Some(AddressFields {
                    phone: Some(FieldVisibility::Always),
                }),
                Some(AddressValidation {
                    phone: Some(PhoneValidation {
                        required: match choice {
                            "required" => FieldVisibility::Always,
                            _ => FieldVisibility::Never,
                        },
                    }),
                }),
            ),
            Some(other) => return bad(
                "data-phone",
                [
                    "must be \"required\" or \"optional\" (a phone field in the address), not \"",
                    other,
                    "\"",
                ]
                .concat(),
            ),
        };
    Ok(AddressElementOptions {
        allowed_countries,
        fields,
        validation,
        extra: extra(
            host,
            "data-address-element-options",
            extras::ADDRESS,
            extras::LEFT_ADDRESS,
        )?,
        ..Default::default()
    })
}

/// Comma-separated two-letter country codes.
fn countries(host: &HtmlElement, attribute: &'static str) -> Result<Vec<String>, AttributeError> {
    let Some(list) = optional(host, attribute) else {
        return Ok(Vec::new());
    };
    list.split(',')
        .map(str::trim)
        .map(|c| match c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
            true => Ok(c.to_ascii_uppercase()),
            false => bad(
                attribute,
                ["must be comma-separated two-letter country codes such as \"US,CA\", not \"", c, "\""].concat(),
            ),
        })
        .collect()
}

/// The wallet buttons: shown unless `data-express-checkout="off"`. The sheet collects what the
/// form would: an email with `data-email`, a shipping address (offering `data-shipping-rates`,
/// to `data-allowed-countries`) unless `data-shipping` gives it.
fn express_options(
    host: &HtmlElement,
    collect_email: bool,
    collect_shipping: bool,
) -> Result<Option<ExpressCheckoutOptions>, AttributeError> {
    match optional(host, "data-express-checkout").as_deref() {
        None | Some("auto") => {}
        Some("off") => return Ok(None),
        Some(other) => {
            return bad(
                "data-express-checkout",
                [
                    "must be \"off\" (no wallet buttons) or \"auto\", not \"",
                    other,
                    "\"",
                ]
                .concat(),
            )
        }
    }
    let shipping_rates = shipping_rates(host)?;
    Ok(Some(ExpressCheckoutOptions {
        collect: ClickResolveDetails {
            email_required: collect_email.then_some(true),
            shipping_address_required: collect_shipping.then_some(true),
            allowed_shipping_countries: countries(host, "data-allowed-countries")?,
            shipping_rates: if collect_shipping {
                shipping_rates
            } else {
                Vec::new()
            },
            ..Default::default()
        },
        extra: extra(
            host,
            "data-express-checkout-options",
            extras::EXPRESS,
            extras::LEFT_EXPRESS,
        )?,
        ..Default::default()
    }))
}

/// `data-shipping-rates`: the wallet sheet's rates (a JSON array of `{id, amount,
/// displayName}`). Without it the sheet offers one rate, "Shipping included", at 0: the shop's
/// `data-amount` is the total, and a sheet that collects an address must offer a rate.
pub(crate) fn shipping_rates(host: &HtmlElement) -> Result<Vec<ShippingRate>, AttributeError> {
    let rates = json::<Vec<ShippingRate>>(host, "data-shipping-rates")?.unwrap_or_default();
    if rates.is_empty() {
        return Ok(vec![ShippingRate {
            id: "included".into(),
            amount: 0,
            display_name: "Shipping included".into(),
            delivery_estimate: None,
        }]);
    }
    Ok(rates)
}

pub(crate) fn optional(host: &HtmlElement, attribute: &str) -> Option<String> {
    host.get_attribute(attribute)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn required(host: &HtmlElement, attribute: &'static str) -> Result<String, AttributeError> {
    optional(host, attribute).map_or_else(|| bad(attribute, "is required but missing or empty"), Ok)
}

fn amount(host: &HtmlElement, mode: Mode) -> Result<u64, AttributeError> {
    if mode == Mode::Setup {
        return match optional(host, "data-amount") {
            None => Ok(0),
            Some(_) => bad(
                "data-amount",
                "must not be set with data-mode=\"setup\": saving a card charges nothing",
            ),
        };
    }
    let text = required(host, "data-amount")?;
    match text.parse::<u64>() {
        Ok(a) if a > 0 => Ok(a),
        _ => bad(
            "data-amount",
            ["must be a positive whole number in the smallest currency unit (2500 for $25.00), not \"", &text, "\""].concat(),
        ),
    }
}

fn locale(host: &HtmlElement) -> Result<Option<String>, AttributeError> {
    let Some(tag) = optional(host, "data-locale") else {
        return Ok(None);
    };
    if is_locale(&tag) {
        return Ok(Some(tag));
    }
    bad(
        "data-locale",
        [
            "must be \"auto\" or a BCP 47 language tag such as \"en\" or \"fr-CA\", not \"",
            &tag,
            "\"",
            if tag.contains('_') {
                " (use \"-\", not \"_\")"
            } else {
                ""
            },
        ]
        .concat(),
    )
}

fn json<T: FromJs>(
    host: &HtmlElement,
    attribute: &'static str,
) -> Result<Option<T>, AttributeError> {
    let Some(text) = optional(host, attribute) else {
        return Ok(None);
    };
    let value = JSON::parse(&text).or_else(|_| bad(attribute, "is not valid JSON"))?;
    T::from_shop_json(&value)
        .map(Some)
        .or_else(|e| bad(attribute, e))
}

fn base_uri(host: &HtmlElement) -> String {
    host.unchecked_ref::<web_sys::Node>()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default()
}
