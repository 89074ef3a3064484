//! The HTTP server around the app: an accept loop that caps open connections, in all and per
//! client address (evicting under pressure the oldest idle one, else the one sending its body
//! the slowest, else one stuck sending a response for longer than the request timeout; backing
//! off when out of descriptors), hyper's HTTP/1 with a header-read timeout and a head-size
//! limit, a lingering close so a client still sending a body reads an early answer (a 413)
//! instead of a reset, and a graceful shutdown with a deadline.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::{poll_fn, Future};
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Poll;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use http_body_util::BodyExt;
use hyper::body::{Body as _, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tower::ServiceExt;

use crate::config::Limits;
use crate::rate_limit::bucket_key;

/// How long a finished connection keeps reading (and discarding) what the client still sends
/// after the server's FIN, so that the client reads the answer rather than a reset.
pub const LINGER_TIME: Duration = Duration::from_secs(2);
/// The most a finished connection reads and discards.
pub const LINGER_BYTES: usize = 64 * 1024 * 1024;
/// Descriptors kept for everything but connections (listener, logs, static files).
pub const RESERVED_DESCRIPTORS: usize = 64;
/// The largest request head (request line and headers, the blank line included): hyper's
/// `max_header_size` (a larger head is answered 431), and its read buffer per connection.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// How long a connection that has just been accepted, or has just finished a request, is
/// evicted as idle only when nothing else can make room: a connection is accepted before
/// hyper reads its head, and a finished response may still be in hyper's write buffer, so an
/// accept loop working through a burst of new connections would otherwise cut a customer's
/// request or answer sooner than a slow body that has held its place for seconds.
const FRESH_IDLE_MS: u64 = 250;
/// The first and the longest pause after an accept error such as EMFILE.
const ACCEPT_BACKOFF: (Duration, Duration) = (Duration::from_millis(10), Duration::from_secs(1));

/// What a connection refused at the cap (every connection busy) is sent before it is closed.
const BUSY_RESPONSE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\n\
    content-type: application/json\r\nretry-after: 1\r\nconnection: close\r\n\
    content-length: 84\r\n\r\n\
    {\"error\": {\"message\": \"The server is busy. Please try again.\", \"type\": \"api_error\"}}";

/// One open connection, as the accept loop sees it.
struct Conn {
    /// The client address it counts against (IPv6: its /64); `None` when exempt from the
    /// per-client limit (a trusted proxy, the server's own address).
    client: Option<IpAddr>,
    /// Requests whose response is not yet fully sent.
    busy: AtomicUsize,
    /// When it last became busy, in milliseconds since [`Connections::epoch`].
    busy_since: AtomicU64,
    /// Whether its request body is still arriving (as the app reads it).
    receiving: AtomicBool,
    /// When it was accepted, in milliseconds since [`Connections::epoch`].
    opened: AtomicU64,
    /// Bytes read from its socket since it was accepted (heads and bodies: what the client
    /// has sent).
    read: AtomicU64,
    /// When it was accepted or last finished a request, in milliseconds since
    /// [`Connections::epoch`].
    idle_since: AtomicU64,
    /// Chosen for eviction (no longer counted against the cap).
    evicted: AtomicBool,
    /// Wakes the connection's task to close it.
    evict: Notify,
}

/// Every open connection, oldest first.
struct Connections {
    open: Mutex<BTreeMap<u64, Arc<Conn>>>,
    next: AtomicU64,
    closed: Notify,
    epoch: Instant,
    /// A connection busy for longer than this may be evicted too (a client not reading its
    /// response holds a connection busy).
    stuck_after: Duration,
    /// `BODY_MIN_RATE`: the rate at which a connection that has just connected is ranked, for
    /// eviction, against those that have sent little for long.
    min_rate: u64,
}

impl Connections {
    fn new(stuck_after: Duration, min_rate: usize) -> Self {
        Connections {
            open: Mutex::default(),
            next: AtomicU64::new(0),
            closed: Notify::new(),
            epoch: Instant::now(),
            stuck_after,
            min_rate: u64::try_from(min_rate).unwrap_or(u64::MAX).max(1),
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn open(&self) -> MutexGuard<'_, BTreeMap<u64, Arc<Conn>>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn register(&self, client: Option<IpAddr>) -> (u64, Arc<Conn>) {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Conn {
            client,
            idle_since: AtomicU64::new(self.now_ms()),
            busy: AtomicUsize::new(0),
            busy_since: AtomicU64::new(0),
            receiving: AtomicBool::new(false),
            opened: AtomicU64::new(self.now_ms()),
            read: AtomicU64::new(0),
            evicted: AtomicBool::new(false),
            evict: Notify::new(),
        });
        self.open().insert(id, conn.clone());
        (id, conn)
    }

    fn remove(&self, id: u64) {
        self.open().remove(&id);
        self.closed.notify_waiters();
    }

    /// Connections counted against the cap (not already being evicted), of `client` only if
    /// given.
    fn live(&self, client: Option<IpAddr>) -> usize {
        self.open()
            .values()
            .filter(|c| !c.evicted.load(Ordering::Relaxed))
            .filter(|c| client.is_none() || c.client == client)
            .count()
    }

    fn len(&self) -> usize {
        self.open().len()
    }

    /// Closes, to make room under the cap, one connection: the oldest with no request in
    /// flight (idle keep-alive, still sending its headers, or lingering) for at least
    /// [`FRESH_IDLE_MS`]; else, among those still sending a request body, the one that has
    /// sent the least for the longest; else the one busy the longest, if longer than
    /// `stuck_after`; else the newest idle one. `false` when every connection is legitimately
    /// busy (its body arrived, its answer is being made or read).
    ///
    /// With `client`, only that client's connections idle for at least [`FRESH_IDLE_MS`] are
    /// candidates (at its own limit, a client makes room among its own idle connections or is
    /// refused).
    fn evict(&self, client: Option<IpAddr>) -> bool {
        let open = self.open();
        let candidates = || {
            open.values()
                .filter(|c| !c.evicted.load(Ordering::Relaxed))
                .filter(|c| client.is_none() || c.client == client)
        };
        let now = self.now_ms();
        let is_idle = |c: &&Arc<Conn>| c.busy.load(Ordering::Relaxed) == 0;
        let settled = |c: &&Arc<Conn>| {
            now.saturating_sub(c.idle_since.load(Ordering::Relaxed)) >= FRESH_IDLE_MS
        };
        let idle = candidates().filter(is_idle).find(settled);
        // Among new connections, the newest: in a burst the accept loop runs ahead of the
        // connection tasks, and an earlier one is likelier to be a customer not yet read.
        let fresh = || {
            open.values()
                .filter(|_| client.is_none())
                .rev()
                .filter(|c| !c.evicted.load(Ordering::Relaxed))
                .filter(|c| client.is_none() || c.client == client)
                .find(is_idle)
        };
        let slowest = || {
            candidates()
                .filter(|_| client.is_none())
                .filter(|c| c.busy.load(Ordering::Relaxed) > 0)
                .filter(|c| c.receiving.load(Ordering::Relaxed))
                .map(|c| {
                    // What the client has sent since it connected, heads included (a customer
                    // sends its request at once, so it ranks high even before the app has read
                    // its body), as a rate counted as if it had also sent one second's worth at
                    // the floor in one more second: one just connected ranks near the floor,
                    // one that has sent little for long, lowest.
                    let elapsed = now.saturating_sub(c.opened.load(Ordering::Relaxed));
                    let read = c.read.load(Ordering::Relaxed) as f64;
                    let rate = (read + self.min_rate as f64) / (elapsed as f64 / 1000.0 + 1.0);
                    (rate, c)
                })
                .min_by(|(a, _), (b, _)| a.total_cmp(b))
                .map(|(_, c)| c)
        };
        let stuck = || {
            client.is_none().then_some(())?;
            let stuck_after = u64::try_from(self.stuck_after.as_millis()).unwrap_or(u64::MAX);
            let limit = now.checked_sub(stuck_after)?;
            candidates()
                .filter(|c| c.busy.load(Ordering::Relaxed) > 0)
                .map(|c| (c.busy_since.load(Ordering::Relaxed), c))
                .filter(|(since, _)| *since < limit)
                .min_by_key(|(since, _)| *since)
                .map(|(_, c)| c)
        };
        let chosen = idle
            .map(|c| (c, "idle"))
            .or_else(|| slowest().map(|c| (c, "slowest body")))
            .or_else(|| stuck().map(|c| (c, "stuck sending its response")))
            .or_else(|| fresh().map(|c| (c, "idle")));
        let Some((conn, why)) = chosen else {
            return false;
        };
        if why != "idle" {
            tracing::warn!(reason = why, client = ?conn.client, "closing a busy connection to make room");
        }
        conn.evicted.store(true, Ordering::Relaxed);
        conn.evict.notify_one();
        true
    }

    async fn all_closed(&self) {
        loop {
            let mut closed = pin!(self.closed.notified());
            closed.as_mut().enable();
            if self.len() == 0 {
                return;
            }
            closed.await;
        }
    }
}

/// Marks its connection busy while a request is handled and its response sent.
struct Busy(Arc<Conn>, Arc<Connections>);

impl Busy {
    /// `receiving`: whether a request body is to arrive.
    fn new(conn: Arc<Conn>, connections: Arc<Connections>, receiving: bool) -> Self {
        let now_ms = connections.now_ms();
        if conn.busy.fetch_add(1, Ordering::Relaxed) == 0 {
            conn.busy_since.store(now_ms, Ordering::Relaxed);
        }
        conn.receiving.store(receiving, Ordering::Relaxed);
        Busy(conn, connections)
    }
}

/// A request body that records on its connection when it has ended (or was dropped unread),
/// for [`Connections::evict`].
struct Tracked {
    inner: Incoming,
    conn: Arc<Conn>,
}

impl hyper::body::Body for Tracked {
    type Data = <Incoming as hyper::body::Body>::Data;
    type Error = <Incoming as hyper::body::Body>::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(_))) => {
                if self.inner.is_end_stream() {
                    self.conn.receiving.store(false, Ordering::Relaxed);
                }
            }
            Poll::Ready(_) => self.conn.receiving.store(false, Ordering::Relaxed),
            Poll::Pending => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.conn.receiving.store(false, Ordering::Relaxed);
    }
}

/// A client socket that counts on its connection the bytes read from it.
struct Metered {
    stream: TcpStream,
    conn: Arc<Conn>,
}

impl tokio::io::AsyncRead for Metered {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        let n = buf.filled().len().saturating_sub(before);
        self.conn
            .read
            .fetch_add(u64::try_from(n).unwrap_or(u64::MAX), Ordering::Relaxed);
        polled
    }
}

impl tokio::io::AsyncWrite for Metered {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.idle_since.store(self.1.now_ms(), Ordering::Relaxed);
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The open-descriptor limit of this process (Linux: `/proc/self/limits`), if known.
pub fn descriptor_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// `requested`, lowered so that connections cannot exhaust `descriptors`: each connection may
/// hold two (the client's socket, and an outgoing one to Stripe — or, in simulator mode, to the
/// server itself), and [`RESERVED_DESCRIPTORS`] stay free.
pub fn connection_cap(requested: usize, descriptors: Option<usize>) -> usize {
    match descriptors {
        Some(limit) => requested.min((limit.saturating_sub(RESERVED_DESCRIPTORS) / 2).max(1)),
        None => requested,
    }
}

/// Whether an accept error concerns only the connection being accepted (retry at once), as
/// opposed to the process (EMFILE, ENFILE, ENOMEM, ENOBUFS: back off).
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::Interrupted
    )
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes; then stops
/// accepting, lets in-flight requests finish (closing connections without one at once) and returns
/// when every connection is closed or `limits.shutdown_timeout` has passed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &Limits,
    shutdown: impl Future<Output = ()>,
) {
    let descriptors = descriptor_limit();
    let max = connection_cap(limits.max_connections, descriptors);
    if max < limits.max_connections {
        tracing::warn!(
            requested = limits.max_connections,
            max,
            descriptors,
            "MAX_CONNECTIONS lowered to fit the open-file limit (raise `ulimit -n` for more)"
        );
    }
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_header_size(MAX_HEAD_BYTES)
        .keep_alive(true);
    let connections = Arc::new(Connections::new(
        limits.request_timeout,
        limits.body_min_rate,
    ));
    let (stop, stopped) = watch::channel(false);
    let mut shutdown = pin!(shutdown);
    let mut backoff = Duration::ZERO;
    loop {
        let accepted = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => {
                backoff = Duration::ZERO;
                accepted
            }
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                // Out of descriptors (or memory): free one if a connection is idle, then wait
                // instead of spinning on an accept that keeps failing.
                backoff = (backoff * 2).clamp(ACCEPT_BACKOFF.0, ACCEPT_BACKOFF.1);
                tracing::warn!(error = %e, retry_in = ?backoff, "accept failed");
                connections.evict(None);
                tokio::select! {
                    biased;
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(backoff) => continue,
                }
            }
        };
        let client = counted_client(&stream, peer, &limits.trusted_proxies);
        let per_client = limits.max_connections_per_client;
        if client.is_some() && connections.live(client) >= per_client && !connections.evict(client)
        {
            tracing::warn!(%peer, per_client, "this client's connections are all busy: refusing a new one");
            let _ = stream.try_write(BUSY_RESPONSE);
            continue;
        }
        if connections.live(None) >= max && !connections.evict(None) {
            tracing::warn!(%peer, max, "every connection is busy: refusing a new one");
            let _ = stream.try_write(BUSY_RESPONSE);
            continue;
        }
        let _ = stream.set_nodelay(true);
        let (id, conn) = connections.register(client);
        let task = connection(
            stream,
            peer,
            app.clone(),
            builder.clone(),
            (conn, connections.clone()),
            stopped.clone(),
        );
        let connections = connections.clone();
        tokio::spawn(async move {
            task.await;
            connections.remove(id);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let open = connections.len();
    tracing::info!(open, "stopped accepting; finishing in-flight requests");
    if tokio::time::timeout(limits.shutdown_timeout, connections.all_closed())
        .await
        .is_err()
    {
        tracing::warn!(
            open = connections.len(),
            "shutdown deadline passed: closing connections with requests in flight"
        );
    }
}

/// The client address a connection from `peer` counts against for `MAX_CONNECTIONS_PER_CLIENT`
/// (IPv6 by /64), or `None` when its address says nothing about the client: a trusted proxy,
/// or the server's own address (its own simulator client, a proxy on the same host).
fn counted_client(stream: &TcpStream, peer: SocketAddr, trusted: &[IpAddr]) -> Option<IpAddr> {
    let ip = peer.ip().to_canonical();
    let own = stream
        .local_addr()
        .is_ok_and(|local| local.ip().to_canonical() == ip);
    (!own && !trusted.contains(&ip)).then(|| bucket_key(ip))
}

/// How a connection's HTTP exchange ended.
enum Ended {
    /// hyper is done (client closed, `Connection: close`, or shut down): linger, then close.
    Done,
    /// A protocol error or the header-read timeout: close at once.
    Failed(hyper::Error),
    /// Evicted to make room, or idle at shutdown: close at once.
    Evicted,
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    builder: http1::Builder,
    (conn, connections): (Arc<Conn>, Arc<Connections>),
    mut stopped: watch::Receiver<bool>,
) {
    let service = {
        let conn = conn.clone();
        hyper::service::service_fn(move |request: Request<Incoming>| {
            let receiving = !request.body().is_end_stream();
            let busy = Busy::new(conn.clone(), connections.clone(), receiving);
            let app = app.clone();
            let counted = conn.clone();
            let mut request = request.map(|inner| {
                Body::new(Tracked {
                    inner,
                    conn: counted,
                })
            });
            request.extensions_mut().insert(ConnectInfo(peer));
            Box::pin(async move {
                let response = app.oneshot(request).await.unwrap_or_else(|e| match e {});
                // The connection stays busy until the body is sent (or dropped).
                let response = response.map(|body| {
                    Body::new(body.map_frame(move |frame| {
                        let _held = &busy;
                        frame
                    }))
                });
                Ok::<_, Infallible>(response)
            })
        })
    };
    let metered = Metered {
        stream,
        conn: conn.clone(),
    };
    let mut http = builder.serve_connection(TokioIo::new(metered), service);
    let mut stop = pin!(stopped.wait_for(|stop| *stop));
    let mut evicted = pin!(conn.evict.notified());
    let mut stopping = false;
    let ended = poll_fn(|cx| {
        if evicted.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Ended::Evicted);
        }
        if !stopping && stop.as_mut().poll(cx).is_ready() {
            // Finish the request in flight, if any; a connection without one (idle, or still
            // sending its headers) closes now.
            if conn.busy.load(Ordering::Relaxed) == 0 {
                return Poll::Ready(Ended::Evicted);
            }
            stopping = true;
            Pin::new(&mut http).graceful_shutdown();
        }
        http.poll_without_shutdown(cx).map(|result| match result {
            Ok(()) => Ended::Done,
            Err(e) => Ended::Failed(e),
        })
    })
    .await;
    match ended {
        Ended::Done => {
            let stream = http.into_parts().io.into_inner().stream;
            tokio::select! {
                () = linger(stream) => {}
                () = evicted => {}
            }
        }
        Ended::Failed(e) => tracing::debug!(%peer, error = %e, "connection failed"),
        Ended::Evicted => {
            tracing::debug!(%peer, "connection evicted to make room, or idle at shutdown")
        }
    }
}

/// Half-closes `stream`, then reads and discards what the client still sends (up to
/// [`LINGER_BYTES`], for at most [`LINGER_TIME`]) before closing: closing a socket with
/// unread data makes the kernel send a reset, which can destroy the answer at the client.
async fn linger(mut stream: TcpStream) {
    if stream.shutdown().await.is_err() {
        return;
    }
    let drain = async {
        let mut buffer = vec![0; 16 * 1024];
        let mut left = LINGER_BYTES;
        while left > 0 {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n),
            }
        }
    };
    let _ = tokio::time::timeout(LINGER_TIME, drain).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_cap_leaves_room_for_two_descriptors_each_and_a_reserve() {
        assert_eq!(connection_cap(512, None), 512);
        assert_eq!(connection_cap(512, Some(20_000)), 512);
        assert_eq!(connection_cap(512, Some(1_024)), 480);
        assert_eq!(connection_cap(512, Some(10)), 1);
    }

    #[test]
    fn this_process_descriptor_limit_is_read() {
        if cfg!(target_os = "linux") {
            assert!(descriptor_limit().is_some_and(|n| n > 0));
        }
    }

    #[test]
    fn the_busy_response_is_well_formed() {
        let text = std::str::from_utf8(BUSY_RESPONSE).unwrap();
        let (_, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(text.contains(&format!("content-length: {}\r\n", body.len())));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"]["type"], "api_error");
    }

    /// Registers a connection opened at `since_ms` that has sent `received` bytes and is busy
    /// receiving a body (or, `receiving` false, whose body is complete).
    fn busy_conn(
        connections: &Connections,
        since_ms: u64,
        received: u64,
        receiving: bool,
    ) -> Arc<Conn> {
        let (_, conn) = connections.register(None);
        conn.busy.store(1, Ordering::Relaxed);
        conn.busy_since.store(since_ms, Ordering::Relaxed);
        conn.opened.store(since_ms, Ordering::Relaxed);
        conn.read.store(received, Ordering::Relaxed);
        conn.receiving.store(receiving, Ordering::Relaxed);
        conn
    }

    #[test]
    fn at_the_cap_the_client_sending_slowest_for_longest_is_evicted_never_a_complete_request() {
        let connections = Connections::new(Duration::from_secs(100), 1024);
        std::thread::sleep(Duration::from_millis(50));
        let now = connections.now_ms();
        // Bodies complete (waiting on Stripe), however old: never evicted before the deadline.
        let waiting = busy_conn(&connections, 0, 0, false);
        // Since connecting: 2 bytes in 50 ms (40 B/s); nothing in 5 ms; 200 bytes in 50 ms
        // (4 kB/s): all still sending a body, evicted in that order.
        let fresh = busy_conn(&connections, now - 5, 0, true);
        let trickle = busy_conn(&connections, now - 50, 2, true);
        let fast = busy_conn(&connections, now - 50, 200, true);
        for (next, name) in [(&trickle, "trickle"), (&fresh, "fresh"), (&fast, "fast")] {
            assert!(connections.evict(None), "{name}");
            assert!(next.evicted.load(Ordering::Relaxed), "{name}");
        }
        assert!(!connections.evict(None), "the rest are legitimately busy");
        assert!(!waiting.evicted.load(Ordering::Relaxed));
    }

    #[test]
    fn descriptor_exhaustion_backs_off_and_a_reset_peer_does_not() {
        assert!(!is_connection_error(&io::Error::from_raw_os_error(24))); // EMFILE
        assert!(!is_connection_error(&io::Error::from_raw_os_error(23))); // ENFILE
        assert!(is_connection_error(&io::Error::from(
            io::ErrorKind::ConnectionAborted
        )));
    }
}
