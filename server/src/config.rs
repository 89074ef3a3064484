//! Configuration read from the environment: keys, Stripe API base, bind address, static dir.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

/// The publishable key the server uses in simulator mode.
pub const SIMULATED_PUBLISHABLE_KEY: &str = "pk_test_simulated";
/// The secret key the server uses in simulator mode.
pub const SIMULATED_SECRET_KEY: &str = "sk_test_simulated";
/// Where Stripe's real API lives.
pub const DEFAULT_API_BASE: &str = "https://api.stripe.com";
/// Where the server listens unless `BIND` says otherwise.
pub const DEFAULT_BIND: &str = "127.0.0.1:4242";
/// The real Stripe.js (the version matching the pinned API version).
pub const STRIPE_JS_URL: &str = "https://js.stripe.com/endive/stripe.js";
/// The simulated Stripe.js, pointed at the simulated API.
pub const SIMULATED_STRIPE_JS_URL: &str = "/sim/stripe.js?api=/sim/api";

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

/// A Stripe publishable key (`pk_…`); public by design, it goes into the HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishableKey(String);

impl PublishableKey {
    /// Accepts keys starting with `pk_`.
    pub fn new(key: impl Into<String>) -> Result<Self, ConfigError> {
        let key = key.into();
        if key.starts_with("pk_") && key.len() > 3 && key.chars().all(|c| c.is_ascii_graphic()) {
            Ok(Self(key))
        } else {
            Err(ConfigError::PublishableKey)
        }
    }

    /// The key as a string.
    pub fn as_str(&self) -> &str {
        &self.0
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
    /// The secret key has the wrong shape.
    #[error("STRIPE_SECRET_KEY must start with sk_test_, sk_live_ or rk_")]
    SecretKey,
    /// The publishable key has the wrong shape.
    #[error("STRIPE_PUBLISHABLE_KEY must start with pk_")]
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
    /// `STRIPE_CONDITIONAL_OPTIONS` is not a boolean.
    #[error("STRIPE_CONDITIONAL_OPTIONS must be true or false, got {0:?}")]
    ConditionalOptions(String),
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
        let conditional_options = match lookup("STRIPE_CONDITIONAL_OPTIONS").as_deref() {
            None | Some("false") | Some("0") => false,
            Some("true") | Some("1") => true,
            Some(other) => return Err(ConfigError::ConditionalOptions(other.to_owned())),
        };
        let mut config = match (
            lookup("STRIPE_SECRET_KEY"),
            lookup("STRIPE_PUBLISHABLE_KEY"),
        ) {
            (None, None) => Self::simulated(bind),
            (Some(secret), Some(publishable)) => {
                let secret_key = SecretKey::new(secret)?;
                let publishable_key = PublishableKey::new(publishable)?;
                let api_base = lookup("STRIPE_API_BASE")
                    .unwrap_or_else(|| DEFAULT_API_BASE.to_owned())
                    .trim_end_matches('/')
                    .to_owned();
                if !(api_base.starts_with("https://") || api_base.starts_with("http://")) {
                    return Err(ConfigError::ApiBase(api_base));
                }
                Config {
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
                }
            }
            _ => return Err(ConfigError::OnlyOneKey),
        };
        config.dist_dir = dist_dir;
        config.conditional_options = conditional_options;
        Ok(config)
    }

    /// A simulator-mode configuration whose Stripe client calls the server's own `/sim/api`.
    ///
    /// `bind` should be the address actually bound (see [`Config::with_local_addr`]).
    pub fn simulated(bind: SocketAddr) -> Self {
        Config {
            mode: Mode::Simulated,
            secret_key: SecretKey(SIMULATED_SECRET_KEY.to_owned()),
            publishable_key: PublishableKey(SIMULATED_PUBLISHABLE_KEY.to_owned()),
            api_base: simulated_api_base(bind),
            bind,
            dist_dir: PathBuf::from("dist"),
            stripe_timeout: Duration::from_secs(10),
            conditional_options: false,
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

    /// The URL a browser should open (an unspecified bind address becomes 127.0.0.1).
    pub fn public_url(&self) -> String {
        format!("http://{}/", reachable(self.bind))
    }

    /// The Stripe.js URL substituted for `%STRIPE_JS_URL%`.
    pub fn stripe_js_url(&self) -> &'static str {
        match self.mode {
            Mode::Simulated => SIMULATED_STRIPE_JS_URL,
            Mode::Test | Mode::Live => STRIPE_JS_URL,
        }
    }
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
    fn secret_key_debug_and_display_are_redacted() {
        let key = SecretKey::new("sk_test_supersecret").unwrap();
        let config = Config {
            secret_key: key.clone(),
            ..Config::simulated(DEFAULT_BIND.parse().unwrap())
        };
        assert!(!format!("{key:?} {key} {config:?}").contains("supersecret"));
    }
}
