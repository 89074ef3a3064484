//! Load, on loopback against the real binary in simulator mode, bounded in count and time:
//! 200 concurrent checkouts all answered with bounded memory, and 500 slow clients that do not
//! lock out a customer. Figures go to stderr (`cargo test --test load -- --nocapture`).

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::process::Process;
use common::*;
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Concurrent checkouts.
const CHECKOUTS: usize = 200;
/// ConfirmationTokens created to fill the simulator past its cap.
const FLOOD_TOKENS: usize = 3_000;
/// The simulator's cap in this test.
const SIM_MAX_OBJECTS: &str = "500";
/// The server's resident memory may not exceed this after the checkouts and the flood
/// (measured: ≈ 30 MiB; ≈ 56 MiB with an unbounded store).
const MAX_RSS_MIB: u64 = 48;
/// The simulated secret key this test sets (`SIM_SECRET_KEY`) to count PaymentIntents.
const SIM_KEY: &str = "sk_test_sim_load_test_0123456789abcdef";
/// How much the flood may grow it (measured: ≈ 3 MiB; ≈ 26 MiB with an unbounded store).
const MAX_FLOOD_GROWTH_MIB: u64 = 10;

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_checkouts_are_all_answered_and_memory_stays_bounded() {
    // In simulator mode one checkout holds up to three of the server's connections at once
    // (the client's, and the server's own calls to its simulator), so 200 of them can reach
    // the connection cap (512, or less under a low descriptor limit). There, idle keep-alive
    // connections are evicted: the server's own client sends again (`NETWORK_RETRIES`), and
    // so does this one, with the same token, as the component does. One payment each is
    // counted below.
    let server = Process::start(
        &[
            ("CHECKOUT_RATE_LIMIT", "off"),
            ("SIM_MAX_OBJECTS", SIM_MAX_OBJECTS),
            ("SIM_ADMIN_API", "true"),
            ("SIM_SECRET_KEY", SIM_KEY),
            ("SIM_RATE_LIMIT", "off"),
        ],
        None,
    );
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let idle_rss = server.rss_kib();

    let start = Instant::now();
    let flows: Vec<_> = (0..CHECKOUTS)
        .map(|_| {
            let (http, base) = (http.clone(), server.base.clone());
            tokio::spawn(async move {
                let begun = Instant::now();
                let (status, body) = sim_checkout(&http, &base).await;
                (status, body, begun.elapsed())
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for flow in flows {
        let (status, body, took) = flow.await.unwrap();
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "succeeded", "{body}");
        latencies.push(took);
    }
    let wall = start.elapsed();
    latencies.sort();
    let listed = http
        .get(format!("{}/sim/api/v1/payment_intents", server.base))
        .bearer_auth(SIM_KEY)
        .send()
        .await
        .unwrap();
    let intents: Value = serde_json::from_str(&listed.text().await.unwrap()).unwrap();
    assert_eq!(
        intents["data"].as_array().map(Vec::len),
        Some(CHECKOUTS),
        "one PaymentIntent per checkout, however often a POST was re-sent"
    );
    let after_checkouts = server.rss_kib();

    // Try to fill the simulator far past its cap (each token is ≈ 7 kB of JSON in memory): at
    // the cap it refuses new tokens (429 `rate_limit`) rather than forget young ones.
    let flood_start = Instant::now();
    let next = Arc::new(AtomicUsize::new(0));
    let refused = Arc::new(AtomicUsize::new(0));
    let workers: Vec<_> = (0..50)
        .map(|_| {
            let (http, base, next) = (http.clone(), server.base.clone(), next.clone());
            let refused = refused.clone();
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < FLOOD_TOKENS {
                    match try_sim_token(&http, &base, "4242424242424242").await {
                        200 => {}
                        429 => _ = refused.fetch_add(1, Ordering::Relaxed),
                        other => panic!("a token answered {other}"),
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let refused = refused.load(Ordering::Relaxed);
    let cap: usize = SIM_MAX_OBJECTS.parse().unwrap();
    assert_eq!(
        refused,
        FLOOD_TOKENS - (cap - CHECKOUTS),
        "the store takes tokens up to its cap, then refuses"
    );
    let flood = flood_start.elapsed();
    let after_flood = server.rss_kib();
    eprintln!(
        "load: {CHECKOUTS} concurrent checkouts in {wall:?} (median {:?}, max {:?}); \
         {FLOOD_TOKENS} more tokens asked for in {flood:?} ({refused} refused at the cap); RSS idle {:.1} MiB, after checkouts {:.1} MiB, \
         after the flood {:.1} MiB (SIM_MAX_OBJECTS={SIM_MAX_OBJECTS})",
        latencies[CHECKOUTS / 2],
        latencies[CHECKOUTS - 1],
        mib(idle_rss),
        mib(after_checkouts),
        mib(after_flood),
    );
    assert!(
        after_flood < MAX_RSS_MIB * 1024,
        "RSS {:.1} MiB over {MAX_RSS_MIB} MiB",
        mib(after_flood)
    );
    assert!(
        after_flood.saturating_sub(after_checkouts) < MAX_FLOOD_GROWTH_MIB * 1024,
        "the flood grew RSS by {:.1} MiB",
        mib(after_flood.saturating_sub(after_checkouts))
    );
    assert!(wall < Duration::from_secs(20), "{wall:?}");
}

/// Holds one connection open the way a slowloris client does: a request line, then a header
/// byte now and then; reconnects when the server drops it, until `stop`.
async fn slow_client(addr: String, stop: Arc<AtomicBool>, dropped: Arc<AtomicUsize>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = TcpStream::connect(&addr).await else {
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        if stream
            .write_all(b"POST /create-confirm-intent HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .await
            .is_err()
        {
            continue;
        }
        while !stop.load(Ordering::Relaxed) {
            tokio::time::sleep(Duration::from_millis(250)).await;
            if stream.write_all(b"a").await.is_err() {
                dropped.fetch_add(1, Ordering::Relaxed);
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_slow_clients_do_not_lock_out_a_checkout() {
    // Fewer connections allowed than slow clients, and a header timeout longer than the test.
    let server = Process::start(
        &[
            ("MAX_CONNECTIONS", "256"),
            ("HEADER_READ_TIMEOUT", "30s"),
            ("CHECKOUT_RATE_LIMIT", "off"),
        ],
        None,
    );
    let stop = Arc::new(AtomicBool::new(false));
    let dropped = Arc::new(AtomicUsize::new(0));
    let slow: Vec<_> = (0..500)
        .map(|_| tokio::spawn(slow_client(server.addr(), stop.clone(), dropped.clone())))
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;

    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut latencies = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let (status, body) = sim_checkout(&http, &server.base).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["status"], "succeeded");
        latencies.push(start.elapsed());
    }
    stop.store(true, Ordering::Relaxed);
    for client in slow {
        client.await.unwrap();
    }
    eprintln!(
        "load: 500 slow clients over MAX_CONNECTIONS=256 ({} of their connections evicted); \
         5 checkouts took {latencies:?}",
        dropped.load(Ordering::Relaxed)
    );
    assert!(
        latencies.iter().all(|t| *t < Duration::from_secs(3)),
        "{latencies:?}"
    );
    assert!(
        dropped.load(Ordering::Relaxed) > 0,
        "the cap was never reached"
    );
}
