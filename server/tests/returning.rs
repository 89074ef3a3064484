//! Returning customers in simulator mode over real HTTP: saving a card sets the signed,
//! HttpOnly cookie; `POST /customer-session` makes a CustomerSession for the customer it names
//! (404 without one, 401 for a cookie this server did not sign); the simulated Stripe.js lists
//! the saved card with the session's secret and makes a token of it; the PaymentIntent names
//! the cookie's customer, and the simulator refuses one that does not; an expired session is
//! refused as Stripe does.

mod common;

use std::time::Duration;

use checkout_server::config::{RateLimit, SecretKey};
use checkout_server::returning::{customer_session_form, SessionKey, COOKIE};
use checkout_server::Config;
use common::*;
use serde_json::{json, Value};

const PK: &str = "pk_test_simulated";
const SK: &str = "sk_test_sim_tests_only_returning_0123456789";

async fn start(public_origin: Option<&str>) -> String {
    start_limited(public_origin, None).await
}

async fn start_limited(public_origin: Option<&str>, rate: Option<RateLimit>) -> String {
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.secret_key = SecretKey::new(SK).unwrap();
    config.limits.checkout_rate = rate;
    config.limits.sim_admin_api = true;
    config.public_origin = public_origin.map(str::to_owned);
    spawn(config).await
}

/// `(status, Set-Cookie, Cache-Control, body)` of a POST to `path` with `cookie`.
async fn post(
    base: &str,
    path: &str,
    body: Option<Value>,
    cookie: Option<&str>,
) -> (u16, Option<String>, Option<String>, Value) {
    let mut request = client().post(format!("{base}{path}"));
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (cookie, cache) = (header("set-cookie"), header("cache-control"));
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    assert_no_leak(&text);
    (status, cookie, cache, serde_json::from_str(&text).unwrap())
}

/// The simulated API with `key`: `(status, json)`.
async fn api(
    base: &str,
    method: &str,
    path: &str,
    key: &str,
    form: &[(&str, &str)],
) -> (u16, Value) {
    let url = format!("{base}/sim/api{path}");
    let request = match method {
        "GET" => client().get(url),
        _ => client()
            .post(url)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(checkout_server::form::encode(form)),
    };
    let response = request
        .header("authorization", format!("Bearer {key}"))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        serde_json::from_str(&response.text().await.unwrap()).unwrap(),
    )
}

/// Saves 4242 through `/create-confirm-setup-intent`; answers the cookie pair (`name=value`)
/// and the whole `Set-Cookie`.
async fn save_card(base: &str) -> (String, String) {
    let token = sim_token(&client(), base, "4242424242424242").await;
    let (status, set_cookie, _, body) = post(
        base,
        "/create-confirm-setup-intent",
        Some(json!({"confirmationTokenId": token})),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let set_cookie = set_cookie.expect("saving a card sets the cookie");
    let pair = set_cookie.split(';').next().unwrap().to_owned();
    (pair, set_cookie)
}

async fn session_secret(base: &str, cookie: &str) -> String {
    let (status, _, cache, body) = post(base, "/customer-session", None, Some(cookie)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(cache.as_deref(), Some("no-store"));
    let secret = body["client_secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("cuss_secret_"), "{secret}");
    secret
}

async fn saved_cards(base: &str, secret: &str) -> (u16, Value) {
    api(
        base,
        "GET",
        &format!("/v1/elements/sessions?customer_session_client_secret={secret}"),
        PK,
        &[],
    )
    .await
}

#[tokio::test]
async fn saving_a_card_sets_a_signed_http_only_lax_cookie_secure_only_behind_https() {
    let base = start(None).await;
    let (pair, set_cookie) = save_card(&base).await;
    assert!(pair.starts_with(&format!("{COOKIE}=cus_")), "{pair}");
    for part in ["Path=/", "HttpOnly", "SameSite=Lax", "Max-Age="] {
        assert!(set_cookie.contains(part), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "{set_cookie}");
    let https = start(Some("https://shop.example")).await;
    let (_, set_cookie) = save_card(&https).await;
    assert!(set_cookie.ends_with("; Secure"), "{set_cookie}");
}

#[tokio::test]
async fn a_customer_session_needs_this_servers_cookie() {
    let base = start(None).await;
    let (status, _, cache, body) = post(&base, "/customer-session", None, None).await;
    assert_eq!(
        (status, cache.as_deref()),
        (404, Some("no-store")),
        "{body}"
    );
    assert_eq!(body["error"]["type"], "invalid_request_error");
    // Another customer's id under a signature this server did not make, and garbage.
    let forged = SessionKey::random().sign("cus_SomeoneElse123");
    for cookie in [
        format!("{COOKIE}={forged}"),
        format!("{COOKIE}=cus_SomeoneElse123"),
        format!("other=1; {COOKIE}=%00%ff"),
    ] {
        let (status, set_cookie, _, body) =
            post(&base, "/customer-session", None, Some(&cookie)).await;
        assert_eq!(status, 401, "{cookie}: {body}");
        assert!(
            set_cookie.is_some_and(|c| c.contains("Max-Age=0")),
            "the bad cookie is cleared"
        );
    }
    // A real cookie with its customer swapped is refused too.
    let (pair, _) = save_card(&base).await;
    let (name, value) = pair.split_once('=').unwrap();
    let (_, mac) = value.split_once('.').unwrap();
    let swapped = format!("{name}=cus_SomeoneElse123.{mac}");
    let (status, _, _, _) = post(&base, "/customer-session", None, Some(&swapped)).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn the_saved_card_is_listed_tokenized_and_paid_for_its_customer_only() {
    let base = start(None).await;
    let (cookie, _) = save_card(&base).await;
    let secret = session_secret(&base, &cookie).await;
    let (status, session) = saved_cards(&base, &secret).await;
    assert_eq!(status, 200, "{session}");
    let cards = session["customer"]["payment_methods"].as_array().unwrap();
    assert_eq!(cards.len(), 1, "{session}");
    let card = &cards[0];
    assert_eq!(card["card"]["last4"], "4242");
    assert_eq!(card["allow_redisplay"], "unspecified", "Stripe's default");
    let pm = card["id"].as_str().unwrap();
    let customer = card["customer"].as_str().unwrap();
    assert_eq!(session["customer"]["customer"], customer);

    // A token of the saved card, as the simulated Stripe.js makes it.
    let saved_token = |secret: String| {
        let base = base.clone();
        let pm = pm.to_owned();
        async move {
            let (status, token) = api(
                &base,
                "POST",
                "/v1/confirmation_tokens",
                PK,
                &[
                    ("payment_method", &pm),
                    ("customer_session_client_secret", &secret),
                ],
            )
            .await;
            assert_eq!(status, 200, "{token}");
            assert_eq!(token["payment_method_preview"]["card"]["last4"], "4242");
            token["id"].as_str().unwrap().to_owned()
        }
    };
    // Without the cookie the PaymentIntent names no customer: Stripe refuses the saved card.
    let token = saved_token(secret.clone()).await;
    let answer = checkout(&base, &cart(&token)).await;
    assert_eq!(answer.status, 502, "{:?}", answer.body);
    let (status, refused) = api(
        &base,
        "POST",
        "/v1/payment_intents",
        SK,
        &[
            ("amount", "1000"),
            ("currency", "usd"),
            ("confirm", "true"),
            ("confirmation_token", &saved_token(secret.clone()).await),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        refused["error"]["message"],
        format!(
            "The `payment_method` parameter supplied {pm} belongs to the Customer {customer}. \
             Please include the Customer in the `customer` parameter on the PaymentIntent."
        )
    );
    // With it, the PaymentIntent is the customer's, paid with the saved card.
    let token = saved_token(secret.clone()).await;
    let (status, _, _, body) = post(
        &base,
        "/create-confirm-intent",
        Some(cart(&token)),
        Some(&cookie),
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("succeeded")),
        "{body}"
    );
    let (_, list) = api(&base, "GET", "/v1/payment_intents", SK, &[]).await;
    let pi = &list["data"][0];
    assert_eq!(pi["customer"], customer);
    assert_eq!(pi["payment_method"], pm);
}

#[tokio::test]
async fn an_expired_or_unknown_session_is_refused_and_a_session_is_strict() {
    let base = start(None).await;
    let (cookie, _) = save_card(&base).await;
    let secret = session_secret(&base, &cookie).await;
    let (status, expired) = api(
        &base,
        "POST",
        "/v1/customer_sessions/sim_expire",
        SK,
        &[("client_secret", &secret)],
    )
    .await;
    assert_eq!(status, 200, "{expired}");
    let (status, body) = saved_cards(&base, &secret).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["type"], "invalid_request_error");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{body}"
    );
    let (status, body) = saved_cards(&base, "cuss_secret_unknown").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("resource_missing"))
    );
    // The publishable key cannot expire sessions or create them.
    let (status, _) = api(
        &base,
        "POST",
        "/v1/customer_sessions/sim_expire",
        PK,
        &[("client_secret", &secret)],
    )
    .await;
    assert_eq!(status, 401);
    // Strict parameters: an unknown feature, a bad filter, no customer.
    let (_, customer) = api(&base, "POST", "/v1/customers", SK, &[]).await;
    let customer = customer["id"].as_str().unwrap();
    for (form, what) in [
        (vec![("customer", customer), ("components[payment_element][enabled]", "true"), ("components[payment_element][features][colour]", "red")], "unknown parameter"),
        (vec![("customer", customer), ("components[payment_element][enabled]", "true"), ("components[payment_element][features][payment_method_allow_redisplay_filters][0]", "sometimes")], "payment_method_allow_redisplay_filters"),
        (vec![("components[payment_element][enabled]", "true")], "customer"),
        (vec![("customer", customer)], "component"),
    ] {
        let (status, body) = api(&base, "POST", "/v1/customer_sessions", SK, &form).await;
        assert_eq!(status, 400, "{what}: {body}");
        assert!(body["error"]["message"].as_str().unwrap().contains(what), "{what}: {body}");
    }
    let (status, session) = api(
        &base,
        "POST",
        "/v1/customer_sessions",
        SK,
        &[
            ("customer", customer),
            ("components[payment_element][enabled]", "true"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{session}");
    assert_eq!(
        session["expires_at"].as_u64().unwrap() - session["created"].as_u64().unwrap(),
        30 * 60,
        "valid 30 minutes"
    );
    assert_eq!(
        session["components"]["payment_element"]["features"]
            ["payment_method_allow_redisplay_filters"],
        json!(["always"])
    );
}

#[test]
fn the_customer_session_form_shows_every_saved_card_and_offers_no_removal_or_save() {
    let pairs: Vec<(String, String)> = customer_session_form("cus_1");
    let f = "components[payment_element][features]";
    let expected: Vec<(String, String)> = [
        ("customer".to_owned(), "cus_1"),
        ("components[payment_element][enabled]".to_owned(), "true"),
        (format!("{f}[payment_method_redisplay]"), "enabled"),
        (
            format!("{f}[payment_method_allow_redisplay_filters][0]"),
            "always",
        ),
        (
            format!("{f}[payment_method_allow_redisplay_filters][1]"),
            "limited",
        ),
        (
            format!("{f}[payment_method_allow_redisplay_filters][2]"),
            "unspecified",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn customer_sessions_are_rate_limited_in_a_bucket_of_their_own() {
    let rate = RateLimit {
        requests: 2,
        period: Duration::from_secs(60),
    };
    let base = start_limited(None, Some(rate)).await;
    for _ in 0..2 {
        let (status, _, _, _) = post(&base, "/customer-session", None, None).await;
        assert_eq!(status, 404);
    }
    let (status, _, _, body) = post(&base, "/customer-session", None, None).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["type"], "rate_limit_error");
    // Looking around did not use up the payment attempts: a card can still be saved.
    save_card(&base).await;
}
