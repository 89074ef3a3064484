//! Stripe-shaped JSON the simulator returns: PaymentIntents, SetupIntents, Customers,
//! PaymentMethods, errors.

use axum::http::StatusCode;
use serde_json::{json, Map, Value};

use super::error::{error, Failure};

/// The fields of a PaymentIntent a publishable key may read (with the client secret).
const CLIENT_SAFE_INTENT_FIELDS: &[&str] = &[
    "id",
    "object",
    "amount",
    "amount_details",
    "automatic_payment_methods",
    "canceled_at",
    "cancellation_reason",
    "capture_method",
    "client_secret",
    "confirmation_method",
    "created",
    "currency",
    "description",
    "excluded_payment_method_types",
    "last_payment_error",
    "livemode",
    "next_action",
    "payment_method",
    "payment_method_configuration_details",
    "payment_method_types",
    "processing",
    "receipt_email",
    "setup_future_usage",
    "shipping",
    "source",
    "status",
];

/// What a new PaymentIntent is made of.
pub struct NewIntent<'a> {
    /// `pi_…`.
    pub id: &'a str,
    /// `pi_…_secret_…`.
    pub client_secret: &'a str,
    /// Smallest currency unit.
    pub amount: i64,
    /// Lower-case code.
    pub currency: &'a str,
    /// Unix seconds.
    pub created: u64,
    /// `automatic_async` or `manual`.
    pub capture_method: &'a str,
    /// The decoded `automatic_payment_methods` parameter, if any.
    pub automatic_payment_methods: Value,
    /// The decoded `payment_method_options` parameter, if any.
    pub payment_method_options: Value,
    /// From the parameters or the ConfirmationToken.
    pub shipping: Value,
    /// The `metadata` parameter.
    pub metadata: Value,
    /// The `description` parameter.
    pub description: Value,
    /// `setup_future_usage`.
    pub setup_future_usage: Value,
    /// `cus_…` or `null`.
    pub customer: Value,
    /// The `receipt_email` parameter.
    pub receipt_email: Value,
}

/// A PaymentIntent in status `requires_payment_method`, shaped like Stripe's fixture.
pub fn payment_intent(new: NewIntent<'_>) -> Value {
    json!({
        "id": new.id,
        "object": "payment_intent",
        "amount": new.amount,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": 0,
        "application": null,
        "application_fee_amount": null,
        "automatic_payment_methods": new.automatic_payment_methods,
        "canceled_at": null,
        "cancellation_reason": null,
        "capture_method": new.capture_method,
        "client_secret": new.client_secret,
        "confirmation_method": "automatic",
        "created": new.created,
        "currency": new.currency,
        "customer": new.customer,
        "customer_account": null,
        "description": new.description,
        "excluded_payment_method_types": null,
        "last_payment_error": null,
        "latest_charge": null,
        "livemode": false,
        "metadata": new.metadata,
        "next_action": null,
        "on_behalf_of": null,
        "payment_method": null,
        "payment_method_configuration_details": null,
        "payment_method_options": new.payment_method_options,
        "payment_method_types": ["card"],
        "processing": null,
        "receipt_email": new.receipt_email,
        "review": null,
        "setup_future_usage": new.setup_future_usage,
        "shipping": new.shipping,
        "source": null,
        "statement_descriptor": null,
        "statement_descriptor_suffix": null,
        "status": "requires_payment_method",
        "transfer_data": null,
        "transfer_group": null
    })
}

/// The fields of a SetupIntent a publishable key may read (with the client secret): those of
/// Stripe.js's `SetupIntent` type (`@stripe/stripe-js` `dist/api/setup-intents.d.ts`).
const CLIENT_SAFE_SETUP_INTENT_FIELDS: &[&str] = &[
    "id",
    "object",
    "cancellation_reason",
    "client_secret",
    "created",
    "description",
    "last_setup_error",
    "livemode",
    "next_action",
    "payment_method",
    "payment_method_types",
    "status",
    "usage",
];

/// The client-safe view of a PaymentIntent (what a publishable key gets).
pub fn client_safe(intent: &Value) -> Value {
    pick(intent, CLIENT_SAFE_INTENT_FIELDS)
}

/// The client-safe view of a SetupIntent (what a publishable key gets).
pub fn client_safe_setup_intent(intent: &Value) -> Value {
    pick(intent, CLIENT_SAFE_SETUP_INTENT_FIELDS)
}

fn pick(object: &Value, fields: &[&str]) -> Value {
    let mut out = Map::new();
    for field in fields {
        if let Some(value) = object.get(*field) {
            out.insert((*field).to_owned(), value.clone());
        }
    }
    Value::Object(out)
}

/// What a new SetupIntent is made of.
pub struct NewSetupIntent<'a> {
    /// `seti_…`.
    pub id: &'a str,
    /// `seti_…_secret_…`.
    pub client_secret: &'a str,
    /// Unix seconds.
    pub created: u64,
    /// `cus_…` or `null`.
    pub customer: Value,
    /// `off_session` or `on_session`.
    pub usage: &'a str,
    /// The decoded `automatic_payment_methods` parameter.
    pub automatic_payment_methods: Value,
    /// The `description` parameter.
    pub description: Value,
    /// The `metadata` parameter.
    pub metadata: Value,
}

/// The `automatic_payment_methods` hash of an intent from the decoded parameter (enabled when
/// absent, Stripe's default for API versions since 2023-08-16).
pub fn automatic_payment_methods(given: Option<&Value>) -> Value {
    match given {
        Some(given) => json!({
            "allow_redirects": given.get("allow_redirects").cloned().unwrap_or(Value::Null),
            "enabled": given.get("enabled").and_then(Value::as_str) == Some("true"),
        }),
        None => json!({"enabled": true}),
    }
}

/// A SetupIntent in status `requires_payment_method`, shaped like Stripe's fixture.
pub fn setup_intent(new: NewSetupIntent<'_>) -> Value {
    json!({
        "id": new.id,
        "object": "setup_intent",
        "application": null,
        "automatic_payment_methods": new.automatic_payment_methods,
        "cancellation_reason": null,
        "client_secret": new.client_secret,
        "created": new.created,
        "customer": new.customer,
        "customer_account": null,
        "description": new.description,
        "excluded_payment_method_types": null,
        "flow_directions": null,
        "last_setup_error": null,
        "latest_attempt": null,
        "livemode": false,
        "mandate": null,
        "metadata": new.metadata,
        "next_action": null,
        "on_behalf_of": null,
        "payment_method": null,
        "payment_method_configuration_details": null,
        "payment_method_options": {},
        "payment_method_types": ["card"],
        "single_use_mandate": null,
        "status": "requires_payment_method",
        "usage": new.usage
    })
}

/// A Customer, shaped like Stripe's fixture.
pub fn customer(id: &str, created: u64, given: &Map<String, Value>) -> Value {
    let get = |name: &str| given.get(name).cloned().unwrap_or(Value::Null);
    json!({
        "id": id,
        "object": "customer",
        "address": null,
        "balance": 0,
        "created": created,
        "currency": null,
        "default_source": null,
        "delinquent": false,
        "description": get("description"),
        "discount": null,
        "email": get("email"),
        "invoice_prefix": id.trim_start_matches("cus_").chars().take(8).collect::<String>().to_uppercase(),
        "invoice_settings": {
            "custom_fields": null,
            "default_payment_method": null,
            "footer": null,
            "rendering_options": null
        },
        "livemode": false,
        "metadata": given.get("metadata").cloned().unwrap_or_else(|| json!({})),
        "name": get("name"),
        "next_invoice_sequence": 1,
        "phone": get("phone"),
        "preferred_locales": [],
        "shipping": null,
        "tax_exempt": "none",
        "test_clock": null
    })
}

/// Refuses what is plainly not an email address (one `@` with text either side, no spaces),
/// as Stripe's `Invalid email address` does; `param` names the parameter.
pub(super) fn check_email(email: &str, param: &str) -> Result<(), Failure> {
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(error(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            Some("email_invalid"),
            format!("Invalid email address: {email}"),
            Some(param),
        ))
    }
}

/// A card PaymentMethod.
pub fn payment_method(id: &str, card: Value, billing_details: Value, created: u64) -> Value {
    json!({
        "id": id,
        "object": "payment_method",
        "allow_redisplay": "unspecified",
        "billing_details": billing_details,
        "card": card,
        "created": created,
        "customer": null,
        "livemode": false,
        "metadata": {},
        "type": "card"
    })
}

/// `billing_details` / `shipping`-style details with every field present.
pub fn billing_details(given: Option<&Value>) -> Value {
    let text =
        |v: Option<&Value>, key: &str| v.and_then(|v| v.get(key)).cloned().unwrap_or(Value::Null);
    let address = given.and_then(|g| g.get("address"));
    json!({
        "address": {
            "city": text(address, "city"),
            "country": text(address, "country"),
            "line1": text(address, "line1"),
            "line2": text(address, "line2"),
            "postal_code": text(address, "postal_code"),
            "state": text(address, "state")
        },
        "email": text(given, "email"),
        "name": text(given, "name"),
        "phone": text(given, "phone"),
        "tax_id": null
    })
}

/// `shipping` with every field present, or `null` when none was given.
pub fn shipping(given: Option<&Value>) -> Value {
    let Some(given) = given else {
        return Value::Null;
    };
    let details = billing_details(Some(given));
    json!({
        "address": details["address"],
        "carrier": given.get("carrier").cloned().unwrap_or(Value::Null),
        "name": details["name"],
        "phone": details["phone"],
        "tracking_number": given.get("tracking_number").cloned().unwrap_or(Value::Null)
    })
}

/// Stripe's documentation link for an error code.
pub fn doc_url(code: &str) -> String {
    format!(
        "https://stripe.com/docs/error-codes/{}",
        code.replace('_', "-")
    )
}
