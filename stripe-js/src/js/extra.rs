//! [`Extra`]: the options of a type that we have not modelled, as a checked JSON object merged
//! after the typed fields, and [`Modelled`], the field list it is checked against.

use std::marker::PhantomData;

use js_sys::Object;
use wasm_bindgen::JsCast;

#[cfg(target_arch = "wasm32")]
use super::{object, Unknown};

/// A type written as an object of named fields: which JS names it models. `write_object!`
/// implements it from its field list, so [`Extra`] refuses exactly what the writer writes.
pub trait Modelled {
    /// Whether `name` (a JS name such as `layout`) is one of the type's own fields.
    fn models(name: &str) -> bool;
}

/// Options of `T` that we have not modelled (`paymentMethodOrder`, `business`, …), passed
/// through to Stripe.js as they are: a JSON object, merged after the typed fields. It may not
/// name a field `T` models, so a typo cannot override a typed option.
///
/// It holds the JSON text, not a JS value, so it can be built where the page is rendered on a
/// server; the text is checked there too (with `serde_json` off wasm, `JSON.parse` on it).
///
/// ```no_run
/// use stripe_js::{Extra, PaymentElementOptions, ToJs};
///
/// let options = PaymentElementOptions {
///     extra: Extra::json(r#"{"paymentMethodOrder": ["card", "ideal"]}"#).unwrap(),
///     ..Default::default()
/// };
/// // In the browser: merged in after the typed options.
/// let json = js_sys::JSON::stringify(&options.to_js()).unwrap();
/// assert_eq!(json, r#"{"readOnly":false,"paymentMethodOrder":["card","ideal"]}"#);
///
/// // A field the struct models goes through its typed field instead.
/// let error = Extra::<PaymentElementOptions>::json(r#"{"layout": "tabs"}"#).unwrap_err();
/// assert!(error.starts_with("`layout` is a typed option"));
///
/// // Unless the caller leaves that field alone and says so.
/// let terms = r#"{"terms": {"card": "never"}}"#;
/// assert!(Extra::<PaymentElementOptions>::json(terms).is_err());
/// assert!(Extra::<PaymentElementOptions>::json_leaving(terms, &["terms"]).is_ok());
/// ```
pub struct Extra<T> {
    /// The checked JSON object's text; `None` when there is nothing extra.
    json: Option<String>,
    of: PhantomData<fn() -> T>,
}

impl<T: Modelled> Extra<T> {
    /// Checks `text`: a JSON object none of whose keys `T` models. The error says what is
    /// wrong, and names a refused key: "`layout` is a typed option …".
    pub fn json(text: &str) -> Result<Self, String> {
        Self::json_leaving(text, &[])
    }

    /// As [`json`](Self::json), but the modelled fields named in `left` pass too: for a caller
    /// that never sets those typed fields and has no other way to offer them (the embed, whose
    /// page has an attribute for some options only).
    pub fn json_leaving(text: &str, left: &[&str]) -> Result<Self, String> {
        check_extra(text, T::models, left)?;
        Ok(Self {
            json: Some(text.to_owned()),
            of: PhantomData,
        })
    }
}

impl<T> Extra<T> {
    /// The JSON object's text, if any.
    pub fn as_json(&self) -> Option<&str> {
        self.json.as_deref()
    }

    /// Adds the extra options to `object`, the typed ones already written (`Object.assign`).
    pub fn merge_into(&self, object: &Object) {
        if let Some(json) = &self.json {
            merge(object, json);
        }
    }
}

/// `Object.assign(object, JSON.parse(json))` (one copy for every `T`).
#[inline(never)]
fn merge(object: &Object, json: &str) {
    if let Ok(value) = js_sys::JSON::parse(json) {
        if value.is_object() {
            Object::assign(object, value.unchecked_ref::<Object>());
        }
    }
}

/// Checks an [`Extra`]'s text against the fields `models` names (one copy for every type).
#[inline(never)]
fn check_extra(text: &str, models: fn(&str) -> bool, left: &[&str]) -> Result<(), String> {
    for key in object_keys(text)? {
        if models(&key) && !left.contains(&key.as_str()) {
            return Err(modelled(&key));
        }
    }
    Ok(())
}

/// "`name` is a typed option …".
#[cold]
#[inline(never)]
fn modelled(name: &str) -> String {
    [
        "`",
        name,
        "` is a typed option: set it through its field, not the extra options",
    ]
    .concat()
}

/// The keys of the JSON object `text`, or what is wrong with it.
#[cfg(target_arch = "wasm32")]
fn object_keys(text: &str) -> Result<Vec<String>, String> {
    let value = js_sys::JSON::parse(text)
        .map_err(|e| ["is not valid JSON (", &crate::describe_thrown(&e), ")"].concat())?;
    object(&value, Unknown::Ignored, &[])?;
    Ok(Object::keys(value.unchecked_ref::<Object>())
        .iter()
        .filter_map(|key| key.as_string())
        .collect())
}

/// The keys of the JSON object `text`, or what is wrong with it (on a server: no JS).
#[cfg(not(target_arch = "wasm32"))]
fn object_keys(text: &str) -> Result<Vec<String>, String> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => Ok(map.keys().cloned().collect()),
        Ok(other) => Err(["expected an object, got ", &other.to_string()].concat()),
        Err(e) => Err(format!("is not valid JSON ({e})")),
    }
}

impl<T> Default for Extra<T> {
    fn default() -> Self {
        Self {
            json: None,
            of: PhantomData,
        }
    }
}

impl<T> Clone for Extra<T> {
    fn clone(&self) -> Self {
        Self {
            json: self.json.clone(),
            of: PhantomData,
        }
    }
}

impl<T> PartialEq for Extra<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json == other.json
    }
}

impl<T> Eq for Extra<T> {}

impl<T> std::fmt::Debug for Extra<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Extra").field(&self.json).finish()
    }
}

/// Flattened into its struct (`#[serde(flatten)]`): the extra options are written as ToJs
/// writes them, after the typed ones.
#[cfg(feature = "serde")]
impl<T> serde::Serialize for Extra<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let map = match &self.json {
            Some(text) => serde_json::from_str(text).map_err(serde::ser::Error::custom)?,
            None => serde_json::Map::new(),
        };
        serde::Serialize::serialize(&map, serializer)
    }
}

/// Flattened into its struct: the fields the struct does not model become its extra options.
#[cfg(feature = "serde")]
impl<'de, T> serde::Deserialize<'de> for Extra<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map: serde_json::Map<String, serde_json::Value> =
            serde::Deserialize::deserialize(deserializer)?;
        Ok(Self {
            json: (!map.is_empty()).then(|| serde_json::Value::Object(map).to_string()),
            of: PhantomData,
        })
    }
}

/// Where the page is rendered on a server: `Extra` is checked without JS.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod native_tests {
    use super::Extra;
    use crate::{ElementsOptions, PaymentElementOptions};

    #[test]
    fn extra_options_are_checked_on_a_server_without_js() {
        let extra = Extra::<ElementsOptions>::json(r#"{"paymentMethodTypes": ["card"]}"#);
        assert_eq!(
            extra.unwrap().as_json(),
            Some(r#"{"paymentMethodTypes": ["card"]}"#)
        );
        let typed = Extra::<PaymentElementOptions>::json(r#"{"readOnly": true}"#);
        assert!(typed
            .unwrap_err()
            .starts_with("`readOnly` is a typed option"));
        let list = Extra::<PaymentElementOptions>::json("[1]");
        assert_eq!(list.unwrap_err(), "expected an object, got [1]");
        let bad = Extra::<PaymentElementOptions>::json("{");
        assert!(bad.unwrap_err().starts_with("is not valid JSON (EOF"));
    }
}
