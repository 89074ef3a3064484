//! Parameter checking as Stripe does it: unknown names, wrong types and missing required ones
//! are `invalid_request_error`s naming the parameter in bracket form.

use serde_json::{Map, Value};

/// The expected shape of one parameter.
#[derive(Debug)]
pub enum Param {
    /// A string-encoded integer.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Any string.
    String,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A hash with exactly these keys allowed.
    Object(&'static [(&'static str, Param)]),
    /// A hash with any string-valued keys (`metadata`).
    Map,
    /// A list of strings (`expand[]`).
    List,
}

/// A refused parameter: `(code, message, param)`.
pub type ParamProblem = (Option<&'static str>, String, String);

fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}[{key}]")
    }
}

/// Checks `params` against `spec`; the first problem wins, like Stripe's.
pub fn check(
    params: &Map<String, Value>,
    spec: &'static [(&'static str, Param)],
) -> Result<(), ParamProblem> {
    check_object(params, spec, "")
}

fn check_object(
    params: &Map<String, Value>,
    spec: &'static [(&'static str, Param)],
    path: &str,
) -> Result<(), ParamProblem> {
    for (key, value) in params {
        let name = child(path, key);
        let Some((_, param)) = spec.iter().find(|(k, _)| k == key) else {
            return Err((None, format!("Received unknown parameter: {name}"), name));
        };
        check_value(value, param, &name)?;
    }
    Ok(())
}

fn check_value(value: &Value, param: &Param, name: &str) -> Result<(), ParamProblem> {
    let text = value.as_str();
    let invalid = |what: &str| {
        let shown = text
            .map(str::to_owned)
            .unwrap_or_else(|| "a hash".to_owned());
        Err((None, format!("Invalid {what}: {shown}"), name.to_owned()))
    };
    match param {
        Param::Integer => match text.map(str::parse::<i64>) {
            Some(Ok(_)) => Ok(()),
            _ => {
                let shown = text.unwrap_or("a hash");
                Err((
                    Some("parameter_invalid_integer"),
                    format!("Invalid integer: {shown}"),
                    name.to_owned(),
                ))
            }
        },
        Param::Boolean => match text {
            Some("true") | Some("false") => Ok(()),
            _ => invalid("boolean"),
        },
        Param::String => match text {
            Some(_) => Ok(()),
            None => invalid("string"),
        },
        Param::Enum(allowed) => match text {
            Some(t) if allowed.contains(&t) => Ok(()),
            _ => Err((
                None,
                format!("Invalid {name}: must be one of {}", allowed.join(", ")),
                name.to_owned(),
            )),
        },
        Param::Object(spec) => match value.as_object() {
            Some(map) => check_object(map, spec, name),
            None => Err((None, "Invalid hash".to_owned(), name.to_owned())),
        },
        Param::Map => match value.as_object() {
            Some(map) if map.values().all(Value::is_string) => Ok(()),
            _ => Err((None, "Invalid hash".to_owned(), name.to_owned())),
        },
        Param::List => match value.as_array() {
            Some(items) if items.iter().all(Value::is_string) => Ok(()),
            _ => Err((None, "Invalid array".to_owned(), name.to_owned())),
        },
    }
}

/// A required parameter that is absent: `parameter_missing`.
pub fn missing(name: &str) -> ParamProblem {
    (
        Some("parameter_missing"),
        format!("Missing required param: {name}."),
        name.to_owned(),
    )
}

const ADDRESS: &[(&str, Param)] = &[
    ("line1", Param::String),
    ("line2", Param::String),
    ("city", Param::String),
    ("state", Param::String),
    ("postal_code", Param::String),
    ("country", Param::String),
];

const SHIPPING: &[(&str, Param)] = &[
    ("name", Param::String),
    ("phone", Param::String),
    ("carrier", Param::String),
    ("tracking_number", Param::String),
    ("address", Param::Object(ADDRESS)),
];

/// `POST /v1/confirmation_tokens` (the card subset the simulator supports).
pub const CONFIRMATION_TOKEN: &[(&str, Param)] = &[
    (
        "payment_method_data",
        Param::Object(&[
            ("type", Param::String),
            (
                "card",
                Param::Object(&[
                    ("number", Param::String),
                    ("exp_month", Param::String),
                    ("exp_year", Param::String),
                    ("cvc", Param::String),
                ]),
            ),
            (
                "billing_details",
                Param::Object(&[
                    ("name", Param::String),
                    ("email", Param::String),
                    ("phone", Param::String),
                    ("tax_id", Param::String),
                    ("address", Param::Object(ADDRESS)),
                ]),
            ),
            (
                "allow_redisplay",
                Param::Enum(&["always", "limited", "unspecified"]),
            ),
            ("metadata", Param::Map),
        ]),
    ),
    ("shipping", Param::Object(SHIPPING)),
    ("return_url", Param::String),
    (
        "setup_future_usage",
        Param::Enum(&["off_session", "on_session"]),
    ),
    ("expand", Param::List),
    // A saved card (instead of payment_method_data), with the CustomerSession that shows it.
    ("payment_method", Param::String),
    ("customer_session_client_secret", Param::String),
];

const ENABLED: Param = Param::Enum(&["enabled", "disabled"]);

/// `POST /v1/customer_sessions` (the Payment Element component only).
pub const CUSTOMER_SESSION: &[(&str, Param)] = &[
    ("customer", Param::String),
    (
        "components",
        Param::Object(&[(
            "payment_element",
            Param::Object(&[
                ("enabled", Param::Boolean),
                (
                    "features",
                    Param::Object(&[
                        ("payment_method_allow_redisplay_filters", Param::List),
                        ("payment_method_redisplay", ENABLED),
                        ("payment_method_redisplay_limit", Param::Integer),
                        ("payment_method_remove", ENABLED),
                        ("payment_method_save", ENABLED),
                        (
                            "payment_method_save_usage",
                            Param::Enum(&["off_session", "on_session"]),
                        ),
                    ]),
                ),
            ]),
        )]),
    ),
    ("expand", Param::List),
];

const SETUP_FUTURE_USAGE: Param = Param::Enum(&["", "none", "off_session", "on_session"]);

/// `POST /v1/payment_intents` (the subset the simulator supports).
pub const PAYMENT_INTENT: &[(&str, Param)] = &[
    ("amount", Param::Integer),
    ("currency", Param::String),
    ("confirm", Param::Boolean),
    ("confirmation_token", Param::String),
    ("automatic_payment_methods", AUTOMATIC_PAYMENT_METHODS),
    ("use_stripe_sdk", Param::Boolean),
    ("customer", Param::String),
    (
        "capture_method",
        Param::Enum(&["automatic", "automatic_async", "manual"]),
    ),
    (
        "setup_future_usage",
        Param::Enum(&["off_session", "on_session"]),
    ),
    (
        "payment_method_options",
        Param::Object(&[(
            "card",
            Param::Object(&[
                ("capture_method", Param::Enum(&["", "manual"])),
                ("setup_future_usage", SETUP_FUTURE_USAGE),
            ]),
        )]),
    ),
    ("description", Param::String),
    ("receipt_email", Param::String),
    ("return_url", Param::String),
    ("metadata", Param::Map),
    ("shipping", Param::Object(SHIPPING)),
    ("expand", Param::List),
];

const AUTOMATIC_PAYMENT_METHODS: Param = Param::Object(&[
    ("enabled", Param::Boolean),
    ("allow_redirects", Param::Enum(&["always", "never"])),
]);

/// `POST /v1/setup_intents` (the subset the simulator supports).
pub const SETUP_INTENT: &[(&str, Param)] = &[
    ("confirm", Param::Boolean),
    ("confirmation_token", Param::String),
    ("customer", Param::String),
    ("usage", Param::Enum(&["off_session", "on_session"])),
    ("automatic_payment_methods", AUTOMATIC_PAYMENT_METHODS),
    ("use_stripe_sdk", Param::Boolean),
    ("description", Param::String),
    ("return_url", Param::String),
    ("metadata", Param::Map),
    ("expand", Param::List),
];

/// `POST /v1/customers` (the subset the simulator supports; every field optional).
pub const CUSTOMER: &[(&str, Param)] = &[
    ("email", Param::String),
    ("name", Param::String),
    ("phone", Param::String),
    ("description", Param::String),
    ("metadata", Param::Map),
    ("expand", Param::List),
];

/// `POST /v1/{payment,setup}_intents/:id/sim_authenticate`.
pub const SIM_AUTHENTICATE: &[(&str, Param)] = &[
    ("client_secret", Param::String),
    ("result", Param::Enum(&["approve", "fail"])),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form;

    fn problem(body: &str) -> Option<String> {
        let params = form::decode(body.as_bytes()).unwrap();
        check(&params, PAYMENT_INTENT)
            .err()
            .map(|(_, message, _)| message)
    }

    #[test]
    fn unknown_nested_parameters_are_named_in_bracket_form() {
        assert_eq!(problem("amount=100&currency=usd"), None);
        assert_eq!(
            problem("amount=100&automatic_payment_methods[colour]=red").as_deref(),
            Some("Received unknown parameter: automatic_payment_methods[colour]")
        );
        assert_eq!(
            problem("amount=ten").as_deref(),
            Some("Invalid integer: ten")
        );
        assert_eq!(
            problem("confirm=yes").as_deref(),
            Some("Invalid boolean: yes")
        );
    }
}
