//! Settings of the order store (`DATA_DIR`, `DATABASE_URL`) and of the shop's fulfilment
//! hook (`FULFILMENT_URL`, its timeout and retry pauses). The webhook secret is
//! [`super::WebhookSecret`].

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::{parse_duration, ConfigError};

/// Where orders are kept.
#[derive(Clone, PartialEq, Eq)]
pub enum Database {
    /// `DATABASE_URL` unset: SQLite, the file `orders.sqlite` in this folder (`DATA_DIR`,
    /// default `./data`), created when missing.
    Sqlite(PathBuf),
    /// `DATABASE_URL=postgres://…`: PostgreSQL (several instances may share it).
    Postgres(String),
}

impl Database {
    /// The SQLite file name inside `DATA_DIR`.
    pub const SQLITE_FILE: &'static str = "orders.sqlite";

    /// Reads `DATABASE_URL` (`postgres://` or `postgresql://`) and `DATA_DIR`.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        match lookup("DATABASE_URL") {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Database::Postgres(url))
            }
            Some(_) => Err(ConfigError::DatabaseUrl),
            None => Ok(Database::Sqlite(PathBuf::from(
                lookup("DATA_DIR").unwrap_or_else(|| "data".to_owned()),
            ))),
        }
    }
}

impl fmt::Debug for Database {
    // A PostgreSQL URL may hold a password: only the kind is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Database::Sqlite(dir) => write!(f, "Sqlite({})", dir.display()),
            Database::Postgres(_) => f.write_str("Postgres(<url redacted>)"),
        }
    }
}

/// The shop's fulfilment hook and how deliveries to it are retried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fulfilment {
    /// `FULFILMENT_URL`: where each paid order is POSTed; `None` = fulfilment is a log line
    /// and the order's `fulfilled_at`.
    pub url: Option<String>,
    /// `FULFILMENT_TIMEOUT`: how long one POST may take.
    pub timeout: Duration,
    /// `FULFILMENT_RETRY_MIN`: the pause after the first failed POST (doubling after each).
    pub retry_min: Duration,
    /// `FULFILMENT_RETRY_MAX`: the longest pause between two POSTs.
    pub retry_max: Duration,
    /// How often an instance looks for deliveries that fell due (other instances', or its
    /// own retries).
    pub poll: Duration,
}

impl Default for Fulfilment {
    fn default() -> Self {
        Fulfilment {
            url: None,
            timeout: Duration::from_secs(10),
            retry_min: Duration::from_secs(5),
            retry_max: Duration::from_secs(3_600),
            poll: Duration::from_secs(1),
        }
    }
}

impl Fulfilment {
    /// Reads the `FULFILMENT_*` variables; unset ones keep their default.
    pub fn from_lookup(lookup: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let mut settings = Fulfilment::default();
        if let Some(url) = lookup("FULFILMENT_URL") {
            let ok = (url.starts_with("http://") || url.starts_with("https://"))
                && reqwest::Url::parse(&url).is_ok();
            if !ok {
                return Err(ConfigError::FulfilmentUrl(url));
            }
            settings.url = Some(url);
        }
        let duration = |name: &'static str, default: Duration| match lookup(name) {
            None => Ok(default),
            Some(text) => parse_duration(&text).ok_or(ConfigError::Duration(name, text)),
        };
        settings.timeout = duration("FULFILMENT_TIMEOUT", settings.timeout)?;
        settings.retry_min = duration("FULFILMENT_RETRY_MIN", settings.retry_min)?;
        settings.retry_max = duration("FULFILMENT_RETRY_MAX", settings.retry_max)?;
        settings.poll = settings.poll.min(settings.retry_min);
        Ok(settings)
    }
}
