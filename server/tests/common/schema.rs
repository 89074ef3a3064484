//! A small validator for the JSON-Schema keywords Stripe's request schemas use.
//!
//! Form values are strings on the wire, so (as Stripe does) a string is accepted for
//! `integer`/`number`/`boolean` when it parses as that type. A keyword the validator does not
//! implement panics as soon as the validation reaches a schema node that has it.

use serde_json::Value;

/// Keywords that only annotate (no effect on validity).
const ANNOTATIONS: &[&str] = &["description", "title", "format", "x-stripeBypassValidation"];

/// Validates `value` against `schema`; returns every violation found.
pub fn validate(value: &Value, schema: &Value) -> Result<(), Vec<String>> {
    let mut errors = Vec::new();
    check(value, schema, "", &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The request schema of `POST /v1/payment_intents` (from the test data).
pub fn post_payment_intents() -> Value {
    let file: Value =
        serde_json::from_str(include_str!("../data/post_payment_intents.request.json")).unwrap();
    file["content"]["schema"].clone()
}

/// The request schema of `POST /v1/setup_intents` (an excerpt, see the test data's README).
pub fn post_setup_intents() -> Value {
    let file: Value =
        serde_json::from_str(include_str!("../data/post_setup_intents.request.json")).unwrap();
    file["content"]["schema"].clone()
}

/// The request schema of `POST /v1/customers` (an excerpt, see the test data's README).
pub fn post_customers() -> Value {
    let file: Value =
        serde_json::from_str(include_str!("../data/post_customers.request.json")).unwrap();
    file["content"]["schema"].clone()
}

fn name(path: &str) -> &str {
    if path.is_empty() {
        "(root)"
    } else {
        path
    }
}

fn check(value: &Value, schema: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(schema) = schema.as_object() else {
        panic!("schema at {} is not an object", name(path));
    };
    for keyword in schema.keys() {
        let known = matches!(
            keyword.as_str(),
            "type"
                | "properties"
                | "additionalProperties"
                | "required"
                | "enum"
                | "anyOf"
                | "maxLength"
                | "items"
        ) || ANNOTATIONS.contains(&keyword.as_str())
            || keyword.starts_with("x-");
        assert!(
            known,
            "unimplemented JSON-Schema keyword {keyword:?} at {}",
            name(path)
        );
    }
    if let Some(kind) = schema.get("type") {
        let kinds: Vec<&str> = match kind {
            Value::String(k) => vec![k.as_str()],
            Value::Array(ks) => ks.iter().filter_map(Value::as_str).collect(),
            _ => panic!("malformed type at {}", name(path)),
        };
        if !kinds.iter().any(|k| has_type(value, k)) {
            errors.push(format!("{}: expected {kinds:?}, got {value}", name(path)));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.iter().any(|a| same(a, value)) {
            errors.push(format!("{}: {value} is not one of {allowed:?}", name(path)));
        }
    }
    if let Some(max) = schema.get("maxLength").and_then(Value::as_u64) {
        if let Some(text) = value.as_str() {
            if text.chars().count() as u64 > max {
                errors.push(format!("{}: longer than {max}", name(path)));
            }
        }
    }
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let mut branch_errors = Vec::new();
        let matched = branches.iter().any(|branch| {
            let mut errs = Vec::new();
            check(value, branch, path, &mut errs);
            let ok = errs.is_empty();
            branch_errors.extend(errs);
            ok
        });
        if !matched {
            errors.push(format!(
                "{}: matches no anyOf branch ({})",
                name(path),
                branch_errors.join("; ")
            ));
        }
    }
    if let Some(object) = value.as_object() {
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !object.contains_key(required) {
                errors.push(format!("{}: missing required {required:?}", name(path)));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, inner) in object {
            let child = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}[{key}]")
            };
            match (
                properties.and_then(|p| p.get(key)),
                schema.get("additionalProperties"),
            ) {
                (Some(property), _) => check(inner, property, &child, errors),
                (None, Some(Value::Bool(false))) => {
                    errors.push(format!("unknown parameter {child}"))
                }
                (None, Some(extra @ Value::Object(_))) => check(inner, extra, &child, errors),
                (None, _) => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            check(item, items, &format!("{path}[{i}]"), errors);
        }
    }
}

fn has_type(value: &Value, kind: &str) -> bool {
    let text = value.as_str();
    match kind {
        "string" => text.is_some(),
        "integer" => {
            value.is_i64() || value.is_u64() || text.is_some_and(|t| t.parse::<i64>().is_ok())
        }
        "number" => value.is_number() || text.is_some_and(|t| t.parse::<f64>().is_ok()),
        "boolean" => value.is_boolean() || matches!(text, Some("true") | Some("false")),
        "object" => value.is_object(),
        "array" => value.is_array(),
        "null" => value.is_null(),
        other => panic!("unimplemented JSON-Schema type {other:?}"),
    }
}

/// Equality as the wire sees it: a form string equals the enum value it spells.
fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::String(e), Value::String(a)) => e == a,
        (Value::Number(e), Value::String(a)) => a.parse::<f64>().ok() == e.as_f64(),
        (Value::Bool(e), Value::String(a)) => a.as_str() == if *e { "true" } else { "false" },
        (e, a) => e == a,
    }
}
