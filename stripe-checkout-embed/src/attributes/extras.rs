//! The attributes that pass Stripe.js options we have not modelled, one per element:
//! `data-payment-element-options`, `data-address-element-options`,
//! `data-express-checkout-options`. Strict JSON objects, merged after the typed options; a key
//! that a typed attribute sets is refused, naming both, and so is any other option the checkout
//! sets itself (`readOnly`, the Address Element's `mode`, what the wallet sheet collects). The
//! typed options the embed never sets (`LEFT_…`: `terms`, `wallets` …) pass, so an HTML shop can
//! set them here.

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

/// Typed Payment Element options no attribute sets and the checkout leaves alone.
pub(super) const LEFT_PAYMENT: &[&str] = &["fields", "terms", "wallets"];

/// The Address Element's.
pub(super) const ADDRESS: &[(&str, &str)] = &[
    ("allowedCountries", "data-allowed-countries"),
    ("fields", "data-phone"),
    ("validation", "data-phone"),
];

/// Typed Address Element options no attribute sets and the checkout leaves alone.
pub(super) const LEFT_ADDRESS: &[&str] = &["defaultValues", "autocomplete"];

/// The Express Checkout Element's.
pub(super) const EXPRESS: &[(&str, &str)] = &[
    ("emailRequired", "data-email"),
    ("shippingAddressRequired", "data-shipping"),
    ("allowedShippingCountries", "data-allowed-countries"),
    ("shippingRates", "data-shipping-rates"),
];

/// Typed wallet button options no attribute sets and the checkout leaves alone (what the sheet
/// collects stays with the attributes: the checkout answers the click with it).
pub(super) const LEFT_EXPRESS: &[&str] = &[
    "paymentMethods",
    "paymentMethodOrder",
    "buttonHeight",
    "layout",
];

/// `attribute`'s JSON object as `T`'s extra options; `typed` pairs each option a typed
/// attribute sets with that attribute, and the modelled options in `left` pass.
pub(super) fn extra<T: Modelled>(
    host: &HtmlElement,
    attribute: &'static str,
    typed: &[(&str, &'static str)],
    left: &[&str],
) -> Result<Extra<T>, AttributeError> {
    match checked(host, attribute, typed, T::models, left)? {
        None => Ok(Extra::default()),
        Some(text) => Extra::json_leaving(&text, left).or_else(|e| bad(attribute, e)),
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
    left: &[&str],
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
            if models(&key) && !left.contains(&key.as_str()) {
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
