//! The real binary: graceful shutdown on SIGTERM and SIGINT, a soft open-file limit raised to
//! the hard one, and a descriptor limit that idle sockets cannot exhaust.

mod common;

use std::time::{Duration, Instant};

use common::process::Process;
use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn test_mode(stripe: &MockStripe) -> Vec<(&'static str, String)> {
    vec![
        ("STRIPE_SECRET_KEY", SECRET_KEY.to_owned()),
        ("STRIPE_PUBLISHABLE_KEY", PUBLISHABLE_KEY.to_owned()),
        ("STRIPE_API_BASE", stripe.base()),
        ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
    ]
}

fn start(env: &[(&'static str, String)]) -> Process {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Process::start(&env, None)
}

#[tokio::test]
async fn sigterm_finishes_the_request_in_flight_closes_the_rest_and_exits() {
    let stripe = MockStripe::start().await;
    stripe.then(Scripted::Slow(Duration::from_millis(800)));
    let mut server = start(&test_mode(&stripe));
    let base = server.base.clone();
    let in_flight = tokio::spawn(async move { checkout(&base, &cart("ctoken_abc")).await });
    // A client still sending its headers (default 10 s header timeout, 10 s shutdown deadline).
    let mut slow = TcpStream::connect(server.addr()).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        stripe.intent_requests().len(),
        1,
        "the checkout is waiting on Stripe"
    );
    let signalled = Instant::now();
    server.signal("TERM");
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(
        TcpStream::connect(server.addr()).await.is_err(),
        "no longer accepting"
    );
    let answer = in_flight.await.unwrap();
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    assert_eq!(answer.body["status"], "succeeded");
    let status = server.wait_exit(Duration::from_secs(5)).expect("exits");
    assert!(status.success(), "{status:?}");
    assert!(
        signalled.elapsed() < Duration::from_secs(2),
        "the slow client held the shutdown: {:?}",
        signalled.elapsed()
    );
    let mut rest = Vec::new();
    assert_eq!(
        slow.read_to_end(&mut rest).await.unwrap_or(0),
        0,
        "closed, unanswered"
    );
    let log = server.stderr();
    assert!(log.contains("SIGTERM"), "{log}");
}

#[tokio::test]
async fn sigint_with_a_hung_request_exits_by_the_shutdown_deadline() {
    let stripe = MockStripe::start().await;
    stripe.then(Scripted::Hang);
    let mut env = test_mode(&stripe);
    env.push(("SHUTDOWN_TIMEOUT", "500ms".into()));
    let mut server = start(&env);
    let base = server.base.clone();
    let hung = tokio::spawn(async move {
        client()
            .post(format!("{base}/create-confirm-intent"))
            .header("content-type", "application/json")
            .body(cart("ctoken_abc").to_string())
            .send()
            .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let start = Instant::now();
    server.signal("INT");
    let status = server.wait_exit(Duration::from_secs(5)).expect("exits");
    let took = start.elapsed();
    assert!(status.success(), "{status:?}");
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_secs(3),
        "{took:?}"
    );
    assert!(hung.await.unwrap().is_err(), "the hung request is cut off");
    let log = server.stderr();
    assert!(
        log.contains("SIGINT") && log.contains("shutdown deadline"),
        "{log}"
    );
}

#[tokio::test]
async fn a_low_soft_open_file_limit_is_raised_to_the_hard_one() {
    // A default soft limit of 1,024 would cap MAX_CONNECTIONS (512) at 480, which 200
    // concurrent checkouts through the simulator (two sockets each) came close to.
    let server = Process::start(&[], Some("-Sn 256"));
    let (soft, hard) = server.open_file_limits();
    assert_eq!(soft, hard, "soft open-file limit not raised");
}

#[tokio::test]
async fn idle_sockets_beyond_the_descriptor_limit_do_not_lock_out_customers() {
    // The report: 1,100 idle sockets under a 1,024 limit. Here 400 under 256, with a header
    // timeout far longer than the test, so only the connection cap can help.
    let mut server = Process::start(&[("HEADER_READ_TIMEOUT", "60s")], Some("-n 256"));
    let mut idle = Vec::new();
    for _ in 0..400 {
        if let Ok(Ok(stream)) = tokio::time::timeout(
            Duration::from_millis(200),
            TcpStream::connect(server.addr()),
        )
        .await
        {
            idle.push(stream);
        }
    }
    assert!(idle.len() > 256, "only {} sockets connected", idle.len());
    let http = client();
    let start = Instant::now();
    let (status, body) = sim_checkout(&http, &server.base).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "succeeded");
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    let log = server.stderr();
    assert!(log.contains("MAX_CONNECTIONS lowered"), "{log}");
    assert!(!log.contains("Too many open files"), "{log}");
    drop(idle);
    server.signal("TERM");
    assert!(server.wait_exit(Duration::from_secs(5)).is_some());
}

#[tokio::test]
async fn out_of_descriptors_the_accept_loop_backs_off_frees_an_idle_socket_and_recovers() {
    // 18 descriptors: about 12 are the runtime's and 3 the SQLite order store's (database,
    // WAL, shared memory), so accepts fail with EMFILE at once.
    let mut server = Process::start(&[("HEADER_READ_TIMEOUT", "60s")], Some("-n 18"));
    let mut idle = Vec::new();
    for _ in 0..40 {
        if let Ok(Ok(stream)) = tokio::time::timeout(
            Duration::from_millis(200),
            TcpStream::connect(server.addr()),
        )
        .await
        {
            idle.push(stream);
        }
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let http = client();
    for _ in 0..3 {
        let response = http
            .get(format!("{}/healthz", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let log = server.stderr();
    let failures = log.matches("accept failed").count();
    eprintln!("accept failures logged: {failures}");
    assert!(failures > 0, "descriptors were never exhausted: {log}");
    assert!(failures < 100, "the accept loop spins: {failures} failures");
    drop(idle);
    server.signal("TERM");
    assert!(server.wait_exit(Duration::from_secs(5)).is_some());
}
