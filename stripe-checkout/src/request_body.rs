//! `RequestBody`: the shop's own fields of the POST body, as JSON checked when it is made.

use std::fmt;

use stripe_checkout_wire::CONFIRMATION_TOKEN_ID;

/// A JSON object of the shop's own fields (`{"items": […]}`), merged into the POST body beside
/// the ConfirmationToken id. Made only by [`RequestBody::from_json`], which refuses what cannot
/// be sent: text that is not JSON (a trailing comma), JSON that is not an object, and an object
/// that sets `confirmationTokenId` (the checkout sends it). A shop's mistake is named where the
/// shop writes the body, not at Pay, where it would look like the customer's connection.
///
/// The text is parsed by the parser that sends it: the browser's `JSON.parse` in wasm, and
/// `serde_json` on a server rendering the page (no JSON library in the wasm, and no call into
/// the browser on the server). Both read standard JSON (RFC 8259); only the wording of a syntax
/// error differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody(String);

impl RequestBody {
    /// Checks `text` and keeps it as written.
    pub fn from_json(text: &str) -> Result<Self, RequestBodyError> {
        check(text).map_err(|reason| RequestBodyError { reason })?;
        Ok(Self(text.to_owned()))
    }

    /// The JSON text, as given.
    pub fn as_json(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for RequestBody {
    type Err = RequestBodyError;

    fn from_str(text: &str) -> Result<Self, RequestBodyError> {
        Self::from_json(text)
    }
}

/// Why a [`RequestBody`] was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBodyError {
    /// What is wrong, as a predicate of the body (the embed puts its attribute's name before
    /// it): `is not valid JSON (…the parser's words…)`, `must be a JSON object`, `must not set
    /// confirmationTokenId: the checkout sends it`.
    pub reason: String,
}

impl fmt::Display for RequestBodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl RequestBodyError {
    /// "the request body …" (what `Display` prints).
    pub fn message(&self) -> String {
        ["the request body ", &self.reason].concat()
    }
}

impl std::error::Error for RequestBodyError {}

const NOT_AN_OBJECT: &str = "must be a JSON object such as {\"items\": []}";

fn token_id_set() -> String {
    [
        "must not set ",
        CONFIRMATION_TOKEN_ID,
        ": the checkout sends it",
    ]
    .concat()
}

/// In the browser: `JSON.parse`, whose `SyntaxError` says where.
#[cfg(target_arch = "wasm32")]
fn check(text: &str) -> Result<(), String> {
    use js_sys::{Array, Reflect, JSON};
    let value = JSON::parse(text).map_err(|e| {
        [
            "is not valid JSON (",
            &crate::stripe::describe_thrown(&e),
            ")",
        ]
        .concat()
    })?;
    if !value.is_object() || Array::is_array(&value) {
        return Err(NOT_AN_OBJECT.into());
    }
    if Reflect::has(&value, &CONFIRMATION_TOKEN_ID.into()).unwrap_or(false) {
        return Err(token_id_set());
    }
    Ok(())
}

/// Off wasm32 (a server rendering the page): `serde_json`, whose error says where.
#[cfg(not(target_arch = "wasm32"))]
fn check(text: &str) -> Result<(), String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("is not valid JSON ({e})"))?;
    match value.as_object() {
        None => Err(NOT_AN_OBJECT.into()),
        Some(fields) if fields.contains_key(CONFIRMATION_TOKEN_ID) => Err(token_id_set()),
        Some(_) => Ok(()),
    }
}

// The native parser's side; the browser's is tested through the embed (`tests/embed.rs`) and
// the e2e rows.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        RequestBody::from_json(text).unwrap_err().reason
    }

    #[test]
    fn objects_are_kept_as_written() {
        for text in [
            r#"{"items": [{"id": "tshirt", "quantity": 1}]}"#,
            " \n{ \"a\" : [ ] , \"b\" : { } }\t",
            r#"{"n": [0, -1, 2.50, 1e3], "t": true, "z": null, "s": "\u00e9 \" \n"}"#,
            // Nested keys are the shop's own: only the outermost object's are the checkout's.
            r#"{"order": {"confirmationTokenId": "theirs"}}"#,
        ] {
            let body = RequestBody::from_json(text).unwrap();
            assert_eq!(body.as_json(), text);
            assert_eq!(text.parse::<RequestBody>().unwrap(), body);
        }
    }

    #[test]
    fn a_trailing_comma_is_refused_with_its_place() {
        let error = RequestBody::from_json(r#"{"items": [{"id": "tshirt"}],}"#).unwrap_err();
        assert!(
            error.reason.starts_with("is not valid JSON (") && error.reason.contains("column 30"),
            "{error}"
        );
        assert!(error
            .to_string()
            .starts_with("the request body is not valid JSON"));
        for text in [
            "",
            "{not json",
            "{'a': 1}",
            "{\"a\": 1",
            "{\"a\": NaN}",
            "{} {}",
        ] {
            assert!(reason(text).starts_with("is not valid JSON ("), "{text:?}");
        }
    }

    #[test]
    fn only_an_object_without_the_token_id_is_a_body() {
        for text in ["[1]", "\"items\"", "true", "null", "-2"] {
            assert_eq!(reason(text), NOT_AN_OBJECT, "{text:?}");
        }
        for text in [
            r#"{"confirmationTokenId": "ctoken_mine"}"#,
            r#"{"a": 1, "confirmation\u0054okenId": "ctoken_mine"}"#,
        ] {
            assert_eq!(
                reason(text),
                "must not set confirmationTokenId: the checkout sends it"
            );
        }
    }
}
