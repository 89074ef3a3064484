//! The one way JS values are read and written: results and events from Stripe.js, the shop's
//! JSON (the embed's `data-*` attributes, through `JSON.parse`), and the options we hand to
//! Stripe.js. Field by field through `Reflect`, without serde, whose derived visitors and
//! serializers for ≈45 types cost the wasm more than the code they replace (`bench/README.md`).
//!
//! A struct names its fields once, with their JS names, in a `read_object!`, `write_object!` or
//! (both) `js_object!` list; an enum of names in a `js_enum!`. Reading follows serde's rules
//! with `#[serde(default)]`: an optional field may be missing or `null`, a wrong or missing
//! required field is an error that names it. What to do with a field we do not model is the
//! caller's choice ([`Unknown`]): ignored in what Stripe.js returns (it adds fields), refused
//! in the shop's own JSON (a typo must not be silently dropped), in serde's wording. Writing
//! leaves out what is unset (`None`, an empty list or map) unless the field says `or null`.

use std::collections::BTreeMap;

use js_sys::{Array, Number, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `impl FromJs` for a struct read field by field, each field with its name in JS:
/// `field: "name"` must be there (an `Option` field may be missing or null), and
/// `field: "name" or default` is `Default::default()` when missing or null.
macro_rules! read_object {
    ($type:ty { $($field:ident: $name:literal $(or $flag:ident)?),* $(,)? }) => {
        impl $crate::js::FromJs for $type {
            fn read(
                v: &wasm_bindgen::JsValue,
                unknown: $crate::js::Unknown,
            ) -> Result<Self, String> {
                $crate::js::object(v, unknown, &[$($name),*])?;
                Ok(Self {
                    $($field: read_object!(@field v, unknown, $name $(, $flag)?)?,)*
                })
            }
        }
    };
    (@field $v:ident, $unknown:ident, $name:literal) => {
        $crate::js::field($v, $name, $unknown)
    };
    (@field $v:ident, $unknown:ident, $name:literal, null) => {
        $crate::js::field($v, $name, $unknown)
    };
    (@field $v:ident, $unknown:ident, $name:literal, default) => {
        $crate::js::field_or_default($v, $name, $unknown)
    };
}

/// `impl ToJs` for a struct written field by field as a plain object, each field under its
/// name in JS; an unset field (`None`, an empty list or map) is left out, or written as `null`
/// with `or null`.
///
/// A last `..extra` names the struct's [`Extra`] field: its options are merged in after the
/// typed ones, and may not name any field of the list ([`Modelled`]).
macro_rules! write_object {
    ($type:ty { $($field:ident: $name:literal $(or $flag:ident)?,)* ..$extra:ident $(,)? }) => {
        impl $crate::js::ToJs for $type {
            fn to_js(&self) -> wasm_bindgen::JsValue {
                let object = js_sys::Object::new();
                $(write_object!(@field object, &self.$field, $name $(, $flag)?);)*
                self.$extra.merge_into(&object);
                object.into()
            }
        }
        write_object!(@modelled $type { $($name),* });
    };
    ($type:ty { $($field:ident: $name:literal $(or $flag:ident)?),* $(,)? }) => {
        impl $crate::js::ToJs for $type {
            fn to_js(&self) -> wasm_bindgen::JsValue {
                let object = js_sys::Object::new();
                $(write_object!(@field object, &self.$field, $name $(, $flag)?);)*
                object.into()
            }
        }
        write_object!(@modelled $type { $($name),* });
    };
    (@modelled $type:ty { $($name:literal),* }) => {
        impl $crate::js::Modelled for $type {
            fn models(name: &str) -> bool {
                [$($name),*].contains(&name)
            }
        }
    };
    (@field $object:ident, $value:expr, $name:literal) => {
        $crate::js::set(&$object, $name, $value)
    };
    (@field $object:ident, $value:expr, $name:literal, default) => {
        $crate::js::set(&$object, $name, $value)
    };
    (@field $object:ident, $value:expr, $name:literal, null) => {
        $crate::js::set_or_null(&$object, $name, $value)
    };
}

/// Both [`read_object!`] and [`write_object!`], from one list.
macro_rules! js_object {
    ($($list:tt)*) => {
        read_object!($($list)*);
        write_object!($($list)*);
    };
}

/// An enum of names (`"payment"`, `"off_session"`): `as_str`, and both directions; reading an
/// unknown name is an error in serde's words (`unknown variant \`x\`, expected one of …`).
macro_rules! js_enum {
    ($type:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $type {
            /// The name Stripe.js takes.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }
        }

        impl $crate::js::FromJs for $type {
            fn read(
                v: &wasm_bindgen::JsValue,
                _: $crate::js::Unknown,
            ) -> Result<Self, String> {
                let name = <String as $crate::js::FromJs>::from_js(v)?;
                match name.as_str() {
                    $($name => Ok(Self::$variant),)*
                    _ => Err($crate::js::unknown("variant", &name, &[$($name),*])),
                }
            }
        }

        impl $crate::js::ToJs for $type {
            fn to_js(&self) -> wasm_bindgen::JsValue {
                wasm_bindgen::JsValue::from_str(self.as_str())
            }
        }
    };
}

/// What reading does with an object's field that the type does not model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// Leave it: what Stripe.js returns gains fields over time.
    Ignored,
    /// Refuse it, naming it: the shop's own JSON, where it is a typo.
    Refused,
}

/// A value that can be read from a JS value: every result and event payload Stripe.js hands
/// us, what [`Element::on`](crate::Element::on) hands its handler, and the shop's JSON. Another
/// type implements [`read`](Self::read) with [`object`] and [`field`]:
///
/// ```no_run
/// use stripe_js::{js::{field, object}, FromJs, Shipping, Unknown};
/// use wasm_bindgen::JsValue;
///
/// /// `{total, currency}` from the shop's own script.
/// struct Total {
///     total: u64,
///     currency: String,
/// }
///
/// impl FromJs for Total {
///     fn read(v: &JsValue, unknown: Unknown) -> Result<Self, String> {
///         object(v, unknown, &["total", "currency"])?;
///         Ok(Self {
///             total: field(v, "total", unknown)?,
///             currency: field(v, "currency", unknown)?,
///         })
///     }
/// }
///
/// // In the browser: the shop's JSON is read strictly, a typo is named.
/// let json = js_sys::JSON::parse(r#"{"name": "Jenny", "adress": {}}"#).unwrap();
/// let error = Shipping::from_shop_json(&json).unwrap_err();
/// assert!(error.starts_with("unknown field `adress`, expected one of `name`, `address`"));
/// ```
pub trait FromJs: Sized {
    /// Reads `value`; the error says what was expected, and in which field.
    fn read(value: &JsValue, unknown: Unknown) -> Result<Self, String>;

    /// Reads what Stripe.js returned: fields it adds later are ignored.
    fn from_js(value: &JsValue) -> Result<Self, String> {
        Self::read(value, Unknown::Ignored)
    }

    /// Reads the shop's JSON (`JSON.parse` of an attribute): a field we do not model is
    /// refused and named, at any depth.
    fn from_shop_json(value: &JsValue) -> Result<Self, String> {
        Self::read(value, Unknown::Refused)
    }
}

/// A value that can be written as a JS value: every option and param we give Stripe.js.
///
/// ```no_run
/// use stripe_js::{ElementsOptions, ToJs};
///
/// // In the browser: the plain object `stripe.elements()` takes; unset options are left out.
/// let options = ElementsOptions::payment(1999, "usd").to_js();
/// let json = js_sys::JSON::stringify(&options).unwrap();
/// assert_eq!(json, r#"{"mode":"payment","amount":1999,"currency":"usd"}"#);
/// ```
pub trait ToJs {
    /// The plain JS value (object, array, string, number, boolean).
    fn to_js(&self) -> JsValue;

    /// Whether an object leaves this field out: `None`, an empty list or map.
    fn is_unset(&self) -> bool {
        false
    }
}

impl FromJs for String {
    fn read(value: &JsValue, _: Unknown) -> Result<Self, String> {
        value.as_string().ok_or_else(|| expected("a string", value))
    }
}

impl FromJs for bool {
    fn read(value: &JsValue, _: Unknown) -> Result<Self, String> {
        value.as_bool().ok_or_else(|| expected("a boolean", value))
    }
}

impl FromJs for u64 {
    fn read(value: &JsValue, _: Unknown) -> Result<Self, String> {
        match value.as_f64() {
            // A safe integer (≤ 2^53 − 1) converts exactly.
            Some(n) if n >= 0.0 && Number::is_safe_integer(value) => Ok(n as u64),
            _ => Err(expected("a whole number of at least 0", value)),
        }
    }
}

impl FromJs for u32 {
    fn read(value: &JsValue, unknown: Unknown) -> Result<Self, String> {
        u64::read(value, unknown)?
            .try_into()
            .map_err(|_| expected("a whole number from 0 to 4294967295", value))
    }
}

impl<T: FromJs> FromJs for Option<T> {
    fn read(value: &JsValue, unknown: Unknown) -> Result<Self, String> {
        match value.is_null() || value.is_undefined() {
            true => Ok(None),
            false => T::read(value, unknown).map(Some),
        }
    }
}

impl<T: FromJs> FromJs for Vec<T> {
    fn read(value: &JsValue, unknown: Unknown) -> Result<Self, String> {
        if !Array::is_array(value) {
            return Err(expected("an array", value));
        }
        Array::from(value)
            .iter()
            .enumerate()
            .map(|(i, item)| T::read(&item, unknown).map_err(|e| indexed(i, e)))
            .collect()
    }
}

impl<T: FromJs> FromJs for BTreeMap<String, T> {
    fn read(value: &JsValue, unknown: Unknown) -> Result<Self, String> {
        object(value, Unknown::Ignored, &[])?;
        let mut map = BTreeMap::new();
        for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            map.insert(key.clone(), field(value, &key, unknown)?);
        }
        Ok(map)
    }
}

impl ToJs for str {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl ToJs for String {
    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl<T: ToJs + ?Sized> ToJs for &T {
    fn to_js(&self) -> JsValue {
        T::to_js(self)
    }

    fn is_unset(&self) -> bool {
        T::is_unset(self)
    }
}

impl ToJs for bool {
    fn to_js(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
}

impl ToJs for u32 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(f64::from(*self))
    }
}

impl ToJs for u64 {
    fn to_js(&self) -> JsValue {
        // Amounts in the smallest unit are far below 2^53: exact.
        JsValue::from_f64(*self as f64)
    }
}

impl<T: ToJs> ToJs for Option<T> {
    fn to_js(&self) -> JsValue {
        self.as_ref().map_or(JsValue::NULL, T::to_js)
    }

    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

impl<T: ToJs> ToJs for Vec<T> {
    fn to_js(&self) -> JsValue {
        self.iter().map(T::to_js).collect::<Array>().into()
    }

    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

impl<T: ToJs> ToJs for BTreeMap<String, T> {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        for (key, value) in self {
            set(&object, key, value);
        }
        object.into()
    }

    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

/// Checks that `value` is an object, the start of every struct's [`FromJs`]; with
/// [`Unknown::Refused`], also that it has no key outside `fields`.
pub fn object(value: &JsValue, unknown: Unknown, fields: &[&str]) -> Result<(), String> {
    if !value.is_object() || Array::is_array(value) {
        return Err(expected("an object", value));
    }
    if unknown == Unknown::Refused {
        for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !fields.contains(&key.as_str()) {
                return Err(self::unknown("field", &key, fields));
            }
        }
    }
    Ok(())
}

/// The field `name` of `object`, which must be there (`Option` fields may be missing or null).
pub fn field<T: FromJs>(object: &JsValue, name: &str, unknown: Unknown) -> Result<T, String> {
    let value = get(object, name);
    T::read(&value, unknown).map_err(|e| match value.is_undefined() {
        true => missing(name),
        false => located(name, e),
    })
}

/// The field `name` of `object`, or `T::default()` when it is missing or null.
pub fn field_or_default<T: FromJs + Default>(
    object: &JsValue,
    name: &str,
    unknown: Unknown,
) -> Result<T, String> {
    field::<Option<T>>(object, name, unknown).map(Option::unwrap_or_default)
}

/// `object[name] = value`, unless `value` is unset (one copy for every type: `dyn`).
pub fn set(object: &Object, name: &str, value: &dyn ToJs) {
    if !value.is_unset() {
        let _ = Reflect::set(object, &JsValue::from_str(name), &value.to_js());
    }
}

/// `object[name] = value`, `null` when unset.
pub fn set_or_null(object: &Object, name: &str, value: &dyn ToJs) {
    let value = match value.is_unset() {
        true => JsValue::NULL,
        false => value.to_js(),
    };
    let _ = Reflect::set(object, &JsValue::from_str(name), &value);
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
    [name, ": ", &error].concat()
}

/// "[i]: what was wrong".
#[cold]
#[inline(never)]
fn indexed(index: usize, error: String) -> String {
    ["[", &decimal(index as u64), "]: ", &error].concat()
}

/// `n` in decimal digits, without `core::fmt` (whose integer formatting the wasm would carry
/// for this alone), and without JS, so a server rendering the page can call it too.
pub fn decimal(mut n: u64) -> String {
    let mut digits = Vec::with_capacity(20);
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// serde's "missing field `name`".
#[cold]
#[inline(never)]
fn missing(name: &str) -> String {
    ["missing field `", name, "`"].concat()
}

/// serde's "unknown field `x`, expected one of `a`, `b`" (or variant).
#[cold]
#[inline(never)]
pub(crate) fn unknown(what: &str, name: &str, known: &[&str]) -> String {
    let quoted: Vec<String> = known.iter().map(|k| ["`", k, "`"].concat()).collect();
    let expected = match quoted.as_slice() {
        [] => ["there are no ", what, "s"].concat(),
        [one] => ["expected ", one].concat(),
        [a, b] => ["expected ", a, " or ", b].concat(),
        _ => ["expected one of ", &quoted.join(", ")].concat(),
    };
    ["unknown ", what, " `", name, "`, ", &expected].concat()
}

/// "expected a string, got 42": the value as `JSON.stringify` prints it (no float formatting
/// in Rust), or its `typeof` when it has no JSON form.
#[cold]
#[inline(never)]
fn expected(what: &str, value: &JsValue) -> String {
    let got = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .or_else(|| value.js_typeof().as_string())
        .unwrap_or_default();
    ["expected ", what, ", got ", &got].concat()
}

impl FromJs for stripe_checkout_wire::PaymentIntentStatus {
    fn read(value: &JsValue, unknown: Unknown) -> Result<Self, String> {
        String::read(value, unknown).map(|name| Self::parse(&name))
    }
}

mod extra;
pub use extra::{Extra, Modelled};

#[cfg(all(test, target_arch = "wasm32"))]
pub(crate) mod tests;
