//! Shared test harness: a scripted mock of Stripe's API, the app on an ephemeral port, and
//! a response check that no secret or Stripe-internal field ever reaches the browser.
#![allow(dead_code)]

pub mod orders;
pub mod process;
pub mod schema;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use checkout_server::{form, Config};
use serde_json::{json, Map, Value};

/// The secret key the tests configure; it must never appear in a response.
pub const SECRET_KEY: &str = "sk_test_51TestSecretKeyThatMustNeverLeak";
/// The webhook signing secret the tests configure.
pub const WEBHOOK_SECRET: &str = "whsec_test_0123456789abcdefTestSecret";
/// The publishable key the tests configure.
pub const PUBLISHABLE_KEY: &str = "pk_test_51TestPublishable";
/// Response keys the server must never forward.
pub const FORBIDDEN_KEYS: &[&str] = &[
    "decline_code",
    "param",
    "request_log_url",
    "doc_url",
    "payment_intent",
    "payment_method",
    "charge",
];

/// One request the mock received.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// `GET`, `POST`, …
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// All request headers.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: String,
}

impl Recorded {
    /// A header as a string.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as flat `(key, value)` pairs, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        form::decode_pairs(self.body.as_bytes())
    }

    /// The body decoded from bracketed keys into nested JSON.
    pub fn nested(&self) -> Value {
        Value::Object(form::decode(self.body.as_bytes()).expect("form decodes"))
    }
}

/// What the mock answers next.
#[derive(Clone, Debug)]
pub enum Scripted {
    /// A JSON body with a status.
    Json(u16, Value),
    /// A raw body with a status and content type.
    Raw(u16, &'static str, &'static str),
    /// Never answer (the client must time out).
    Hang,
    /// Answer a succeeded PaymentIntent after a pause.
    Slow(Duration),
    /// Answer this JSON with 200 after a pause.
    Delayed(Duration, Value),
    /// Close the connection without answering (the request was read): a reset, or a pooled
    /// keep-alive connection closed under the client.
    Drop,
}

/// Which of the mock's scripts answers a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// `POST /v1/payment_intents` or `/v1/setup_intents` (the confirming call).
    Intent,
    /// `GET /v1/confirmation_tokens/:id`.
    Token,
    /// `POST /v1/customers`.
    Customer,
}

impl Route {
    fn of(method: &str, path: &str) -> Self {
        if method == "GET" && path.starts_with("/v1/confirmation_tokens/") {
            Route::Token
        } else if path == "/v1/customers" {
            Route::Customer
        } else {
            Route::Intent
        }
    }
}

type Scripts = Arc<Mutex<HashMap<Route, VecDeque<Scripted>>>>;

/// A scripted, recording stand-in for `api.stripe.com`.
#[derive(Clone)]
pub struct MockStripe {
    /// Where it listens.
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
    scripts: Scripts,
}

#[derive(Clone)]
struct MockState {
    requests: Arc<Mutex<Vec<Recorded>>>,
    scripts: Scripts,
    /// The idempotency keys of the intents created so far, in order.
    intent_keys: Arc<Mutex<Vec<String>>>,
}

/// A default intent answer is a distinct intent per idempotency key, as at Stripe (the same
/// key replays the same intent): the fixture for the first key, then its id with a number
/// appended (and a client secret to match) for each further key.
fn distinct_intent(mut intent: Value, keys: &Mutex<Vec<String>>, key: Option<&str>) -> Value {
    let Some(key) = key else { return intent };
    let mut keys = keys.lock().unwrap();
    let n = match keys.iter().position(|k| k == key) {
        Some(n) => n,
        None => {
            keys.push(key.to_owned());
            keys.len() - 1
        }
    };
    if n > 0 {
        let id = format!("{}{n}", intent["id"].as_str().unwrap());
        let secret = intent["client_secret"].as_str().unwrap();
        let rest = secret.split_once("_secret_").unwrap().1;
        intent["client_secret"] = format!("{id}_secret_{rest}").into();
        intent["id"] = id.into();
    }
    intent
}

/// What the mock answers a request no script is queued for: a card ConfirmationToken without
/// `setup_future_usage` or email, a new Customer, a succeeded PaymentIntent or SetupIntent.
fn default_answer(path: &str, route: Route) -> Value {
    match route {
        Route::Token => confirmation_token("card"),
        Route::Customer => customer(),
        Route::Intent if path == "/v1/setup_intents" => setup_intent("succeeded"),
        Route::Intent => payment_intent("succeeded"),
    }
}

async fn record(State(state): State<MockState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body: Bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let route = Route::of(parts.method.as_str(), &path);
    let key = parts
        .headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    state.requests.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path: path.clone(),
        headers: parts.headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let next = state
        .scripts
        .lock()
        .unwrap()
        .get_mut(&route)
        .and_then(VecDeque::pop_front)
        .unwrap_or_else(|| {
            let answer = default_answer(&path, route);
            let answer = match route {
                Route::Intent => distinct_intent(answer, &state.intent_keys, key.as_deref()),
                _ => answer,
            };
            Scripted::Json(200, answer)
        });
    match next {
        Scripted::Json(status, body) => (
            StatusCode::from_u16(status).unwrap(),
            [("request-id", "req_mock123")],
            axum::Json(body),
        )
            .into_response(),
        Scripted::Raw(status, content_type, body) => (
            StatusCode::from_u16(status).unwrap(),
            [("content-type", content_type)],
            body,
        )
            .into_response(),
        Scripted::Hang => {
            std::future::pending::<()>().await;
            unreachable!()
        }
        Scripted::Delayed(pause, body) => {
            tokio::time::sleep(pause).await;
            (StatusCode::OK, axum::Json(body)).into_response()
        }
        Scripted::Slow(pause) => {
            tokio::time::sleep(pause).await;
            (StatusCode::OK, axum::Json(payment_intent("succeeded"))).into_response()
        }
        // A panicking handler ends its connection's task: hyper closes the socket unanswered.
        Scripted::Drop => std::panic::resume_unwind(Box::new("the mock drops this connection")),
    }
}

impl MockStripe {
    /// Starts the mock on an ephemeral port; unscripted requests get the default answers
    /// (a card token, a Customer, a succeeded intent).
    pub async fn start() -> Self {
        let requests = Arc::new(Mutex::new(Vec::new()));
        let scripts: Scripts = Arc::default();
        let router = Router::new().fallback(record).with_state(MockState {
            requests: requests.clone(),
            scripts: scripts.clone(),
            intent_keys: Arc::default(),
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        MockStripe {
            addr,
            requests,
            scripts,
        }
    }

    /// Queues the next answer to the confirming call (`POST /v1/payment_intents` or
    /// `/v1/setup_intents`).
    pub fn then(&self, answer: Scripted) -> &Self {
        self.then_at(Route::Intent, answer)
    }

    /// Queues the next answer to requests of `route`.
    pub fn then_at(&self, route: Route, answer: Scripted) -> &Self {
        self.scripts
            .lock()
            .unwrap()
            .entry(route)
            .or_default()
            .push_back(answer);
        self
    }

    /// Everything received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// The requests of `route` received so far.
    pub fn requests_at(&self, route: Route) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| Route::of(&r.method, &r.path) == route)
            .collect()
    }

    /// The confirming calls received so far (`POST /v1/payment_intents` or `/v1/setup_intents`).
    pub fn intent_requests(&self) -> Vec<Recorded> {
        self.requests_at(Route::Intent)
    }

    /// Base URL for `STRIPE_API_BASE`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Stripe's PaymentIntent fixture with a realistic id, client secret and `status`.
pub fn payment_intent(status: &str) -> Value {
    let mut intent: Value =
        serde_json::from_str(include_str!("../data/payment_intent.fixture.json")).unwrap();
    intent["status"] = status.into();
    intent["last_payment_error"] = Value::Null;
    intent["next_action"] = Value::Null;
    intent
}

/// Stripe's ConfirmationToken fixture, with the preview's payment-method type set to `kind`
/// and no `setup_future_usage` (the fixture's `off_session` would ask to save the card).
pub fn confirmation_token(kind: &str) -> Value {
    let mut token: Value =
        serde_json::from_str(include_str!("../data/confirmation_token.fixture.json")).unwrap();
    token["payment_method_preview"]["type"] = kind.into();
    token["setup_future_usage"] = Value::Null;
    token
}

/// A card ConfirmationToken with `setup_future_usage` and the billing email set (or `null`).
pub fn card_token(setup_future_usage: Option<&str>, email: Option<&str>) -> Value {
    let mut token = confirmation_token("card");
    token["setup_future_usage"] = json!(setup_future_usage);
    token["payment_method_preview"]["billing_details"]["email"] = json!(email);
    token
}

/// Stripe's SetupIntent fixture with `status` (no error, no next action).
pub fn setup_intent(status: &str) -> Value {
    let mut intent: Value =
        serde_json::from_str(include_str!("../data/setup_intent.fixture.json")).unwrap();
    intent["status"] = status.into();
    intent["last_setup_error"] = Value::Null;
    intent["next_action"] = Value::Null;
    intent
}

/// Stripe's Customer fixture.
pub fn customer() -> Value {
    serde_json::from_str(include_str!("../data/customer.fixture.json")).unwrap()
}

/// A Stripe card error as the API sends it, with everything the server must strip.
pub fn card_error(code: &str, decline_code: &str, message: &str) -> Value {
    json!({"error": {
        "advice_code": "try_again_later",
        "charge": "ch_3Mock",
        "code": code,
        "decline_code": decline_code,
        "doc_url": "https://stripe.com/docs/error-codes/card-declined",
        "message": message,
        "param": "",
        "payment_intent": payment_intent("requires_payment_method"),
        "payment_method": {"id": "pm_1Mock", "object": "payment_method", "type": "card"},
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_mock",
        "type": "card_error"
    }})
}

/// A non-card Stripe error.
pub fn api_error(kind: &str, message: &str) -> Value {
    json!({"error": {
        "code": "some_code",
        "doc_url": "https://stripe.com/docs/error-codes/some-code",
        "message": message,
        "param": "amount",
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_mock",
        "type": kind
    }})
}

/// A unique empty directory for static files.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "checkout-server-test-{}-{name}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A test-mode configuration talking to `api_base`, with a short Stripe timeout.
pub fn test_config(api_base: &str) -> Config {
    let vars: HashMap<&str, String> = HashMap::from([
        ("STRIPE_SECRET_KEY", SECRET_KEY.to_owned()),
        ("STRIPE_PUBLISHABLE_KEY", PUBLISHABLE_KEY.to_owned()),
        ("STRIPE_API_BASE", api_base.to_owned()),
        ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
        ("BIND", "127.0.0.1:0".to_owned()),
    ]);
    let mut config = Config::from_lookup(|name| vars.get(name).cloned()).unwrap();
    config.stripe_timeout = Duration::from_millis(400);
    // Tests of other behaviour post many checkouts (and poll order statuses) from one address.
    config.limits.checkout_rate = None;
    config.limits.order_status_rate = None;
    config
}

/// Serves `app(config)` on an ephemeral port, its orders in a fresh SQLite store (and its
/// fulfilment worker running); returns its base URL (no trailing slash).
pub async fn spawn(config: Config) -> String {
    let store = orders::sqlite_store().await;
    let server = orders::Server::start(config, store).await;
    let base = server.base.clone();
    // Kept running (worker included) until the test's runtime ends.
    std::mem::forget(server);
    base
}

/// A plain HTTP client.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// An answer from `/create-confirm-intent`, already checked for leaks.
#[derive(Debug)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Parsed JSON body.
    pub body: Value,
}

/// Posts a raw body to `/create-confirm-intent` and checks the answer for leaks.
pub async fn post_raw(
    base: &str,
    content_type: &str,
    body: String,
    headers: &[(&str, &str)],
) -> Answer {
    post_raw_to(base, "/create-confirm-intent", content_type, body, headers).await
}

/// Posts a raw body to `path` and checks the answer for leaks.
pub async fn post_raw_to(
    base: &str,
    path: &str,
    content_type: &str,
    body: String,
    headers: &[(&str, &str)],
) -> Answer {
    let mut request = client()
        .post(format!("{base}{path}"))
        .header("content-type", content_type)
        .body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let text = response.text().await.unwrap();
    assert_no_leak(&text);
    assert!(
        content_type.starts_with("application/json"),
        "status {status}: content-type {content_type:?}, body {text:?}"
    );
    let body: Value = serde_json::from_str(&text).expect("the answer is JSON");
    if status != 200 && body["outcome"] != "unknown" {
        let error = body["error"].as_object().expect("an error object");
        assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()));
        let allowed = ["message", "type", "code"];
        assert!(
            error.keys().all(|k| allowed.contains(&k.as_str())),
            "{body}"
        );
    }
    Answer { status, body }
}

/// Posts a JSON checkout.
pub async fn checkout(base: &str, body: &Value) -> Answer {
    post_raw(base, "application/json", body.to_string(), &[]).await
}

/// Posts a JSON body to `/create-confirm-setup-intent`.
pub async fn setup(base: &str, body: &Value) -> Answer {
    post_raw_to(
        base,
        "/create-confirm-setup-intent",
        "application/json",
        body.to_string(),
        &[],
    )
    .await
}

/// A well-formed checkout body.
pub fn cart(token: &str) -> Value {
    json!({"confirmationTokenId": token, "items": [{"id": "tshirt", "quantity": 2}, {"id": "mug", "quantity": 1}]})
}

/// Fails if `text` carries the secret key or any Stripe-internal field.
pub fn assert_no_leak(text: &str) {
    assert!(!text.contains(SECRET_KEY), "secret key leaked: {text}");
    assert!(!text.contains("sk_test_sim"), "secret key leaked: {text}");
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        assert_no_forbidden_keys(&value, text);
    }
}

fn assert_no_forbidden_keys(value: &Value, text: &str) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                assert!(
                    !FORBIDDEN_KEYS.contains(&key.as_str()),
                    "{key} leaked: {text}"
                );
                assert_no_forbidden_keys(inner, text);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| assert_no_forbidden_keys(v, text)),
        _ => {}
    }
}

/// A JSON object literal as a map (for exact comparisons).
pub fn object(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

/// An expiry year five years from now (the simulator refuses expired and far-future cards).
pub fn exp_year() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    (1970 + secs / 31_556_952 + 5).to_string()
}

/// POSTs a ConfirmationToken in simulator mode as the simulated Stripe.js does (re-sent if
/// the connection drops); answers the status and the body.
async fn post_sim_token(http: &reqwest::Client, base: &str, number: &str) -> (u16, String) {
    let year = exp_year();
    let body = form::encode(&[
        ("payment_method_data[type]", "card"),
        ("payment_method_data[card][number]", number),
        ("payment_method_data[card][exp_month]", "12"),
        ("payment_method_data[card][exp_year]", &year),
        ("payment_method_data[card][cvc]", "123"),
        ("shipping[name]", "Jenny Rosen"),
        ("shipping[address][line1]", "1234 Fake Street"),
        ("shipping[address][country]", "US"),
    ]);
    let response = send_resending(|| {
        http.post(format!("{base}/sim/api/v1/confirmation_tokens"))
            .header("authorization", "Bearer pk_test_simulated")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.clone())
    })
    .await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// Creates a ConfirmationToken in simulator mode as the simulated Stripe.js does; panics
/// unless it is created.
pub async fn sim_token(http: &reqwest::Client, base: &str, number: &str) -> String {
    let (status, text) = post_sim_token(http, base, number).await;
    assert_eq!(status, 200, "{text}");
    let token: Value = serde_json::from_str(&text).unwrap();
    token["id"].as_str().unwrap().to_owned()
}

/// Asks for a ConfirmationToken as [`sim_token`] does; answers the status only.
pub async fn try_sim_token(http: &reqwest::Client, base: &str, number: &str) -> u16 {
    post_sim_token(http, base, number).await.0
}

/// Sends a request, and sends it again (four times at most, after 50, 100, 200, 400 ms) when
/// the connection dropped before any answer, as the component re-sends the same token when
/// the customer presses Pay again: a keep-alive connection the server closed as the client
/// reused it (at its connection cap) is a reset no client can avoid.
pub async fn send_resending(request: impl Fn() -> reqwest::RequestBuilder) -> reqwest::Response {
    let mut pause = Duration::from_millis(50);
    for _ in 0..4 {
        match request().send().await {
            Err(e) if e.is_request() && !e.is_timeout() => {
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            result => return result.unwrap(),
        }
    }
    request().send().await.unwrap()
}

/// One whole simulated checkout (token, then `/create-confirm-intent`, re-sent with the same
/// token if the connection drops, as the component does) with the succeeding card; answers
/// the checkout's status and body.
pub async fn sim_checkout(http: &reqwest::Client, base: &str) -> (u16, Value) {
    let token = sim_token(http, base, "4242424242424242").await;
    let body = cart(&token).to_string();
    let response = send_resending(|| {
        http.post(format!("{base}/create-confirm-intent"))
            .header("content-type", "application/json")
            .body(body.clone())
    })
    .await;
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}
