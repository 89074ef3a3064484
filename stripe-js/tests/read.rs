//! Reading Stripe.js's results and event payloads (`FromJs`), from the JSON Stripe documents and
//! the shapes `@stripe/stripe-js` types, in the browser where the reading runs.
#![cfg(target_arch = "wasm32")]

use stripe_js::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("test JSON")
}

fn read<T: FromJs>(json: &str) -> Result<T, String> {
    T::from_js(&parse(json))
}

#[wasm_bindgen_test]
fn stripe_fixtures_are_read() {
    let pi: PaymentIntent = read(include_str!("data/payment_intent.json")).unwrap();
    assert_eq!(pi.id, "pi_1PgafyB7WZ01zgkWSjxsAJo3");
    assert_eq!(pi.status, PaymentIntentStatus::RequiresPaymentMethod);
    assert_eq!(pi.amount, Some(1099));
    assert_eq!(
        pi.last_payment_error.unwrap().kind,
        StripeErrorType::IdempotencyError
    );
    let token: ConfirmationToken = read(include_str!("data/confirmation_token.json")).unwrap();
    assert_eq!(token.id, "ctoken_1Pgc73B7WZ01zgkWgFXpfTtv");
}

#[wasm_bindgen_test]
fn element_events_and_address_values_are_read() {
    let change: ChangeEvent = read(
        r#"{"elementType": "payment", "empty": false, "complete": true, "collapsed": false,
            "value": {"type": "card"}}"#,
    )
    .unwrap();
    assert!(change.complete && !change.empty && change.element_type == ElementType::Payment);
    let bare: ChangeEvent = read(r#"{"elementType": "somethingNew"}"#).unwrap();
    assert_eq!(
        (bare.element_type, bare.empty, bare.complete),
        (ElementType::Other, false, false)
    );
    let err: LoadErrorEvent = read(
        r#"{"elementType": "payment", "error": {"type": "invalid_request_error", "message": "x"}}"#,
    )
    .unwrap();
    assert_eq!(err.error.kind, StripeErrorType::InvalidRequestError);
    let value: AddressResult = read(
        r#"{"complete": true, "isNewAddress": true,
            "value": {"name": "Jenny", "address": {"line1": "1 Main", "line2": null,
                "city": "SF", "state": "CA", "postal_code": "94107", "country": "US"}}}"#,
    )
    .unwrap();
    assert!(value.is_new_address);
    assert_eq!(value.value.address.postal_code.as_deref(), Some("94107"));
    assert_eq!(value.value.address.line2, None);
    assert_eq!(value.value.phone, None);
    let email: LinkAuthenticationChangeEvent = read(
        r#"{"elementType": "linkAuthentication", "empty": false, "complete": true,
            "value": {"email": "j@example.com"}}"#,
    )
    .unwrap();
    assert_eq!(email.value.email, "j@example.com");
    assert_eq!(email.element_type, ElementType::LinkAuthentication);
}

/// Every field `elements/payment.d.ts` and `elements/address.d.ts` type for these events.
#[wasm_bindgen_test]
fn payment_and_address_events_carry_every_typed_field() {
    let change: PaymentChangeEvent = read(
        r#"{"elementType": "payment", "empty": false, "complete": true, "collapsed": true,
            "value": {"type": "card", "savePaymentMethod": true,
                "billingDetails": {"address": {"country": "US", "postalCode": null}},
                "payment_method": {"id": "pm_1", "type": "card", "billing_details": {
                    "address": {"city": null, "country": "US", "line1": null, "line2": null,
                        "postal_code": "94107", "state": null},
                    "name": "Jenny", "email": null, "phone": null}}}}"#,
    )
    .unwrap();
    assert!(change.collapsed && change.complete);
    assert_eq!(change.value.kind, "card");
    assert_eq!(change.value.save_payment_method, Some(true));
    let billing = change.value.billing_details.unwrap().address;
    assert_eq!(
        (billing.country.as_deref(), billing.postal_code),
        (Some("US"), None)
    );
    let method = change.value.payment_method.unwrap();
    assert_eq!((method.id.as_str(), method.kind.as_str()), ("pm_1", "card"));
    assert_eq!(method.billing_details.name.as_deref(), Some("Jenny"));
    assert_eq!(
        method.billing_details.address.postal_code.as_deref(),
        Some("94107")
    );
    let bare: PaymentChangeEvent = read(
        r#"{"elementType": "payment", "empty": true, "complete": false, "collapsed": false,
            "value": {"type": "us_bank_account"}}"#,
    )
    .unwrap();
    assert_eq!(bare.value.kind, "us_bank_account");
    assert_eq!(bare.value.payment_method, None);
    let card: CardDetailsChangeEvent = read(
        r#"{"elementType": "payment", "loading": false,
            "details": {"brands": ["cartes_bancaires", "visa"], "funding": "debit"}}"#,
    )
    .unwrap();
    let details = card.details.unwrap();
    assert_eq!(details.brands.unwrap(), ["cartes_bancaires", "visa"]);
    assert_eq!(details.funding.as_deref(), Some("debit"));
    let loading: CardDetailsChangeEvent =
        read(r#"{"elementType": "payment", "loading": true}"#).unwrap();
    assert!(loading.loading && loading.details.is_none());
    let available: AvailablePaymentMethodsChangeEvent = read(
        r#"{"elementType": "payment", "paymentMethods": {"card": {"available": true},
            "klarna": {"available": false}}}"#,
    )
    .unwrap();
    let methods = available.payment_methods.unwrap();
    assert!(methods["card"].available && !methods["klarna"].available);
    let address: AddressChangeEvent = read(
        r#"{"elementType": "address", "elementMode": "billing", "empty": false,
            "complete": true, "isNewAddress": false,
            "value": {"name": "Jenny Rosen", "firstName": "Jenny", "lastName": "Rosen",
                "address": {"line1": "1 Main", "line2": null, "city": "SF", "state": "CA",
                    "postal_code": "94107", "country": "US"}, "phone": "+15555550100"}}"#,
    )
    .unwrap();
    assert_eq!(address.element_mode, AddressMode::Billing);
    assert_eq!(address.value.first_name.as_deref(), Some("Jenny"));
    assert_eq!(address.value.last_name.as_deref(), Some("Rosen"));
}

#[wasm_bindgen_test]
fn express_events_are_read() {
    let ready: ExpressReadyEvent = read(
        r#"{"elementType": "expressCheckout", "availablePaymentMethods": {
            "applePay": false, "googlePay": true, "link": false, "paypal": false,
            "amazonPay": false, "klarna": false}}"#,
    )
    .unwrap();
    assert!(ready.available_payment_methods.unwrap().google_pay);
    let none: ExpressReadyEvent = read(r#"{"elementType": "expressCheckout"}"#).unwrap();
    assert_eq!(none.available_payment_methods, None);
    let unavailable: ExpressReadyEvent =
        read(r#"{"elementType": "expressCheckout", "availablePaymentMethods": null}"#).unwrap();
    assert_eq!(unavailable.available_payment_methods, None);
    let confirm: ExpressConfirmEvent = read(
        r#"{"expressPaymentType": "google_pay",
            "billingDetails": {"name": "Jenny", "email": "j@example.com"},
            "shippingAddress": {"name": "Jenny", "address": {"line1": "1 Main", "line2": null,
                "city": "SF", "state": "CA", "postal_code": "94107", "country": "US"}},
            "shippingRate": {"id": "free", "amount": 0, "displayName": "Free",
                "deliveryEstimate": {"minimum": {"unit": "day", "value": 1}}}}"#,
    )
    .unwrap();
    assert_eq!(confirm.express_payment_type, "google_pay");
    assert_eq!(
        confirm.billing_details.unwrap().email.as_deref(),
        Some("j@example.com")
    );
    assert_eq!(
        confirm.shipping_address.unwrap().address.country.as_deref(),
        Some("US")
    );
    let rate = confirm.shipping_rate.unwrap();
    assert_eq!((rate.id.as_str(), rate.amount), ("free", 0));
    assert_eq!(
        rate.delivery_estimate, None,
        "the structured estimate is not modelled"
    );
    let change: ShippingAddressChangeEvent = read(
        r#"{"name": "Ada", "address": {"city": "London", "state": "", "postal_code": "N1",
            "country": "GB"}}"#,
    )
    .unwrap();
    assert_eq!(change.address.country.as_deref(), Some("GB"));
    let rate: ShippingRateChangeEvent = read(
        r#"{"shippingRate": {"id": "express", "amount": 1500, "displayName": "Express",
            "deliveryEstimate": "2 days"}}"#,
    )
    .unwrap();
    assert_eq!(
        rate.shipping_rate.delivery_estimate.as_deref(),
        Some("2 days")
    );
}

#[wasm_bindgen_test]
fn every_documented_error_type_is_read_and_a_new_one_is_unknown() {
    for kind in [
        "api_connection_error",
        "api_error",
        "authentication_error",
        "card_error",
        "idempotency_error",
        "invalid_request_error",
        "rate_limit_error",
        "validation_error",
    ] {
        let t = StripeErrorType::from_js(&JsValue::from_str(kind)).unwrap();
        assert_eq!(t.as_str(), kind);
    }
    let t = StripeErrorType::from_js(&JsValue::from_str("brand_new_error")).unwrap();
    assert_eq!(t, StripeErrorType::Unknown);
    let e: StripeError = read(
        r#"{"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
            "message": "Your card has insufficient funds.", "param": "x",
            "doc_url": "https://stripe.com/docs", "charge": "ch_1"}"#,
    )
    .unwrap();
    assert_eq!(e.code.as_deref(), Some("card_declined"));
    assert_eq!(e.decline_code.as_deref(), Some("insufficient_funds"));
    assert_eq!(e.param.as_deref(), Some("x"));
    assert!(e.is_customer_facing());
}

#[wasm_bindgen_test]
fn a_wrong_shape_is_an_error_that_names_the_field() {
    let cases: [(&str, Result<PaymentIntent, String>); 5] = [
        ("missing field `id`", read(r#"{"status": "succeeded"}"#)),
        (
            "id: expected a string, got 42",
            read(r#"{"id": 42, "status": "succeeded"}"#),
        ),
        (
            "amount: expected a whole number of at least 0, got 10.5",
            read(r#"{"id": "pi_1", "status": "succeeded", "amount": 10.5}"#),
        ),
        (
            "last_payment_error: type: expected a string, got null",
            read(r#"{"id": "pi_1", "status": "succeeded", "last_payment_error": {"type": null}}"#),
        ),
        ("expected an object, got [1]", read("[1]")),
    ];
    for (want, got) in cases {
        assert_eq!(got.unwrap_err(), want);
    }
    let complete: Result<AddressResult, String> = read(r#"{"value": {"address": {}}}"#);
    assert_eq!(complete.unwrap_err(), "missing field `complete`");
    let list: Result<Vec<String>, String> = read(r#"["a", 1]"#);
    assert_eq!(list.unwrap_err(), "[1]: expected a string, got 1");
    let list: Vec<String> = read(r#"["a", "b"]"#).unwrap();
    assert_eq!(list, ["a", "b"]);
}
