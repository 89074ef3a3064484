//! Static files from `DIST_DIR`; HTML gets its placeholders filled, a strict CSP and a
//! Referrer-Policy. Dotfiles are never served, nor anything a symlink leads to outside
//! `DIST_DIR`.

use std::path::{Component, Path, PathBuf};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::AppState;

/// The Content-Security-Policy sent with every HTML page.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
    script-src 'self' 'wasm-unsafe-eval' https://js.stripe.com; \
    style-src 'self' 'unsafe-inline'; \
    frame-src https://js.stripe.com https://hooks.stripe.com; \
    connect-src 'self' https://api.stripe.com; \
    img-src 'self' data: https://*.stripe.com; \
    frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// The Referrer-Policy sent with every HTML page: other origins learn at most this origin,
/// never a path or query (the return page's URL carries the PaymentIntent's client secret).
pub const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The largest HTML file that is rewritten.
const MAX_HTML: usize = 4 * 1024 * 1024;

/// Serves `DIST_DIR`, filling `%STRIPE_PUBLISHABLE_KEY%`, `%STRIPE_JS_URL%`, `%STRIPE_MODE%`
/// and `%PAGE_ORIGIN%` (the configured origin, see [`crate::Config::page_origin`]).
pub async fn serve(State(state): State<AppState>, mut request: Request) -> Response {
    if !is_servable(&state.config.dist_dir, request.uri().path()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let page_origin = state.config.page_origin();
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
    parts.headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(REFERRER_POLICY),
    );
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Response::from_parts(parts, Body::from(html))
}

/// Whether `uri_path` may be served from `dist_dir`: no segment starts with `.` (dotfiles,
/// `.git/`, `..`) except a leading `.well-known` (RFC 8615: e.g. the Apple Pay domain
/// association file Stripe asks for), and the file it names — `index.html` for a directory — resolves, symlinks
/// followed, to a place inside `dist_dir`. A path that does not exist passes (ServeDir answers
/// 404 for it).
fn is_servable(dist_dir: &Path, uri_path: &str) -> bool {
    let Ok(decoded) = percent_decode_str(uri_path).decode_utf8() else {
        return false;
    };
    let mut relative = PathBuf::new();
    for (i, segment) in decoded.split('/').filter(|s| !s.is_empty()).enumerate() {
        let hidden = segment.starts_with('.') && !(i == 0 && segment == ".well-known");
        if hidden || segment.contains('\\') || segment.contains('\0') {
            return false;
        }
        relative.push(segment);
    }
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return false;
    }
    let Ok(root) = dist_dir.canonicalize() else {
        return true;
    };
    let mut target = root.join(&relative);
    if target.is_dir() {
        target.push("index.html");
    }
    match target.canonicalize() {
        Ok(real) => real.starts_with(&root),
        Err(_) => !target.is_symlink(),
    }
}

/// Escapes text for an HTML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
