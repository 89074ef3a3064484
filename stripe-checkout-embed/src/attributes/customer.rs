//! `data-customer-session-client-secret`: a returning customer's CustomerSession, which the
//! shop's server renders into the page for its signed-in customer.

use web_sys::HtmlElement;

use stripe_checkout::stripe::is_customer_session_secret;

use super::{bad, optional, AttributeError};

const ATTR: &str = "data-customer-session-client-secret";

/// The CustomerSession's `client_secret`, if given: `cuss_secret_` and letters, digits or `_`
/// only (anything else, e.g. a PaymentIntent's secret or a key, is refused before Stripe.js
/// sees it).
pub(super) fn customer_session(host: &HtmlElement) -> Result<Option<String>, AttributeError> {
    match optional(host, ATTR) {
        None => Ok(None),
        Some(secret) if is_customer_session_secret(&secret) => Ok(Some(secret)),
        Some(_) => bad(
            ATTR,
            "must be a CustomerSession's client_secret (cuss_secret_ followed by letters, \
             digits or _), made by your server for the signed-in customer",
        ),
    }
}
