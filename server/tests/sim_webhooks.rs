//! The simulator's webhooks over real HTTP: the server in simulator mode, a small axum receiver
//! standing in for `/webhook` (`SIM_WEBHOOK_URL`), and checkouts through the server's own
//! routes. Each event's `Stripe-Signature` is verified here independently (HMAC-SHA256 of
//! `"{t}.{body}"` with the configured secret), as the receiving side must.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use checkout_server::config::SimWebhooks;
use checkout_server::sim::cards::{
    CARD_GENERIC_DECLINE, CARD_INSUFFICIENT_FUNDS, CARD_REQUIRES_3DS, CARD_SUCCEEDS,
};
use checkout_server::Config;
use common::*;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

const PK: &str = "pk_test_simulated";

/// One POST the receiver got.
#[derive(Clone, Debug)]
struct Delivery {
    headers: HeaderMap,
    body: Vec<u8>,
    event: Value,
}

impl Delivery {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    fn kind(&self) -> &str {
        self.event["type"].as_str().unwrap_or_default()
    }

    fn id(&self) -> &str {
        self.event["id"].as_str().unwrap_or_default()
    }
}

/// A stand-in for the server's `/webhook`: records every POST and answers the scripted
/// statuses in turn (then 200).
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Delivery>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let event = serde_json::from_slice(&body).unwrap_or(Value::Null);
    receiver.got.lock().unwrap().push(Delivery {
        headers,
        body: body.to_vec(),
        event,
    });
    let status = receiver.answers.lock().unwrap().pop_front().unwrap_or(200);
    StatusCode::from_u16(status).unwrap()
}

impl Receiver {
    /// Starts one on an ephemeral port; answers its URL.
    async fn start(answers: &[u16]) -> (Self, String) {
        let receiver = Receiver::default();
        receiver.answers.lock().unwrap().extend(answers);
        let app = Router::new()
            .route("/hook", axum::routing::post(receive))
            .with_state(receiver.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (receiver, url)
    }

    fn got(&self) -> Vec<Delivery> {
        self.got.lock().unwrap().clone()
    }

    /// The first `n` deliveries, waiting up to 5 s for them.
    async fn wait_for(&self, n: usize) -> Vec<Delivery> {
        let start = Instant::now();
        loop {
            let got = self.got();
            if got.len() >= n {
                return got;
            }
            assert!(
                start.elapsed() < Duration::from_secs(5),
                "expected {n} deliveries, got {}: {:?}",
                got.len(),
                got.iter().map(Delivery::kind).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The server in simulator mode with its webhooks going to `url` (retries 100 ms apart).
async fn server(url: &str, tune: impl FnOnce(&mut SimWebhooks)) -> (String, String) {
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.limits.checkout_rate = None;
    config.sim_webhooks.url = Some(url.to_owned());
    config.sim_webhooks.retry = Duration::from_millis(100);
    tune(&mut config.sim_webhooks);
    let secret = config.webhook_secret.clone().unwrap().expose().to_owned();
    (spawn(config).await, secret)
}

/// An expiry year five years from now.
fn exp_year() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    (1970 + secs / 31_556_952 + 5).to_string()
}

/// Calls the simulated API with the publishable key, as the simulated Stripe.js does.
async fn browser(base: &str, path: &str, form: &[(&str, &str)]) -> Value {
    let response = client()
        .post(format!("{base}/sim/api{path}"))
        .header("authorization", format!("Bearer {PK}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(checkout_server::form::encode(form))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

/// A ConfirmationToken for `number`, made the way the browser makes one.
async fn token(base: &str, number: &str) -> String {
    let year = exp_year();
    let token = browser(
        base,
        "/v1/confirmation_tokens",
        &[
            ("payment_method_data[type]", "card"),
            ("payment_method_data[card][number]", number),
            ("payment_method_data[card][exp_month]", "12"),
            ("payment_method_data[card][exp_year]", &year),
            ("payment_method_data[card][cvc]", "123"),
            ("return_url", "http://127.0.0.1:4242/complete"),
        ],
    )
    .await;
    token["id"].as_str().unwrap().to_owned()
}

/// Pays for the test cart with `number` through the server; answers its answer.
async fn pay(base: &str, number: &str) -> Answer {
    let token = token(base, number).await;
    checkout(base, &cart(&token)).await
}

/// Answers the simulated 3-D Secure challenge of the intent `client_secret` names.
async fn challenge(base: &str, kind: &str, client_secret: &str, result: &str) -> Value {
    let id = client_secret.split("_secret_").next().unwrap();
    browser(
        base,
        &format!("/v1/{kind}/{id}/sim_authenticate"),
        &[("client_secret", client_secret), ("result", result)],
    )
    .await
}

/// Checks `Stripe-Signature` as Stripe documents it (docs.stripe.com/webhooks, "Verify
/// signatures manually"): `t` within 300 s of now, and a `v1` equal to the hex HMAC-SHA256 of
/// `"{t}.{body}"` keyed with `secret`.
fn verifies(delivery: &Delivery, secret: &str) -> bool {
    let header = delivery.header("stripe-signature");
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.split_once('=') {
            Some(("t", value)) => t = value.parse::<u64>().ok(),
            Some(("v1", value)) => signatures.push(value.to_owned()),
            _ => {}
        }
    }
    let Some(t) = t else { return false };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    if now.abs_diff(t) > 300 {
        return false;
    }
    signatures.iter().any(|signature| {
        let Ok(bytes) = (0..signature.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(signature.get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<Result<Vec<u8>, _>>()
        else {
            return false;
        };
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("{t}.").as_bytes());
        mac.update(&delivery.body);
        mac.verify_slice(&bytes).is_ok()
    })
}

fn kinds(deliveries: &[Delivery]) -> Vec<&str> {
    deliveries.iter().map(Delivery::kind).collect()
}

fn intent_id(answer: &Answer) -> String {
    let secret = answer.body["client_secret"].as_str().unwrap();
    secret.split("_secret_").next().unwrap().to_owned()
}

#[tokio::test]
async fn a_payment_sends_created_then_succeeded_signed_with_the_secret() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, secret) = server(&url, |_| {}).await;
    let answer = pay(&base, CARD_SUCCEEDS).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let got = receiver.wait_for(2).await;
    assert_eq!(
        kinds(&got),
        ["payment_intent.created", "payment_intent.succeeded"]
    );
    let fixture: Value = serde_json::from_str(include_str!("data/event.fixture.json")).unwrap();
    let keys = |v: &Value| {
        let mut keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    for delivery in &got {
        assert!(verifies(delivery, &secret), "{:?}", delivery.headers);
        assert!(!verifies(delivery, "whsec_some_other_secret_0123456789"));
        assert!(
            delivery
                .header("content-type")
                .starts_with("application/json"),
            "{:?}",
            delivery.headers
        );
        assert_eq!(
            delivery.header("user-agent"),
            "Stripe/1.0 (+https://stripe.com/docs/webhooks)"
        );
        let event = &delivery.event;
        assert_eq!(keys(event), keys(&fixture), "shaped like Stripe's event");
        assert!(delivery.id().starts_with("evt_"));
        assert_eq!(event["object"], "event");
        assert_eq!(event["livemode"], false);
        assert_eq!(event["api_version"], "2026-01-28.clover");
        assert!(event["created"].as_u64().unwrap() > 1_700_000_000);
        assert!(event["request"]["id"].as_str().unwrap().starts_with("req_"));
        assert!(
            event["request"]["idempotency_key"]
                .as_str()
                .unwrap()
                .starts_with("cti-"),
            "the server's Idempotency-Key: {event}"
        );
        let intent = &event["data"]["object"];
        assert_eq!(intent["object"], "payment_intent");
        assert_eq!(intent["id"], intent_id(&answer).as_str());
        assert_eq!(intent["amount"], 6200);
        assert!(intent["client_secret"].is_string(), "the whole object");
    }
    assert_ne!(got[0].id(), got[1].id());
    assert_eq!(
        got[0].event["data"]["object"]["status"], "requires_payment_method",
        "created: the intent as it was created"
    );
    assert_eq!(got[1].event["data"]["object"]["status"], "succeeded");
    assert_eq!(got[1].event["data"]["object"]["amount_received"], 6200);
}

#[tokio::test]
async fn a_replayed_checkout_sends_no_second_events() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |_| {}).await;
    let token = token(&base, CARD_SUCCEEDS).await;
    let first = checkout(&base, &cart(&token)).await;
    receiver.wait_for(2).await;
    // The same token: the same Idempotency-Key, so the simulator replays its first answer.
    let again = checkout(&base, &cart(&token)).await;
    assert_eq!(again.body["client_secret"], first.body["client_secret"]);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.got().len(), 2, "nothing changed, nothing sent");
}

#[tokio::test]
async fn the_3ds_card_sends_requires_action_then_succeeded_after_the_challenge() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, secret) = server(&url, |_| {}).await;
    let answer = pay(&base, CARD_REQUIRES_3DS).await;
    assert_eq!(answer.body["status"], "requires_action");
    let got = receiver.wait_for(2).await;
    assert_eq!(
        kinds(&got),
        ["payment_intent.created", "payment_intent.requires_action"]
    );
    assert_eq!(
        got[1].event["data"]["object"]["next_action"]["type"],
        "use_stripe_sdk"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(receiver.got().len(), 2, "nothing more until the challenge");

    let client_secret = answer.body["client_secret"].as_str().unwrap();
    let done = challenge(&base, "payment_intents", client_secret, "approve").await;
    assert_eq!(done["status"], "succeeded");
    let got = receiver.wait_for(3).await;
    assert_eq!(got[2].kind(), "payment_intent.succeeded");
    assert_eq!(
        got[2].event["data"]["object"]["id"],
        intent_id(&answer).as_str()
    );
    assert_eq!(got[2].event["request"]["idempotency_key"], Value::Null);
    assert!(got.iter().all(|d| verifies(d, &secret)));
}

#[tokio::test]
async fn a_manual_capture_sends_amount_capturable_updated() {
    let (receiver, url) = Receiver::start(&[]).await;
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.limits.checkout_rate = None;
    config.conditional_options = true;
    config.sim_webhooks.url = Some(url);
    let base = spawn(config).await;
    let answer = pay(&base, CARD_SUCCEEDS).await;
    assert_eq!(answer.body["status"], "requires_capture");
    let got = receiver.wait_for(2).await;
    assert_eq!(
        kinds(&got),
        [
            "payment_intent.created",
            "payment_intent.amount_capturable_updated"
        ]
    );
    assert_eq!(got[1].event["data"]["object"]["amount_capturable"], 6200);
}

#[tokio::test]
async fn a_failed_challenge_and_declines_send_payment_failed() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |_| {}).await;
    // Each payment after the last one's events arrived: order is kept per object only.
    for (card, delivered) in [(CARD_GENERIC_DECLINE, 2), (CARD_INSUFFICIENT_FUNDS, 4)] {
        let answer = pay(&base, card).await;
        assert_eq!(answer.status, 402, "{:?}", answer.body);
        receiver.wait_for(delivered).await;
    }
    let got = receiver.got();
    assert_eq!(
        kinds(&got),
        [
            "payment_intent.created",
            "payment_intent.payment_failed",
            "payment_intent.created",
            "payment_intent.payment_failed"
        ]
    );
    let failed = &got[3].event["data"]["object"];
    assert_eq!(failed["status"], "requires_payment_method");
    assert_eq!(
        failed["last_payment_error"]["decline_code"],
        "insufficient_funds"
    );

    let answer = pay(&base, CARD_REQUIRES_3DS).await;
    let client_secret = answer.body["client_secret"].as_str().unwrap();
    challenge(&base, "payment_intents", client_secret, "fail").await;
    let got = receiver.wait_for(7).await;
    assert_eq!(
        kinds(&got[4..]),
        [
            "payment_intent.created",
            "payment_intent.requires_action",
            "payment_intent.payment_failed"
        ]
    );
    assert_eq!(
        got[6].event["data"]["object"]["last_payment_error"]["code"],
        "payment_intent_authentication_failure"
    );
}

#[tokio::test]
async fn a_saved_card_sends_setup_intent_events() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |_| {}).await;
    let saved = setup(
        &base,
        &json!({"confirmationTokenId": token(&base, CARD_SUCCEEDS).await}),
    )
    .await;
    assert_eq!(saved.status, 200, "{:?}", saved.body);
    let got = receiver.wait_for(2).await;
    assert_eq!(
        kinds(&got),
        ["setup_intent.created", "setup_intent.succeeded"]
    );
    assert_eq!(got[1].event["data"]["object"]["object"], "setup_intent");

    let declined = setup(
        &base,
        &json!({"confirmationTokenId": token(&base, CARD_GENERIC_DECLINE).await}),
    )
    .await;
    assert_eq!(declined.status, 402);
    // The next intent's events once this one's arrived: order is kept per object only.
    receiver.wait_for(4).await;
    let three_ds = setup(
        &base,
        &json!({"confirmationTokenId": token(&base, CARD_REQUIRES_3DS).await}),
    )
    .await;
    let client_secret = three_ds.body["client_secret"].as_str().unwrap();
    challenge(&base, "setup_intents", client_secret, "approve").await;
    let got = receiver.wait_for(7).await;
    assert_eq!(
        kinds(&got[2..]),
        [
            "setup_intent.created",
            "setup_intent.setup_failed",
            "setup_intent.created",
            "setup_intent.requires_action",
            "setup_intent.succeeded"
        ]
    );
}

#[tokio::test]
async fn a_receiver_answering_500_gets_the_same_event_again_and_the_next_waits_for_it() {
    let (receiver, url) = Receiver::start(&[500]).await;
    let (base, secret) = server(&url, |_| {}).await;
    let started = Instant::now();
    pay(&base, CARD_SUCCEEDS).await;
    let got = receiver.wait_for(3).await;
    assert_eq!(
        kinds(&got),
        [
            "payment_intent.created",
            "payment_intent.created",
            "payment_intent.succeeded"
        ],
        "in order per object: succeeded waits for the retried created"
    );
    assert_eq!(got[0].id(), got[1].id(), "the same event");
    assert_eq!(got[0].body, got[1].body, "the same bytes");
    assert!(verifies(&got[1], &secret), "signed afresh");
    assert!(
        started.elapsed() >= Duration::from_millis(100),
        "after the backoff"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        receiver.got().len(),
        3,
        "delivered events are not sent again"
    );
}

#[tokio::test]
async fn a_delivery_is_given_up_after_the_configured_attempts() {
    let (receiver, url) = Receiver::start(&[503, 503, 503, 503]).await;
    let (base, _) = server(&url, |hooks| hooks.attempts = 2).await;
    pay(&base, CARD_SUCCEEDS).await;
    let got = receiver.wait_for(4).await;
    // created: 503, 503 → given up; succeeded (held behind it until then): 503, 503.
    assert_eq!(
        kinds(&got),
        [
            "payment_intent.created",
            "payment_intent.created",
            "payment_intent.succeeded",
            "payment_intent.succeeded"
        ]
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.got().len(), 4, "no third attempt");
}

#[tokio::test]
async fn duplicate_delivers_every_event_twice() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, secret) = server(&url, |hooks| hooks.duplicate = true).await;
    pay(&base, CARD_SUCCEEDS).await;
    let got = receiver.wait_for(4).await;
    assert_eq!(
        kinds(&got),
        [
            "payment_intent.created",
            "payment_intent.created",
            "payment_intent.succeeded",
            "payment_intent.succeeded"
        ]
    );
    assert_eq!(got[0].id(), got[1].id());
    assert_eq!(got[2].id(), got[3].id());
    assert!(got.iter().all(|d| verifies(d, &secret)));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(receiver.got().len(), 4);
}

#[tokio::test]
async fn reorder_sends_an_api_calls_events_newest_first() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |hooks| hooks.reorder = true).await;
    pay(&base, CARD_SUCCEEDS).await;
    let got = receiver.wait_for(2).await;
    assert_eq!(
        kinds(&got),
        ["payment_intent.succeeded", "payment_intent.created"]
    );
}

#[tokio::test]
async fn delay_holds_every_event_back_and_the_checkout_answers_first() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |hooks| hooks.delay = Duration::from_millis(1500)).await;
    let started = Instant::now();
    let answer = pay(&base, CARD_SUCCEEDS).await;
    assert_eq!(answer.status, 200);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(receiver.got().is_empty(), "held back");
    let got = receiver.wait_for(2).await;
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(
        kinds(&got),
        ["payment_intent.created", "payment_intent.succeeded"]
    );
}

#[tokio::test]
async fn at_the_queue_cap_the_oldest_waiting_event_is_dropped() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |hooks| {
        // Long enough for both payments to be queued before the first's events fall due.
        hooks.delay = Duration::from_secs(2);
        hooks.queue = 2;
    })
    .await;
    pay(&base, CARD_SUCCEEDS).await;
    let second = pay(&base, CARD_SUCCEEDS).await;
    let got = receiver.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.got().len(), 2, "the first payment's were dropped");
    assert!(got
        .iter()
        .all(|d| d.event["data"]["object"]["id"] == intent_id(&second).as_str()));
}

#[tokio::test]
async fn a_missing_receiver_does_not_break_or_slow_payments() {
    // A port nothing listens on: every attempt is refused.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", closed.local_addr().unwrap());
    drop(closed);
    let (base, _) = server(&url, |_| {}).await;
    for card in [
        CARD_SUCCEEDS,
        CARD_SUCCEEDS,
        CARD_REQUIRES_3DS,
        CARD_GENERIC_DECLINE,
    ] {
        let started = Instant::now();
        let answer = pay(&base, card).await;
        assert!([200, 402].contains(&answer.status), "{:?}", answer.body);
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}

/// Log lines, captured (`tracing`'s fmt output into a buffer).
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;

    fn make_writer(&'a self) -> Logs {
        self.clone()
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

// `tokio::test` runs every task (the server's, the delivery worker's, the fulfilment
// worker's) on this thread, so a thread-local subscriber sees their log lines.
#[tokio::test]
async fn by_default_events_go_to_the_servers_own_webhook_route_which_verifies_them_and_fulfils_the_order(
) {
    let logs = Logs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(logs.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);
    let mut config = Config::simulated("127.0.0.1:0".parse().unwrap());
    config.limits.checkout_rate = None;
    config.dist_dir = temp_dir("sim-webhooks-default");
    config.sim_webhooks.retry = Duration::from_millis(50);
    config.sim_webhooks.attempts = 2;
    assert!(config.sim_webhooks.url.is_none());
    let base = spawn(config).await;
    let answer = pay(&base, CARD_SUCCEEDS).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.body["status"], "succeeded");
    // The server's own `POST /webhook` verifies each event with the per-process secret the
    // simulator signed it with, and the succeeded one fulfils the order (the log line, with
    // no FULFILMENT_URL).
    let start = Instant::now();
    while !logs.text().contains(" fulfilled") {
        assert!(start.elapsed() < Duration::from_secs(5), "{}", logs.text());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let text = logs.text();
    assert!(
        text.contains("webhook: order ord_") && text.contains("is paid"),
        "{text}"
    );
    assert!(
        !text.contains("will retry") && !text.contains("out of attempts"),
        "every event accepted at once: {text}"
    );
    assert!(!text.contains("webhook refused"), "{text}");
}

#[tokio::test]
async fn webhooks_off_sends_nothing() {
    let (receiver, url) = Receiver::start(&[]).await;
    let (base, _) = server(&url, |hooks| hooks.enabled = false).await;
    pay(&base, CARD_SUCCEEDS).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(receiver.got().is_empty());
}
