//! Stripe-shaped JSON the simulator returns: PaymentIntents, PaymentMethods, errors.

use serde_json::{json, Map, Value};

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
        "customer": null,
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
        "receipt_email": null,
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

/// The client-safe view of a PaymentIntent (what a publishable key gets).
pub fn client_safe(intent: &Value) -> Value {
    let mut out = Map::new();
    for field in CLIENT_SAFE_INTENT_FIELDS {
        if let Some(value) = intent.get(*field) {
            out.insert((*field).to_owned(), value.clone());
        }
    }
    Value::Object(out)
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
