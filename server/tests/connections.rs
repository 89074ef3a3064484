//! Surviving the internet, one connection at a time: header-read, body and request timeouts,
//! the connection cap, early 413s that real clients can read, and the checkout rate limit.

mod common;

use std::time::{Duration, Instant};

use checkout_server::config::RateLimit;
use checkout_server::limits::TIMED_OUT;
use checkout_server::Config;
use common::*;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn addr(base: &str) -> String {
    base.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection (or `within` passes); answers what was read
/// and whether it closed.
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Err(_) => return (String::from_utf8_lossy(&received).into_owned(), false),
            Ok(Ok(0)) | Ok(Err(_)) => {
                return (String::from_utf8_lossy(&received).into_owned(), true)
            }
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

async fn spawn_with(limits: impl FnOnce(&mut Config)) -> (MockStripe, String) {
    let stripe = MockStripe::start().await;
    let mut config = test_config(&stripe.base());
    config.dist_dir = temp_dir("connections");
    limits(&mut config);
    let base = spawn(config).await;
    (stripe, base)
}

#[tokio::test]
async fn clients_that_do_not_finish_their_headers_are_disconnected_after_the_header_read_timeout() {
    let (_stripe, base) =
        spawn_with(|c| c.limits.header_read_timeout = Duration::from_millis(300)).await;
    // Silent, slow (half a request line), and idle after a complete keep-alive exchange.
    let mut silent = TcpStream::connect(addr(&base)).await.unwrap();
    let mut slow = TcpStream::connect(addr(&base)).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut idle = TcpStream::connect(addr(&base)).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let start = Instant::now();
    for (name, stream) in [
        ("silent", &mut silent),
        ("slow", &mut slow),
        ("idle", &mut idle),
    ] {
        let (received, closed) = read_to_close(stream, Duration::from_secs(5)).await;
        assert!(closed, "{name}: still open after 5 s");
        if name == "idle" {
            assert!(received.starts_with("HTTP/1.1 200"), "{received}");
        }
    }
    let elapsed = start.elapsed();
    assert!(
        elapsed >= Duration::from_millis(250) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn at_the_connection_cap_a_new_client_evicts_the_oldest_idle_connection() {
    // A long header timeout: only eviction can make room in time.
    let (_stripe, base) = spawn_with(|c| {
        c.limits.max_connections = 16;
        c.limits.header_read_timeout = Duration::from_secs(60);
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..100 {
        let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
        stream.write_all(b"GET /heal").await.unwrap();
        idle.push(stream);
    }
    let start = Instant::now();
    let response = client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let mut open = 0;
    for stream in &mut idle {
        let (_, closed) = read_to_close(stream, Duration::from_millis(20)).await;
        open += usize::from(!closed);
    }
    assert!(
        open < 16,
        "{open} idle connections still open over a cap of 16"
    );
}

#[tokio::test]
async fn when_every_connection_is_busy_a_new_one_is_answered_503_and_closed() {
    let (stripe, base) = spawn_with(|c| {
        c.limits.max_connections = 2;
        c.stripe_timeout = Duration::from_secs(5);
    })
    .await;
    // Two checkouts in flight, legitimately: their bodies arrived, Stripe has not answered.
    stripe.then_at(Route::Token, Scripted::Hang);
    stripe.then_at(Route::Token, Scripted::Hang);
    let body = cart("ctoken_abc").to_string();
    let mut busy = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
        let request = format!(
            "POST /create-confirm-intent HTTP/1.1\r\nHost: x\r\n\
             content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        busy.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut refused = TcpStream::connect(addr(&base)).await.unwrap();
    let (received, closed) = read_to_close(&mut refused, Duration::from_secs(2)).await;
    assert!(closed, "the extra connection is closed at once");
    assert!(received.starts_with("HTTP/1.1 503"), "{received:?}");
    assert!(received.contains("retry-after: 1"), "{received}");
}

#[tokio::test]
async fn at_the_cap_a_client_not_reading_its_response_past_the_request_timeout_makes_room() {
    let dir = temp_dir("stuck");
    std::fs::write(dir.join("big.bin"), vec![0u8; 32 * 1024 * 1024]).unwrap();
    let (_stripe, base) = spawn_with(|c| {
        c.dist_dir = dir.clone();
        c.limits.max_connections = 2;
        c.limits.request_timeout = Duration::from_millis(300);
    })
    .await;
    // Two downloads nobody reads: both connections stay busy, the kernel buffers full.
    let mut stuck = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
        stream
            .write_all(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        stuck.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    let response = client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_body_that_arrives_too_slowly_is_answered_408() {
    let (stripe, base) = spawn_with(|c| c.limits.body_timeout = Duration::from_millis(300)).await;
    let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
    stream
        .write_all(
            b"POST /create-confirm-intent HTTP/1.1\r\nHost: x\r\n\
              content-type: application/json\r\ncontent-length: 50\r\n\r\n{\"conf",
        )
        .await
        .unwrap();
    let start = Instant::now();
    let (received, closed) = read_to_close(&mut stream, Duration::from_secs(3)).await;
    assert!(received.starts_with("HTTP/1.1 408"), "{received:?}");
    assert!(received.contains("\"invalid_request_error\""), "{received}");
    assert!(closed);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(stripe.requests().is_empty());
}

#[tokio::test]
async fn a_request_past_the_request_timeout_is_a_503_that_keeps_the_token_for_a_retry() {
    let (stripe, base) = spawn_with(|c| {
        c.stripe_timeout = Duration::from_secs(5);
        c.limits.request_timeout = Duration::from_millis(300);
    })
    .await;
    stripe.then(Scripted::Hang);
    let start = Instant::now();
    let response = client()
        .post(format!("{base}/create-confirm-intent"))
        .header("content-type", "application/json")
        .body(cart("ctoken_abc").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let text = response.text().await.unwrap();
    assert_eq!(text, TIMED_OUT);
    // Not `{"error": …}`: the component keeps the ConfirmationToken and re-sends it.
    assert!(serde_json::from_str::<Value>(&text).is_err());
}

/// POSTs `size` bytes to the checkout and returns `(status, body)`; reqwest writes the body
/// while the server answers early.
async fn post_big(base: &str, size: usize) -> (u16, String) {
    let response = client()
        .post(format!("{base}/create-confirm-intent"))
        .header("content-type", "application/json")
        .body(vec![b' '; size])
        .send()
        .await
        .unwrap_or_else(|e| panic!("{size} bytes: no answer: {e:?}"));
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Just over the limit; drained by the server (1 MiB); closed after the answer (16 MiB, which
/// Node's fetch saw reset before the lingering close).
const SIZES: [usize; 3] = [17 * 1024, 1024 * 1024, 16 * 1024 * 1024];

#[tokio::test]
async fn an_oversized_body_gets_a_413_that_reqwest_and_node_fetch_can_read() {
    let (stripe, base) = spawn_with(|_| {}).await;
    for size in SIZES {
        let (status, body) = post_big(&base, size).await;
        assert_eq!(status, 413, "{size} bytes: {body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["error"]["type"], "invalid_request_error", "{body}");
        assert!(body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("too large"));
    }
    assert!(stripe.requests().is_empty());

    let Ok(version) = std::process::Command::new("node").arg("--version").output() else {
        eprintln!("node is not installed: the fetch half of this test is skipped");
        return;
    };
    assert!(version.status.success());
    let script = r#"
        const [url, size] = process.argv.slice(1);
        fetch(url, {method: 'POST', headers: {'content-type': 'application/json'},
                    body: ' '.repeat(Number(size))})
          .then(async r => console.log(r.status, await r.text()))
          .catch(e => { console.log('fetch failed', e.cause ? e.cause.code : e); process.exit(1); });
    "#;
    let url = format!("{base}/create-confirm-intent");
    for size in SIZES {
        let output = tokio::process::Command::new("node")
            .args(["-e", script, &url, &size.to_string()])
            .output()
            .await
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success() && stdout.starts_with("413 {\"error\""),
            "node fetch, {size} bytes: {stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[tokio::test]
async fn a_body_limit_above_the_drain_size_is_honoured() {
    let (_stripe, base) = spawn_with(|c| c.limits.max_body_bytes = 2 * 1024 * 1024).await;
    let (status, body) = post_big(&base, 1536 * 1024).await;
    assert_eq!(status, 400, "read, then refused as JSON: {body}");
    let (status, body) = post_big(&base, 3 * 1024 * 1024).await;
    assert_eq!(status, 413, "{body}");
}

#[tokio::test]
async fn checkouts_beyond_the_rate_limit_get_429_with_retry_after_and_a_json_error() {
    let limit = RateLimit {
        requests: 3,
        period: Duration::from_secs(60),
    };
    let (stripe, base) = spawn_with(|c| c.limits.checkout_rate = Some(limit)).await;
    for _ in 0..3 {
        assert_eq!(checkout(&base, &cart("ctoken_abc")).await.status, 200);
    }
    // A forged X-Forwarded-For does not make a new client: no proxy is trusted.
    let refused = post_raw(
        &base,
        "application/json",
        cart("ctoken_abc").to_string(),
        &[("x-forwarded-for", "203.0.113.9")],
    )
    .await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.body["error"]["type"], "rate_limit_error");
    assert!(refused.body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Too many payment attempts"));
    let response = client()
        .post(format!("{base}/create-confirm-intent"))
        .header("content-type", "application/json")
        .body(cart("ctoken_abc").to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    assert_eq!(
        stripe.intent_requests().len(),
        3,
        "refusals never reach Stripe"
    );
    // Other endpoints are not limited.
    let health = client()
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_rate_limit_counts_each_forwarded_client() {
    let limit = RateLimit {
        requests: 1,
        period: Duration::from_secs(60),
    };
    let (_stripe, base) = spawn_with(|c| {
        c.limits.checkout_rate = Some(limit);
        c.limits.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let post = |client_ip: &'static str| {
        let base = base.clone();
        async move {
            post_raw(
                &base,
                "application/json",
                cart("ctoken_abc").to_string(),
                &[("x-forwarded-for", client_ip)],
            )
            .await
            .status
        }
    };
    assert_eq!(post("203.0.113.1").await, 200);
    assert_eq!(post("203.0.113.1").await, 429);
    assert_eq!(post("203.0.113.2").await, 200);
    // A client-written entry left of the proxy's does not help.
    assert_eq!(post("198.51.100.1, 203.0.113.2").await, 429);
}

#[tokio::test]
async fn request_heads_up_to_64_kib_are_read_and_larger_ones_get_431() {
    let (_stripe, base) = spawn_with(|_| {}).await;
    let head_of = |size: usize| {
        let start = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ";
        let filler = size - start.len() - "\r\n\r\n".len();
        format!("{start}{}\r\n\r\n", "a".repeat(filler))
    };
    for (size, expected) in [
        (32 * 1024, "HTTP/1.1 200"),
        (64 * 1024, "HTTP/1.1 200"),
        (64 * 1024 + 1, "HTTP/1.1 431"),
        (100 * 1024, "HTTP/1.1 431"),
    ] {
        let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
        // The server may answer (and close) before reading it all.
        let _ = stream.write_all(head_of(size).as_bytes()).await;
        let (received, _) = read_to_close(&mut stream, Duration::from_secs(3)).await;
        assert!(
            received.starts_with(expected),
            "{size} bytes: {:?}",
            &received[..received.len().min(200)]
        );
    }
    // hyper's other bound on a head: at most 100 fields.
    let fields = |n: usize| {
        let mut head = String::from("GET /healthz HTTP/1.1\r\nConnection: close\r\n");
        for i in 2..n {
            head.push_str(&format!("X-{i}: a\r\n"));
        }
        head + "Host: x\r\n\r\n"
    };
    for (n, expected) in [(100, "HTTP/1.1 200"), (101, "HTTP/1.1 431")] {
        let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
        let _ = stream.write_all(fields(n).as_bytes()).await;
        let (received, _) = read_to_close(&mut stream, Duration::from_secs(3)).await;
        assert!(received.starts_with(expected), "{n} fields: {received:?}");
    }
}

/// A connection from `ip` (any 127.0.0.0/8 address reaches the server on loopback).
async fn connect_from(ip: [u8; 4], base: &str) -> std::io::Result<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(std::net::SocketAddr::from((ip, 0)))?;
    socket.connect(addr(base).parse().unwrap()).await
}

/// The head of a checkout whose body (`length` bytes announced) has barely begun.
const SLOW_POST: &[u8] = b"POST /create-confirm-intent HTTP/1.1\r\nHost: x\r\n\
    content-type: application/json\r\ncontent-length: 10000\r\n\r\n{";

/// Sends [`SLOW_POST`] from `ip`, then one body byte every `every` until `stop`, reconnecting
/// whenever the server cuts it; counts the cuts.
async fn trickle(
    ip: [u8; 4],
    base: String,
    every: Duration,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    cut: std::sync::Arc<std::sync::atomic::AtomicUsize>,
) {
    use std::sync::atomic::Ordering;
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut stream) = connect_from(ip, &base).await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        if stream.write_all(SLOW_POST).await.is_ok() {
            let mut buffer = [0u8; 1024];
            while !stop.load(Ordering::Relaxed) {
                tokio::select! {
                    read = stream.read(&mut buffer) => {
                        if !matches!(read, Ok(n) if n > 0) {
                            break;
                        }
                    }
                    () = tokio::time::sleep(every) => {
                        if stream.write_all(b" ").await.is_err() {
                            break;
                        }
                    }
                }
            }
        }
        if !stop.load(Ordering::Relaxed) {
            cut.fetch_add(1, Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_body_slower_than_the_floor_rate_is_cut_after_the_grace() {
    let (stripe, base) = spawn_with(|c| {
        c.limits.body_grace = Duration::from_millis(300);
        c.limits.body_min_rate = 1024;
        c.limits.body_timeout = Duration::from_secs(30);
    })
    .await;
    let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
    stream.write_all(SLOW_POST).await.unwrap();
    let start = Instant::now();
    let answer = async {
        let mut received = Vec::new();
        let mut buffer = [0u8; 4096];
        loop {
            tokio::select! {
                read = stream.read(&mut buffer) => match read {
                    Ok(0) | Err(_) => return String::from_utf8_lossy(&received).into_owned(),
                    Ok(n) => received.extend_from_slice(&buffer[..n]),
                },
                // 10 bytes a second: far below the floor.
                () = tokio::time::sleep(Duration::from_millis(100)) => {
                    let _ = stream.write_all(b" ").await;
                }
            }
        }
    };
    let received = tokio::time::timeout(Duration::from_secs(3), answer)
        .await
        .expect("cut within 3 s");
    assert!(received.starts_with("HTTP/1.1 408"), "{received:?}");
    assert!(received.contains("too slowly"), "{received}");
    assert!(start.elapsed() >= Duration::from_millis(250));
    assert!(stripe.requests().is_empty());

    // A body that keeps up with the floor is read in full.
    let body = cart("ctoken_abc").to_string();
    let mut stream = TcpStream::connect(addr(&base)).await.unwrap();
    let head = format!(
        "POST /create-confirm-intent HTTP/1.1\r\nHost: x\r\nconnection: close\r\n\
         content-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // In pieces (20 bytes every 10 ms), all within the grace.
    for chunk in body.as_bytes().chunks(20) {
        tokio::time::sleep(Duration::from_millis(10)).await;
        stream.write_all(chunk).await.unwrap();
    }
    let (received, _) = read_to_close(&mut stream, Duration::from_secs(3)).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received:?}");
}

#[tokio::test]
async fn a_slow_body_flood_does_not_lock_customers_out_the_slowest_are_evicted() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    // A cap well under the flood, and a grace longer than the test: only eviction makes room.
    let (_stripe, base) = spawn_with(|c| {
        c.limits.max_connections = 32;
        c.limits.body_grace = Duration::from_secs(60);
        c.limits.body_timeout = Duration::from_secs(60);
    })
    .await;
    let stop = Arc::new(AtomicBool::new(false));
    let cut = Arc::new(AtomicUsize::new(0));
    let flood: Vec<_> = (0..100u8)
        .map(|i| {
            tokio::spawn(trickle(
                [127, 0, 1, i],
                base.clone(),
                Duration::from_millis(250),
                stop.clone(),
                cut.clone(),
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mut answers = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let answer = checkout(&base, &cart("ctoken_abc")).await;
        answers.push((answer.status, start.elapsed()));
    }
    stop.store(true, Ordering::Relaxed);
    for task in flood {
        task.await.unwrap();
    }
    assert!(
        answers
            .iter()
            .all(|(status, took)| *status == 200 && *took < Duration::from_secs(2)),
        "{answers:?}"
    );
    assert!(cut.load(Ordering::Relaxed) > 0, "the cap was never reached");
}

#[tokio::test]
async fn one_client_address_holds_at_most_its_share_of_connections() {
    let (_stripe, base) = spawn_with(|c| {
        c.limits.max_connections_per_client = 4;
        c.limits.body_grace = Duration::from_secs(60);
        c.limits.body_timeout = Duration::from_secs(60);
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..8 {
        let mut stream = connect_from([127, 0, 2, 1], &base).await.unwrap();
        stream.write_all(SLOW_POST).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        held.push(stream);
    }
    let mut refused = 0;
    for stream in &mut held {
        let (received, closed) = read_to_close(stream, Duration::from_millis(100)).await;
        if closed {
            assert!(received.starts_with("HTTP/1.1 503"), "{received:?}");
            refused += 1;
        }
    }
    assert_eq!(refused, 4, "four connections from one address, no more");
    // Other clients are not affected.
    let mut other = connect_from([127, 0, 2, 2], &base).await.unwrap();
    other
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let (received, _) = read_to_close(&mut other, Duration::from_secs(2)).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received:?}");
    assert_eq!(checkout(&base, &cart("ctoken_abc")).await.status, 200);
}
