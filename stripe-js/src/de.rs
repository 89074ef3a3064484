//! Reading JS values into serde types: a small `Deserializer` over `JsValue`.
//!
//! It reads what `JSON.parse` produces from the shop's attributes (plain objects, arrays,
//! strings, numbers, booleans, `null`/`undefined`) the way serde-wasm-bindgen does (what Stripe.js
//! returns is read without serde, in `read.rs`), and describes a wrong value
//! without Rust's float formatting, which would otherwise be most of the wasm's `core::fmt`
//! (a JS number is printed by JS).

use std::fmt;

use js_sys::{Array, Number, Object};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// Reads `value` into `T`; the error says what was wrong, in serde's words.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    T::deserialize(Value(value)).map_err(|e| e.0)
}

/// Why a value could not be read.
struct ShapeError(String);

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShapeError {}

impl de::Error for ShapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }

    // serde's default messages print `Unexpected` with its own `Display`, which formats floats
    // in Rust: these two say the same through `Describe`.
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self(format!(
            "invalid type: {}, expected {expected}",
            Describe(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self(format!(
            "invalid value: {}, expected {expected}",
            Describe(unexpected)
        ))
    }
}

/// serde's wording of an unexpected value; a float is printed by JS.
struct Describe<'a>(Unexpected<'a>);

impl fmt::Display for Describe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Unexpected::Bool(b) => write!(f, "boolean `{b}`"),
            Unexpected::Unsigned(n) => write!(f, "integer `{n}`"),
            Unexpected::Signed(n) => write!(f, "integer `{n}`"),
            Unexpected::Float(x) => {
                let text =
                    String::from(Number::from(x).to_string_with_radix(10).unwrap_or_default());
                write!(f, "floating point `{text}`")
            }
            Unexpected::Char(c) => write!(f, "character `{c}`"),
            Unexpected::Str(s) => write!(f, "string \"{s}\""),
            Unexpected::Unit => f.write_str("null"),
            Unexpected::Seq => f.write_str("array"),
            Unexpected::Map => f.write_str("object"),
            Unexpected::Other(other) => f.write_str(other),
            _ => f.write_str("value"),
        }
    }
}

/// A JS value as a serde `Deserializer`.
struct Value(JsValue);

impl Value {
    fn is_nullish(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }

    fn invalid<T>(self, expected: &dyn de::Expected) -> Result<T, ShapeError> {
        let text;
        let unexpected = if self.is_nullish() {
            Unexpected::Unit
        } else if let Some(b) = self.0.as_bool() {
            Unexpected::Bool(b)
        } else if let Some(x) = self.0.as_f64() {
            Unexpected::Float(x)
        } else if let Some(s) = self.0.as_string() {
            text = s;
            Unexpected::Str(&text)
        } else if Array::is_array(&self.0) {
            Unexpected::Seq
        } else {
            Unexpected::Map
        };
        Err(de::Error::invalid_type(unexpected, expected))
    }
}

/// Every own enumerable `[key, value]` of `object`, as a serde map (`Object.entries`).
fn entries<'de>(
    object: &JsValue,
) -> de::value::MapDeserializer<'de, impl Iterator<Item = (Value, Value)>, ShapeError> {
    let pairs = Object::entries(object.unchecked_ref())
        .into_iter()
        .map(|pair| {
            let pair: Array = pair.unchecked_into();
            (Value(pair.get(0)), Value(pair.get(1)))
        });
    de::value::MapDeserializer::new(pairs)
}

impl<'de> IntoDeserializer<'de, ShapeError> for Value {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = ShapeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        if self.is_nullish() {
            visitor.visit_unit()
        } else if let Some(b) = self.0.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(x) = self.0.as_f64() {
            if Number::is_safe_integer(&self.0) {
                visitor.visit_i64(x as i64)
            } else {
                visitor.visit_f64(x)
            }
        } else if let Some(s) = self.0.as_string() {
            visitor.visit_string(s)
        } else if let Some(array) = self.0.dyn_ref::<Array>() {
            let items = array.iter().map(Value);
            visitor.visit_seq(de::value::SeqDeserializer::new(items))
        } else if self.0.is_object() {
            visitor.visit_map(entries(&self.0))
        } else {
            self.invalid(&visitor)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        if self.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        visitor.visit_newtype_struct(self)
    }

    /// Every own key of the object is handed to the struct's visitor, the unknown ones too, so
    /// that `#[serde(deny_unknown_fields)]` names a misspelt key (`unknown field \`theem\``);
    /// a struct without it ignores them. A missing field is absent from the map, so
    /// `#[serde(default)]` applies.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        if !self.0.is_object() || Array::is_array(&self.0) {
            return self.invalid(&visitor);
        }
        // Straight to `visit_map`, not through `deserialize_any`: each struct's visitor would
        // otherwise get its own copy of every other branch there.
        visitor.visit_map(entries(&self.0))
    }

    /// Unit variants, written as their name (`"card_error"`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ShapeError> {
        match self.0.as_string() {
            Some(name) => visitor.visit_enum(name.into_deserializer()),
            None => self.invalid(&visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ShapeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::from_value;
    use crate::{Address, Appearance, BillingDetails, ClickResolveDetails, Shipping, ShippingRate};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn js(source: &str) -> wasm_bindgen::JsValue {
        js_sys::JSON::parse(source).unwrap()
    }

    #[wasm_bindgen_test]
    fn objects_read_into_structs_with_absent_and_null_fields() {
        let address: Address =
            from_value(js(r#"{"line1": "1 Main", "city": null, "country": "US"}"#)).unwrap();
        assert_eq!(address.line1.as_deref(), Some("1 Main"));
        assert_eq!(address.city, None);
        assert_eq!(address.postal_code, None);
        let rate: ShippingRate = from_value(js(
            r#"{"id": "free", "amount": 2500, "displayName": "Free"}"#,
        ))
        .unwrap();
        assert_eq!(rate.amount, 2500);
    }

    #[wasm_bindgen_test]
    fn an_unknown_key_is_named_at_any_depth() {
        let unknown = |e: String| e.split(',').next().unwrap_or_default().to_owned();
        let appearance = from_value::<Appearance>(js(r#"{"theem": "night"}"#)).unwrap_err();
        assert_eq!(unknown(appearance), "unknown field `theem`");
        let nested = from_value::<Shipping>(js(
            r#"{"name": "J", "address": {"line1": "1 Main", "contry": "US"}}"#,
        ))
        .unwrap_err();
        assert_eq!(unknown(nested), "unknown field `contry`");
        let in_list = from_value::<Vec<ShippingRate>>(js(
            r#"[{"id": "a", "amount": 0, "displayName": "A", "deliveryEstimat": "2 days"}]"#,
        ))
        .unwrap_err();
        assert_eq!(unknown(in_list), "unknown field `deliveryEstimat`");
        let billing = from_value::<BillingDetails>(js(r#"{"emial": "j@example.com"}"#));
        assert_eq!(unknown(billing.unwrap_err()), "unknown field `emial`");
    }

    #[wasm_bindgen_test]
    fn maps_read_every_entry() {
        let a: Appearance = from_value(js(
            r##"{"variables": {"colorPrimary": "#0a2540", "borderRadius": "8px"},
                "rules": {".Input": {"padding": "4px"}}, "disableAnimations": true}"##,
        ))
        .unwrap();
        assert_eq!(a.variables.len(), 2);
        assert_eq!(a.rules[".Input"]["padding"], "4px");
        assert_eq!(a.disable_animations, Some(true));
    }

    #[wasm_bindgen_test]
    fn wrong_values_are_described_in_serdes_words() {
        let rate = |amount: &str| {
            from_value::<ShippingRate>(js(&format!(
                r#"{{"id": "a", "amount": {amount}, "displayName": "A"}}"#
            )))
        };
        assert_eq!(
            rate("12.5").unwrap_err(),
            "invalid type: floating point `12.5`, expected u64"
        );
        assert_eq!(
            rate("-1").unwrap_err(),
            "invalid value: integer `-1`, expected u64"
        );
        let missing = from_value::<Shipping>(js(r#"{"name": "Jenny"}"#)).unwrap_err();
        assert_eq!(missing, "missing field `address`");
        let string = from_value::<ClickResolveDetails>(js(r#"{"emailRequired": "yes"}"#));
        assert_eq!(
            string.unwrap_err(),
            "invalid type: string \"yes\", expected a boolean"
        );
        let not_object = from_value::<Shipping>(js("[1]")).unwrap_err();
        assert!(
            not_object.starts_with("invalid type: array, expected"),
            "{not_object}"
        );
    }
}
