//! Starts the checkout server: reads the environment, binds, prints the URL to open.

use checkout_server::{app, Config, Mode};

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
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("checkout-server: {e}");
            std::process::exit(2);
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
    tracing::info!(mode = config.mode.as_str(), dist_dir = %config.dist_dir.display(), "starting");
    println!("{}", config.public_url());
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = axum::serve(listener, app(config))
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("checkout-server: {e}");
        std::process::exit(1);
    }
}
