//! The per-client rate limit on the checkout routes, a defence against card testing: a token
//! bucket per client address (`CHECKOUT_RATE_LIMIT`; the simulated API has its own limiter
//! of this kind, `SIM_RATE_LIMIT`). A refusal is logged and answered 429 with `Retry-After` and a JSON
//! error the component shows. The table of buckets is an LRU of bounded size that fails
//! closed: see [`MAX_CLIENTS`].
//!
//! The client is the peer address, unless the peer is one of `TRUSTED_PROXIES`: then it is the
//! right-most `X-Forwarded-For` entry that is not a trusted proxy. IPv6 clients are counted
//! per /64 (one customer's usual allocation), so an attacker cannot rotate through its own
//! addresses.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use lru::LruCache;

use crate::config::RateLimit;
use crate::error::ApiError;

/// The most clients tracked at once (about 100 bytes each with the LRU links and the hash
/// table, so ≈ 10 MB when full: an estimate from the entry sizes, not a measurement). When the table is full, a new
/// client takes the place of the least recently seen one if that one's bucket has refilled
/// (forgetting a full bucket grants nothing); otherwise the new client is refused until it
/// has: memory stays bounded and no client ever gets more than its quota.
pub const MAX_CLIENTS: usize = 100_000;

/// One client's bucket.
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    /// When the bucket holds `capacity` tokens again, refilling at `per_second`.
    fn full_at(&self, capacity: f64, per_second: f64) -> Instant {
        let missing = (capacity - self.tokens).max(0.0);
        self.updated + Duration::from_secs_f64(missing / per_second)
    }
}

/// Why a request was refused, and how long until one would be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The client has spent its quota.
    OverQuota(Duration),
    /// A new client, while every tracked client's bucket is still refilling and the table is
    /// full (fail closed: forgetting one of them would grant it a fresh quota).
    TableFull(Duration),
}

impl Refusal {
    /// How long until the client may try again.
    pub fn wait(self) -> Duration {
        match self {
            Refusal::OverQuota(wait) | Refusal::TableFull(wait) => wait,
        }
    }

    /// [`wait`](Self::wait) in whole seconds, rounded up, at least 1: the `Retry-After`.
    pub fn retry_after(self) -> u64 {
        let wait = self.wait();
        (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
    }
}

/// The refusal: `429` with `Retry-After: seconds` and `message` as the error body.
pub fn too_many_requests(seconds: u64, message: String) -> Response {
    let mut response = ApiError {
        status: StatusCode::TOO_MANY_REQUESTS,
        message,
        kind: "rate_limit_error",
        code: None,
    }
    .into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    response
}

/// Token buckets by client, least recently used first out (every operation O(1)).
pub struct RateLimiter {
    limit: RateLimit,
    trusted_proxies: Vec<IpAddr>,
    buckets: Mutex<LruCache<IpAddr, Bucket>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl RateLimiter {
    /// A limiter allowing `limit`, trusting `X-Forwarded-For` from `trusted_proxies` only,
    /// tracking at most [`MAX_CLIENTS`] clients.
    pub fn new(limit: RateLimit, trusted_proxies: Vec<IpAddr>) -> Self {
        Self::with_capacity(limit, trusted_proxies, MAX_CLIENTS)
    }

    /// The same, tracking at most `max_clients` (at least one).
    pub fn with_capacity(
        limit: RateLimit,
        trusted_proxies: Vec<IpAddr>,
        max_clients: usize,
    ) -> Self {
        RateLimiter {
            limit,
            trusted_proxies,
            buckets: Mutex::new(LruCache::new(
                NonZeroUsize::new(max_clients).unwrap_or(NonZeroUsize::MIN),
            )),
        }
    }

    /// Takes a token for `client` at `now`, or says why not and for how long.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), Refusal> {
        let capacity = f64::from(self.limit.requests);
        let per_second = capacity / self.limit.period.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let key = bucket_key(client);
        if !buckets.contains(&key) && buckets.len() >= buckets.cap().get() {
            if let Some((_, oldest)) = buckets.peek_lru() {
                let full_at = oldest.full_at(capacity, per_second);
                if now < full_at {
                    tracing::warn!(
                        %client,
                        "rate-limit table full of clients still limited: refusing a new one"
                    );
                    return Err(Refusal::TableFull(full_at - now));
                }
            }
            buckets.pop_lru();
        }
        let bucket = buckets.get_or_insert_mut(key, || Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now.max(bucket.updated);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Refusal::OverQuota(Duration::from_secs_f64(
                (1.0 - bucket.tokens) / per_second,
            )))
        }
    }

    /// The client `peer` speaks for (see the module docs).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        client_ip(peer, headers, &self.trusted_proxies)
    }
}

/// The address a bucket is kept under: IPv4 as is, IPv6 by its /64.
pub(crate) fn bucket_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
        v4 => v4,
    }
}

/// The client behind `peer`: `peer` itself unless it is a trusted proxy; then the right-most
/// `X-Forwarded-For` address that is not a trusted proxy (entries further left are written by
/// the client and not believed).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted_proxies: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    for value in headers.get_all("x-forwarded-for").iter().rev() {
        let Ok(value) = value.to_str() else {
            return client;
        };
        for entry in value.split(',').rev() {
            match entry.trim().parse::<IpAddr>() {
                Ok(ip) => {
                    client = ip.to_canonical();
                    if !trusted_proxies.contains(&client) {
                        return client;
                    }
                }
                Err(_) => return client,
            }
        }
    }
    client
}

/// The address of the peer that sent `request` (unspecified if the server did not record it).
pub fn peer_ip(request: &Request) -> IpAddr {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
}

/// The middleware: 429 with `Retry-After` once the client's bucket is empty.
pub async fn limit(
    State(limiter): State<Arc<RateLimiter>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = peer_ip(&request);
    let client = limiter.client(peer, request.headers());
    match limiter.check(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            let seconds = refusal.retry_after();
            tracing::warn!(%client, %peer, retry_after = seconds, ?refusal, "rate limit: refused");
            let message = match refusal {
                Refusal::OverQuota(_) => format!(
                    "Too many payment attempts. Please wait {seconds} seconds and try again."
                ),
                Refusal::TableFull(_) => {
                    format!("The server is busy. Please wait {seconds} seconds and try again.")
                }
            };
            too_many_requests(seconds, message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(requests: u32, secs: u64) -> RateLimiter {
        RateLimiter::new(
            RateLimit {
                requests,
                period: Duration::from_secs(secs),
            },
            vec!["10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()],
        )
    }

    #[test]
    fn a_client_gets_its_burst_then_waits_for_the_refill() {
        let limiter = limiter(3, 60);
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check(a, start), Ok(()));
        }
        let wait = limiter.check(a, start).unwrap_err().wait();
        assert!(
            wait > Duration::from_secs(19) && wait <= Duration::from_secs(20),
            "{wait:?}"
        );
        assert_eq!(
            limiter.check(b, start),
            Ok(()),
            "another client is not limited"
        );
        assert_eq!(limiter.check(a, start + Duration::from_secs(20)), Ok(()));
        assert!(limiter.check(a, start + Duration::from_secs(21)).is_err());
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_64() {
        let limiter = limiter(1, 60);
        let now = Instant::now();
        assert_eq!(limiter.check("2001:db8::1".parse().unwrap(), now), Ok(()));
        assert!(limiter.check("2001:db8::2".parse().unwrap(), now).is_err());
        assert_eq!(
            limiter.check("2001:db8:0:1::1".parse().unwrap(), now),
            Ok(())
        );
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted: Vec<IpAddr> = vec!["10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()];
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        headers.append("x-forwarded-for", "10.0.0.2".parse().unwrap());
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(
            client_ip(ip("198.51.100.9"), &headers, &trusted),
            ip("198.51.100.9")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &headers, &trusted),
            ip("203.0.113.7")
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &HeaderMap::new(), &trusted),
            ip("10.0.0.1")
        );
        let mut garbage = HeaderMap::new();
        garbage.insert("x-forwarded-for", "nonsense".parse().unwrap());
        assert_eq!(
            client_ip(ip("10.0.0.1"), &garbage, &trusted),
            ip("10.0.0.1")
        );
    }

    /// The `n`-th of many distinct clients (IPv4, each its own bucket).
    fn nth(n: usize) -> IpAddr {
        IpAddr::V4(std::net::Ipv4Addr::from(0x0a00_0000 + n as u32))
    }

    #[test]
    fn a_full_table_never_lets_a_client_through_beyond_its_quota() {
        let limiter = limiter(1, 60);
        let start = Instant::now();
        for n in 0..MAX_CLIENTS {
            assert_eq!(limiter.check(nth(n), start), Ok(()));
        }
        // Every tracked client has spent its quota and none has refilled: a new client is
        // refused (forgetting any bucket would hand that client a fresh quota), again and again.
        let newcomer = nth(MAX_CLIENTS);
        for _ in 0..3 {
            assert!(limiter.check(newcomer, start).is_err());
        }
        assert!(limiter.check(nth(0), start).is_err(), "still limited");
        // Once the least recently used bucket has refilled, forgetting it costs nothing: the
        // newcomer gets its place.
        let later = start + Duration::from_secs(60);
        assert_eq!(limiter.check(newcomer, later), Ok(()));
        assert!(
            limiter.check(newcomer, later).is_err(),
            "one request, as quoted"
        );
    }

    #[test]
    fn the_least_recently_seen_client_makes_room_once_its_bucket_has_refilled() {
        let limit = RateLimit {
            requests: 2,
            period: Duration::from_secs(60),
        };
        let limiter = RateLimiter::with_capacity(limit, Vec::new(), 2);
        let tracks = |ip: IpAddr| limiter.buckets.lock().unwrap().contains(&ip);
        let (a, b, c) = (nth(1), nth(2), nth(3));
        let t0 = Instant::now();
        let at = |secs: u64| t0 + Duration::from_secs(secs);
        assert_eq!(limiter.check(a, at(0)), Ok(()));
        assert_eq!(limiter.check(b, at(0)), Ok(()));
        assert_eq!(limiter.check(a, at(1)), Ok(()), "a is now the most recent");
        // b (one token short) is full again at 30 s, a (1.97 short at 1 s) at 60 s.
        assert_eq!(
            limiter.check(c, at(10)),
            Err(Refusal::TableFull(Duration::from_secs(20)))
        );
        assert_eq!(limiter.check(c, at(30)), Ok(()));
        assert!(
            tracks(a) && tracks(c) && !tracks(b),
            "b was the least recent"
        );
        // Forgotten full, b starts again from a full bucket: exactly its quota.
        assert_eq!(
            limiter.check(b, at(40)),
            Err(Refusal::TableFull(Duration::from_secs(20)))
        );
        assert_eq!(limiter.check(b, at(61)), Ok(()));
        assert_eq!(limiter.check(b, at(61)), Ok(()));
        assert!(matches!(
            limiter.check(b, at(61)),
            Err(Refusal::OverQuota(_))
        ));
    }
}
