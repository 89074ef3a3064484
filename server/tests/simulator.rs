//! The whole flow in simulator mode over real HTTP: the browser's ConfirmationToken, the
//! server's PaymentIntent (through its real Stripe client), 3-D Secure, retrieval, replay.

mod common;

use checkout_server::sim::cards::{
    CARD_GENERIC_DECLINE, CARD_INSUFFICIENT_FUNDS, CARD_REQUIRES_3DS, CARD_SUCCEEDS,
};
use checkout_server::Config;
use common::*;
use serde_json::{json, Value};

const PK: &str = "pk_test_simulated";
const SK: &str = "sk_test_simulated";

/// An expiry year five years from now (the simulator refuses expired and far-future cards).
fn exp_year() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    (1970 + secs / 31_556_952 + 5).to_string()
}

async fn start_with(conditional_options: bool) -> String {
    let dir = temp_dir("sim");
    std::fs::write(
        dir.join("index.html"),
        r#"<script src="%STRIPE_JS_URL%" data-key="%STRIPE_PUBLISHABLE_KEY%" data-mode="%STRIPE_MODE%"></script>"#,
    )
    .unwrap();
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.dist_dir = dir;
    config.conditional_options = conditional_options;
    // These tests count PaymentIntents through the list call.
    config.limits.sim_admin_api = true;
    config.limits.checkout_rate = None;
    spawn(config).await
}

async fn start() -> String {
    start_with(false).await
}

/// Calls the simulated API; answers `(status, headers, json)`.
async fn api(
    base: &str,
    method: &str,
    path: &str,
    key: &str,
    form: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, Value) {
    let url = format!("{base}/sim/api{path}");
    let mut request = match method {
        "GET" => client().get(url),
        _ => client()
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(checkout_server::form::encode(form)),
    }
    .header("authorization", format!("Bearer {key}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    (status, headers, body)
}

/// Creates a ConfirmationToken the way the (simulated) Stripe.js does in the browser.
async fn token(base: &str, number: &str) -> String {
    let year = exp_year();
    let (status, _, body) = api(
        base,
        "POST",
        "/v1/confirmation_tokens",
        PK,
        &[
            ("payment_method_data[type]", "card"),
            ("payment_method_data[card][number]", number),
            ("payment_method_data[card][exp_month]", "12"),
            ("payment_method_data[card][exp_year]", &year),
            ("payment_method_data[card][cvc]", "123"),
            ("payment_method_data[billing_details][name]", "Jenny Rosen"),
            (
                "payment_method_data[billing_details][email]",
                "jenny@example.com",
            ),
            (
                "payment_method_data[billing_details][address][country]",
                "US",
            ),
            ("shipping[name]", "Jenny Rosen"),
            ("shipping[phone]", "+15555550100"),
            ("shipping[address][line1]", "1234 Fake Street"),
            ("shipping[address][line2]", ""),
            ("shipping[address][city]", "San Francisco"),
            ("shipping[address][state]", "CA"),
            ("shipping[address][postal_code]", "94102"),
            ("shipping[address][country]", "US"),
            ("return_url", "http://127.0.0.1:4242/complete"),
        ],
        &[],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["object"], "confirmation_token");
    assert_eq!(body["livemode"], false);
    assert_eq!(body["payment_intent"], Value::Null);
    assert_eq!(body["use_stripe_sdk"], true);
    assert_eq!(body["payment_method_preview"]["type"], "card");
    let card = &body["payment_method_preview"]["card"];
    assert_eq!(card["last4"], &number[12..]);
    assert_eq!(card["brand"], "visa");
    assert_eq!(card["exp_year"].to_string(), year);
    assert_eq!(body["shipping"]["address"]["city"], "San Francisco");
    assert_eq!(
        body["payment_method_preview"]["billing_details"]["name"],
        "Jenny Rosen"
    );
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("ctoken_"), "{id}");
    id
}

fn intent_id(client_secret: &str) -> &str {
    client_secret.split("_secret_").next().unwrap()
}

async fn retrieve(base: &str, client_secret: &str) -> (u16, Value) {
    let path = format!(
        "/v1/payment_intents/{}?client_secret={client_secret}",
        intent_id(client_secret)
    );
    let (status, _, body) = api(base, "GET", &path, PK, &[], &[]).await;
    (status, body)
}

async fn intent_count(base: &str) -> usize {
    let (status, _, list) = api(base, "GET", "/v1/payment_intents", SK, &[], &[]).await;
    assert_eq!(status, 200);
    list["data"].as_array().unwrap().len()
}

#[tokio::test]
async fn the_succeeding_card_pays_and_the_client_secret_retrieves_it() {
    let base = start().await;
    let token = token(&base, CARD_SUCCEEDS).await;
    let answer = checkout(&base, &cart(&token)).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.body["status"], "succeeded");
    let secret = answer.body["client_secret"].as_str().unwrap();
    assert!(secret.starts_with("pi_") && secret.contains("_secret_"));

    let (status, intent) = retrieve(&base, secret).await;
    assert_eq!(status, 200);
    assert_eq!(intent["object"], "payment_intent");
    assert_eq!(intent["status"], "succeeded");
    assert_eq!(intent["amount"], 6200);
    assert_eq!(intent["currency"], "usd");
    assert_eq!(intent["capture_method"], "automatic_async");
    assert_eq!(intent["confirmation_method"], "automatic");
    assert!(intent["payment_method"]
        .as_str()
        .unwrap()
        .starts_with("pm_"));
    assert!(
        intent.get("metadata").is_none(),
        "the publishable view is client-safe"
    );
    assert!(
        intent.get("customer").is_none(),
        "the publishable view is client-safe"
    );

    let wrong = format!("{}_secret_wrong", intent_id(secret));
    let (status, body) = retrieve(&base, &wrong).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["type"], "invalid_request_error");
    let (status, _) = {
        let path = format!("/v1/payment_intents/{}", intent_id(secret));
        let (s, _, b) = api(&base, "GET", &path, PK, &[], &[]).await;
        (s, b)
    };
    assert_eq!(status, 400, "a publishable key needs the client secret");

    let (status, _, used) = api(
        &base,
        "GET",
        &format!("/v1/confirmation_tokens/{token}"),
        SK,
        &[],
        &[],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(used["payment_intent"], intent_id(secret));
}

#[tokio::test]
async fn the_3ds_card_requires_action_and_approval_completes_it() {
    let base = start().await;
    let token = token(&base, CARD_REQUIRES_3DS).await;
    let answer = checkout(&base, &cart(&token)).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["status"], "requires_action");
    let secret = answer.body["client_secret"].as_str().unwrap().to_owned();
    let (_, intent) = retrieve(&base, &secret).await;
    assert_eq!(intent["next_action"]["type"], "use_stripe_sdk");
    assert_eq!(
        intent["next_action"]["use_stripe_sdk"]["type"],
        "three_d_secure_redirect"
    );

    let path = format!(
        "/v1/payment_intents/{}/sim_authenticate",
        intent_id(&secret)
    );
    let (status, _, wrong) = api(
        &base,
        "POST",
        &path,
        PK,
        &[("client_secret", "pi_x_secret_y"), ("result", "approve")],
        &[],
    )
    .await;
    assert_eq!(status, 400, "{wrong}");
    let (status, _, done) = api(
        &base,
        "POST",
        &path,
        PK,
        &[("client_secret", &secret), ("result", "approve")],
        &[],
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["status"], "succeeded");
    assert_eq!(done["next_action"], Value::Null);
    let (status, _, again) = api(
        &base,
        "POST",
        &path,
        PK,
        &[("client_secret", &secret), ("result", "approve")],
        &[],
    )
    .await;
    assert_eq!(status, 400, "only from requires_action");
    assert_eq!(again["error"]["code"], "payment_intent_unexpected_state");
    assert_eq!(retrieve(&base, &secret).await.1["status"], "succeeded");
}

#[tokio::test]
async fn a_failed_3ds_leaves_the_payment_needing_a_new_method() {
    let base = start().await;
    let token = token(&base, CARD_REQUIRES_3DS).await;
    let answer = checkout(&base, &cart(&token)).await;
    let secret = answer.body["client_secret"].as_str().unwrap().to_owned();
    let path = format!(
        "/v1/payment_intents/{}/sim_authenticate",
        intent_id(&secret)
    );
    let (status, _, failed) = api(
        &base,
        "POST",
        &path,
        PK,
        &[("client_secret", &secret), ("result", "fail")],
        &[],
    )
    .await;
    assert_eq!(status, 200, "{failed}");
    assert_eq!(failed["status"], "requires_payment_method");
    let error = &failed["last_payment_error"];
    assert_eq!(error["type"], "card_error");
    assert_eq!(error["code"], "payment_intent_authentication_failure");
    assert_eq!(
        error["message"],
        "We are unable to authenticate your payment method. Please choose a different payment method and try again."
    );
    let (_, _, bad) = api(
        &base,
        "POST",
        &path,
        PK,
        &[("client_secret", &secret), ("result", "maybe")],
        &[],
    )
    .await;
    assert_eq!(bad["error"]["type"], "invalid_request_error");
}

#[tokio::test]
async fn declined_cards_answer_402_with_message_and_code_only() {
    let base = start().await;
    for (number, message) in [
        (CARD_INSUFFICIENT_FUNDS, "Your card has insufficient funds."),
        (CARD_GENERIC_DECLINE, "Your card was declined."),
    ] {
        let token = token(&base, number).await;
        let answer = checkout(&base, &cart(&token)).await;
        assert_eq!(answer.status, 402, "{number}");
        assert_eq!(
            answer.body,
            json!({"error": {"message": message, "type": "card_error", "code": "card_declined"}})
        );
    }
}

#[tokio::test]
async fn the_simulated_decline_is_shaped_like_stripes() {
    let base = start().await;
    let token = token(&base, CARD_INSUFFICIENT_FUNDS).await;
    let (status, _, body) = api(
        &base,
        "POST",
        "/v1/payment_intents",
        SK,
        &[
            ("amount", "2500"),
            ("currency", "usd"),
            ("confirm", "true"),
            ("confirmation_token", &token),
        ],
        &[],
    )
    .await;
    assert_eq!(status, 402);
    let error = &body["error"];
    assert_eq!(error["type"], "card_error");
    assert_eq!(error["code"], "card_declined");
    assert_eq!(error["decline_code"], "insufficient_funds");
    assert_eq!(error["payment_intent"]["status"], "requires_payment_method");
    assert_eq!(
        error["payment_intent"]["last_payment_error"]["decline_code"],
        "insufficient_funds"
    );
    assert!(error["request_log_url"].is_string());
}

#[tokio::test]
async fn a_resent_token_replays_the_same_payment_and_creates_no_second_one() {
    let base = start().await;
    let token = token(&base, CARD_SUCCEEDS).await;
    let first = checkout(&base, &cart(&token)).await;
    let again = checkout(&base, &cart(&token)).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.body, again.body);
    assert_eq!(intent_count(&base).await, 1);

    // The same token for a different cart is a different request: refused, never charged.
    let mut other = cart(&token);
    other["items"] = json!([{"id": "mug", "quantity": 1}]);
    let refused = checkout(&base, &other).await;
    assert_eq!(refused.status, 502);
    assert_eq!(intent_count(&base).await, 1);
}

#[tokio::test]
async fn the_simulated_api_checks_parameters_keys_and_idempotency_like_stripe() {
    let base = start().await;
    let post =
        |form: Vec<(&'static str, String)>, key: &'static str, idem: Option<&'static str>| {
            let base = base.clone();
            async move {
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let headers: Vec<(&str, &str)> =
                    idem.map(|k| ("idempotency-key", k)).into_iter().collect();
                api(&base, "POST", "/v1/payment_intents", key, &pairs, &headers).await
            }
        };
    let (status, _, body) = post(
        vec![
            ("amount", "2500".into()),
            ("currency", "usd".into()),
            ("colour", "red".into()),
        ],
        SK,
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["message"],
        "Received unknown parameter: colour"
    );
    assert_eq!(body["error"]["param"], "colour");

    let (status, _, body) = post(vec![("currency", "usd".into())], SK, None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("parameter_missing"))
    );

    let (status, _, body) = post(
        vec![("amount", "ten".into()), ("currency", "usd".into())],
        SK,
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("parameter_invalid_integer"))
    );

    let (status, _, _) = post(
        vec![("amount", "2500".into()), ("currency", "usd".into())],
        PK,
        None,
    )
    .await;
    assert_eq!(
        status, 401,
        "a publishable key cannot create PaymentIntents"
    );
    let (status, _, _) = post(
        vec![("amount", "2500".into()), ("currency", "usd".into())],
        "sk_test_other",
        None,
    )
    .await;
    assert_eq!(status, 401);

    let (status, _, body) = post(
        vec![
            ("amount", "2500".into()),
            ("currency", "usd".into()),
            ("confirm", "true".into()),
            ("confirmation_token", "ctoken_missing".into()),
        ],
        SK,
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("resource_missing"))
    );

    let token = token(&base, CARD_SUCCEEDS).await;
    let form = vec![
        ("amount", "2500".into()),
        ("currency", "usd".into()),
        ("confirm", "true".into()),
        ("confirmation_token", token.clone()),
    ];
    let (status, first_headers, first) = post(form.clone(), SK, Some("key-1")).await;
    assert_eq!(status, 200, "{first}");
    assert!(first_headers.get("idempotent-replayed").is_none());
    let (status, headers, replay) = post(form.clone(), SK, Some("key-1")).await;
    assert_eq!(status, 200);
    assert_eq!(replay, first);
    assert_eq!(headers["idempotent-replayed"], "true");

    let mut changed = form.clone();
    changed[0].1 = "2600".into();
    let (status, _, body) = post(changed, SK, Some("key-1")).await;
    assert_eq!(
        (status, body["error"]["type"].as_str()),
        (400, Some("idempotency_error"))
    );

    let (status, _, body) = post(form, SK, Some("key-2")).await;
    assert_eq!(status, 400, "a used ConfirmationToken is refused");
    assert_eq!(body["error"]["param"], "confirmation_token");
    assert_eq!(intent_count(&base).await, 1);
}

#[tokio::test]
async fn token_creation_needs_the_publishable_key_and_a_valid_card() {
    let base = start().await;
    let year = exp_year();
    let card = |number: &'static str| {
        vec![
            ("payment_method_data[type]", "card"),
            ("payment_method_data[card][number]", number),
            ("payment_method_data[card][exp_month]", "12"),
            ("payment_method_data[card][exp_year]", year.as_str()),
            ("payment_method_data[card][cvc]", "123"),
        ]
    };
    let (status, _, body) = api(
        &base,
        "POST",
        "/v1/confirmation_tokens",
        PK,
        &card("4242424242424241"),
        &[],
    )
    .await;
    assert_eq!(status, 402);
    assert_eq!(body["error"]["type"], "card_error");
    assert_eq!(body["error"]["code"], "incorrect_number");
    let (status, _, _) = api(
        &base,
        "POST",
        "/v1/confirmation_tokens",
        SK,
        &card(CARD_SUCCEEDS),
        &[],
    )
    .await;
    assert_eq!(status, 401);
    let (status, _, _) = api(
        &base,
        "GET",
        "/v1/confirmation_tokens/ctoken_nope",
        PK,
        &[],
        &[],
    )
    .await;
    assert_eq!(status, 401, "retrieving a token needs the secret key");
    let (status, _, body) = api(&base, "GET", "/v1/nothing_here", SK, &[], &[]).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["type"], "invalid_request_error");
}

#[tokio::test]
async fn conditional_options_hold_card_payments_for_capture() {
    let base = start_with(true).await;
    let token = token(&base, CARD_SUCCEEDS).await;
    let answer = checkout(&base, &cart(&token)).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.body["status"], "requires_capture");
}

#[tokio::test]
async fn simulator_mode_serves_the_simulated_stripe_js_and_fills_the_page() {
    let base = start().await;
    let html = client()
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        html,
        r#"<script src="/sim/stripe.js?api=/sim/api" data-key="pk_test_simulated" data-mode="simulated"></script>"#
    );
    let js = client()
        .get(format!("{base}/sim/stripe.js?api=/sim/api"))
        .send()
        .await
        .unwrap();
    assert_eq!(js.status(), 200);
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(js.text().await.unwrap(), checkout_server::sim::STRIPE_JS);
}

#[tokio::test]
async fn a_deeply_nested_form_is_a_stripe_shaped_400_and_the_server_stays_up() {
    let base = start().await;
    // The reported attack: 15 kB, 5,000 levels deep (it used to overflow the stack and abort).
    let body = format!("shipping{}=1", "[a]".repeat(5_000));
    let response = client()
        .post(format!("{base}/sim/api/v1/confirmation_tokens"))
        .header("authorization", format!("Bearer {PK}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let error: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(error["error"]["type"], "invalid_request_error", "{error}");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("at most 5 levels"),
        "{error}"
    );
    // Still serving.
    let paid = token(&base, CARD_SUCCEEDS).await;
    assert_eq!(checkout(&base, &cart(&paid)).await.status, 200);
}

#[tokio::test]
async fn listing_payment_intents_is_off_unless_the_admin_api_is_enabled() {
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.dist_dir = temp_dir("sim-admin");
    config.limits.checkout_rate = None;
    let base = spawn(config).await;
    let first = token(&base, CARD_SUCCEEDS).await;
    let paid = checkout(&base, &cart(&first)).await;
    let secret = paid.body["client_secret"].as_str().unwrap().to_owned();
    let (status, _, body) = api(&base, "GET", "/v1/payment_intents", SK, &[], &[]).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["type"], "invalid_request_error");
    assert!(!body.to_string().contains(&secret), "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("SIM_ADMIN_API"));

    // Enabled (as the other simulator tests do), the list shows the payment.
    let enabled = start().await;
    let second = token(&enabled, CARD_SUCCEEDS).await;
    assert_eq!(checkout(&enabled, &cart(&second)).await.status, 200);
    assert_eq!(intent_count(&enabled).await, 1);
}
