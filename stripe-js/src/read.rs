//! Reading what Stripe.js gives back (results and event payloads) into Rust types, field by
//! field through `Reflect`, without serde.
//!
//! serde's derived visitors for these types cost the wasm up to 12.3 kB brotli (measured upper
//! bound); reading them here saved 5.5 kB (`bench/README.md`). A struct names its fields once,
//! in a `read_object!` list, with one small reader per kind of value. Like serde with
//! `#[serde(default)]` and without `deny_unknown_fields`, a field Stripe adds later is ignored,
//! an optional one may be missing or `null`, and a wrong or missing required field is an error
//! that names the field.
//! The shop's own JSON (`data-shipping` and friends) is still read by serde, which refuses
//! unknown fields.

use js_sys::{Array, Number, Reflect};
use wasm_bindgen::JsValue;

/// `impl FromJs` for a struct read field by field, each field with its name in JS:
/// `field: "name"` must be there (an `Option` field may be missing or null), and
/// `field: "name" or default` is `Default::default()` when missing or null.
macro_rules! read_object {
    ($type:ty { $($field:ident: $name:literal $(or $default:ident)?),* $(,)? }) => {
        impl $crate::read::FromJs for $type {
            fn from_js(v: &wasm_bindgen::JsValue) -> Result<Self, String> {
                $crate::read::object(v)?;
                Ok(Self {
                    $($field: read_object!(@field v, $name $(, $default)?)?,)*
                })
            }
        }
    };
    (@field $v:ident, $name:literal) => {
        $crate::read::field($v, $name)
    };
    (@field $v:ident, $name:literal, default) => {
        $crate::read::field_or_default($v, $name)
    };
}

/// A value that can be read from what Stripe.js returned: every result and event payload type
/// here, and what [`Element::on`](crate::Element::on) hands its handler. Another type
/// implements it by reading `value` with `js_sys::Reflect`.
pub trait FromJs: Sized {
    /// Reads `value`; the error says what was expected, and in which field.
    fn from_js(value: &JsValue) -> Result<Self, String>;
}

impl FromJs for String {
    fn from_js(value: &JsValue) -> Result<Self, String> {
        value.as_string().ok_or_else(|| expected("a string", value))
    }
}

impl FromJs for bool {
    fn from_js(value: &JsValue) -> Result<Self, String> {
        value.as_bool().ok_or_else(|| expected("a boolean", value))
    }
}

impl FromJs for u64 {
    fn from_js(value: &JsValue) -> Result<Self, String> {
        match value.as_f64() {
            // A safe integer (≤ 2^53 − 1) converts exactly.
            Some(n) if n >= 0.0 && Number::is_safe_integer(value) => Ok(n as u64),
            _ => Err(expected("a whole number of at least 0", value)),
        }
    }
}

impl<T: FromJs> FromJs for Option<T> {
    fn from_js(value: &JsValue) -> Result<Self, String> {
        match value.is_null() || value.is_undefined() {
            true => Ok(None),
            false => T::from_js(value).map(Some),
        }
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn from_js(value: &JsValue) -> Result<Self, String> {
        if !Array::is_array(value) {
            return Err(expected("an array", value));
        }
        Array::from(value)
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_js(&item).map_err(|e| format!("[{i}]: {e}")))
            .collect()
    }
}

/// Checks that `value` is an object, the start of every struct's [`FromJs`].
pub fn object(value: &JsValue) -> Result<(), String> {
    match value.is_object() && !Array::is_array(value) {
        true => Ok(()),
        false => Err(expected("an object", value)),
    }
}

/// The field `name` of `object`, which must be there (`Option` fields may be missing or null).
pub fn field<T: FromJs>(object: &JsValue, name: &str) -> Result<T, String> {
    T::from_js(&get(object, name)).map_err(|e| located(name, e))
}

/// `object[name]`, `undefined` when missing (kept out of line: one copy for every `T`).
#[inline(never)]
fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// "name: what was wrong".
#[cold]
#[inline(never)]
fn located(name: &str, error: String) -> String {
    format!("{name}: {error}")
}

/// The field `name` of `object`, or `T::default()` when it is missing or null.
pub fn field_or_default<T: FromJs + Default>(object: &JsValue, name: &str) -> Result<T, String> {
    field::<Option<T>>(object, name).map(Option::unwrap_or_default)
}

/// "expected a string, got 42": the value as `JSON.stringify` prints it (no float formatting
/// in Rust), or its `typeof` when it has no JSON form.
fn expected(what: &str, value: &JsValue) -> String {
    let got = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .or_else(|| value.js_typeof().as_string())
        .unwrap_or_default();
    format!("expected {what}, got {got}")
}

impl FromJs for stripe_checkout_wire::PaymentIntentStatus {
    fn from_js(value: &JsValue) -> Result<Self, String> {
        String::from_js(value).map(|name| Self::parse(&name))
    }
}

read_object!(super::Address {
    line1: "line1",
    line2: "line2",
    city: "city",
    state: "state",
    postal_code: "postal_code",
    country: "country",
});
