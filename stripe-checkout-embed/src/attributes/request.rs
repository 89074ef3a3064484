//! The attributes that shape the token POST: `data-request-body` and `data-request-headers`
//! (live: a page may change them between payments).

use std::collections::BTreeMap;

use web_sys::HtmlElement;

use stripe_checkout::components::{RequestBody, RequestExtras};

use super::{bad, json, optional, AttributeError};

pub(super) fn request_extras(host: &HtmlElement) -> Result<RequestExtras, AttributeError> {
    Ok(RequestExtras {
        body: request_body(host)?,
        headers: request_headers(host)?,
    })
}

/// `data-request-body`, checked by [`RequestBody`]'s rules (a JSON object, no
/// `confirmationTokenId`), whose reason follows the attribute's name.
fn request_body(host: &HtmlElement) -> Result<Option<RequestBody>, AttributeError> {
    const ATTR: &str = "data-request-body";
    optional(host, ATTR)
        .map(|text| RequestBody::from_json(&text).or_else(|e| bad(ATTR, e.reason)))
        .transpose()
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
            return bad(ATTR, ["\"", name, "\" is not a valid header name"].concat());
        }
        if ["content-type", "idempotency-key"].contains(&name.to_ascii_lowercase().as_str()) {
            return bad(
                ATTR,
                [name, " is set by the checkout and cannot be overridden"].concat(),
            );
        }
    }
    Ok(headers.into_iter().collect())
}
