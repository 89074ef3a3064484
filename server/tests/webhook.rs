//! `POST /webhook` verification over HTTP: a valid signature, a wrong secret, a tampered
//! body, an old timestamp, two `v1`s of which one is valid, a missing or malformed header —
//! every refusal a 400 that changes nothing; the rate limit on refusals only; the body limit.

mod common;

use std::time::Duration;

use checkout_server::webhook::signature::{sign, signature_header};
use common::orders::*;
use common::*;
use serde_json::Value;

/// A server (SQLite) with one pending order, and the `payment_intent.succeeded` event for it.
async fn with_order() -> (Server, MockStripe, String, Value) {
    let stripe = MockStripe::start().await;
    let mut config = test_config(&stripe.base());
    config.limits.webhook_rate = None;
    let server = Server::start(config, sqlite_store().await).await;
    let made = intent("pi_Sig1", "succeeded", 0, None);
    stripe.then(Scripted::Json(200, made.clone()));
    assert_eq!(
        checkout(&server.base, &cart("ctoken_sig")).await.status,
        200
    );
    let sent = stripe.intent_requests()[0].nested();
    let order = sent["metadata"]["order_id"].as_str().unwrap().to_owned();
    let mut object = made;
    object["amount"] = sent["amount"]
        .as_str()
        .unwrap()
        .parse::<u64>()
        .unwrap()
        .into();
    object["metadata"] = serde_json::json!({"order_id": order});
    let event = event("evt_sig", "payment_intent.succeeded", object);
    (server, stripe, order, event)
}

async fn status_of(server: &Server, order: &str) -> String {
    let order = server.store.order(order).await.unwrap().unwrap();
    order.status.as_str().to_owned()
}

#[tokio::test]
async fn every_unverified_request_is_a_400_that_changes_nothing_and_the_valid_one_applies() {
    let (server, _stripe, order, event) = with_order().await;
    let body = event.to_string();
    let t = now();
    let good = sign(WEBHOOK_SECRET, t, body.as_bytes());
    let wrong = sign("whsec_someone_else", t, body.as_bytes());
    let tampered = body.replace("succeeded", "succeeded ");
    let old = now() - 301;
    let cases: Vec<(&str, String, Option<String>, &str)> = vec![
        (
            "wrong secret",
            body.clone(),
            Some(format!("t={t},v1={wrong}")),
            "No v1 signature matches",
        ),
        (
            "tampered body",
            tampered,
            Some(format!("t={t},v1={good}")),
            "No v1 signature matches",
        ),
        (
            "old timestamp",
            body.clone(),
            Some(signature_header(WEBHOOK_SECRET, old, body.as_bytes())),
            "timestamp is 301 s",
        ),
        (
            "missing header",
            body.clone(),
            None,
            "Missing Stripe-Signature",
        ),
        (
            "malformed header",
            body.clone(),
            Some(format!("v1={good}")),
            "Malformed",
        ),
        (
            "no v1",
            body.clone(),
            Some(format!("t={t},v0={good}")),
            "no v1 signature",
        ),
        (
            "not hex",
            body.clone(),
            Some(format!("t={t},v1=zz")),
            "Malformed",
        ),
    ];
    for (what, body, header, message) in cases {
        let (status, text) = post_webhook(&server.base, &body, header.as_deref()).await;
        assert_eq!(status, 400, "{what}: {text}");
        let answer: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(answer["error"]["type"], "invalid_request_error", "{what}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .unwrap()
                .contains(message),
            "{what}: {text}"
        );
        assert_eq!(status_of(&server, &order).await, "pending", "{what}");
    }
    // Two v1s (a secret being rolled): one valid is enough. The event was never recorded by
    // the refusals above, so it applies now.
    let header = format!("t={t},v1={wrong},v1={good}");
    let (status, text) = post_webhook(&server.base, &body, Some(&header)).await;
    assert_eq!((status, text.as_str()), (200, r#"{"received":true}"#));
    assert_eq!(status_of(&server, &order).await, "paid");
    server.stop().await;
}

#[tokio::test]
async fn only_refused_requests_spend_the_webhook_rate_limit() {
    let stripe = MockStripe::start().await;
    let mut config = test_config(&stripe.base());
    config.limits.webhook_rate = Some(checkout_server::config::RateLimit {
        requests: 2,
        period: Duration::from_secs(60),
    });
    let server = Server::start(config, sqlite_store().await).await;
    let object = intent("pi_Rate1", "succeeded", 100, None);
    for n in 0..5 {
        let event = event(
            &format!("evt_rate{n}"),
            "payment_intent.succeeded",
            object.clone(),
        );
        assert_eq!(send_event(&server.base, WEBHOOK_SECRET, &event).await, 200);
    }
    let statuses: Vec<u16> = {
        let mut all = Vec::new();
        for _ in 0..3 {
            all.push(post_webhook(&server.base, "{}", Some("t=1,v1=00")).await.0);
        }
        all
    };
    assert_eq!(statuses, [400, 400, 429]);
    // Stripe's verified deliveries still get through.
    let event = event("evt_rate_after", "payment_intent.succeeded", object);
    assert_eq!(send_event(&server.base, WEBHOOK_SECRET, &event).await, 200);
    server.stop().await;
}

#[tokio::test]
async fn an_event_larger_than_a_checkout_body_is_accepted_up_to_the_webhook_limit() {
    let stripe = MockStripe::start().await;
    let server = Server::start(test_config(&stripe.base()), sqlite_store().await).await;
    let mut object = intent("pi_Big1", "succeeded", 100, None);
    object["description"] = "x".repeat(40 * 1024).into();
    let big = event("evt_big", "payment_intent.succeeded", object.clone());
    assert_eq!(send_event(&server.base, WEBHOOK_SECRET, &big).await, 200);
    object["description"] = "x".repeat(300 * 1024).into();
    let huge = event("evt_huge", "payment_intent.succeeded", object);
    assert_eq!(send_event(&server.base, WEBHOOK_SECRET, &huge).await, 413);
    server.stop().await;
}

#[tokio::test]
async fn with_stripe_keys_the_webhook_secret_is_required() {
    let vars = [
        ("STRIPE_SECRET_KEY", "sk_test_abc"),
        ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
    ];
    let refused = checkout_server::Config::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    });
    let message = refused.unwrap_err().to_string();
    assert!(
        message.contains("STRIPE_WEBHOOK_SECRET is required"),
        "{message}"
    );
    // Simulator mode: a random whsec_ per process.
    let one = checkout_server::Config::from_lookup(|_| None).unwrap();
    let other = checkout_server::Config::from_lookup(|_| None).unwrap();
    let secret = one.webhook_secret.clone().unwrap();
    assert!(secret.expose().starts_with("whsec_"));
    assert_ne!(one.webhook_secret, other.webhook_secret);
    assert!(!format!("{one:?}").contains(secret.expose()));
}
