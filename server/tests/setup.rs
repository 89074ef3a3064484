//! `/create-confirm-setup-intent` against the scripted mock of Stripe's API: the token, the
//! Customer and the SetupIntent sent, the keys they carry, and the same error mapping, input
//! checks and rate limit as the payment route.

mod common;

use std::time::Duration;

use checkout_server::config::RateLimit;
use checkout_server::error::{GENERIC_MESSAGE, OUTCOME_UNKNOWN_MESSAGE};
use checkout_server::stripe::{setup_idempotency_key, STRIPE_VERSION};
use common::schema;
use common::*;
use serde_json::{json, Value};

fn body(token: &str) -> Value {
    json!({"confirmationTokenId": token})
}

#[tokio::test]
async fn a_setup_sends_stripe_the_token_read_a_customer_and_the_documented_setup_form() {
    let stripe = MockStripe::start().await;
    stripe.then_at(
        Route::Token,
        Scripted::Json(200, card_token(None, Some("jenny@example.com"))),
    );
    let base = spawn(test_config(&stripe.base())).await;

    let answer = setup(&base, &body("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv")).await;

    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(
        answer.body,
        json!({"client_secret": setup_intent("succeeded")["client_secret"], "status": "succeeded"})
    );
    let requests = stripe.requests();
    let paths: Vec<(&str, &str)> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            (
                "GET",
                "/v1/confirmation_tokens/ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"
            ),
            ("POST", "/v1/customers"),
            ("POST", "/v1/setup_intents"),
        ]
    );
    let customer_form = requests[1].nested();
    assert_eq!(customer_form, json!({"email": "jenny@example.com"}));
    schema::validate(&customer_form, &schema::post_customers()).unwrap();
    let sent = &requests[2];
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {SECRET_KEY}").as_str())
    );
    assert_eq!(sent.header("stripe-version"), Some(STRIPE_VERSION));
    assert_eq!(
        sent.header("idempotency-key"),
        Some(setup_idempotency_key("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv").as_str())
    );
    let expected: Vec<(String, String)> = [
        ("confirm", "true"),
        ("confirmation_token", "ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"),
        ("customer", customer()["id"].as_str().unwrap()),
        ("usage", "off_session"),
        ("automatic_payment_methods[enabled]", "true"),
        ("use_stripe_sdk", "true"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let pairs = sent.pairs();
    let (order, rest) = pairs.split_last().unwrap();
    assert_eq!(rest, expected);
    // The setup's order, recorded before the call, goes along as metadata.
    assert_eq!(order.0, "metadata[order_id]");
    assert!(order.1.starts_with("ord_"), "{order:?}");
    schema::validate(&sent.nested(), &schema::post_setup_intents()).unwrap();
}

#[tokio::test]
async fn the_usage_is_the_tokens_setup_future_usage_and_the_email_falls_back_to_the_body() {
    let stripe = MockStripe::start().await;
    stripe.then_at(
        Route::Token,
        Scripted::Json(200, card_token(Some("on_session"), None)),
    );
    let mut config = test_config(&stripe.base());
    config.customer = None;
    let base = spawn(config).await;
    let mut request = body("ctoken_abc");
    request["email"] = "typed@example.com".into();
    assert_eq!(setup(&base, &request).await.status, 200);
    let customer_form = stripe.requests_at(Route::Customer)[0].nested();
    assert_eq!(customer_form, json!({"email": "typed@example.com"}));
    let form = stripe.intent_requests()[0].nested();
    schema::validate(&form, &schema::post_setup_intents()).unwrap();
    assert_eq!(form["usage"], "on_session");
}

#[tokio::test]
async fn a_configured_customer_is_used_and_without_an_email_none_is_sent() {
    let stripe = MockStripe::start().await;
    let mut config = test_config(&stripe.base());
    config.customer = Some("cus_Configured1".into());
    let base = spawn(config).await;
    assert_eq!(setup(&base, &body("ctoken_abc")).await.status, 200);
    assert!(stripe.requests_at(Route::Customer).is_empty());
    assert_eq!(
        stripe.intent_requests()[0].nested()["customer"],
        "cus_Configured1"
    );

    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    assert_eq!(setup(&base, &body("ctoken_abc")).await.status, 200);
    let created = &stripe.requests_at(Route::Customer)[0];
    assert_eq!(created.body, "", "no email known: an empty form");
}

#[tokio::test]
async fn a_resent_token_reuses_the_setup_and_customer_keys_and_another_does_not() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    for token in ["ctoken_same", "ctoken_same", "ctoken_other"] {
        assert_eq!(setup(&base, &body(token)).await.status, 200);
    }
    let keys = |route| -> Vec<String> {
        stripe
            .requests_at(route)
            .iter()
            .map(|r| r.header("idempotency-key").unwrap().to_owned())
            .collect()
    };
    for route in [Route::Intent, Route::Customer] {
        let keys = keys(route);
        assert_eq!(keys[0], keys[1], "{route:?}");
        assert_ne!(keys[0], keys[2], "{route:?}");
    }
}

#[tokio::test]
async fn a_setup_needing_authentication_answers_its_status_and_client_secret() {
    let stripe = MockStripe::start().await;
    let mut intent = setup_intent("requires_action");
    intent["next_action"] =
        json!({"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect"}});
    stripe.then(Scripted::Json(200, intent.clone()));
    let base = spawn(test_config(&stripe.base())).await;
    let answer = setup(&base, &body("ctoken_abc")).await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        json!({"client_secret": intent["client_secret"], "status": "requires_action"})
    );
}

#[tokio::test]
async fn a_declined_setup_forwards_only_message_and_code_with_402() {
    let stripe = MockStripe::start().await;
    let mut declined = card_error(
        "card_declined",
        "generic_decline",
        "Your card was declined.",
    );
    let error = declined["error"].as_object_mut().unwrap();
    error.remove("payment_intent");
    error.remove("charge");
    error.insert(
        "setup_intent".into(),
        setup_intent("requires_payment_method"),
    );
    stripe.then(Scripted::Json(402, declined));
    let base = spawn(test_config(&stripe.base())).await;
    let answer = setup(&base, &body("ctoken_abc")).await;
    assert_eq!(answer.status, 402);
    assert_eq!(
        answer.body,
        json!({"error": {"message": "Your card was declined.", "type": "card_error", "code": "card_declined"}})
    );
}

#[tokio::test]
async fn other_failures_map_exactly_as_for_payments() {
    let outcome_unknown = json!({"outcome": "unknown", "message": OUTCOME_UNKNOWN_MESSAGE});
    let generic = json!({"error": {"message": GENERIC_MESSAGE, "type": "api_error"}});
    let mut a_payment_intent = payment_intent("succeeded");
    a_payment_intent["object"] = "payment_intent".into();
    let cases = [
        (
            Scripted::Json(400, api_error("invalid_request_error", "x")),
            502,
            &generic,
        ),
        (
            Scripted::Json(429, api_error("rate_limit_error", "x")),
            503,
            &generic,
        ),
        (
            Scripted::Json(500, api_error("api_error", "x")),
            502,
            &outcome_unknown,
        ),
        (Scripted::Hang, 502, &outcome_unknown),
        (Scripted::Json(200, a_payment_intent), 502, &outcome_unknown),
        (
            Scripted::Raw(200, "text/html", "<html></html>"),
            502,
            &outcome_unknown,
        ),
    ];
    for (scripted, status, expected) in cases {
        let stripe = MockStripe::start().await;
        stripe.then(scripted.clone());
        let base = spawn(test_config(&stripe.base())).await;
        let answer = setup(&base, &body("ctoken_abc")).await;
        assert_eq!(answer.status, status, "{scripted:?}");
        assert_eq!(&answer.body, expected, "{scripted:?}");
    }
}

#[tokio::test]
async fn bad_input_is_a_json_400_and_never_reaches_stripe() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let cases = [
        json!({}),
        json!({"confirmationTokenId": "pm_123"}),
        json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "mug", "quantity": 1}]}),
        json!({"confirmationTokenId": "ctoken_abc", "amount": 100}),
        json!({"confirmationTokenId": "ctoken_abc", "email": "nope"}),
        json!({"confirmationTokenId": "ctoken_abc", "usage": "on_session"}),
    ];
    for case in cases {
        let answer = setup(&base, &case).await;
        assert_eq!(answer.status, 400, "{case}: {:?}", answer.body);
        assert_eq!(answer.body["error"]["type"], "invalid_request_error");
    }
    assert!(stripe.requests().is_empty(), "bad input reached Stripe");
}

#[tokio::test]
async fn both_checkout_routes_share_one_rate_limit_bucket() {
    let stripe = MockStripe::start().await;
    let mut config = test_config(&stripe.base());
    config.limits.checkout_rate = Some(RateLimit {
        requests: 2,
        period: Duration::from_secs(60),
    });
    let base = spawn(config).await;
    assert_eq!(checkout(&base, &cart("ctoken_a")).await.status, 200);
    assert_eq!(setup(&base, &body("ctoken_b")).await.status, 200);
    let refused = setup(&base, &body("ctoken_c")).await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.body["error"]["type"], "rate_limit_error");
    assert_eq!(checkout(&base, &cart("ctoken_d")).await.status, 429);
    assert_eq!(stripe.intent_requests().len(), 2);
}

#[test]
fn the_setup_and_customer_schemas_refuse_undocumented_parameters() {
    let setup = schema::post_setup_intents();
    schema::validate(
        &json!({"confirm": "true", "usage": "off_session", "automatic_payment_methods": {"enabled": "true"}}),
        &setup,
    )
    .unwrap();
    for bad in [
        json!({"amount": "100"}),
        json!({"usage": "sometimes"}),
        json!({"automatic_payment_methods": {}}),
        json!({"setup_future_usage": "off_session"}),
    ] {
        assert!(schema::validate(&bad, &setup).is_err(), "{bad}");
    }
    let customers = schema::post_customers();
    schema::validate(&json!({"email": "a@example.com"}), &customers).unwrap();
    assert!(schema::validate(&json!({"emial": "a@example.com"}), &customers).is_err());
    assert!(schema::validate(&json!({"email": "a".repeat(513)}), &customers).is_err());
}

#[tokio::test]
async fn the_setup_route_refuses_get() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let get = client()
        .get(format!("{base}/create-confirm-setup-intent"))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405);
}

#[tokio::test]
async fn one_token_makes_one_customer_whatever_email_the_body_sends() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    for email in [Some("a@example.com"), Some("b@example.com"), None] {
        let mut request = body("ctoken_same");
        if let Some(email) = email {
            request["email"] = email.into();
        }
        assert_eq!(setup(&base, &request).await.status, 200);
        // A saving payment with the same token asks for the same Customer too.
        let mut cart = cart("ctoken_same");
        if let Some(email) = email {
            cart["email"] = email.into();
        }
        stripe.then_at(
            Route::Token,
            Scripted::Json(200, card_token(Some("off_session"), None)),
        );
        checkout(&base, &cart).await;
    }
    let keys: Vec<String> = stripe
        .requests_at(Route::Customer)
        .iter()
        .map(|r| r.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 6);
    assert!(
        keys.iter().all(|k| *k == keys[0]),
        "one Customer key per token: {keys:?}"
    );
}
