//! The attributes that pass Stripe.js options we have not modelled, one per element:
//! `data-payment-element-options`, `data-address-element-options`,
//! `data-express-checkout-options`. Strict JSON objects, merged after the typed options; a key
//! that a typed attribute sets is refused, naming both, and so is any other option the element
//! is given by its typed fields.

use js_sys::{Object, JSON};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use stripe_checkout::stripe::{Extra, Modelled};

use super::{bad, optional, AttributeError};

/// The Payment Element's options that typed attributes set.
pub(super) const PAYMENT: &[(&str, &str)] = &[
    ("layout", "data-layout"),
    ("defaultValues", "data-billing-details"),
];

/// The Address Element's.
pub(super) const ADDRESS: &[(&str, &str)] = &[
    ("allowedCountries", "data-allowed-countries"),
    ("fields", "data-phone"),
    ("validation", "data-phone"),
];

/// The Express Checkout Element's.
pub(super) const EXPRESS: &[(&str, &str)] = &[
    ("emailRequired", "data-email"),
    ("shippingAddressRequired", "data-shipping"),
    ("allowedShippingCountries", "data-allowed-countries"),
    ("shippingRates", "data-shipping-rates"),
];

/// `attribute`'s JSON object as `T`'s extra options; `typed` pairs each option a typed
/// attribute sets with that attribute.
pub(super) fn extra<T: Modelled>(
    host: &HtmlElement,
    attribute: &'static str,
    typed: &[(&str, &'static str)],
) -> Result<Extra<T>, AttributeError> {
    match checked(host, attribute, typed, T::models)? {
        None => Ok(Extra::default()),
        Some(text) => Extra::json(&text).or_else(|e| bad(attribute, e)),
    }
}

/// The attribute's text, its keys checked against `typed` and `models` (one copy for every
/// element: the wasm carries it once).
#[inline(never)]
fn checked(
    host: &HtmlElement,
    attribute: &'static str,
    typed: &[(&str, &'static str)],
    models: fn(&str) -> bool,
) -> Result<Option<String>, AttributeError> {
    let Some(text) = optional(host, attribute) else {
        return Ok(None);
    };
    // Not JSON, or not an object: `Extra::json` says so.
    if let Some(value) = JSON::parse(&text).ok().filter(|v| v.is_object()) {
        for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if let Some((_, owner)) = typed.iter().find(|(name, _)| *name == key) {
                return bad(
                    attribute,
                    [
                        "`",
                        &key,
                        "` is what ",
                        owner,
                        " sets: use ",
                        owner,
                        ", not both",
                    ]
                    .concat(),
                );
            }
            if models(&key) {
                return bad(
                    attribute,
                    [
                        "`",
                        &key,
                        "` is a typed option of the checkout: it cannot be passed here",
                    ]
                    .concat(),
                );
            }
        }
    }
    Ok(Some(text))
}
