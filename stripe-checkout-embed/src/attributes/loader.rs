//! The attributes that say where Stripe.js comes from and for which account:
//! `data-stripe-js-url`, `data-stripe-account` (and the account check `data-on-behalf-of` shares).

use web_sys::HtmlElement;

use stripe_checkout::stripe::{LoaderOptions, StripeConstructorOptions, STRIPE_JS_URL};

use super::{bad, optional, AttributeError};

/// Stripe.js from `data-stripe-js-url` (development only) or Stripe's URL, and `Stripe()`'s
/// `stripeAccount` from `data-stripe-account`.
pub(crate) fn loader_options(host: &HtmlElement) -> Result<LoaderOptions, AttributeError> {
    Ok(LoaderOptions {
        url: optional(host, "data-stripe-js-url").unwrap_or_else(|| STRIPE_JS_URL.to_owned()),
        stripe: StripeConstructorOptions {
            stripe_account: account(host, "data-stripe-account")?,
            locale: None,
        },
        ..LoaderOptions::default()
    })
}

/// A Connect account id attribute (`acct_…`).
pub(super) fn account(
    host: &HtmlElement,
    attribute: &'static str,
) -> Result<Option<String>, AttributeError> {
    let Some(id) = optional(host, attribute) else {
        return Ok(None);
    };
    match id.strip_prefix("acct_") {
        Some(rest) if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            Ok(Some(id))
        }
        _ => bad(
            attribute,
            [
                "must be a connected account id such as \"acct_1032D82eZvKYlo2C\", not \"",
                &id,
                "\"",
            ]
            .concat(),
        ),
    }
}
