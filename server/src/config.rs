//! Configuration read from the environment: keys, Stripe API base, bind address, public URL,
//! static dir, and the [`Limits`] that keep the server up when exposed to the internet.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use crate::returning::SessionKey;

mod orders;

pub use orders::{Database, Fulfilment};

/// The publishable key (one rule, shared with the component) and the real Stripe.js URL (the
/// version matching the pinned API version) come from the wire crate.
pub use stripe_checkout_wire::{PublishableKey, STRIPE_JS_URL};

/// The publishable key the server uses in simulator mode.
pub const SIMULATED_PUBLISHABLE_KEY: &str = "pk_test_simulated";
/// How the simulated secret key starts; the rest is random, drawn once per process.
pub const SIMULATED_SECRET_KEY_PREFIX: &str = "sk_test_sim_";
/// How a webhook signing secret starts (Stripe's and the simulator's).
pub const WEBHOOK_SECRET_PREFIX: &str = "whsec_";
/// Where Stripe's real API lives.
pub const DEFAULT_API_BASE: &str = "https://api.stripe.com";
/// Where the server listens unless `BIND` says otherwise.
pub const DEFAULT_BIND: &str = "127.0.0.1:4242";
/// The simulated Stripe.js, pointed at the simulated API.
pub const SIMULATED_STRIPE_JS_URL: &str = "/sim/stripe.js?api=/sim/api";

/// [`SIMULATED_PUBLISHABLE_KEY`], checked when compiling (a `const`: a bad key fails the build,
/// it cannot panic at run time).
const SIMULATED_KEY: PublishableKey = PublishableKey::from_static(SIMULATED_PUBLISHABLE_KEY)
    .expect("SIMULATED_PUBLISHABLE_KEY is a publishable key");

/// A Stripe secret (or restricted) key. Its `Debug` and `Display` never show the key.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(String);

impl SecretKey {
    /// Accepts `sk_test_…`, `sk_live_…` or `rk_…` keys.
    pub fn new(key: impl Into<String>) -> Result<Self, ConfigError> {
        let key = key.into();
        let well_formed = ["sk_test_", "sk_live_", "rk_"]
            .iter()
            .any(|prefix| key.starts_with(prefix) && key.len() > prefix.len())
            && key.chars().all(|c| c.is_ascii_graphic());
        if well_formed {
            Ok(Self(key))
        } else {
            Err(ConfigError::SecretKey)
        }
    }

    /// The key itself, for the `Authorization` header and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether this is a live-mode key.
    pub fn is_live(&self) -> bool {
        self.0.starts_with("sk_live_") || self.0.starts_with("rk_live_")
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl fmt::Display for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Which Stripe the server talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The in-process simulator mounted at `/sim/api`.
    Simulated,
    /// Stripe in test mode (`sk_test_…`).
    Test,
    /// Stripe in live mode.
    Live,
}

impl Mode {
    /// The value substituted for `%STRIPE_MODE%`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Simulated => "simulated",
            Mode::Test => "test",
            Mode::Live => "live",
        }
    }
}

/// Why the configuration was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// `SESSION_SECRET` is too short to sign cookies with.
    #[error(
        "SESSION_SECRET must be at least 32 characters (it signs the returning-customer cookie)"
    )]
    SessionSecret,
    /// The secret key has the wrong shape.
    #[error("STRIPE_SECRET_KEY must start with sk_test_, sk_live_ or rk_")]
    SecretKey,
    /// The publishable key has the wrong shape.
    #[error(
        "STRIPE_PUBLISHABLE_KEY must be a publishable key: pk_test_ or pk_live_, then letters, digits and _"
    )]
    PublishableKey,
    /// Only one of the two keys is set.
    #[error("set both STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY, or neither (simulator mode)")]
    OnlyOneKey,
    /// `BIND` is not a socket address.
    #[error("BIND must be an address like 127.0.0.1:4242, got {0:?}")]
    Bind(String),
    /// `STRIPE_API_BASE` is not an http(s) URL.
    #[error("STRIPE_API_BASE must be an http:// or https:// URL, got {0:?}")]
    ApiBase(String),
    /// A boolean variable is neither `true`/`1` nor `false`/`0`.
    #[error("{0} must be true or false, got {1:?}")]
    Bool(&'static str, String),
    /// `PUBLIC_URL` is not an `http(s)://host[:port]` origin.
    #[error("PUBLIC_URL must be an origin like https://shop.example (no path), got {0:?}")]
    PublicUrl(String),
    /// A count is not a positive integer.
    #[error("{0} must be a positive integer, got {1:?}")]
    Count(&'static str, String),
    /// A duration is not a number with a unit.
    #[error("{0} must be a duration like 500ms, 10s, 5m or 1h, got {1:?}")]
    Duration(&'static str, String),
    /// A rate limit (`CHECKOUT_RATE_LIMIT`, `SIM_RATE_LIMIT`) is not `N/duration` or `off`.
    #[error("{0} must look like 10/1m (requests per period) or off, got {1:?}")]
    RateLimit(&'static str, String),
    /// `SIM_SECRET_KEY` is not `sk_test_` and at least 24 letters, digits or `_`.
    #[error("SIM_SECRET_KEY must be sk_test_ followed by at least 24 letters, digits or _")]
    SimSecretKey,
    /// `SIM_SECRET_KEY` is set with Stripe keys (it only names the simulator's key).
    #[error("SIM_SECRET_KEY is for simulator mode only: unset it, or unset the Stripe keys")]
    SimSecretKeyWithKeys,
    /// `STRIPE_CUSTOMER` is not a Customer id.
    #[error("STRIPE_CUSTOMER must be a Customer id like cus_NffrFeUfNV2Hib, got {0:?}")]
    Customer(String),
    /// `STRIPE_CUSTOMER` is set in simulator mode, whose store starts empty.
    #[error(
        "STRIPE_CUSTOMER needs Stripe keys: the simulator starts with no customers (leave it \
         unset and the server creates one per saved card)"
    )]
    CustomerWithoutKeys,
    /// `STRIPE_WEBHOOK_SECRET` is not `whsec_…`.
    #[error(
        "STRIPE_WEBHOOK_SECRET must be a webhook signing secret: whsec_ then printable characters"
    )]
    WebhookSecret,
    /// `STRIPE_WEBHOOK_SECRET` without Stripe keys (the simulator's is `SIM_WEBHOOK_SECRET`).
    #[error(
        "STRIPE_WEBHOOK_SECRET is for Stripe keys: unset it, or set the keys (in simulator mode \
         the secret is random per process, or SIM_WEBHOOK_SECRET)"
    )]
    WebhookSecretWithoutKeys,
    /// Stripe keys without `STRIPE_WEBHOOK_SECRET`: payments would be taken and never fulfilled.
    #[error(
        "STRIPE_WEBHOOK_SECRET is required with Stripe keys: orders are fulfilled from Stripe's \
         webhooks. `stripe listen --forward-to localhost:PORT/webhook` prints one (whsec_…), as \
         does the Dashboard for a webhook endpoint"
    )]
    WebhookSecretMissing,
    /// `DATABASE_URL` is not a PostgreSQL URL.
    #[error("DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:port/db); unset, orders are kept in SQLite under DATA_DIR")]
    DatabaseUrl,
    /// `FULFILMENT_URL` is not an http(s) URL.
    #[error("FULFILMENT_URL must be an http:// or https:// URL, got {0:?}")]
    FulfilmentUrl(String),
    /// `TRUSTED_PROXIES` is not a comma-separated list of IP addresses.
    #[error("TRUSTED_PROXIES must be a comma-separated list of IP addresses, got {0:?}")]
    TrustedProxies(String),
    /// A switch (`SIM_WEBHOOKS`, `SIM_WEBHOOK_DUPLICATE`, `SIM_WEBHOOK_REORDER`) is neither
    /// `on` nor `off`.
    #[error("{0} must be on or off, got {1:?}")]
    Switch(&'static str, String),
    /// `SIM_WEBHOOK_URL` is not an absolute http(s) URL.
    #[error("SIM_WEBHOOK_URL must be an http:// or https:// URL like http://127.0.0.1:9000/hook, got {0:?}")]
    SimWebhookUrl(String),
    /// `SIM_WEBHOOK_SECRET` is not `whsec_` and at least 24 letters, digits or `_`.
    #[error("SIM_WEBHOOK_SECRET must be whsec_ followed by at least 24 letters, digits or _")]
    SimWebhookSecret,
    /// `SIM_WEBHOOK_SECRET` is set with Stripe keys (Stripe signs real events with the
    /// endpoint's own secret).
    #[error("SIM_WEBHOOK_SECRET is for simulator mode only: unset it, or unset the Stripe keys")]
    SimWebhookSecretWithKeys,
}

/// At most `requests` checkout requests per client per `period` (a token bucket of `requests`
/// tokens refilled evenly over `period`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// The bucket size: the burst a client may send at once.
    pub requests: u32,
    /// The time in which a full bucket refills.
    pub period: Duration,
}

/// A webhook signing secret (`whsec_…`). Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// `STRIPE_WEBHOOK_SECRET`: `whsec_` followed by at least one printable ASCII character.
    pub fn new(text: impl Into<String>) -> Result<Self, ConfigError> {
        let text = text.into();
        let ok = text.len() > WEBHOOK_SECRET_PREFIX.len()
            && text.starts_with(WEBHOOK_SECRET_PREFIX)
            && text.bytes().all(|b| b.is_ascii_graphic());
        ok.then_some(WebhookSecret(text))
            .ok_or(ConfigError::WebhookSecret)
    }

    /// The secret itself, for signing or verifying `Stripe-Signature` and nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

impl fmt::Display for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// How the simulator delivers its webhook events (`SIM_WEBHOOK*`; see the README's
/// *Simulator webhooks*). Read in every mode, used only in simulator mode.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimWebhooks {
    /// `SIM_WEBHOOKS`: `on` (default) sends events; `off` sends none.
    pub enabled: bool,
    /// `SIM_WEBHOOK_URL`: where events are POSTed; `None` = the server's own `/webhook`.
    pub url: Option<String>,
    /// `SIM_WEBHOOK_DELAY`: how long after it happens an event is first sent (default `0`).
    pub delay: Duration,
    /// `SIM_WEBHOOK_DUPLICATE`: `on` delivers every event twice (same id, same body).
    pub duplicate: bool,
    /// `SIM_WEBHOOK_REORDER`: `on` sends the events of one API call newest first, and no
    /// longer holds an object's later events back until its earlier ones are delivered.
    pub reorder: bool,
    /// `SIM_WEBHOOK_RETRY`: the wait before the first retry; it doubles at each retry.
    pub retry: Duration,
    /// `SIM_WEBHOOK_ATTEMPTS`: attempts per event (the first included) before it is dropped.
    pub attempts: u32,
    /// `SIM_WEBHOOK_QUEUE`: deliveries waiting at most; at the cap the oldest is dropped.
    pub queue: usize,
}

impl Default for SimWebhooks {
    fn default() -> Self {
        SimWebhooks {
            enabled: true,
            url: None,
            delay: Duration::ZERO,
            duplicate: false,
            reorder: false,
            retry: Duration::from_secs(1),
            attempts: 8,
            queue: 1_000,
        }
    }
}

impl SimWebhooks {
    /// Reads every `SIM_WEBHOOK*` variable through `lookup`; unset ones keep their default.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut hooks = SimWebhooks::default();
        hooks.enabled = switch(lookup, "SIM_WEBHOOKS", hooks.enabled)?;
        if let Some(text) = lookup("SIM_WEBHOOK_URL") {
            hooks.url = Some(parse_webhook_url(&text).ok_or(ConfigError::SimWebhookUrl(text))?);
        }
        if let Some(text) = lookup("SIM_WEBHOOK_DELAY") {
            hooks.delay = match text.trim() {
                "0" | "0s" | "0ms" => Duration::ZERO,
                other => parse_duration(other)
                    .ok_or(ConfigError::Duration("SIM_WEBHOOK_DELAY", text.clone()))?,
            };
        }
        hooks.duplicate = switch(lookup, "SIM_WEBHOOK_DUPLICATE", hooks.duplicate)?;
        hooks.reorder = switch(lookup, "SIM_WEBHOOK_REORDER", hooks.reorder)?;
        if let Some(text) = lookup("SIM_WEBHOOK_RETRY") {
            hooks.retry =
                parse_duration(&text).ok_or(ConfigError::Duration("SIM_WEBHOOK_RETRY", text))?;
        }
        if let Some(text) = lookup("SIM_WEBHOOK_ATTEMPTS") {
            hooks.attempts = match text.trim().parse::<u32>() {
                Ok(n) if n > 0 => n,
                _ => return Err(ConfigError::Count("SIM_WEBHOOK_ATTEMPTS", text)),
            };
        }
        if let Some(text) = lookup("SIM_WEBHOOK_QUEUE") {
            hooks.queue = match text.trim().parse::<usize>() {
                Ok(n) if n > 0 => n,
                _ => return Err(ConfigError::Count("SIM_WEBHOOK_QUEUE", text)),
            };
        }
        Ok(hooks)
    }
}

/// `on` or `off` (anything else is refused, naming the variable).
fn switch(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match lookup(name).as_deref().map(str::trim) {
        None => Ok(default),
        Some("on") => Ok(true),
        Some("off") => Ok(false),
        Some(other) => Err(ConfigError::Switch(name, other.to_owned())),
    }
}

/// An absolute `http(s)://host[:port][/path]` URL without user info or fragment.
fn parse_webhook_url(text: &str) -> Option<String> {
    let url = reqwest::Url::parse(text.trim()).ok()?;
    let ok = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some_and(|h| !h.is_empty())
        && url.username().is_empty()
        && url.password().is_none()
        && url.fragment().is_none();
    ok.then(|| url.to_string())
}

/// Every bound the server keeps, each read from its own environment variable (see the
/// README's *Limits* table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `MAX_CONNECTIONS`: open client connections (further ones evict the oldest idle one,
    /// else the slowest still sending its body, or are closed at once when none is).
    /// Clamped to what the descriptor limit allows.
    pub max_connections: usize,
    /// `MAX_CONNECTIONS_PER_CLIENT`: open connections from one peer address (IPv6: one /64),
    /// except from `TRUSTED_PROXIES` and the server's own address.
    pub max_connections_per_client: usize,
    /// `HEADER_READ_TIMEOUT`: the time a client has to send a request's headers, and the
    /// longest an idle keep-alive connection stays open.
    pub header_read_timeout: Duration,
    /// `BODY_TIMEOUT`: the time a client has to send a request's whole body.
    pub body_timeout: Duration,
    /// `BODY_MIN_RATE`: after [`Limits::body_grace`], a request body must have arrived at
    /// this many bytes per second on average (counted from the start of the body), or the
    /// request is cut (408).
    pub body_min_rate: usize,
    /// `BODY_GRACE`: how long a body may take before [`Limits::body_min_rate`] applies.
    pub body_grace: Duration,
    /// `REQUEST_TIMEOUT`: the longest the server works on one request (body included).
    pub request_timeout: Duration,
    /// `MAX_BODY_BYTES`: the largest request body accepted (413 beyond).
    pub max_body_bytes: usize,
    /// `SHUTDOWN_TIMEOUT`: how long in-flight requests may finish after SIGTERM/SIGINT.
    pub shutdown_timeout: Duration,
    /// `CHECKOUT_RATE_LIMIT`: per-client limit on `POST /create-confirm-intent`; `None` = off.
    pub checkout_rate: Option<RateLimit>,
    /// `WEBHOOK_RATE_LIMIT`: per-client limit on `POST /webhook` requests that fail
    /// verification (a verified event is never refused: Stripe's deliveries and retries all
    /// get through); `None` = off.
    pub webhook_rate: Option<RateLimit>,
    /// `WEBHOOK_MAX_BODY_BYTES`: the largest webhook body accepted (an event carries a whole
    /// PaymentIntent: larger than a checkout body).
    pub webhook_max_body_bytes: usize,
    /// `ORDER_STATUS_RATE_LIMIT`: per-client limit on `GET /order-status` (a return page
    /// polls it while the webhook is on its way); `None` = off.
    pub order_status_rate: Option<RateLimit>,
    /// `TRUSTED_PROXIES`: peers whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// `SIM_MAX_OBJECTS`: the simulator keeps at most this many tokens, intents, customers
    /// and idempotent answers each; at the cap, a new one is refused (429 `rate_limit`) until
    /// the oldest outlives `SIM_TTL`.
    pub sim_max_objects: usize,
    /// `SIM_RATE_LIMIT`: per-client limit on the simulated API, except requests with the
    /// simulated secret key (the server's own); `None` = off.
    pub sim_rate: Option<RateLimit>,
    /// `SIM_TTL`: the simulator forgets objects older than this.
    pub sim_ttl: Duration,
    /// `SIM_ADMIN_API`: whether the simulator answers `GET /v1/payment_intents` (a list of
    /// every client secret) to its secret key.
    pub sim_admin_api: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            max_connections_per_client: 32,
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            body_min_rate: 1024,
            body_grace: Duration::from_secs(2),
            request_timeout: Duration::from_secs(100),
            max_body_bytes: 16 * 1024,
            shutdown_timeout: Duration::from_secs(10),
            checkout_rate: Some(RateLimit {
                requests: 10,
                period: Duration::from_secs(60),
            }),
            webhook_rate: Some(RateLimit {
                requests: 20,
                period: Duration::from_secs(60),
            }),
            webhook_max_body_bytes: 256 * 1024,
            order_status_rate: Some(RateLimit {
                requests: 60,
                period: Duration::from_secs(60),
            }),
            trusted_proxies: Vec::new(),
            sim_max_objects: 5_000,
            sim_rate: Some(RateLimit {
                requests: 60,
                period: Duration::from_secs(60),
            }),
            sim_ttl: Duration::from_secs(3_600),
            sim_admin_api: false,
        }
    }
}

impl Limits {
    /// Reads every limit through `lookup`; unset variables keep their default.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut limits = Limits::default();
        let count = |name: &'static str, default: usize| match lookup(name) {
            None => Ok(default),
            Some(text) => match text.trim().parse::<usize>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(ConfigError::Count(name, text)),
            },
        };
        let duration = |name: &'static str, default: Duration| match lookup(name) {
            None => Ok(default),
            Some(text) => parse_duration(&text).ok_or(ConfigError::Duration(name, text)),
        };
        limits.max_connections = count("MAX_CONNECTIONS", limits.max_connections)?;
        limits.max_connections_per_client = count(
            "MAX_CONNECTIONS_PER_CLIENT",
            limits.max_connections_per_client,
        )?;
        limits.header_read_timeout = duration("HEADER_READ_TIMEOUT", limits.header_read_timeout)?;
        limits.body_timeout = duration("BODY_TIMEOUT", limits.body_timeout)?;
        limits.body_min_rate = count("BODY_MIN_RATE", limits.body_min_rate)?;
        limits.body_grace = duration("BODY_GRACE", limits.body_grace)?;
        limits.request_timeout = duration("REQUEST_TIMEOUT", limits.request_timeout)?;
        limits.max_body_bytes = count("MAX_BODY_BYTES", limits.max_body_bytes)?;
        limits.shutdown_timeout = duration("SHUTDOWN_TIMEOUT", limits.shutdown_timeout)?;
        let rate = |name: &'static str, default: Option<RateLimit>| match lookup(name) {
            None => Ok(default),
            Some(text) => parse_rate(&text).ok_or(ConfigError::RateLimit(name, text)),
        };
        limits.checkout_rate = rate("CHECKOUT_RATE_LIMIT", limits.checkout_rate)?;
        limits.sim_rate = rate("SIM_RATE_LIMIT", limits.sim_rate)?;
        limits.webhook_rate = rate("WEBHOOK_RATE_LIMIT", limits.webhook_rate)?;
        limits.order_status_rate = rate("ORDER_STATUS_RATE_LIMIT", limits.order_status_rate)?;
        limits.webhook_max_body_bytes =
            count("WEBHOOK_MAX_BODY_BYTES", limits.webhook_max_body_bytes)?;
        if let Some(text) = lookup("TRUSTED_PROXIES") {
            limits.trusted_proxies = text
                .split(',')
                .map(|ip| ip.trim().parse::<IpAddr>())
                .collect::<Result<_, _>>()
                .map_err(|_| ConfigError::TrustedProxies(text.clone()))?;
        }
        limits.sim_max_objects = count("SIM_MAX_OBJECTS", limits.sim_max_objects)?;
        limits.sim_ttl = duration("SIM_TTL", limits.sim_ttl)?;
        limits.sim_admin_api = boolean(lookup, "SIM_ADMIN_API")?;
        Ok(limits)
    }
}

/// `500ms`, `10s`, `5m`, `1h` (a non-negative integer and a unit; zero is refused).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().ok().filter(|&n| n > 0)?;
    match unit {
        "ms" => Some(Duration::from_millis(n)),
        "s" => Some(Duration::from_secs(n)),
        "m" => n.checked_mul(60).map(Duration::from_secs),
        "h" => n.checked_mul(3_600).map(Duration::from_secs),
        _ => None,
    }
}

/// `10/1m` → `Some(Some(10 per minute))`; `off` → `Some(None)`; anything else → `None`.
fn parse_rate(text: &str) -> Option<Option<RateLimit>> {
    if text.trim() == "off" {
        return Some(None);
    }
    let (requests, period) = text.split_once('/')?;
    let requests: u32 = requests.trim().parse().ok().filter(|&n| n > 0)?;
    let period = parse_duration(period)?;
    Some(Some(RateLimit { requests, period }))
}

fn boolean(
    lookup: &impl Fn(&str) -> Option<String>,
    name: &'static str,
) -> Result<bool, ConfigError> {
    match lookup(name).as_deref() {
        None | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(other) => Err(ConfigError::Bool(name, other.to_owned())),
    }
}

/// `https://shop.example[:port]`, `http://127.0.0.1:4242`: a scheme, a plausible host and
/// an optional port, no user info, path, query or fragment (a trailing `/` is dropped).
fn parse_public_url(text: &str) -> Option<String> {
    let origin = text.trim().trim_end_matches('/');
    let host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))?;
    let plausible = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    plausible.then(|| origin.to_owned())
}

/// Everything the server needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Simulated, test or live.
    pub mode: Mode,
    /// Sent to Stripe as a Bearer token; never logged, never returned.
    pub secret_key: SecretKey,
    /// Substituted into the HTML for Stripe.js.
    pub publishable_key: PublishableKey,
    /// Base URL of the Stripe API, without a trailing slash.
    pub api_base: String,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Directory of static files (the built front end).
    pub dist_dir: PathBuf,
    /// How long one Stripe request may take before the server gives up (502).
    pub stripe_timeout: Duration,
    /// Retrieve the ConfirmationToken first and send per-payment-method options
    /// (`payment_method_options[card][...]`); see the README.
    pub conditional_options: bool,
    /// `PUBLIC_URL`: the origin customers reach the server at (behind a proxy or TLS
    /// terminator); `None` = `http://` + the bound address.
    pub public_origin: Option<String>,
    /// `STRIPE_CUSTOMER`: the Customer every saved card is attached to; `None` = create one
    /// per checkout that saves a card (`POST /v1/customers`).
    pub customer: Option<String>,
    /// Signs the cookie naming a returning customer: from `SESSION_SECRET`, else random per
    /// process (`returning.rs`).
    pub session_key: SessionKey,
    /// Connection, time, size and rate bounds.
    pub limits: Limits,
    /// The secret `POST /webhook` verifies `Stripe-Signature` with: `STRIPE_WEBHOOK_SECRET`,
    /// required with Stripe keys (`Some` whenever the configuration was read by
    /// [`Config::from_lookup`]). In simulator mode, the one the simulator signs its events
    /// with: random per process (`whsec_` + 48 hex digits), or `SIM_WEBHOOK_SECRET`.
    pub webhook_secret: Option<WebhookSecret>,
    /// How the simulator delivers its events (simulator mode only).
    pub sim_webhooks: SimWebhooks,
    /// Where orders are kept (`DATA_DIR`, `DATABASE_URL`).
    pub database: Database,
    /// The shop's fulfilment hook (`FULFILMENT_URL`, …).
    pub fulfilment: Fulfilment,
}

/// Whether `id` looks like a Stripe Customer id: `cus_` then letters and digits, at most 255
/// bytes (it goes into a form field).
pub(crate) fn is_customer_id(id: &str) -> bool {
    id.len() <= 255
        && id
            .strip_prefix("cus_")
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// Reads the configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let bind_text = lookup("BIND").unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind: SocketAddr = bind_text
            .parse()
            .map_err(|_| ConfigError::Bind(bind_text.clone()))?;
        let dist_dir = PathBuf::from(lookup("DIST_DIR").unwrap_or_else(|| "dist".to_owned()));
        let conditional_options = boolean(&lookup, "STRIPE_CONDITIONAL_OPTIONS")?;
        let public_origin = match lookup("PUBLIC_URL") {
            None => None,
            Some(text) => Some(parse_public_url(&text).ok_or(ConfigError::PublicUrl(text))?),
        };
        let limits = Limits::from_lookup(&lookup)?;
        let database = Database::from_lookup(&lookup)?;
        let fulfilment = Fulfilment::from_lookup(&lookup)?;
        let webhook_secret = lookup("STRIPE_WEBHOOK_SECRET")
            .map(WebhookSecret::new)
            .transpose()?;
        let customer = match lookup("STRIPE_CUSTOMER") {
            None => None,
            Some(id) if is_customer_id(&id) => Some(id),
            Some(other) => return Err(ConfigError::Customer(other)),
        };
        let mut config = match (
            lookup("STRIPE_SECRET_KEY"),
            lookup("STRIPE_PUBLISHABLE_KEY"),
        ) {
            (None, None) if customer.is_some() => return Err(ConfigError::CustomerWithoutKeys),
            (None, None) if webhook_secret.is_some() => {
                return Err(ConfigError::WebhookSecretWithoutKeys)
            }
            (None, None) => {
                let mut config = Self::simulated(bind);
                if let Some(key) = lookup("SIM_SECRET_KEY") {
                    config.secret_key = simulated_secret_key(&key)?;
                }
                if let Some(secret) = lookup("SIM_WEBHOOK_SECRET") {
                    config.webhook_secret = Some(simulated_webhook_secret(&secret)?);
                }
                config
            }
            (Some(_), Some(_)) if lookup("SIM_SECRET_KEY").is_some() => {
                return Err(ConfigError::SimSecretKeyWithKeys)
            }
            (Some(_), Some(_)) if lookup("SIM_WEBHOOK_SECRET").is_some() => {
                return Err(ConfigError::SimWebhookSecretWithKeys)
            }
            (Some(secret), Some(publishable)) => {
                let secret_key = SecretKey::new(secret)?;
                let publishable_key =
                    PublishableKey::parse(&publishable).map_err(|_| ConfigError::PublishableKey)?;
                let api_base = lookup("STRIPE_API_BASE")
                    .unwrap_or_else(|| DEFAULT_API_BASE.to_owned())
                    .trim_end_matches('/')
                    .to_owned();
                if !(api_base.starts_with("https://") || api_base.starts_with("http://")) {
                    return Err(ConfigError::ApiBase(api_base));
                }
                Config {
                    database: database.clone(),
                    fulfilment: Fulfilment::default(),
                    mode: if secret_key.is_live() {
                        Mode::Live
                    } else {
                        Mode::Test
                    },
                    secret_key,
                    publishable_key,
                    api_base,
                    bind,
                    dist_dir: PathBuf::new(),
                    stripe_timeout: Duration::from_secs(30),
                    conditional_options: false,
                    public_origin: None,
                    customer: None,
                    session_key: SessionKey::random(),
                    limits: Limits::default(),
                    webhook_secret: Some(
                        webhook_secret
                            .clone()
                            .ok_or(ConfigError::WebhookSecretMissing)?,
                    ),
                    sim_webhooks: SimWebhooks::default(),
                }
            }
            _ => return Err(ConfigError::OnlyOneKey),
        };
        config.sim_webhooks = SimWebhooks::from_lookup(&lookup)?;
        config.dist_dir = dist_dir;
        config.conditional_options = conditional_options;
        config.public_origin = public_origin;
        config.customer = customer;
        if let Some(secret) = lookup("SESSION_SECRET") {
            config.session_key =
                SessionKey::from_secret(&secret).ok_or(ConfigError::SessionSecret)?;
        }
        config.limits = limits;
        config.database = database;
        config.fulfilment = fulfilment;
        Ok(config)
    }

    /// A simulator-mode configuration whose Stripe client calls the server's own `/sim/api`.
    ///
    /// `bind` should be the address actually bound (see [`Config::with_local_addr`]).
    pub fn simulated(bind: SocketAddr) -> Self {
        Config {
            mode: Mode::Simulated,
            secret_key: random_simulated_secret_key(),
            publishable_key: SIMULATED_KEY,
            api_base: simulated_api_base(bind),
            bind,
            dist_dir: PathBuf::from("dist"),
            stripe_timeout: Duration::from_secs(10),
            conditional_options: false,
            public_origin: None,
            customer: None,
            session_key: SessionKey::random(),
            limits: Limits::default(),
            webhook_secret: Some(WebhookSecret(format!(
                "{WEBHOOK_SECRET_PREFIX}{}",
                random_hex::<24>()
            ))),
            sim_webhooks: SimWebhooks::default(),
            database: Database::Sqlite(PathBuf::from("data")),
            fulfilment: Fulfilment::default(),
        }
    }

    /// Records the address the listener really got (port 0 becomes a real port); in simulator
    /// mode the Stripe client is re-pointed at it.
    pub fn with_local_addr(mut self, addr: SocketAddr) -> Self {
        self.bind = addr;
        if self.mode == Mode::Simulated {
            self.api_base = simulated_api_base(addr);
        }
        self
    }

    /// The URL a browser should open: `PUBLIC_URL`, or `http://` + the bound address (an
    /// unspecified bind address becomes 127.0.0.1), with a trailing `/`.
    pub fn public_url(&self) -> String {
        format!("{}/", self.page_origin())
    }

    /// The origin pages are told they are served from (`%PAGE_ORIGIN%`), e.g. for a Stripe
    /// `return_url`: configuration only, never a request's `Host` header.
    pub fn page_origin(&self) -> String {
        match &self.public_origin {
            Some(origin) => origin.clone(),
            None => format!("http://{}", reachable(self.bind)),
        }
    }

    /// Where the simulator POSTs its events: `SIM_WEBHOOK_URL`, else the server's own
    /// `/webhook` at its bound address (as its Stripe client reaches its own `/sim/api`).
    pub fn sim_webhook_url(&self) -> String {
        match &self.sim_webhooks.url {
            Some(url) => url.clone(),
            None => format!("http://{}/webhook", reachable(self.bind)),
        }
    }

    /// The Stripe.js URL substituted for `%STRIPE_JS_URL%`.
    pub fn stripe_js_url(&self) -> &'static str {
        match self.mode {
            Mode::Simulated => SIMULATED_STRIPE_JS_URL,
            Mode::Test | Mode::Live => STRIPE_JS_URL,
        }
    }
}

/// A fresh simulated secret key: [`SIMULATED_SECRET_KEY_PREFIX`] and 192 random bits (the
/// operating system's generator) in hex. Only the server knows it: the simulated API's
/// secret-key calls (reading tokens, creating intents) are the server's own.
fn random_simulated_secret_key() -> SecretKey {
    SecretKey(format!(
        "{SIMULATED_SECRET_KEY_PREFIX}{}",
        random_hex::<24>()
    ))
}

/// `N` bytes from the operating system's generator, in hex.
fn random_hex<const N: usize>() -> String {
    let mut bytes = [0u8; N];
    if let Err(e) = getrandom::getrandom(&mut bytes) {
        // Not expected on any supported system; std's hasher keys come from the same source.
        tracing::warn!(error = %e, "no OS randomness: a simulated secret uses std's");
        let state = std::hash::RandomState::new();
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let word = std::hash::BuildHasher::hash_one(&state, i).to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `SIM_WEBHOOK_SECRET`: `whsec_` and at least 24 letters, digits or `_` (for test harnesses
/// that verify the simulator's events themselves; unset, the secret is random).
fn simulated_webhook_secret(text: &str) -> Result<WebhookSecret, ConfigError> {
    let rest = text
        .strip_prefix(WEBHOOK_SECRET_PREFIX)
        .ok_or(ConfigError::SimWebhookSecret)?;
    let ok = rest.len() >= 24 && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    ok.then(|| WebhookSecret(text.to_owned()))
        .ok_or(ConfigError::SimWebhookSecret)
}

/// `SIM_SECRET_KEY`: `sk_test_` and at least 24 letters, digits or `_` (for test harnesses
/// that read the simulated API themselves; unset, the key is random).
fn simulated_secret_key(text: &str) -> Result<SecretKey, ConfigError> {
    let rest = text
        .strip_prefix("sk_test_")
        .ok_or(ConfigError::SimSecretKey)?;
    let ok = rest.len() >= 24 && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    ok.then(|| SecretKey(text.to_owned()))
        .ok_or(ConfigError::SimSecretKey)
}

fn reachable(addr: SocketAddr) -> SocketAddr {
    if addr.ip().is_unspecified() {
        let ip = match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        };
        SocketAddr::new(ip, addr.port())
    } else {
        addr
    }
}

fn simulated_api_base(bind: SocketAddr) -> String {
    format!("http://{}/sim/api", reachable(bind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn no_keys_means_simulator_mode_on_the_default_address() {
        let config = config(&[]).unwrap();
        assert_eq!(config.mode, Mode::Simulated);
        assert_eq!(config.public_url(), "http://127.0.0.1:4242/");
        assert_eq!(config.api_base, "http://127.0.0.1:4242/sim/api");
        assert_eq!(config.publishable_key.as_str(), "pk_test_simulated");
        assert_eq!(config.stripe_js_url(), "/sim/stripe.js?api=/sim/api");
    }

    #[test]
    fn test_keys_select_test_mode_and_the_real_api() {
        let config = config(&[
            ("STRIPE_SECRET_KEY", "sk_test_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
            ("STRIPE_WEBHOOK_SECRET", "whsec_abc"),
        ])
        .unwrap();
        assert_eq!(config.mode, Mode::Test);
        assert_eq!(config.api_base, "https://api.stripe.com");
        assert_eq!(config.stripe_js_url(), STRIPE_JS_URL);
    }

    #[test]
    fn malformed_keys_are_refused() {
        let bad_secret = config(&[
            ("STRIPE_SECRET_KEY", "pk_test_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
        ]);
        assert_eq!(bad_secret.unwrap_err(), ConfigError::SecretKey);
        let bad_publishable = config(&[
            ("STRIPE_SECRET_KEY", "sk_live_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "sk_live_abc"),
        ]);
        assert_eq!(bad_publishable.unwrap_err(), ConfigError::PublishableKey);
        let only_one = config(&[("STRIPE_SECRET_KEY", "sk_test_abc")]);
        assert_eq!(only_one.unwrap_err(), ConfigError::OnlyOneKey);
    }

    #[test]
    fn a_customer_id_is_read_with_keys_and_refused_malformed_or_without_them() {
        let keys = [
            ("STRIPE_SECRET_KEY", "sk_test_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
            ("STRIPE_WEBHOOK_SECRET", "whsec_abc"),
        ];
        assert_eq!(config(&keys).unwrap().customer, None);
        let with = |id: &str| {
            let mut vars = keys.to_vec();
            vars.push(("STRIPE_CUSTOMER", id));
            config(&vars)
        };
        assert_eq!(
            with("cus_NffrFeUfNV2Hib").unwrap().customer.as_deref(),
            Some("cus_NffrFeUfNV2Hib")
        );
        for bad in ["cus_", "pm_123", "cus_a&b=1", "cus_ab-c"] {
            assert_eq!(
                with(bad).unwrap_err(),
                ConfigError::Customer(bad.to_owned()),
                "{bad}"
            );
        }
        assert_eq!(
            config(&[("STRIPE_CUSTOMER", "cus_123")]).unwrap_err(),
            ConfigError::CustomerWithoutKeys
        );
    }

    #[test]
    fn public_url_is_configured_or_the_bound_address() {
        let default = config(&[("BIND", "0.0.0.0:8080")]).unwrap();
        assert_eq!(default.page_origin(), "http://127.0.0.1:8080");
        let configured = config(&[("PUBLIC_URL", "https://shop.example/")]).unwrap();
        assert_eq!(configured.page_origin(), "https://shop.example");
        assert_eq!(configured.public_url(), "https://shop.example/");
        for bad in [
            "shop.example",
            "https://shop.example/path",
            "https://a\"b",
            "ftp://x",
        ] {
            assert!(
                matches!(
                    config(&[("PUBLIC_URL", bad)]),
                    Err(ConfigError::PublicUrl(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn limits_default_sanely_and_read_every_variable() {
        let defaults = config(&[]).unwrap().limits;
        assert_eq!(defaults, Limits::default());
        assert!(!defaults.sim_admin_api);
        let set = config(&[
            ("MAX_CONNECTIONS", "64"),
            ("MAX_CONNECTIONS_PER_CLIENT", "8"),
            ("BODY_MIN_RATE", "512"),
            ("BODY_GRACE", "1s"),
            ("SIM_RATE_LIMIT", "20/1m"),
            ("HEADER_READ_TIMEOUT", "500ms"),
            ("BODY_TIMEOUT", "2s"),
            ("REQUEST_TIMEOUT", "1m"),
            ("MAX_BODY_BYTES", "1024"),
            ("SHUTDOWN_TIMEOUT", "3s"),
            ("CHECKOUT_RATE_LIMIT", "5/30s"),
            ("WEBHOOK_RATE_LIMIT", "7/1m"),
            ("ORDER_STATUS_RATE_LIMIT", "off"),
            ("WEBHOOK_MAX_BODY_BYTES", "4096"),
            ("TRUSTED_PROXIES", "10.0.0.1, ::1"),
            ("SIM_MAX_OBJECTS", "100"),
            ("SIM_TTL", "1h"),
            ("SIM_ADMIN_API", "true"),
        ])
        .unwrap()
        .limits;
        assert_eq!(
            set,
            Limits {
                max_connections: 64,
                max_connections_per_client: 8,
                body_min_rate: 512,
                body_grace: Duration::from_secs(1),
                sim_rate: Some(RateLimit {
                    requests: 20,
                    period: Duration::from_secs(60)
                }),
                header_read_timeout: Duration::from_millis(500),
                body_timeout: Duration::from_secs(2),
                request_timeout: Duration::from_secs(60),
                max_body_bytes: 1024,
                shutdown_timeout: Duration::from_secs(3),
                checkout_rate: Some(RateLimit {
                    requests: 5,
                    period: Duration::from_secs(30)
                }),
                webhook_rate: Some(RateLimit {
                    requests: 7,
                    period: Duration::from_secs(60)
                }),
                webhook_max_body_bytes: 4096,
                order_status_rate: None,
                trusted_proxies: vec!["10.0.0.1".parse().unwrap(), "::1".parse().unwrap()],
                sim_max_objects: 100,
                sim_ttl: Duration::from_secs(3_600),
                sim_admin_api: true,
            }
        );
        let off = config(&[("CHECKOUT_RATE_LIMIT", "off"), ("SIM_RATE_LIMIT", "off")])
            .unwrap()
            .limits;
        assert_eq!((off.checkout_rate, off.sim_rate), (None, None));
        for (name, bad) in [
            ("MAX_CONNECTIONS", "0"),
            ("HEADER_READ_TIMEOUT", "10"),
            ("BODY_TIMEOUT", "0s"),
            ("CHECKOUT_RATE_LIMIT", "10"),
            ("SIM_RATE_LIMIT", "often"),
            ("MAX_CONNECTIONS_PER_CLIENT", "0"),
            ("BODY_MIN_RATE", "fast"),
            ("TRUSTED_PROXIES", "proxy.example"),
            ("SIM_ADMIN_API", "yes"),
        ] {
            assert!(config(&[(name, bad)]).is_err(), "{name}={bad}");
        }
    }

    #[test]
    fn the_simulated_secret_key_is_random_unless_configured_and_only_in_simulator_mode() {
        let (one, other) = (config(&[]).unwrap(), config(&[]).unwrap());
        assert_ne!(one.secret_key, other.secret_key);
        assert!(one
            .secret_key
            .expose()
            .starts_with(SIMULATED_SECRET_KEY_PREFIX));
        assert_eq!(
            one.secret_key.expose().len(),
            SIMULATED_SECRET_KEY_PREFIX.len() + 48
        );
        let chosen = "sk_test_harness_0123456789abcdef";
        let set = config(&[("SIM_SECRET_KEY", chosen)]).unwrap();
        assert_eq!(set.secret_key.expose(), chosen);
        for bad in [
            "sk_test_short",
            "sk_live_0123456789abcdef01234567",
            "sk_test_0123456789abcdef0123-567",
        ] {
            assert_eq!(
                config(&[("SIM_SECRET_KEY", bad)]).unwrap_err(),
                ConfigError::SimSecretKey,
                "{bad}"
            );
        }
        let with_keys = config(&[
            ("STRIPE_SECRET_KEY", "sk_test_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
            ("SIM_SECRET_KEY", chosen),
        ]);
        assert_eq!(with_keys.unwrap_err(), ConfigError::SimSecretKeyWithKeys);
    }

    #[test]
    fn the_webhook_secret_is_random_per_process_unless_configured_and_only_simulated() {
        let (one, other) = (config(&[]).unwrap(), config(&[]).unwrap());
        let secret = one.webhook_secret.clone().unwrap();
        assert_ne!(one.webhook_secret, other.webhook_secret);
        assert!(secret.expose().starts_with("whsec_"));
        assert_eq!(secret.expose().len(), "whsec_".len() + 48);
        assert!(!format!("{secret:?} {secret} {one:?}").contains(secret.expose()));
        let chosen = "whsec_harness_0123456789abcdef";
        let set = config(&[("SIM_WEBHOOK_SECRET", chosen)]).unwrap();
        assert_eq!(set.webhook_secret.unwrap().expose(), chosen);
        for bad in [
            "whsec_short",
            "sk_test_0123456789abcdef01234567",
            "whsec_0123456789abcdef0123-567",
        ] {
            assert_eq!(
                config(&[("SIM_WEBHOOK_SECRET", bad)]).unwrap_err(),
                ConfigError::SimWebhookSecret,
                "{bad}"
            );
        }
        assert_eq!(
            config(&[("STRIPE_WEBHOOK_SECRET", chosen)]).unwrap_err(),
            ConfigError::WebhookSecretWithoutKeys
        );
        let keys = [
            ("STRIPE_SECRET_KEY", "sk_test_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
        ];
        let mut with_keys = keys.to_vec();
        with_keys.push(("SIM_WEBHOOK_SECRET", chosen));
        assert_eq!(
            config(&with_keys).unwrap_err(),
            ConfigError::SimWebhookSecretWithKeys
        );
    }

    #[test]
    fn sim_webhook_settings_default_to_the_servers_own_webhook_and_are_read_strictly() {
        let default = config(&[("BIND", "0.0.0.0:8080")]).unwrap();
        assert_eq!(default.sim_webhooks, SimWebhooks::default());
        assert!(default.sim_webhooks.enabled);
        assert_eq!(default.sim_webhook_url(), "http://127.0.0.1:8080/webhook");
        let moved = default.with_local_addr("127.0.0.1:5555".parse().unwrap());
        assert_eq!(moved.sim_webhook_url(), "http://127.0.0.1:5555/webhook");
        let set = config(&[
            ("SIM_WEBHOOKS", "off"),
            ("SIM_WEBHOOK_URL", "http://127.0.0.1:9000/hook"),
            ("SIM_WEBHOOK_DELAY", "2s"),
            ("SIM_WEBHOOK_DUPLICATE", "on"),
            ("SIM_WEBHOOK_REORDER", "on"),
            ("SIM_WEBHOOK_RETRY", "100ms"),
            ("SIM_WEBHOOK_ATTEMPTS", "3"),
            ("SIM_WEBHOOK_QUEUE", "10"),
        ])
        .unwrap();
        assert_eq!(
            set.sim_webhooks,
            SimWebhooks {
                enabled: false,
                url: Some("http://127.0.0.1:9000/hook".into()),
                delay: Duration::from_secs(2),
                duplicate: true,
                reorder: true,
                retry: Duration::from_millis(100),
                attempts: 3,
                queue: 10,
            }
        );
        assert_eq!(set.sim_webhook_url(), "http://127.0.0.1:9000/hook");
        assert_eq!(
            config(&[("SIM_WEBHOOK_DELAY", "0")])
                .unwrap()
                .sim_webhooks
                .delay,
            Duration::ZERO
        );
        for (name, bad) in [
            ("SIM_WEBHOOKS", "true"),
            ("SIM_WEBHOOK_DUPLICATE", "yes"),
            ("SIM_WEBHOOK_REORDER", "1"),
            ("SIM_WEBHOOK_URL", "127.0.0.1:9000/hook"),
            ("SIM_WEBHOOK_URL", "ftp://example.com/hook"),
            ("SIM_WEBHOOK_URL", "http://user:pw@example.com/hook"),
            ("SIM_WEBHOOK_DELAY", "soon"),
            ("SIM_WEBHOOK_RETRY", "0s"),
            ("SIM_WEBHOOK_ATTEMPTS", "0"),
            ("SIM_WEBHOOK_QUEUE", "-1"),
        ] {
            let refused = config(&[(name, bad)]).unwrap_err().to_string();
            assert!(refused.contains(name), "{name}={bad}: {refused}");
        }
        assert_eq!(
            config(&[("SIM_WEBHOOK_DUPLICATE", "yes")])
                .unwrap_err()
                .to_string(),
            "SIM_WEBHOOK_DUPLICATE must be on or off, got \"yes\""
        );
    }

    #[test]
    fn the_webhook_secret_is_required_with_keys() {
        let keys = [
            ("STRIPE_SECRET_KEY", "sk_test_abc"),
            ("STRIPE_PUBLISHABLE_KEY", "pk_test_abc"),
        ];
        assert_eq!(
            config(&keys).unwrap_err(),
            ConfigError::WebhookSecretMissing
        );
        let mut with = keys.to_vec();
        with.push(("STRIPE_WEBHOOK_SECRET", "whsec_rolled"));
        assert_eq!(
            config(&with).unwrap().webhook_secret.unwrap().expose(),
            "whsec_rolled"
        );
        for bad in ["whsec_", "sk_test_abc", "whsec_a b"] {
            let mut with = keys.to_vec();
            with.push(("STRIPE_WEBHOOK_SECRET", bad));
            assert_eq!(
                config(&with).unwrap_err(),
                ConfigError::WebhookSecret,
                "{bad}"
            );
        }
        let mut both = keys.to_vec();
        both.push(("STRIPE_WEBHOOK_SECRET", "whsec_rolled"));
        both.push(("SIM_WEBHOOK_SECRET", "whsec_harness_0123456789abcdef"));
        assert_eq!(
            config(&both).unwrap_err(),
            ConfigError::SimWebhookSecretWithKeys
        );
    }

    #[test]
    fn orders_live_in_sqlite_under_data_dir_unless_a_postgres_url_is_given() {
        assert_eq!(
            config(&[]).unwrap().database,
            Database::Sqlite(PathBuf::from("data"))
        );
        assert_eq!(
            config(&[("DATA_DIR", "/var/lib/shop")]).unwrap().database,
            Database::Sqlite(PathBuf::from("/var/lib/shop"))
        );
        let url = "postgres://shop:hunter2@db.internal:5432/shop";
        let postgres = config(&[("DATABASE_URL", url)]).unwrap();
        assert_eq!(postgres.database, Database::Postgres(url.to_owned()));
        assert!(!format!("{postgres:?}").contains("hunter2"));
        for bad in ["mysql://x/y", "sqlite://orders.db", "db.internal"] {
            assert_eq!(
                config(&[("DATABASE_URL", bad)]).unwrap_err(),
                ConfigError::DatabaseUrl,
                "{bad}"
            );
        }
    }

    #[test]
    fn the_fulfilment_hook_and_its_retries_are_read_and_checked() {
        assert_eq!(config(&[]).unwrap().fulfilment, Fulfilment::default());
        let set = config(&[
            ("FULFILMENT_URL", "https://shop.example/fulfil"),
            ("FULFILMENT_TIMEOUT", "3s"),
            ("FULFILMENT_RETRY_MIN", "500ms"),
            ("FULFILMENT_RETRY_MAX", "10m"),
        ])
        .unwrap()
        .fulfilment;
        assert_eq!(
            set,
            Fulfilment {
                url: Some("https://shop.example/fulfil".to_owned()),
                timeout: Duration::from_secs(3),
                retry_min: Duration::from_millis(500),
                retry_max: Duration::from_secs(600),
                poll: Duration::from_millis(500),
            }
        );
        assert!(matches!(
            config(&[("FULFILMENT_URL", "ftp://shop.example")]),
            Err(ConfigError::FulfilmentUrl(_))
        ));
        assert!(matches!(
            config(&[("FULFILMENT_RETRY_MIN", "soon")]),
            Err(ConfigError::Duration("FULFILMENT_RETRY_MIN", _))
        ));
    }

    #[test]
    fn secret_key_debug_and_display_are_redacted() {
        let key = SecretKey::new("sk_test_supersecret").unwrap();
        let config = Config {
            secret_key: key.clone(),
            ..Config::simulated(DEFAULT_BIND.parse().unwrap())
        };
        assert!(!format!("{key:?} {key} {config:?}").contains("supersecret"));
    }
}
