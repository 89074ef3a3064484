//! Static files from `DIST_DIR`; HTML gets its placeholders filled and a strict CSP.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::AppState;

/// The Content-Security-Policy sent with every HTML page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval' https://js.stripe.com; \
    style-src 'self' 'unsafe-inline'; \
    frame-src https://js.stripe.com https://hooks.stripe.com; \
    connect-src 'self' https://api.stripe.com; \
    img-src 'self' data: https://*.stripe.com";

/// The largest HTML file that is rewritten.
const MAX_HTML: usize = 4 * 1024 * 1024;

/// The longest `Host` header taken for `%PAGE_ORIGIN%`.
const MAX_HOST: usize = 255;

/// Serves `DIST_DIR`, filling `%STRIPE_PUBLISHABLE_KEY%`, `%STRIPE_JS_URL%`, `%STRIPE_MODE%`
/// and `%PAGE_ORIGIN%`.
pub async fn serve(State(state): State<AppState>, mut request: Request) -> Response {
    let page_origin = page_origin(&request, &state);
    let path = request.uri().path();
    let last = path.rsplit('/').next().unwrap_or("");
    if path.ends_with('/') || last.ends_with(".html") || !last.contains('.') {
        // HTML is rewritten: a partial or "not modified" answer would bypass that.
        for name in [
            header::RANGE,
            header::IF_RANGE,
            header::IF_MODIFIED_SINCE,
            header::IF_NONE_MATCH,
        ] {
            request.headers_mut().remove(name);
        }
    }
    let response = match ServeDir::new(&state.config.dist_dir).oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(infallible) => match infallible {},
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_HTML).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let html = String::from_utf8_lossy(&bytes)
        .replace(
            "%STRIPE_PUBLISHABLE_KEY%",
            &escape(state.config.publishable_key.as_str()),
        )
        .replace("%STRIPE_JS_URL%", &escape(state.config.stripe_js_url()))
        .replace("%STRIPE_MODE%", state.config.mode.as_str())
        .replace("%PAGE_ORIGIN%", &escape(&page_origin));
    for name in [header::CONTENT_LENGTH, header::LAST_MODIFIED, header::ETAG] {
        parts.headers.remove(name);
    }
    parts.headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Response::from_parts(parts, Body::from(html))
}

/// The origin the browser used to reach this page, e.g. `http://127.0.0.1:4242` (plain HTTP:
/// the server does not terminate TLS), so a page can build absolute URLs such as a Stripe
/// `return_url`. Taken from the `Host` header (or the request URI's authority); a missing or
/// malformed host falls back to the address the server is bound to.
fn page_origin(request: &Request, state: &AppState) -> String {
    let host = request
        .uri()
        .authority()
        .map(|authority| authority.as_str())
        .or_else(|| {
            request
                .headers()
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
        });
    match host {
        Some(host) if is_plausible_host(host) => format!("http://{host}"),
        _ => state.config.public_url().trim_end_matches('/').to_owned(),
    }
}

/// Whether `host` looks like `name[:port]` or `[v6]:port`: no path, user info, spaces or quotes.
fn is_plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= MAX_HOST
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
}

/// Escapes text for an HTML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
