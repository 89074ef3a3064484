//! Starts the checkout server: reads the environment, opens the order store (migrations),
//! binds, starts the fulfilment worker, prints the URL to open, serves until SIGTERM or SIGINT,
//! then stops the worker.

use checkout_server::fulfilment::Worker;
use checkout_server::orders::Store;
use checkout_server::{app, serve, Config, Mode};

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,checkout_server=info".into()),
        )
        .init();
    // Like Go's runtime and nginx's `worker_rlimit_nofile`: a server that holds one descriptor
    // per connection raises its soft open-file limit to the hard one, so that a default soft
    // limit of 1024 does not cap `MAX_CONNECTIONS` (serve lowers the cap to what it gets).
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::debug!(limit, "open-file limit"),
        Err(e) => tracing::warn!(error = %e, "cannot raise the open-file limit"),
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("checkout-server: {e}");
            std::process::exit(2);
        }
    };
    let store = match Store::open(&config.database).await {
        Ok(store) => store,
        Err(e) => {
            eprintln!(
                "checkout-server: cannot open the order store ({:?}): {e}",
                config.database
            );
            std::process::exit(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.bind).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("checkout-server: cannot listen on {}: {e}", config.bind);
            std::process::exit(1);
        }
    };
    let config = match listener.local_addr() {
        Ok(addr) => config.with_local_addr(addr),
        Err(_) => config,
    };
    if config.mode == Mode::Simulated {
        tracing::warn!("no Stripe keys set: simulator mode (offline, simulated payments)");
    }
    tracing::info!(
        mode = config.mode.as_str(),
        dist_dir = %config.dist_dir.display(),
        database = ?config.database,
        fulfilment_url = config.fulfilment.url.is_some(),
        "starting"
    );
    println!("{}", config.public_url());
    let limits = config.limits.clone();
    let worker = Worker::spawn(store.clone(), config.fulfilment.clone());
    serve::serve(
        listener,
        app(config, store.clone()),
        &limits,
        shutdown_signal(),
    )
    .await;
    worker.stop().await;
    store.close().await;
    tracing::info!("stopped");
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    let name = tokio::select! {
        () = interrupt => "SIGINT",
        () = terminate => "SIGTERM",
    };
    tracing::info!(signal = name, "shutting down");
}
