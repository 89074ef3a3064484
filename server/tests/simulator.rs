//! The whole flow in simulator mode over real HTTP: the browser's ConfirmationToken, the
//! server's PaymentIntent (through its real Stripe client), 3-D Secure, retrieval, replay.

mod common;

use checkout_server::config::SecretKey;
use checkout_server::sim::cards::{
    CARD_ALWAYS_AUTHENTICATES, CARD_GENERIC_DECLINE, CARD_INSUFFICIENT_FUNDS, CARD_REQUIRES_3DS,
    CARD_SUCCEEDS,
};
use checkout_server::Config;
use common::*;
use serde_json::{json, Value};

const PK: &str = "pk_test_simulated";
/// The simulated secret key these tests configure (by default it is random per process).
const SK: &str = "sk_test_sim_tests_only_0123456789abcdef";

/// A simulator-mode configuration on an ephemeral port whose secret key is [`SK`], with the
/// checkout rate limit off.
fn sim_config() -> Config {
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.secret_key = SecretKey::new(SK).unwrap();
    config.limits.checkout_rate = None;
    config
}

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
    let mut config = sim_config();
    config.dist_dir = dir;
    config.conditional_options = conditional_options;
    // These tests count PaymentIntents through the list call.
    config.limits.sim_admin_api = true;
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
    let mut config = sim_config();
    config.dist_dir = temp_dir("sim-admin");
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

/// A ConfirmationToken with `setup_future_usage` (if any) and a billing email, as the
/// simulated Stripe.js makes one for Elements with `setupFutureUsage` and a Link
/// Authentication Element.
async fn saving_token(base: &str, number: &str, usage: Option<&str>) -> String {
    let year = exp_year();
    let mut form = vec![
        ("payment_method_data[type]", "card"),
        ("payment_method_data[card][number]", number),
        ("payment_method_data[card][exp_month]", "12"),
        ("payment_method_data[card][exp_year]", &year),
        ("payment_method_data[card][cvc]", "123"),
        (
            "payment_method_data[billing_details][email]",
            "saver@example.com",
        ),
    ];
    if let Some(usage) = usage {
        form.push(("setup_future_usage", usage));
    }
    let (status, _, body) = api(base, "POST", "/v1/confirmation_tokens", PK, &form, &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["setup_future_usage"], json!(usage));
    assert_eq!(
        body["payment_method_preview"]["billing_details"]["email"],
        "saver@example.com"
    );
    body["id"].as_str().unwrap().to_owned()
}

async fn retrieve_setup(base: &str, client_secret: &str) -> (u16, Value) {
    let path = format!(
        "/v1/setup_intents/{}?client_secret={client_secret}",
        intent_id(client_secret)
    );
    let (status, _, body) = api(base, "GET", &path, PK, &[], &[]).await;
    (status, body)
}

#[tokio::test]
async fn a_setup_with_the_succeeding_card_saves_it_for_a_new_customer() {
    let base = start().await;
    let token = saving_token(&base, CARD_SUCCEEDS, Some("on_session")).await;
    let answer = setup(&base, &json!({"confirmationTokenId": token})).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.body["status"], "succeeded");
    let secret = answer.body["client_secret"].as_str().unwrap().to_owned();
    assert!(
        secret.starts_with("seti_") && secret.contains("_secret_"),
        "{secret}"
    );

    let (status, seen) = retrieve_setup(&base, &secret).await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["object"], "setup_intent");
    assert_eq!(seen["status"], "succeeded");
    assert_eq!(seen["usage"], "on_session");
    assert!(
        seen.get("customer").is_none(),
        "a publishable key sees the client-safe fields"
    );

    let path = format!("/v1/setup_intents/{}", intent_id(&secret));
    let (status, _, full) = api(&base, "GET", &path, SK, &[], &[]).await;
    assert_eq!(status, 200);
    assert!(full["payment_method"].as_str().unwrap().starts_with("pm_"));
    let customer = full["customer"].as_str().unwrap();
    let (status, _, customer) = api(
        &base,
        "GET",
        &format!("/v1/customers/{customer}"),
        SK,
        &[],
        &[],
    )
    .await;
    assert_eq!(status, 200, "{customer}");
    assert_eq!(customer["object"], "customer");
    assert_eq!(customer["email"], "saver@example.com");

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
    assert_eq!(used["setup_intent"], intent_id(&secret));
    let again = checkout(&base, &cart(&token)).await;
    assert_eq!(
        again.status, 502,
        "a used token confirms nothing else: {:?}",
        again.body
    );
}

#[tokio::test]
async fn a_setup_needing_3ds_completes_or_fails_with_sim_authenticate() {
    let base = start().await;
    for (card, result) in [
        (CARD_REQUIRES_3DS, "approve"),
        (CARD_ALWAYS_AUTHENTICATES, "approve"),
        (CARD_ALWAYS_AUTHENTICATES, "fail"),
    ] {
        let token = saving_token(&base, card, None).await;
        let answer = setup(&base, &json!({"confirmationTokenId": token})).await;
        assert_eq!(answer.status, 200, "{card}");
        assert_eq!(answer.body["status"], "requires_action", "{card}");
        let secret = answer.body["client_secret"].as_str().unwrap().to_owned();
        let (_, seen) = retrieve_setup(&base, &secret).await;
        assert_eq!(seen["next_action"]["type"], "use_stripe_sdk");
        let path = format!("/v1/setup_intents/{}/sim_authenticate", intent_id(&secret));
        assert_eq!(
            seen["next_action"]["use_stripe_sdk"]["stripe_js"],
            format!("/sim/api{path}")
        );
        let (status, _, wrong) = api(
            &base,
            "POST",
            &path,
            PK,
            &[("client_secret", "seti_x_secret_y"), ("result", result)],
            &[],
        )
        .await;
        assert_eq!(status, 400, "{wrong}");
        let (status, _, done) = api(
            &base,
            "POST",
            &path,
            PK,
            &[("client_secret", &secret), ("result", result)],
            &[],
        )
        .await;
        assert_eq!(status, 200, "{done}");
        assert_eq!(done["object"], "setup_intent");
        if result == "approve" {
            assert_eq!(done["status"], "succeeded");
            assert_eq!(done["next_action"], Value::Null);
        } else {
            assert_eq!(done["status"], "requires_payment_method");
            assert_eq!(
                done["last_setup_error"]["code"],
                "setup_intent_authentication_failure"
            );
        }
        let (status, _, again) = api(
            &base,
            "POST",
            &path,
            PK,
            &[("client_secret", &secret), ("result", "approve")],
            &[],
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(again["error"]["code"], "setup_intent_unexpected_state");
    }
}

#[tokio::test]
async fn a_declined_setup_is_a_402_card_error_embedding_the_setup_intent() {
    let base = start().await;
    let token = saving_token(&base, CARD_GENERIC_DECLINE, None).await;
    let answer = setup(&base, &json!({"confirmationTokenId": token})).await;
    assert_eq!(answer.status, 402);
    assert_eq!(
        answer.body,
        json!({"error": {"message": "Your card was declined.", "type": "card_error", "code": "card_declined"}})
    );

    // Stripe's own answer, straight from the simulated API.
    let token = saving_token(&base, CARD_INSUFFICIENT_FUNDS, None).await;
    let (status, _, body) = api(
        &base,
        "POST",
        "/v1/setup_intents",
        SK,
        &[("confirm", "true"), ("confirmation_token", &token)],
        &[],
    )
    .await;
    assert_eq!(status, 402, "{body}");
    let error = &body["error"];
    assert_eq!(error["type"], "card_error");
    assert_eq!(error["code"], "card_declined");
    assert_eq!(error["decline_code"], "insufficient_funds");
    assert!(error.get("charge").is_none(), "a setup makes no charge");
    let seti = &error["setup_intent"];
    assert_eq!(seti["object"], "setup_intent");
    assert_eq!(seti["status"], "requires_payment_method");
    assert_eq!(seti["usage"], "off_session");
    assert_eq!(
        seti["last_setup_error"]["decline_code"],
        "insufficient_funds"
    );
    assert!(error.get("payment_intent").is_none());
}

#[tokio::test]
async fn a_saving_checkout_makes_a_payment_intent_with_setup_future_usage_customer_and_receipt_email(
) {
    let base = start().await;
    let token = saving_token(&base, CARD_SUCCEEDS, Some("off_session")).await;
    let answer = checkout(&base, &cart(&token)).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let secret = answer.body["client_secret"].as_str().unwrap();
    let path = format!("/v1/payment_intents/{}", intent_id(secret));
    let (_, _, intent) = api(&base, "GET", &path, SK, &[], &[]).await;
    assert_eq!(intent["setup_future_usage"], "off_session");
    assert_eq!(intent["receipt_email"], "saver@example.com");
    assert!(intent["customer"].as_str().unwrap().starts_with("cus_"));

    let plain = saving_token(&base, CARD_SUCCEEDS, None).await;
    let mut body = cart(&plain);
    body["email"] = "typed@example.com".into();
    let answer = checkout(&base, &body).await;
    let secret = answer.body["client_secret"].as_str().unwrap();
    let path = format!("/v1/payment_intents/{}", intent_id(secret));
    let (_, _, intent) = api(&base, "GET", &path, SK, &[], &[]).await;
    assert_eq!(intent["setup_future_usage"], Value::Null);
    assert_eq!(intent["customer"], Value::Null);
    assert_eq!(
        intent["receipt_email"], "saver@example.com",
        "the token's billing email wins over the body's"
    );
}

#[tokio::test]
async fn the_simulator_refuses_a_setup_future_usage_mismatch_but_not_a_missing_customer() {
    let base = start().await;
    let create = |token: String, usage: Option<&'static str>| {
        let base = base.clone();
        async move {
            let mut form = vec![
                ("amount", "1000".to_owned()),
                ("currency", "usd".to_owned()),
                ("confirm", "true".to_owned()),
                ("confirmation_token", token),
            ];
            if let Some(usage) = usage {
                form.push(("setup_future_usage", usage.to_owned()));
            }
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            api(&base, "POST", "/v1/payment_intents", SK, &form, &[]).await
        }
    };
    for (on_token, on_intent) in [
        (Some("off_session"), None),
        (None, Some("off_session")),
        (Some("on_session"), Some("off_session")),
    ] {
        let token = saving_token(&base, CARD_SUCCEEDS, on_token).await;
        let (status, _, body) = create(token.clone(), on_intent).await;
        assert_eq!(status, 400, "{on_token:?} {on_intent:?}: {body}");
        assert_eq!(body["error"]["type"], "invalid_request_error");
        assert_eq!(body["error"]["param"], "setup_future_usage");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains("does not match"), "{message}");
        // Refused before use: the token still confirms a matching PaymentIntent.
        let (status, _, body) = create(token, on_token).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["setup_future_usage"], json!(on_token));
        assert_eq!(body["customer"], Value::Null, "no customer is fine");
    }
}

#[tokio::test]
async fn simulated_customers_and_setup_intents_check_parameters_keys_and_replay() {
    let base = start().await;
    let (status, _, customer) = api(
        &base,
        "POST",
        "/v1/customers",
        SK,
        &[("email", "a@example.com")],
        &[],
    )
    .await;
    assert_eq!(status, 200, "{customer}");
    assert!(customer["id"].as_str().unwrap().starts_with("cus_"));
    let (status, _, bad) = api(
        &base,
        "POST",
        "/v1/customers",
        SK,
        &[("email", "nope")],
        &[],
    )
    .await;
    assert_eq!(
        (status, bad["error"]["param"].as_str()),
        (400, Some("email"))
    );
    let (status, _, _) = api(&base, "POST", "/v1/customers", PK, &[], &[]).await;
    assert_eq!(status, 401, "a publishable key cannot create customers");
    let (status, _, unknown) = api(
        &base,
        "POST",
        "/v1/customers",
        SK,
        &[("colour", "red")],
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        unknown["error"]["message"],
        "Received unknown parameter: colour"
    );

    let token = saving_token(&base, CARD_SUCCEEDS, None).await;
    let (status, _, missing) = api(
        &base,
        "POST",
        "/v1/setup_intents",
        SK,
        &[
            ("confirm", "true"),
            ("confirmation_token", &token),
            ("customer", "cus_nobody"),
        ],
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(missing["error"]["code"], "resource_missing");
    let (status, _, bad_usage) = api(
        &base,
        "POST",
        "/v1/setup_intents",
        SK,
        &[
            ("confirm", "true"),
            ("confirmation_token", &token),
            ("usage", "sometimes"),
        ],
        &[],
    )
    .await;
    assert_eq!(status, 400, "{bad_usage}");
    let (status, _, no_token) = api(
        &base,
        "POST",
        "/v1/setup_intents",
        SK,
        &[("confirm", "true")],
        &[],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(no_token["error"]["code"], "parameter_missing");

    let customer_id = customer["id"].as_str().unwrap();
    let form = [
        ("confirm", "true"),
        ("confirmation_token", token.as_str()),
        ("customer", customer_id),
        ("usage", "off_session"),
        ("automatic_payment_methods[enabled]", "true"),
    ];
    let key = [("idempotency-key", "seti-key-1")];
    let (status, _, first) = api(&base, "POST", "/v1/setup_intents", SK, &form, &key).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["customer"], customer_id);
    let (status, headers, replay) = api(&base, "POST", "/v1/setup_intents", SK, &form, &key).await;
    assert_eq!(status, 200);
    assert_eq!(replay, first);
    assert_eq!(headers["idempotent-replayed"], "true");
    let (status, _, other) = api(&base, "POST", "/v1/setup_intents", SK, &form[..4], &key).await;
    assert_eq!(status, 400);
    assert_eq!(other["error"]["type"], "idempotency_error");

    let secret = first["client_secret"].as_str().unwrap();
    let path = format!("/v1/setup_intents/{}", intent_id(secret));
    let (status, _, _) = api(&base, "GET", &path, PK, &[], &[]).await;
    assert_eq!(status, 400, "a publishable key needs the client secret");
    let wrong = format!("{path}?client_secret=seti_x_secret_y");
    let (status, _, body) = api(&base, "GET", &wrong, PK, &[], &[]).await;
    assert_eq!(status, 400);
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("SetupIntent"));
    let (status, _, _) = api(&base, "GET", "/v1/setup_intents/seti_missing", SK, &[], &[]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_simulators_customers_and_setup_intents_are_bounded_and_never_evict_the_young() {
    let mut config = sim_config();
    config.limits.sim_max_objects = 3;
    let base = spawn(config).await;
    for (path, kind) in [
        ("/v1/customers", "customer"),
        ("/v1/setup_intents", "setup"),
    ] {
        let mut made = Vec::new();
        for _ in 0..3 {
            let (status, _, object) = api(&base, "POST", path, SK, &[], &[]).await;
            assert_eq!(status, 200, "{object}");
            made.push(object["id"].as_str().unwrap().to_owned());
        }
        let (status, _, body) = api(&base, "POST", path, SK, &[], &[]).await;
        assert_rate_limit_error(status, &body);
        for id in made {
            let (status, _, _) = api(&base, "GET", &format!("{path}/{id}"), SK, &[], &[]).await;
            assert_eq!(status, 200, "{kind} {id} is kept");
        }
    }
    // A setup needs a new Customer: refused as a retriable busy answer, not an unknown outcome.
    let token = saving_token(&base, CARD_SUCCEEDS, None).await;
    let answer = setup(&base, &json!({"confirmationTokenId": token})).await;
    assert_eq!(answer.status, 503, "{:?}", answer.body);
    assert_eq!(answer.body["error"]["type"], "api_error");
}

#[tokio::test]
async fn every_answer_carrying_a_client_secret_is_no_store() {
    let base = start().await;
    let no_store = |headers: &reqwest::header::HeaderMap, case: &str| {
        assert_eq!(
            headers.get("cache-control").and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{case}"
        );
    };
    // The server's answers to the browser.
    for (path, body) in [
        (
            "/create-confirm-intent",
            cart(&token(&base, CARD_REQUIRES_3DS).await),
        ),
        (
            "/create-confirm-setup-intent",
            json!({"confirmationTokenId": saving_token(&base, CARD_SUCCEEDS, None).await}),
        ),
    ] {
        let response = client()
            .post(format!("{base}{path}"))
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        no_store(response.headers(), path);
    }
    // The simulated API's: a create, a decline embedding the intent, a retrieval, 3-D Secure.
    let pay = |token: String| {
        let base = base.clone();
        async move {
            api(
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
            .await
        }
    };
    let (status, headers, intent) = pay(token(&base, CARD_REQUIRES_3DS).await).await;
    assert_eq!(status, 200, "{intent}");
    no_store(&headers, "create");
    let (status, headers, _) = pay(token(&base, CARD_GENERIC_DECLINE).await).await;
    assert_eq!(status, 402);
    no_store(&headers, "decline");
    let secret = intent["client_secret"].as_str().unwrap();
    let path = format!(
        "/v1/payment_intents/{}?client_secret={secret}",
        intent_id(secret)
    );
    let (status, headers, _) = api(&base, "GET", &path, PK, &[], &[]).await;
    assert_eq!(status, 200);
    no_store(&headers, "retrieve");
    let path = format!("/v1/payment_intents/{}/sim_authenticate", intent_id(secret));
    let form = [("client_secret", secret), ("result", "approve")];
    let (status, headers, _) = api(&base, "POST", &path, PK, &form, &[]).await;
    assert_eq!(status, 200);
    no_store(&headers, "sim_authenticate");
}

/// A simulator-mode server configured by `vars` as the environment would configure it (list
/// call on, checkout rate limit off unless `vars` say otherwise); answers its base URL and its
/// simulated secret key.
async fn start_env(vars: &[(&str, &str)]) -> (String, String) {
    let dir = temp_dir("sim-env").display().to_string();
    let mut all = vec![
        ("BIND", "127.0.0.1:0"),
        ("DIST_DIR", dir.as_str()),
        ("CHECKOUT_RATE_LIMIT", "off"),
        ("SIM_ADMIN_API", "true"),
    ];
    all.extend_from_slice(vars);
    let config = Config::from_lookup(|name| {
        all.iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
    .unwrap();
    let key = config.secret_key.expose().to_owned();
    (spawn(config).await, key)
}

/// Creates a ConfirmationToken with the publishable key; answers the status and body.
async fn try_token(base: &str, headers: &[(&str, &str)]) -> (u16, Value) {
    let year = exp_year();
    let (status, _, body) = api(
        base,
        "POST",
        "/v1/confirmation_tokens",
        PK,
        &[
            ("payment_method_data[type]", "card"),
            ("payment_method_data[card][number]", CARD_SUCCEEDS),
            ("payment_method_data[card][exp_month]", "12"),
            ("payment_method_data[card][exp_year]", &year),
            ("payment_method_data[card][cvc]", "123"),
        ],
        headers,
    )
    .await;
    (status, body)
}

/// Stripe's refusal of a request it will not take now: HTTP 429, `invalid_request_error` with
/// the code `rate_limit`.
fn assert_rate_limit_error(status: u16, body: &Value) {
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["type"], "invalid_request_error", "{body}");
    assert_eq!(body["error"]["code"], "rate_limit", "{body}");
}

#[tokio::test]
async fn the_simulated_secret_key_is_random_per_process_and_the_documented_one_is_refused() {
    let one = Config::simulated("127.0.0.1:0".parse().unwrap());
    let other = Config::simulated("127.0.0.1:0".parse().unwrap());
    assert_ne!(one.secret_key, other.secret_key);
    let (base, key) = start_env(&[]).await;
    assert!(key.starts_with("sk_test_") && key != "sk_test_simulated" && key.len() >= 40);
    let token = token(&base, CARD_SUCCEEDS).await;
    let path = format!("/v1/confirmation_tokens/{token}");
    let (status, _, body) = api(&base, "GET", &path, "sk_test_simulated", &[], &[]).await;
    assert_eq!(status, 401, "the shopper's token is not readable: {body}");
    assert!(!body.to_string().contains("Jenny"), "{body}");
    let (status, _, _) = api(&base, "GET", &path, &key, &[], &[]).await;
    assert_eq!(status, 200, "the server's own key reads it");
    assert_eq!(checkout(&base, &cart(&token)).await.status, 200);
}

#[tokio::test]
async fn a_full_store_refuses_new_objects_with_stripes_rate_limit_error_and_keeps_young_ones() {
    let (base, _key) = start_env(&[("SIM_MAX_OBJECTS", "3"), ("SIM_RATE_LIMIT", "off")]).await;
    let mut tokens = Vec::new();
    for _ in 0..3 {
        tokens.push(token(&base, CARD_SUCCEEDS).await);
    }
    for _ in 0..5 {
        let (status, body) = try_token(&base, &[]).await;
        assert_rate_limit_error(status, &body);
    }
    // The shopper's token made before the flood still pays.
    let answer = checkout(&base, &cart(&tokens[0])).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
}

#[tokio::test]
async fn a_full_intent_store_makes_a_checkout_a_retriable_busy_answer_not_an_unknown_outcome() {
    let (base, key) = start_env(&[("SIM_MAX_OBJECTS", "2"), ("SIM_RATE_LIMIT", "off")]).await;
    let token = token(&base, CARD_SUCCEEDS).await;
    for _ in 0..2 {
        let form = [("amount", "2500"), ("currency", "usd")];
        let (status, _, body) = api(&base, "POST", "/v1/payment_intents", &key, &form, &[]).await;
        assert_eq!(status, 200, "{body}");
    }
    let form = [("amount", "2500"), ("currency", "usd")];
    let (status, _, body) = api(&base, "POST", "/v1/payment_intents", &key, &form, &[]).await;
    assert_rate_limit_error(status, &body);
    let answer = checkout(&base, &cart(&token)).await;
    assert_eq!(answer.status, 503, "{:?}", answer.body);
    assert_eq!(
        answer.body["error"]["type"], "api_error",
        "{:?}",
        answer.body
    );
    // Nothing was done: the token is unused.
    let path = format!("/v1/confirmation_tokens/{token}");
    let (_, _, read) = api(&base, "GET", &path, &key, &[], &[]).await;
    assert_eq!(read["payment_intent"], Value::Null);
}

#[tokio::test]
async fn the_simulated_api_is_rate_limited_per_client_but_not_the_servers_own_calls() {
    let (base, _key) =
        start_env(&[("SIM_RATE_LIMIT", "3/1m"), ("TRUSTED_PROXIES", "127.0.0.1")]).await;
    let shopper = [("x-forwarded-for", "203.0.113.1")];
    let mut made = Vec::new();
    for _ in 0..3 {
        let (status, body) = try_token(&base, &shopper).await;
        assert_eq!(status, 200, "{body}");
        made.push(body["id"].as_str().unwrap().to_owned());
    }
    let (status, body) = try_token(&base, &shopper).await;
    assert_rate_limit_error(status, &body);
    let (status, body) = try_token(&base, &[("x-forwarded-for", "203.0.113.2")]).await;
    assert_eq!(status, 200, "another client is not limited: {body}");
    // The server's calls (token, PaymentIntent) use its own key: not limited.
    for token in &made {
        let answer = checkout(&base, &cart(token)).await;
        assert_eq!(answer.status, 200, "{:?}", answer.body);
    }
}
