//! Orders, Stripe's events and fulfilment, end to end over HTTP, on SQLite **and** PostgreSQL
//! (each test runs once per backend; PostgreSQL is the throwaway cluster of
//! `scripts/with-postgres.sh`): duplicates, events out of order, an event before the
//! checkout's answer, one POST to the hook per order, retries across a restart, two instances
//! racing on one database, and `GET /order-status`.

mod common;

use std::time::{Duration, Instant};

use checkout_server::config::Fulfilment;
use checkout_server::orders::Store;
use checkout_server::Config;
use common::orders::*;
use common::*;
use serde_json::{json, Value};

/// A test-mode configuration against `stripe`, fulfilling to `hook` (if any) with short
/// retry pauses.
fn config(stripe: &MockStripe, hook: Option<&Hook>, retry_min: Duration) -> Config {
    let mut config = test_config(&stripe.base());
    // One test holds Stripe's answer back for 1.5 s.
    config.stripe_timeout = Duration::from_secs(5);
    config.fulfilment = Fulfilment {
        url: hook.map(|h| h.url.clone()),
        timeout: Duration::from_secs(2),
        retry_min,
        retry_max: retry_min * 4,
        poll: Duration::from_millis(50),
    };
    config
}

async fn start(backend: Backend, stripe: &MockStripe, hook: Option<&Hook>) -> Server {
    let store = Store::open(&fresh_database(backend).await).await.unwrap();
    Server::start(config(stripe, hook, Duration::from_millis(100)), store).await
}

/// A checkout whose PaymentIntent (`intent_id`, in `status`) Stripe answers; returns the
/// order id the server sent as metadata and the intent as Stripe made it.
async fn checkout_order(
    stripe: &MockStripe,
    base: &str,
    token: &str,
    intent_id: &str,
    status: &str,
) -> (String, Value) {
    let mut made = intent(intent_id, status, 0, None);
    stripe.then(Scripted::Json(200, made.clone()));
    let answer = checkout(base, &cart(token)).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let (order, amount) = last_order(stripe);
    made["amount"] = amount.into();
    made["metadata"] = json!({"order_id": order});
    (order, made)
}

/// The order id and amount of the last intent the server asked Stripe for.
fn last_order(stripe: &MockStripe) -> (String, u64) {
    let sent = stripe.intent_requests().last().unwrap().nested();
    let order = sent["metadata"]["order_id"].as_str().unwrap().to_owned();
    let amount = sent["amount"].as_str().unwrap_or("0").parse().unwrap();
    (order, amount)
}

fn with_status(intent: &Value, status: &str) -> Value {
    let mut intent = intent.clone();
    intent["status"] = status.into();
    intent
}

fn secret(intent: &Value) -> &str {
    intent["client_secret"].as_str().unwrap()
}

fn id(intent: &Value) -> &str {
    intent["id"].as_str().unwrap()
}

/// Waits (up to 5 s) until `check` holds.
async fn eventually(what: &str, mut check: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !check().await {
        assert!(start.elapsed() < Duration::from_secs(5), "never: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_succeeded_event_fulfils_its_order_once_however_often_it_arrives() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let server = start(backend, &stripe, Some(&hook)).await;
        let (order, intent) =
            checkout_order(&stripe, &server.base, "ctoken_dup", "pi_Dup1", "succeeded").await;
        let (status, body) = order_status(&server.base, id(&intent), secret(&intent)).await;
        assert_eq!(
            (status, body),
            (
                200,
                json!({"order": order, "status": "pending", "fulfilled": false})
            ),
            "{backend:?}: paid only when the webhook says so"
        );
        let succeeded = event("evt_dup_1", "payment_intent.succeeded", intent.clone());
        for _ in 0..3 {
            assert_eq!(
                send_event(&server.base, WEBHOOK_SECRET, &succeeded).await,
                200
            );
        }
        // Stripe may also send two Event objects for one change: another id, same order.
        let twin = event("evt_dup_2", "payment_intent.succeeded", intent.clone());
        assert_eq!(send_event(&server.base, WEBHOOK_SECRET, &twin).await, 200);
        eventually("the order is fulfilled", async || {
            order_status(&server.base, id(&intent), secret(&intent))
                .await
                .1["fulfilled"]
                == true
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let calls = hook.calls();
        assert_eq!(calls.len(), 1, "{backend:?}: one POST per order: {calls:?}");
        assert_eq!(calls[0].idempotency_key.as_deref(), Some(order.as_str()));
        let body = &calls[0].body;
        assert_eq!(body["id"], order.as_str());
        assert_eq!(body["status"], "paid");
        assert_eq!(body["payment_intent"], id(&intent));
        assert_eq!(body["amount"], intent["amount"]);
        assert_eq!(
            body["items"],
            json!([{"id": "tshirt", "quantity": 2}, {"id": "mug", "quantity": 1}])
        );
        assert_eq!(
            order_status(&server.base, id(&intent), secret(&intent))
                .await
                .1,
            json!({"order": order, "status": "paid", "fulfilled": true})
        );
        assert_eq!(server.store.pending_deliveries().await.unwrap(), 0);
        server.stop().await;
    }
}

#[tokio::test]
async fn events_out_of_order_never_undo_a_payment_and_processing_stays_pending() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let server = start(backend, &stripe, Some(&hook)).await;
        let base = &server.base;
        let (_, paid) = checkout_order(&stripe, base, "ctoken_ooo", "pi_Ooo1", "processing").await;
        let send = |n: &str, kind: &str, status: &str| event(n, kind, with_status(&paid, status));
        let processing = send("evt_o1", "payment_intent.processing", "processing");
        assert_eq!(send_event(base, WEBHOOK_SECRET, &processing).await, 200);
        assert_eq!(
            order_status(base, id(&paid), secret(&paid)).await.1["status"],
            "pending",
            "{backend:?}"
        );
        for (n, kind, status) in [
            ("evt_o2", "payment_intent.succeeded", "succeeded"),
            (
                "evt_o3",
                "payment_intent.payment_failed",
                "requires_payment_method",
            ),
            ("evt_o4", "payment_intent.canceled", "canceled"),
            ("evt_o5", "payment_intent.processing", "processing"),
        ] {
            assert_eq!(
                send_event(base, WEBHOOK_SECRET, &send(n, kind, status)).await,
                200
            );
        }
        eventually("fulfilled", async || {
            order_status(base, id(&paid), secret(&paid)).await.1["fulfilled"] == true
        })
        .await;
        assert_eq!(
            order_status(base, id(&paid), secret(&paid)).await.1["status"],
            "paid",
            "{backend:?}: a failure or cancel after the success changes nothing"
        );

        // Another order: failed, then canceled (shown as failed), then a late success wins.
        let (_, other) =
            checkout_order(&stripe, base, "ctoken_ooo2", "pi_Ooo2", "requires_action").await;
        let failed = event(
            "evt_o6",
            "payment_intent.payment_failed",
            with_status(&other, "requires_payment_method"),
        );
        assert_eq!(send_event(base, WEBHOOK_SECRET, &failed).await, 200);
        assert_eq!(
            order_status(base, id(&other), secret(&other)).await.1["status"],
            "failed"
        );
        let canceled = event(
            "evt_o7",
            "payment_intent.canceled",
            with_status(&other, "canceled"),
        );
        assert_eq!(send_event(base, WEBHOOK_SECRET, &canceled).await, 200);
        assert_eq!(
            order_status(base, id(&other), secret(&other)).await.1["status"],
            "failed",
            "canceled is shown as failed"
        );
        let late = event(
            "evt_o8",
            "payment_intent.succeeded",
            with_status(&other, "succeeded"),
        );
        assert_eq!(send_event(base, WEBHOOK_SECRET, &late).await, 200);
        eventually("the late success is fulfilled", async || {
            order_status(base, id(&other), secret(&other)).await.1
                == json!({"order": last_order(&stripe).0, "status": "paid", "fulfilled": true})
        })
        .await;
        assert_eq!(hook.calls().len(), 2, "{backend:?}");
        server.stop().await;
    }
}

#[tokio::test]
async fn an_event_before_the_checkout_answer_finds_its_order_by_metadata() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let server = start(backend, &stripe, Some(&hook)).await;
        let made = intent("pi_Early1", "succeeded", 0, None);
        stripe.then(Scripted::Delayed(Duration::from_millis(1500), made.clone()));
        let base = server.base.clone();
        let answer = tokio::spawn(async move { checkout(&base, &cart("ctoken_early")).await });
        eventually("the intent is requested", async || {
            !stripe.intent_requests().is_empty()
        })
        .await;
        let (order, amount) = last_order(&stripe);
        let mut sent = made.clone();
        sent["amount"] = amount.into();
        sent["metadata"] = json!({"order_id": order});
        let succeeded = event("evt_early", "payment_intent.succeeded", sent);
        assert_eq!(
            send_event(&server.base, WEBHOOK_SECRET, &succeeded).await,
            200
        );
        eventually("fulfilled before the answer", async || {
            hook.calls().len() == 1
        })
        .await;
        assert!(
            !answer.is_finished(),
            "{backend:?}: the checkout is still waiting"
        );
        let answer = answer.await.unwrap();
        assert_eq!(answer.status, 200);
        assert_eq!(
            order_status(&server.base, id(&made), secret(&made)).await.1,
            json!({"order": order, "status": "paid", "fulfilled": true}),
            "{backend:?}"
        );
        assert_eq!(hook.calls().len(), 1);
        server.stop().await;
    }
}

#[tokio::test]
async fn order_status_answers_only_the_intents_secret_and_one_404_otherwise() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let server = start(backend, &stripe, None).await;
        let base = &server.base;
        let (order, made) =
            checkout_order(&stripe, base, "ctoken_st", "pi_Stat1", "succeeded").await;
        let (status, right) = order_status(base, id(&made), secret(&made)).await;
        assert_eq!(
            (status, right["order"].as_str()),
            (200, Some(order.as_str()))
        );
        // The wire crate's type, which the return page shares.
        let read: stripe_checkout_wire::OrderStatus = serde_json::from_value(right).unwrap();
        assert_eq!(read.order, order);
        let wrong_secret = order_status(base, id(&made), "pi_Stat1_secret_wrong").await;
        let other_secret = order_status(base, id(&made), &format!("{}x", secret(&made))).await;
        let no_intent = order_status(base, "pi_Unknown", "pi_Unknown_secret_x").await;
        assert_eq!(wrong_secret.0, 404, "{backend:?}");
        assert_eq!(wrong_secret, other_secret);
        assert_eq!(wrong_secret, no_intent, "no oracle: the same answer");
        assert_eq!(wrong_secret.1["error"]["message"], "No such order.");
        let missing = client()
            .get(format!("{base}/order-status?payment_intent=pi_Stat1"))
            .send()
            .await
            .unwrap();
        assert_eq!(missing.status(), 400);
        server.stop().await;
    }
}

#[tokio::test]
async fn without_a_hook_fulfilment_is_the_orders_fulfilled_at_and_a_setup_is_done_at_once() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let server = start(backend, &stripe, None).await;
        let base = &server.base;
        let (_, made) =
            checkout_order(&stripe, base, "ctoken_nohook", "pi_NoHook", "succeeded").await;
        let succeeded = event("evt_nohook", "payment_intent.succeeded", made.clone());
        assert_eq!(send_event(base, WEBHOOK_SECRET, &succeeded).await, 200);
        eventually("fulfilled by the log line", async || {
            order_status(base, id(&made), secret(&made)).await.1["fulfilled"] == true
        })
        .await;

        let answer = setup(base, &json!({"confirmationTokenId": "ctoken_setup"})).await;
        assert_eq!(answer.status, 200);
        let (order, _) = last_order(&stripe);
        let mut seti = setup_intent("succeeded");
        seti["metadata"] = json!({"order_id": order});
        let done = event("evt_seti", "setup_intent.succeeded", seti);
        assert_eq!(send_event(base, WEBHOOK_SECRET, &done).await, 200);
        let stored = server.store.order(&order).await.unwrap().unwrap();
        assert_eq!(stored.status.as_str(), "paid", "{backend:?}");
        assert!(stored.fulfilled_at.is_some());
        assert_eq!(server.store.pending_deliveries().await.unwrap(), 0);
        server.stop().await;
    }
}

#[tokio::test]
async fn events_for_unknown_intents_or_types_are_acknowledged_and_change_nothing() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let server = start(backend, &stripe, Some(&hook)).await;
        let base = &server.base;
        let (order, made) =
            checkout_order(&stripe, base, "ctoken_unk", "pi_Unk1", "succeeded").await;
        let stranger = intent("pi_Stranger", "succeeded", 100, None);
        let lost = intent(
            "pi_Lost",
            "succeeded",
            100,
            Some("ord_000000000000000000000000"),
        );
        let mut wrong_amount = made.clone();
        wrong_amount["amount"] = 1.into();
        for (n, kind, object) in [
            ("evt_u1", "payment_intent.succeeded", stranger),
            ("evt_u2", "payment_intent.succeeded", lost),
            ("evt_u3", "charge.succeeded", made.clone()),
            ("evt_u4", "payment_intent.succeeded", wrong_amount),
        ] {
            assert_eq!(
                send_event(base, WEBHOOK_SECRET, &event(n, kind, object)).await,
                200
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(hook.calls().is_empty(), "{backend:?}");
        assert_eq!(
            server
                .store
                .order(&order)
                .await
                .unwrap()
                .unwrap()
                .status
                .as_str(),
            "pending"
        );
        server.stop().await;
    }
}

#[tokio::test]
async fn a_resent_token_finds_its_first_order_and_sends_stripe_the_same_form() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let server = start(backend, &stripe, None).await;
        for _ in 0..2 {
            assert_eq!(
                checkout(&server.base, &cart("ctoken_again")).await.status,
                200
            );
        }
        let sent = stripe.intent_requests();
        assert_eq!(sent[0].body, sent[1].body, "{backend:?}: the same order id");
        assert_eq!(
            sent[0].header("idempotency-key"),
            sent[1].header("idempotency-key")
        );
        server.stop().await;
    }
}

#[tokio::test]
async fn a_failed_delivery_is_retried_and_resumed_by_the_next_server_on_the_same_database() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        hook.then(500);
        let database = fresh_database(backend).await;
        // First server: its retry would come after 2 s; it is stopped before.
        let first = Server::start(
            config(&stripe, Some(&hook), Duration::from_secs(2)),
            Store::open(&database).await.unwrap(),
        )
        .await;
        let (order, made) = checkout_order(
            &stripe,
            &first.base,
            "ctoken_restart",
            "pi_Restart1",
            "succeeded",
        )
        .await;
        let succeeded = event("evt_restart", "payment_intent.succeeded", made.clone());
        assert_eq!(
            send_event(&first.base, WEBHOOK_SECRET, &succeeded).await,
            200
        );
        eventually("the hook is called", async || hook.calls().len() == 1).await;
        first.stop().await;

        let second = Server::start(
            config(&stripe, Some(&hook), Duration::from_secs(2)),
            Store::open(&database).await.unwrap(),
        )
        .await;
        eventually("the next server delivers it", async || {
            order_status(&second.base, id(&made), secret(&made)).await.1["fulfilled"] == true
        })
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let calls = hook.calls();
        assert_eq!(calls.len(), 2, "{backend:?}: 500, then 200: {calls:?}");
        assert!(calls
            .iter()
            .all(|c| c.idempotency_key.as_deref() == Some(order.as_str())));
        assert_eq!(second.store.pending_deliveries().await.unwrap(), 0);
        second.stop().await;
    }
}

#[tokio::test]
async fn two_instances_on_one_database_fulfil_each_order_once_when_both_get_its_events() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let database = fresh_database(backend).await;
        let mut servers = Vec::new();
        for _ in 0..2 {
            let store = Store::open(&database).await.unwrap();
            servers.push(
                Server::start(
                    config(&stripe, Some(&hook), Duration::from_millis(100)),
                    store,
                )
                .await,
            );
        }
        let (a, b) = (servers[0].base.clone(), servers[1].base.clone());
        let mut orders = Vec::new();
        for n in 0..8 {
            let (order, made) = checkout_order(
                &stripe,
                if n % 2 == 0 { &a } else { &b },
                &format!("ctoken_race{n}"),
                &format!("pi_Race{n}"),
                "succeeded",
            )
            .await;
            // The same event to both at once, and a twin event (another id) too.
            let same = event(
                &format!("evt_race{n}"),
                "payment_intent.succeeded",
                made.clone(),
            );
            let twin = event(
                &format!("evt_twin{n}"),
                "payment_intent.succeeded",
                made.clone(),
            );
            let (x, y, z) = tokio::join!(
                send_event(&a, WEBHOOK_SECRET, &same),
                send_event(&b, WEBHOOK_SECRET, &same),
                send_event(&b, WEBHOOK_SECRET, &twin),
            );
            assert_eq!((x, y, z), (200, 200, 200), "{backend:?}");
            orders.push((order, made));
        }
        for (_, made) in &orders {
            eventually("fulfilled", async || {
                order_status(&a, id(made), secret(made)).await.1["fulfilled"] == true
            })
            .await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let calls = hook.calls();
        assert_eq!(calls.len(), orders.len(), "{backend:?}: one POST per order");
        for (order, _) in &orders {
            let posts = calls
                .iter()
                .filter(|c| c.idempotency_key.as_deref() == Some(order.as_str()))
                .count();
            assert_eq!(posts, 1, "{backend:?}: {order}");
        }
        for server in servers {
            server.stop().await;
        }
    }
}

#[tokio::test]
async fn in_simulator_mode_the_intent_carries_its_order_and_an_event_signed_with_the_process_secret_confirms_it(
) {
    let vars = [
        ("BIND", "127.0.0.1:0"),
        ("CHECKOUT_RATE_LIMIT", "off"),
        ("SIM_ADMIN_API", "true"),
    ];
    let config = Config::from_lookup(|name| {
        vars.iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    })
    .unwrap();
    let (key, webhook_secret) = (
        config.secret_key.expose().to_owned(),
        config.webhook_secret.clone().unwrap().expose().to_owned(),
    );
    let server = Server::start(config, sqlite_store().await).await;
    let http = client();
    let (status, answer) = sim_checkout(&http, &server.base).await;
    assert_eq!(status, 200, "{answer}");
    let list = http
        .get(format!("{}/sim/api/v1/payment_intents", server.base))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let list: Value = serde_json::from_str(&list).unwrap();
    let made = list["data"][0].clone();
    assert_eq!(made["client_secret"], answer["client_secret"]);
    let order = made["metadata"]["order_id"].as_str().unwrap();
    assert!(order.starts_with("ord_"), "{made}");
    // The simulator signs its events with the per-process secret; the server verifies them.
    let succeeded = event("evt_sim", "payment_intent.succeeded", made.clone());
    assert_eq!(
        send_event(&server.base, "whsec_wrong", &succeeded).await,
        400
    );
    assert_eq!(
        send_event(&server.base, &webhook_secret, &succeeded).await,
        200
    );
    eventually("fulfilled", async || {
        order_status(&server.base, id(&made), secret(&made)).await.1
            == json!({"order": order, "status": "paid", "fulfilled": true})
    })
    .await;
    server.stop().await;
}

#[tokio::test]
async fn event_ids_are_forgotten_after_the_retention_and_a_late_copy_still_fulfils_nothing_twice() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let server = start(backend, &stripe, Some(&hook)).await;
        let (_, made) = checkout_order(
            &stripe,
            &server.base,
            "ctoken_prune",
            "pi_Prune1",
            "succeeded",
        )
        .await;
        let succeeded = event("evt_prune", "payment_intent.succeeded", made.clone());
        assert_eq!(
            send_event(&server.base, WEBHOOK_SECRET, &succeeded).await,
            200
        );
        eventually("fulfilled", async || hook.calls().len() == 1).await;
        let retention = checkout_server::orders::events::EVENT_RETENTION;
        assert_eq!(server.store.prune_events(retention).await.unwrap(), 0);
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(
            server.store.prune_events(Duration::ZERO).await.unwrap(),
            1,
            "{backend:?}"
        );
        // Forgotten, the id is applied again: the order is paid already, nothing changes.
        assert_eq!(
            send_event(&server.base, WEBHOOK_SECRET, &succeeded).await,
            200
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(hook.calls().len(), 1, "{backend:?}");
        server.stop().await;
    }
}

#[tokio::test]
async fn a_store_that_fails_before_the_intent_is_created_answers_503_and_stripe_is_never_asked() {
    let stripe = MockStripe::start().await;
    let server = start(Backend::Sqlite, &stripe, None).await;
    server.store.close().await;
    let answer = checkout(&server.base, &cart("ctoken_nostore")).await;
    assert_eq!(answer.status, 503, "{:?}", answer.body);
    assert_eq!(answer.body["error"]["type"], "api_error");
    assert!(
        stripe.intent_requests().is_empty(),
        "no intent without its order"
    );
    let (status, _) = post_webhook(&server.base, "{}", Some("t=1,v1=00")).await;
    assert_eq!(status, 400, "verification needs no store");
}

#[tokio::test]
async fn a_failure_racing_a_success_on_two_instances_never_leaves_a_paid_order_failed() {
    for backend in backends() {
        let stripe = MockStripe::start().await;
        let hook = Hook::start().await;
        let database = fresh_database(backend).await;
        let mut servers = Vec::new();
        for _ in 0..2 {
            let store = Store::open(&database).await.unwrap();
            servers.push(
                Server::start(
                    config(&stripe, Some(&hook), Duration::from_millis(100)),
                    store,
                )
                .await,
            );
        }
        let (a, b) = (servers[0].base.clone(), servers[1].base.clone());
        let mut orders = Vec::new();
        for n in 0..16 {
            let (order, made) = checkout_order(
                &stripe,
                &a,
                &format!("ctoken_fight{n}"),
                &format!("pi_Fight{n}"),
                "requires_action",
            )
            .await;
            let won = event(
                &format!("evt_won{n}"),
                "payment_intent.succeeded",
                with_status(&made, "succeeded"),
            );
            let lost = event(
                &format!("evt_lost{n}"),
                "payment_intent.payment_failed",
                with_status(&made, "requires_payment_method"),
            );
            // An earlier attempt's failure and the success, at the same moment, to both.
            let (w, l, w2, l2) = tokio::join!(
                send_event(&a, WEBHOOK_SECRET, &won),
                send_event(&b, WEBHOOK_SECRET, &lost),
                send_event(&b, WEBHOOK_SECRET, &won),
                send_event(&a, WEBHOOK_SECRET, &lost),
            );
            assert_eq!((w, l, w2, l2), (200, 200, 200, 200));
            orders.push(order);
        }
        for order in &orders {
            let stored = servers[0].store.order(order).await.unwrap().unwrap();
            assert_eq!(stored.status.as_str(), "paid", "{backend:?}: {order}");
        }
        eventually("all fulfilled", async || hook.calls().len() >= orders.len()).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(hook.calls().len(), orders.len(), "{backend:?}");
        for server in servers {
            server.stop().await;
        }
    }
}
