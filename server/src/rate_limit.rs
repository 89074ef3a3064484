//! The per-client rate limit on `POST /create-confirm-intent`, a defence against card testing:
//! a token bucket per client address (`CHECKOUT_RATE_LIMIT`). A refusal is logged and answered
//! 429 with `Retry-After` and a JSON error the component shows.
//!
//! The client is the peer address, unless the peer is one of `TRUSTED_PROXIES`: then it is the
//! right-most `X-Forwarded-For` entry that is not a trusted proxy. IPv6 clients are counted
//! per /64 (one customer's usual allocation), so an attacker cannot rotate through its own
//! addresses.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::RateLimit;
use crate::error::ApiError;

/// The most clients tracked at once; beyond it, clients whose bucket is full again are
/// forgotten, and if that is not enough, new clients pass unlimited (logged) rather than grow
/// the table.
pub const MAX_CLIENTS: usize = 100_000;

/// One client's bucket.
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets by client.
pub struct RateLimiter {
    limit: RateLimit,
    trusted_proxies: Vec<IpAddr>,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    /// A limiter allowing `limit`, trusting `X-Forwarded-For` from `trusted_proxies` only.
    pub fn new(limit: RateLimit, trusted_proxies: Vec<IpAddr>) -> Self {
        RateLimiter {
            limit,
            trusted_proxies,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `client` at `now`, or says how long until one is available.
    pub fn check(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let capacity = f64::from(self.limit.requests);
        let per_second = capacity / self.limit.period.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let key = bucket_key(client);
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(&key) {
            let period = self.limit.period;
            buckets.retain(|_, b| now.saturating_duration_since(b.updated) < period);
            if buckets.len() >= MAX_CLIENTS {
                tracing::warn!(%client, "rate-limit table full: letting a new client through");
                return Ok(());
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: capacity,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }

    /// The client `peer` speaks for (see the module docs).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        client_ip(peer, headers, &self.trusted_proxies)
    }
}

/// The address a bucket is kept under: IPv4 as is, IPv6 by its /64.
fn bucket_key(ip: IpAddr) -> IpAddr {
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

/// The middleware: 429 with `Retry-After` once the client's bucket is empty.
pub async fn limit(
    State(limiter): State<Arc<RateLimiter>>,
    request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    let client = limiter.client(peer, request.headers());
    match limiter.check(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            tracing::warn!(%client, %peer, retry_after = seconds, "checkout rate limit: refused");
            let mut response = ApiError {
                status: StatusCode::TOO_MANY_REQUESTS,
                message: format!(
                    "Too many payment attempts. Please wait {seconds} seconds and try again."
                ),
                kind: "rate_limit_error",
                code: None,
            }
            .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            response
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
        let wait = limiter.check(a, start).unwrap_err();
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
}
