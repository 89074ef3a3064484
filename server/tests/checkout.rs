//! `/create-confirm-intent` against a scripted mock of Stripe's API: what is sent, how answers
//! map, and that bad input never reaches Stripe.

mod common;

use checkout_server::error::{GENERIC_MESSAGE, OUTCOME_UNKNOWN_MESSAGE};
use checkout_server::stripe::{idempotency_key, NETWORK_RETRIES, STRIPE_VERSION};
use common::schema;
use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn a_checkout_sends_stripe_the_exact_form_and_headers() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;

    let answer = checkout(&base, &cart("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv")).await;

    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let fixture = payment_intent("succeeded");
    assert_eq!(
        answer.body,
        json!({"client_secret": fixture["client_secret"], "status": "succeeded"})
    );
    let requests = stripe.requests();
    assert_eq!(requests.len(), 2, "the token, then the PaymentIntent");
    let token = &requests[0];
    assert_eq!(
        (token.method.as_str(), token.path.as_str()),
        (
            "GET",
            "/v1/confirmation_tokens/ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"
        )
    );
    assert_eq!(
        token.header("authorization"),
        Some(format!("Bearer {SECRET_KEY}").as_str())
    );
    assert_eq!(token.header("stripe-version"), Some(STRIPE_VERSION));
    let sent = &requests[1];
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/v1/payment_intents")
    );
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {SECRET_KEY}").as_str())
    );
    assert_eq!(sent.header("stripe-version"), Some(STRIPE_VERSION));
    assert_eq!(sent.header("stripe-version"), Some("2026-01-28.clover"));
    assert_eq!(
        sent.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        sent.header("idempotency-key"),
        Some(idempotency_key("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv", 6200, "usd").as_str())
    );
    let pairs: Vec<(String, String)> = sent.pairs();
    let expected: Vec<(String, String)> = [
        ("confirm", "true"),
        ("amount", "6200"),
        ("currency", "usd"),
        ("automatic_payment_methods[enabled]", "true"),
        ("use_stripe_sdk", "true"),
        ("confirmation_token", "ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let (order, rest) = pairs.split_last().unwrap();
    assert_eq!(rest, expected);
    // The order, recorded before the call, goes along as metadata (the webhook finds it).
    assert_eq!(order.0, "metadata[order_id]");
    assert!(
        order.1.starts_with("ord_") && order.1.len() == 28,
        "{order:?}"
    );
}

#[tokio::test]
async fn the_form_sent_validates_against_stripes_published_request_schema() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    checkout(&base, &cart("ctoken_abc")).await;
    let sent = stripe.intent_requests()[0].nested();
    assert_eq!(
        sent["automatic_payment_methods"],
        json!({"enabled": "true"})
    );
    schema::validate(&sent, &schema::post_payment_intents()).unwrap();
}

#[test]
fn the_schema_validator_rejects_an_unknown_parameter_and_a_wrong_type() {
    let schema = schema::post_payment_intents();
    let ok = json!({"amount": "2500", "currency": "usd", "confirm": "true",
                    "automatic_payment_methods": {"enabled": "true"}});
    schema::validate(&ok, &schema).unwrap();

    let unknown = json!({"amount": "2500", "currency": "usd", "colour": "red"});
    let errors = schema::validate(&unknown, &schema).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("unknown parameter colour")),
        "{errors:?}"
    );

    // Nested objects in Stripe's schema leave additionalProperties open; types and enums
    // still apply there.
    let nested = json!({"amount": "2500", "currency": "usd",
                        "automatic_payment_methods": {"enabled": "maybe", "allow_redirects": "sometimes"}});
    let errors = schema::validate(&nested, &schema).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("automatic_payment_methods[enabled]:")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("automatic_payment_methods[allow_redirects]:")),
        "{errors:?}"
    );

    let wrong_type = json!({"amount": "twenty", "currency": "usd", "use_stripe_sdk": "yes"});
    let errors = schema::validate(&wrong_type, &schema).unwrap_err();
    assert!(
        errors.iter().any(|e| e.starts_with("amount:")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("use_stripe_sdk:")),
        "{errors:?}"
    );

    let missing = json!({"currency": "usd"});
    let errors = schema::validate(&missing, &schema).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing required \"amount\"")),
        "{errors:?}"
    );

    let too_long =
        json!({"amount": "1", "currency": "usd", "confirmation_token": "c".repeat(5001)});
    assert!(schema::validate(&too_long, &schema).is_err());
}

#[test]
#[should_panic(expected = "unimplemented JSON-Schema keyword \"patternProperties\"")]
fn the_schema_validator_fails_loudly_on_a_keyword_it_does_not_implement() {
    let schema =
        json!({"type": "object", "properties": {"a": {"type": "string", "patternProperties": {}}}});
    let _ = schema::validate(&json!({"a": "x"}), &schema);
}

#[tokio::test]
async fn a_resent_token_reuses_the_idempotency_key_and_another_token_does_not() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let first = checkout(&base, &cart("ctoken_same")).await;
    let again = checkout(&base, &cart("ctoken_same")).await;
    checkout(&base, &cart("ctoken_other")).await;
    assert_eq!(first.body, again.body);
    let keys: Vec<String> = stripe
        .intent_requests()
        .iter()
        .map(|r| r.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[0], keys[2]);
}

#[tokio::test]
async fn a_connection_dropped_before_stripes_answer_is_sent_again_under_the_same_key() {
    let stripe = MockStripe::start().await;
    stripe.then_at(Route::Token, Scripted::Drop);
    stripe.then(Scripted::Drop);
    let base = spawn(test_config(&stripe.base())).await;
    let answer = checkout(&base, &cart("ctoken_flaky")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["status"], "succeeded");
    assert_eq!(
        stripe.requests_at(Route::Token).len(),
        2,
        "the token read, again"
    );
    let keys: Vec<String> = stripe
        .intent_requests()
        .iter()
        .map(|r| r.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 2, "the intent sent twice");
    assert_eq!(
        keys[0], keys[1],
        "under one key: Stripe makes one PaymentIntent"
    );
}

#[tokio::test]
async fn stripe_never_answering_after_the_retries_is_an_unknown_outcome() {
    let stripe = MockStripe::start().await;
    for _ in 0..=NETWORK_RETRIES {
        stripe.then(Scripted::Drop);
    }
    let base = spawn(test_config(&stripe.base())).await;
    let answer = checkout(&base, &cart("ctoken_gone")).await;
    assert_eq!(answer.status, 502, "{}", answer.body);
    assert_eq!(answer.body["outcome"], "unknown");
    assert_eq!(stripe.intent_requests().len() as u32, 1 + NETWORK_RETRIES);
}

#[tokio::test]
async fn the_browsers_idempotency_key_is_read_but_the_token_derived_key_is_sent() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let answer = post_raw(
        &base,
        "application/json",
        cart("ctoken_abc").to_string(),
        &[("idempotency-key", "browser-chosen-key")],
    )
    .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        stripe.intent_requests()[0].header("idempotency-key"),
        Some(idempotency_key("ctoken_abc", 6200, "usd").as_str())
    );
}

#[tokio::test]
async fn a_payment_needing_authentication_answers_its_status_and_client_secret() {
    let stripe = MockStripe::start().await;
    let mut intent = payment_intent("requires_action");
    intent["next_action"] =
        json!({"type": "use_stripe_sdk", "use_stripe_sdk": {"type": "three_d_secure_redirect"}});
    stripe.then(Scripted::Json(200, intent.clone()));
    let base = spawn(test_config(&stripe.base())).await;
    let answer = checkout(&base, &cart("ctoken_abc")).await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        json!({"client_secret": intent["client_secret"], "status": "requires_action"})
    );
}

#[tokio::test]
async fn a_card_error_forwards_only_message_and_code_with_402() {
    let stripe = MockStripe::start().await;
    stripe.then(Scripted::Json(
        402,
        card_error(
            "card_declined",
            "insufficient_funds",
            "Your card has insufficient funds.",
        ),
    ));
    let base = spawn(test_config(&stripe.base())).await;
    let answer = checkout(&base, &cart("ctoken_abc")).await;
    assert_eq!(answer.status, 402);
    assert_eq!(
        answer.body,
        json!({"error": {"message": "Your card has insufficient funds.", "type": "card_error", "code": "card_declined"}})
    );
}

#[tokio::test]
async fn every_other_stripe_error_becomes_the_generic_message() {
    let cases = [
        (400, "invalid_request_error", 502),
        (401, "authentication_error", 502),
        (401, "invalid_request_error", 502),
        (400, "idempotency_error", 502),
        (429, "rate_limit_error", 503),
    ];
    for (stripe_status, kind, expected) in cases {
        let stripe = MockStripe::start().await;
        stripe.then(Scripted::Json(
            stripe_status,
            api_error(kind, &format!("Secret detail {SECRET_KEY} for {kind}")),
        ));
        let base = spawn(test_config(&stripe.base())).await;
        let answer = checkout(&base, &cart("ctoken_abc")).await;
        assert_eq!(answer.status, expected, "{stripe_status} {kind}");
        assert_eq!(
            answer.body,
            json!({"error": {"message": GENERIC_MESSAGE, "type": "api_error"}}),
            "{stripe_status} {kind}"
        );
    }
}

/// The body of a failure whose outcome is unknown: no `error`, so the component re-sends the
/// same token (same Stripe idempotency key) instead of making a new one that could charge twice.
fn assert_outcome_unknown(answer: &Answer, case: &str) {
    assert_eq!(answer.status, 502, "{case}");
    assert_eq!(
        answer.body,
        json!({"outcome": "unknown", "message": OUTCOME_UNKNOWN_MESSAGE}),
        "{case}"
    );
}

#[tokio::test]
async fn a_stripe_5xx_error_object_is_an_unknown_outcome_not_an_error() {
    for stripe_status in [500, 503] {
        let stripe = MockStripe::start().await;
        stripe.then(Scripted::Json(
            stripe_status,
            api_error("api_error", "boom"),
        ));
        let base = spawn(test_config(&stripe.base())).await;
        let answer = checkout(&base, &cart("ctoken_abc")).await;
        assert_outcome_unknown(&answer, &stripe_status.to_string());
    }
}

#[tokio::test]
async fn stripe_5xx_without_an_error_object_is_an_unknown_outcome() {
    for (status, content_type, body) in [
        (500, "text/html", "<html>Internal Server Error</html>"),
        (502, "text/plain", ""),
        (504, "application/json", "{\"unexpected\": true}"),
    ] {
        let stripe = MockStripe::start().await;
        stripe.then(Scripted::Raw(status, content_type, body));
        let base = spawn(test_config(&stripe.base())).await;
        let answer = checkout(&base, &cart("ctoken_abc")).await;
        assert_outcome_unknown(&answer, &status.to_string());
    }
}

#[tokio::test]
async fn an_unreachable_stripe_is_an_unknown_outcome() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let base = spawn(test_config(&format!("http://{closed}"))).await;
    let answer = checkout(&base, &cart("ctoken_abc")).await;
    assert_outcome_unknown(&answer, "unreachable");
}

#[tokio::test]
async fn a_stripe_that_does_not_answer_in_time_is_an_unknown_outcome() {
    let stripe = MockStripe::start().await;
    stripe.then(Scripted::Hang);
    let base = spawn(test_config(&stripe.base())).await;
    let answer = checkout(&base, &cart("ctoken_abc")).await;
    assert_outcome_unknown(&answer, "timeout");
}

#[tokio::test]
async fn a_2xx_that_is_not_a_payment_intent_is_an_unknown_outcome() {
    let mut no_secret = payment_intent("succeeded");
    no_secret.as_object_mut().unwrap().remove("client_secret");
    let answers = [
        Scripted::Json(200, json!({"id": "cus_123", "object": "customer"})),
        Scripted::Json(200, no_secret),
        Scripted::Json(200, json!([])),
        Scripted::Raw(200, "text/html", "<html>hello</html>"),
        Scripted::Json(201, {
            let mut other = payment_intent("succeeded");
            other["object"] = "setup_intent".into();
            other
        }),
    ];
    for scripted in answers {
        let stripe = MockStripe::start().await;
        stripe.then(scripted.clone());
        let base = spawn(test_config(&stripe.base())).await;
        let answer = checkout(&base, &cart("ctoken_abc")).await;
        assert_outcome_unknown(&answer, &format!("{scripted:?}"));
    }
}

#[tokio::test]
async fn bad_input_is_a_json_4xx_and_never_reaches_stripe() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let json_cases: Vec<(&str, Value, u16)> = vec![
        (
            "missing token",
            json!({"items": [{"id": "mug", "quantity": 1}]}),
            400,
        ),
        (
            "token not a string",
            json!({"confirmationTokenId": 12, "items": []}),
            400,
        ),
        ("token of another kind", cart("pm_123"), 400),
        ("bare prefix", cart("ctoken_"), 400),
        ("token with punctuation", cart("ctoken_abc&amount=1"), 400),
        (
            "token too long",
            cart(&format!("ctoken_{}", "a".repeat(250))),
            400,
        ),
        (
            "missing items",
            json!({"confirmationTokenId": "ctoken_abc"}),
            400,
        ),
        (
            "empty items",
            json!({"confirmationTokenId": "ctoken_abc", "items": []}),
            400,
        ),
        (
            "unknown item",
            json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "yacht", "quantity": 1}]}),
            400,
        ),
        (
            "zero quantity",
            json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "mug", "quantity": 0}]}),
            400,
        ),
        (
            "huge quantity",
            json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "mug", "quantity": 101}]}),
            400,
        ),
        (
            "enormous quantity",
            json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "mug", "quantity": 1_000_000_000_000u64}]}),
            400,
        ),
        (
            "negative quantity",
            json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "mug", "quantity": -1}]}),
            400,
        ),
        (
            "client price on an item",
            json!({"confirmationTokenId": "ctoken_abc", "items": [{"id": "mug", "quantity": 1, "price": 1}]}),
            400,
        ),
        (
            "client currency",
            json!({"confirmationTokenId": "ctoken_abc", "currency": "jpy", "items": [{"id": "mug", "quantity": 1}]}),
            400,
        ),
        ("not an object", json!(["ctoken_abc"]), 400),
    ];
    for (what, body, status) in json_cases {
        let answer = checkout(&base, &body).await;
        assert_eq!(answer.status, status, "{what}: {:?}", answer.body);
        assert_eq!(
            answer.body["error"]["type"], "invalid_request_error",
            "{what}"
        );
    }
    let raw_cases: Vec<(&str, &str, String, u16)> = vec![
        (
            "malformed JSON",
            "application/json",
            "{\"confirmationTokenId\":".into(),
            400,
        ),
        ("empty body", "application/json", String::new(), 400),
        (
            "form body",
            "application/x-www-form-urlencoded",
            "confirmationTokenId=ctoken_abc".into(),
            415,
        ),
        (
            "over 16 KiB",
            "application/json",
            format!(
                "{{\"confirmationTokenId\":\"ctoken_abc\",\"items\":[],\"pad\":\"{}\"}}",
                "x".repeat(17 * 1024)
            ),
            413,
        ),
    ];
    for (what, content_type, body, status) in raw_cases {
        let answer = post_raw(&base, content_type, body, &[]).await;
        assert_eq!(answer.status, status, "{what}: {:?}", answer.body);
        assert_eq!(
            answer.body["error"]["type"], "invalid_request_error",
            "{what}"
        );
    }
    assert!(stripe.requests().is_empty(), "bad input reached Stripe");
}

#[tokio::test]
async fn a_client_sent_amount_is_refused_as_an_unknown_field() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let mut body = cart("ctoken_abc");
    body["amount"] = 1.into();
    let answer = checkout(&base, &body).await;
    assert_eq!(answer.status, 400);
    let message = answer.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("unknown field `amount`"), "{message}");
    assert!(message.contains("computed by the server"), "{message}");
    assert!(stripe.requests().is_empty());
}

#[tokio::test]
async fn conditional_options_ask_for_manual_capture_of_cards_only() {
    for (kind, expect_manual) in [("card", true), ("us_bank_account", false)] {
        let stripe = MockStripe::start().await;
        stripe.then_at(Route::Token, Scripted::Json(200, confirmation_token(kind)));
        let mut config = test_config(&stripe.base());
        config.conditional_options = true;
        let base = spawn(config).await;
        let answer = checkout(&base, &cart("ctoken_1Pgc73B7WZ01zgkWgFXpfTtv")).await;
        assert_eq!(answer.status, 200, "{kind}");
        let requests = stripe.requests();
        assert_eq!(
            (requests[0].method.as_str(), requests[0].path.as_str()),
            (
                "GET",
                "/v1/confirmation_tokens/ctoken_1Pgc73B7WZ01zgkWgFXpfTtv"
            )
        );
        assert_eq!(requests[0].header("stripe-version"), Some(STRIPE_VERSION));
        let form = requests[1].nested();
        schema::validate(&form, &schema::post_payment_intents()).unwrap();
        let manual = form["payment_method_options"]["card"]["capture_method"] == "manual";
        assert_eq!(manual, expect_manual, "{kind}: {form}");
    }
}

#[tokio::test]
async fn wrong_methods_and_health_answer_plainly() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    let health = client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let get = client()
        .get(format!("{base}/create-confirm-intent"))
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), 405);
    let body: Value = serde_json::from_str(&get.text().await.unwrap()).unwrap();
    assert_eq!(body["error"]["type"], "invalid_request_error");
    assert!(stripe.requests().is_empty());
}

/// A checkout answered by a mock whose token is `token`; answers the mock.
async fn checkout_with_token(token: Value, body: Value, customer: Option<&str>) -> MockStripe {
    let stripe = MockStripe::start().await;
    stripe.then_at(Route::Token, Scripted::Json(200, token));
    let mut config = test_config(&stripe.base());
    config.customer = customer.map(str::to_owned);
    let base = spawn(config).await;
    let answer = checkout(&base, &body).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    stripe
}

#[tokio::test]
async fn the_receipt_email_is_the_tokens_billing_email_else_the_one_the_browser_sent() {
    let mut with_email = cart("ctoken_abc");
    with_email["email"] = "typed@example.com".into();
    let cases = [
        (
            Some("billing@example.com"),
            with_email.clone(),
            Some("billing@example.com"),
        ),
        (None, with_email, Some("typed@example.com")),
        (None, cart("ctoken_abc"), None),
    ];
    for (on_token, body, expected) in cases {
        let stripe = checkout_with_token(card_token(None, on_token), body, None).await;
        let form = stripe.intent_requests()[0].nested();
        schema::validate(&form, &schema::post_payment_intents()).unwrap();
        assert_eq!(form.get("receipt_email").and_then(Value::as_str), expected);
        assert!(
            stripe.requests_at(Route::Customer).is_empty(),
            "no customer without setup_future_usage"
        );
        assert!(form.get("customer").is_none() && form.get("setup_future_usage").is_none());
    }
}

#[tokio::test]
async fn a_token_saving_the_card_gets_setup_future_usage_and_a_new_customer_with_its_email() {
    for usage in ["off_session", "on_session"] {
        let token = card_token(Some(usage), Some("jenny@example.com"));
        let stripe = checkout_with_token(token, cart("ctoken_save"), None).await;
        let requests = stripe.requests();
        let paths: Vec<(&str, &str)> = requests
            .iter()
            .map(|r| (r.method.as_str(), r.path.as_str()))
            .collect();
        assert_eq!(
            paths,
            [
                ("GET", "/v1/confirmation_tokens/ctoken_save"),
                ("POST", "/v1/customers"),
                ("POST", "/v1/payment_intents"),
            ]
        );
        let created = &requests[1];
        assert_eq!(
            created.pairs(),
            [("email".to_owned(), "jenny@example.com".to_owned())]
        );
        schema::validate(&created.nested(), &schema::post_customers()).unwrap();
        let key = created.header("idempotency-key").unwrap();
        assert!(key.starts_with("cus-") && key.len() == 68, "{key}");
        let form = requests[2].nested();
        schema::validate(&form, &schema::post_payment_intents()).unwrap();
        assert_eq!(form["setup_future_usage"], usage);
        assert_eq!(form["customer"], customer()["id"]);
        assert_eq!(form["receipt_email"], "jenny@example.com");
    }
}

#[tokio::test]
async fn a_configured_customer_is_used_and_none_is_created() {
    let token = card_token(Some("off_session"), None);
    let stripe = checkout_with_token(token, cart("ctoken_save"), Some("cus_Configured1")).await;
    assert!(stripe.requests_at(Route::Customer).is_empty());
    let form = stripe.intent_requests()[0].nested();
    assert_eq!(form["customer"], "cus_Configured1");
    assert_eq!(form["setup_future_usage"], "off_session");
}

#[tokio::test]
async fn a_resent_saving_token_reuses_the_customer_key() {
    let stripe = MockStripe::start().await;
    for _ in 0..2 {
        stripe.then_at(
            Route::Token,
            Scripted::Json(200, card_token(Some("off_session"), Some("a@example.com"))),
        );
    }
    let base = spawn(test_config(&stripe.base())).await;
    checkout(&base, &cart("ctoken_same")).await;
    checkout(&base, &cart("ctoken_same")).await;
    let keys: Vec<String> = stripe
        .requests_at(Route::Customer)
        .iter()
        .map(|r| r.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
}

#[tokio::test]
async fn a_failed_token_retrieval_or_customer_creation_maps_like_any_stripe_error() {
    // The token: an unknown one is Stripe's 404 (generic); a hang is an unknown outcome.
    let stripe = MockStripe::start().await;
    stripe.then_at(
        Route::Token,
        Scripted::Json(404, api_error("invalid_request_error", "No such token")),
    );
    stripe.then_at(Route::Token, Scripted::Hang);
    let base = spawn(test_config(&stripe.base())).await;
    let answer = checkout(&base, &cart("ctoken_abc")).await;
    assert_eq!(answer.status, 502);
    assert_eq!(answer.body["error"]["message"], GENERIC_MESSAGE);
    assert_outcome_unknown(&checkout(&base, &cart("ctoken_abc")).await, "token hang");
    // The customer: a 5xx is an unknown outcome (it may exist: the retry reuses its key).
    stripe.then_at(
        Route::Token,
        Scripted::Json(200, card_token(Some("off_session"), None)),
    );
    stripe.then_at(
        Route::Customer,
        Scripted::Json(500, api_error("api_error", "boom")),
    );
    assert_outcome_unknown(&checkout(&base, &cart("ctoken_abc")).await, "customer 500");
    assert!(
        stripe.intent_requests().is_empty(),
        "no PaymentIntent without the token and customer"
    );
}

#[tokio::test]
async fn a_malformed_email_is_refused_before_stripe() {
    let stripe = MockStripe::start().await;
    let base = spawn(test_config(&stripe.base())).await;
    for email in [
        json!("not-an-email"),
        json!("a@b"),
        json!("a b@example.com"),
        json!(format!("{}@example.com", "a".repeat(510))),
        json!(12),
    ] {
        let mut body = cart("ctoken_abc");
        body["email"] = email.clone();
        let answer = checkout(&base, &body).await;
        assert_eq!(answer.status, 400, "{email}: {:?}", answer.body);
        assert_eq!(answer.body["error"]["type"], "invalid_request_error");
    }
    assert!(stripe.requests().is_empty());
}
