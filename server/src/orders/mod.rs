//! The order store: orders, the Stripe events seen and the fulfilment deliveries owed, in
//! SQLite (default, a file under `DATA_DIR`) or PostgreSQL (`DATABASE_URL`), through sqlx's
//! `Any` driver with runtime queries (no database is needed to build). Every "exactly once"
//! is decided by the database: a PRIMARY KEY or UNIQUE constraint, or the row count of an
//! `UPDATE … WHERE` that only one writer can satisfy — never by memory, so several instances
//! may share one PostgreSQL.

pub mod deliveries;
pub mod events;
pub mod schema;
pub mod status;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Connection, Row};
use tokio::sync::Notify;

use crate::config::Database;
pub use status::Status;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data folder could not be created.
    #[error("cannot create the data folder {0}: {1}")]
    DataDir(String, std::io::Error),
    /// The database refused or failed a statement, or could not be reached.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// The migrations could not be applied.
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value is not what the schema promises.
    #[error("corrupt order row: {0}")]
    Corrupt(String),
}

/// A handle on the store; cheap to clone (one pool).
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    postgres: bool,
    /// Wakes the fulfilment worker of this process when a delivery is added.
    deliveries_added: Arc<Notify>,
}

/// Payment or setup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A PaymentIntent: something was bought.
    Payment,
    /// A SetupIntent: a card saved, nothing charged.
    Setup,
}

impl Kind {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Payment => "payment",
            Kind::Setup => "setup",
        }
    }
}

/// An order to record before its intent is created.
#[derive(Clone, Debug)]
pub struct NewOrder {
    /// Payment or setup.
    pub kind: Kind,
    /// The Stripe idempotency key of the intent's create (unique: one order per key).
    pub request_key: String,
    /// `[{"id", "quantity"}]`, as JSON text.
    pub items: String,
    /// In the currency's smallest unit (0 for a setup).
    pub amount: u64,
    /// Lower-case ISO code (empty for a setup).
    pub currency: String,
    /// The customer's email, when known.
    pub email: Option<String>,
}

/// A stored order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Order {
    /// `ord_…`.
    pub id: String,
    /// `payment` or `setup`.
    pub kind: String,
    /// `[{"id", "quantity"}]`, as JSON text.
    pub items: String,
    /// In the currency's smallest unit.
    pub amount: i64,
    /// Lower-case ISO code.
    pub currency: String,
    /// The customer's email, when known.
    pub email: Option<String>,
    /// Where the order stands.
    pub status: Status,
    /// The intent's last reported status (e.g. `processing`), when an event said.
    pub intent_status: Option<String>,
    /// `pi_…` / `seti_…`, once known (from Stripe's answer or an event).
    pub intent_id: Option<String>,
    /// Unix milliseconds.
    pub created_at: i64,
    /// Unix milliseconds.
    pub updated_at: i64,
    /// Unix milliseconds; set once the shop's hook (or the log line) has fulfilled it.
    pub fulfilled_at: Option<i64>,
}

const ORDER_COLUMNS: &str = "id, kind, items, amount, currency, email, status, intent_status, \
                             intent_id, created_at, updated_at, fulfilled_at";

impl Store {
    /// Connects (creating the SQLite folder and file when needed) and runs the migrations.
    pub async fn open(database: &Database) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, postgres) = match database {
            Database::Sqlite(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| StoreError::DataDir(dir.display().to_string(), e))?;
                let file = dir.join(Database::SQLITE_FILE);
                (format!("sqlite://{}?mode=rwc", file.display()), false)
            }
            Database::Postgres(url) => (url.clone(), true),
        };
        let options: AnyConnectOptions = url.parse()?;
        // One connection first: its error names the cause (refused, authentication, no such
        // database), where the pool would only report that it timed out.
        sqlx::AnyConnection::connect_with(&options)
            .await?
            .close()
            .await?;
        let pool = if postgres {
            AnyPoolOptions::new().max_connections(10)
        } else {
            // SQLite has one writer at a time anyway. One connection, opened once and kept:
            // its three descriptors (database, WAL, shared memory) are taken at start, never
            // later, when the open-file limit may be spent on client connections.
            AnyPoolOptions::new()
                .max_connections(1)
                .min_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        }
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await?;
        if !postgres {
            // Readers do not block the writer; a writer waits (sqlx's busy timeout, 5 s) for
            // another. Kept in the file: once is enough, every connection sees it.
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        schema::migrator().run(&pool).await?;
        Ok(Store {
            pool,
            postgres,
            deliveries_added: Arc::new(Notify::new()),
        })
    }

    /// Whether this is PostgreSQL (else SQLite).
    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// Closes the pool (waits for connections in use).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Records `order` as `pending` under a new random id, unless an order with the same
    /// request key exists (a re-sent token): either way, answers the order's id.
    pub async fn create_order(&self, order: &NewOrder) -> Result<String, StoreError> {
        let id = format!("ord_{}", random_hex(12));
        let now = now_ms();
        sqlx::query(
            "INSERT INTO orders (id, kind, request_key, items, amount, currency, email, status, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8) \
             ON CONFLICT (request_key) DO NOTHING",
        )
        .bind(&id)
        .bind(order.kind.as_str())
        .bind(&order.request_key)
        .bind(&order.items)
        .bind(i64::try_from(order.amount).unwrap_or(i64::MAX))
        .bind(&order.currency)
        .bind(order.email.as_deref())
        .bind(now)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query("SELECT id FROM orders WHERE request_key = $1")
            .bind(&order.request_key)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("id")?)
    }

    /// Records Stripe's answer: the intent's id and the SHA-256 of its client secret (the
    /// proof `GET /order-status` asks for). Answers `false` when the order already names
    /// another intent (nothing changed).
    pub async fn attach_intent(
        &self,
        order_id: &str,
        intent_id: &str,
        client_secret: &str,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE orders SET intent_id = $2, secret_hash = $3, updated_at = $4 \
             WHERE id = $1 AND (intent_id IS NULL OR intent_id = $2)",
        )
        .bind(order_id)
        .bind(intent_id)
        .bind(sha256_hex(client_secret.as_bytes()))
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The order, by id.
    pub async fn order(&self, id: &str) -> Result<Option<Order>, StoreError> {
        let row = sqlx::query(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| order_from_row(&row)).transpose()
    }

    /// The order paid with `intent_id`, with its stored client-secret hash.
    pub async fn order_by_intent(
        &self,
        intent_id: &str,
    ) -> Result<Option<(Order, Option<String>)>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ORDER_COLUMNS}, secret_hash FROM orders WHERE intent_id = $1"
        ))
        .bind(intent_id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            None => Ok(None),
            Some(row) => Ok(Some((order_from_row(&row)?, row.try_get("secret_hash")?))),
        }
    }

    /// Completes when this process adds a delivery (or at once if one was added since the
    /// last wait).
    pub async fn delivery_added(&self) {
        self.deliveries_added.notified().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub(crate) fn notify_delivery(&self) {
        self.deliveries_added.notify_one();
    }
}

fn order_from_row(row: &sqlx::any::AnyRow) -> Result<Order, StoreError> {
    let status: String = row.try_get("status")?;
    Ok(Order {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        items: row.try_get("items")?,
        amount: row.try_get("amount")?,
        currency: row.try_get("currency")?,
        email: row.try_get("email")?,
        status: Status::parse(&status).ok_or(StoreError::Corrupt(status))?,
        intent_status: row.try_get("intent_status")?,
        intent_id: row.try_get("intent_id")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        fulfilled_at: row.try_get("fulfilled_at")?,
    })
}

/// Now, in Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` random bytes from the operating system's generator, in hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    if let Err(e) = getrandom::getrandom(&mut buffer) {
        // Not expected on any supported system; std's hasher keys come from the same source.
        tracing::warn!(error = %e, "no OS randomness: falling back to std's hasher keys");
        let state = std::hash::RandomState::new();
        for (i, chunk) in buffer.chunks_mut(8).enumerate() {
            let word = std::hash::BuildHasher::hash_one(&state, i).to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
    }
    hex(&buffer)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
