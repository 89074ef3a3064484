//! Reading a checkout host's `data-*` attributes into a [`CheckoutConfig`]; every error names
//! the attribute it is about.

use std::collections::BTreeMap;

use js_sys::JSON;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use stripe_checkout::components::{CheckoutConfig, RequestExtras};
use stripe_checkout::stripe::{
    from_value, is_locale, Appearance, BillingDetails, Error, LoaderOptions, PublishableKey,
    Shipping, STRIPE_JS_URL,
};

/// A bad or missing attribute.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{attribute}: {message}")]
pub struct AttributeError {
    /// The attribute, e.g. `data-amount`.
    pub attribute: &'static str,
    /// What is wrong and what to write instead.
    pub message: String,
}

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
}

impl Live {
    /// Re-reads the live attributes; a bad new value is refused and the old one kept.
    pub fn refresh(&self, host: &HtmlElement) -> Result<(), AttributeError> {
        let amount = amount(host)?;
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
    PublishableKey::parse(&key).or_else(|e| bad("data-publishable-key", e.to_string()))?;
    let live = Live {
        amount: RwSignal::new(amount(host)?),
        request: RwSignal::new(request_extras(host)?),
    };
    let currency = required(host, "data-currency")?;
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        return bad(
            "data-currency",
            format!("must be a three-letter ISO currency code such as \"usd\", not \"{currency}\""),
        );
    }
    let endpoint = required(host, "data-endpoint")?;
    if web_sys::Url::new_with_base(&endpoint, &base_uri(host)).is_err() {
        return bad(
            "data-endpoint",
            format!("\"{endpoint}\" is not a valid URL"),
        );
    }
    let return_url = required(host, "data-return-url")?;
    match web_sys::Url::new(&return_url) {
        Ok(u) if u.protocol() == "https:" || u.protocol() == "http:" => {}
        _ => {
            return bad(
                "data-return-url",
                format!("must be an absolute http(s) URL such as \"https://shop.example/thanks\", not \"{return_url}\""),
            )
        }
    }
    let shipping: Option<Shipping> = json(host, "data-shipping")?;
    if let Some(s) = &shipping {
        s.validate().or_else(|e| match e {
            Error::Options(message) => bad("data-shipping", message),
            other => bad("data-shipping", other.to_string()),
        })?;
    }
    let timeout_ms = match optional(host, "data-timeout-ms") {
        None => 30_000,
        Some(t) => match t.parse::<u32>() {
            Ok(ms) if (1..=600_000).contains(&ms) => ms,
            _ => {
                return bad(
                    "data-timeout-ms",
                    format!("must be a whole number of milliseconds from 1 to 600000, not \"{t}\""),
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
                format!("must be \"never\" (stay on the page) or \"always\", not \"{other}\""),
            )
        }
    };
    let config = CheckoutConfig {
        shipping,
        billing_details: json::<BillingDetails>(host, "data-billing-details")?,
        request: live.request.into(),
        timeout_ms,
        redirect,
        submit_label: optional(host, "data-submit-label"),
        locale: locale(host)?,
        appearance: json::<Appearance>(host, "data-appearance")?,
        loader: loader_options(host),
        ..CheckoutConfig::new(key, live.amount, currency, endpoint, return_url)
    };
    Ok((config, live))
}

/// Stripe.js from `data-stripe-js-url` (development only) or Stripe's URL.
pub(crate) fn loader_options(host: &HtmlElement) -> LoaderOptions {
    LoaderOptions {
        url: optional(host, "data-stripe-js-url").unwrap_or_else(|| STRIPE_JS_URL.to_owned()),
        ..LoaderOptions::default()
    }
}

fn optional(host: &HtmlElement, attribute: &str) -> Option<String> {
    host.get_attribute(attribute)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

fn required(host: &HtmlElement, attribute: &'static str) -> Result<String, AttributeError> {
    optional(host, attribute).map_or_else(|| bad(attribute, "is required but missing or empty"), Ok)
}

fn amount(host: &HtmlElement) -> Result<u64, AttributeError> {
    let text = required(host, "data-amount")?;
    match text.parse::<u64>() {
        Ok(a) if a > 0 => Ok(a),
        _ => bad(
            "data-amount",
            format!("must be a positive whole number in the smallest currency unit (2500 for $25.00), not \"{text}\""),
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
        format!(
            "must be \"auto\" or a BCP 47 language tag such as \"en\" or \"fr-CA\", not \"{tag}\"{}",
            if tag.contains('_') { " (use \"-\", not \"_\")" } else { "" }
        ),
    )
}

fn json<T: DeserializeOwned>(
    host: &HtmlElement,
    attribute: &'static str,
) -> Result<Option<T>, AttributeError> {
    let Some(text) = optional(host, attribute) else {
        return Ok(None);
    };
    let value = JSON::parse(&text).or_else(|_| bad(attribute, "is not valid JSON"))?;
    from_value(value).map(Some).or_else(|e| bad(attribute, e))
}

fn request_extras(host: &HtmlElement) -> Result<RequestExtras, AttributeError> {
    Ok(RequestExtras {
        body: request_body(host)?,
        headers: request_headers(host)?,
    })
}

fn request_body(host: &HtmlElement) -> Result<Option<String>, AttributeError> {
    const ATTR: &str = "data-request-body";
    let Some(text) = optional(host, ATTR) else {
        return Ok(None);
    };
    let value = JSON::parse(&text).or_else(|_| bad(ATTR, "is not valid JSON"))?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return bad(ATTR, "must be a JSON object");
    }
    if js_sys::Reflect::has(&value, &"confirmationTokenId".into()).unwrap_or(false) {
        return bad(
            ATTR,
            "must not set confirmationTokenId: the checkout sends it",
        );
    }
    Ok(Some(text))
}

fn request_headers(host: &HtmlElement) -> Result<Vec<(String, String)>, AttributeError> {
    const ATTR: &str = "data-request-headers";
    let headers: BTreeMap<String, String> = json(host, ATTR)
        .or_else(|_| {
            bad(
                ATTR,
                "must be a JSON object of header names to string values",
            )
        })?
        .unwrap_or_default();
    let token = |n: &str| {
        !n.is_empty()
            && n.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    for name in headers.keys() {
        if !token(name) {
            return bad(ATTR, format!("\"{name}\" is not a valid header name"));
        }
        if ["content-type", "idempotency-key"].contains(&name.to_ascii_lowercase().as_str()) {
            return bad(
                ATTR,
                format!("{name} is set by the checkout and cannot be overridden"),
            );
        }
    }
    Ok(headers.into_iter().collect())
}

fn base_uri(host: &HtmlElement) -> String {
    host.unchecked_ref::<web_sys::Node>()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default()
}
