//! The reader and the writer, in the browser where they run, and the helpers the option tests
//! share.

use super::{FromJs, ToJs};
use crate::{Address, Appearance, BillingDetails, Shipping, ShippingRate};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What `ToJs` writes, as JSON; the test fails if serde's derive (the `serde` feature), bridged
/// by serde-wasm-bindgen as a Rust user would, writes anything else: the two cannot drift.
pub(crate) fn to_value<T: ToJs + serde::Serialize>(value: T) -> Result<serde_json::Value, String> {
    let bridged =
        serde::Serialize::serialize(&value, &serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| e.to_string())?;
    let written = as_json(&value.to_js())?;
    assert_eq!(written, as_json(&bridged)?, "ToJs and serde disagree");
    Ok(written)
}

fn as_json(value: &JsValue) -> Result<serde_json::Value, String> {
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| "not JSON".to_string())?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Reads the shop's JSON the way the embed reads an attribute (`JSON.parse`, then strictly).
pub(crate) fn from_shop_json<T: FromJs>(value: serde_json::Value) -> Result<T, String> {
    T::from_shop_json(&js(&value.to_string()))
}

fn js(source: &str) -> JsValue {
    js_sys::JSON::parse(source).unwrap()
}

fn shop<T: FromJs>(source: &str) -> Result<T, String> {
    T::from_shop_json(&js(source))
}

#[wasm_bindgen_test]
fn objects_read_into_structs_with_absent_and_null_fields() {
    let address: Address = shop(r#"{"line1": "1 Main", "city": null, "country": "US"}"#).unwrap();
    assert_eq!(address.line1.as_deref(), Some("1 Main"));
    assert_eq!(address.city, None);
    assert_eq!(address.postal_code, None);
    let rate: ShippingRate =
        shop(r#"{"id": "free", "amount": 2500, "displayName": "Free"}"#).unwrap();
    assert_eq!(rate.amount, 2500);
}

#[wasm_bindgen_test]
fn the_shops_unknown_key_is_named_at_any_depth_and_stripes_is_ignored() {
    let appearance = shop::<Appearance>(r#"{"theem": "night"}"#).unwrap_err();
    assert_eq!(
        appearance,
        "unknown field `theem`, expected one of `theme`, `variables`, `rules`, `labels`, \
         `inputs`, `disableAnimations`"
    );
    let nested = r#"{"name": "J", "address": {"line1": "1 Main", "contry": "US"}}"#;
    let error = shop::<Shipping>(nested).unwrap_err();
    assert!(
        error.starts_with("address: unknown field `contry`, expected one of `line1`"),
        "{error}"
    );
    // The same JSON from Stripe.js: the extra field is one Stripe added; it is ignored.
    let lenient = Shipping::from_js(&js(nested)).unwrap();
    assert_eq!(lenient.address.country, None);
    let in_list = shop::<Vec<ShippingRate>>(
        r#"[{"id": "a", "amount": 0, "displayName": "A", "deliveryEstimat": "2 days"}]"#,
    )
    .unwrap_err();
    assert!(
        in_list.starts_with("[0]: unknown field `deliveryEstimat`"),
        "{in_list}"
    );
    let billing = shop::<BillingDetails>(r#"{"emial": "j@example.com"}"#).unwrap_err();
    assert_eq!(
        billing,
        "unknown field `emial`, expected one of `address`, `email`, `name`, `phone`"
    );
}

#[wasm_bindgen_test]
fn maps_read_every_entry() {
    let a: Appearance = shop(
        r##"{"variables": {"colorPrimary": "#0a2540", "borderRadius": "8px"},
            "rules": {".Input": {"padding": "4px"}}, "disableAnimations": true}"##,
    )
    .unwrap();
    assert_eq!(a.variables.len(), 2);
    assert_eq!(a.rules[".Input"]["padding"], "4px");
    assert_eq!(a.disable_animations, Some(true));
    let bad = shop::<Appearance>(r#"{"variables": {"colorPrimary": 1}}"#).unwrap_err();
    assert_eq!(bad, "variables: colorPrimary: expected a string, got 1");
}

#[wasm_bindgen_test]
fn wrong_values_name_the_field_and_print_the_value_as_json() {
    let rate = |amount: &str| {
        shop::<ShippingRate>(&format!(
            r#"{{"id": "a", "amount": {amount}, "displayName": "A"}}"#
        ))
    };
    assert_eq!(
        rate("12.5").unwrap_err(),
        "amount: expected a whole number of at least 0, got 12.5"
    );
    assert_eq!(
        rate("-1").unwrap_err(),
        "amount: expected a whole number of at least 0, got -1"
    );
    let missing = shop::<Shipping>(r#"{"name": "Jenny"}"#).unwrap_err();
    assert_eq!(missing, "missing field `address`");
    let string = shop::<Appearance>(r#"{"disableAnimations": "yes"}"#).unwrap_err();
    assert_eq!(string, "disableAnimations: expected a boolean, got \"yes\"");
    let not_object = shop::<Shipping>("[1]").unwrap_err();
    assert_eq!(not_object, "expected an object, got [1]");
    let variant = crate::Mode::from_shop_json(&JsValue::from_str("paymnet")).unwrap_err();
    assert_eq!(
        variant,
        "unknown variant `paymnet`, expected one of `payment`, `setup`, `subscription`"
    );
}

#[wasm_bindgen_test]
fn what_is_read_is_written_back_the_same() {
    let source = serde_json::json!({
        "name": "Jenny", "phone": "+1 555",
        "address": {"line1": "1 Main", "line2": null, "city": "SF", "state": null,
                    "postal_code": "94107", "country": "US"}
    });
    let shipping: Shipping = from_shop_json(source.clone()).unwrap();
    assert_eq!(to_value(&shipping).unwrap(), source);
}
