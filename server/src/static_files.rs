//! Static files from `DIST_DIR`; HTML gets its placeholders filled, a strict CSP and a
//! Referrer-Policy. js/wasm/css/svg go out from their precompressed `.br`/`.gz` siblings when
//! accepted; everything is `Cache-Control: no-cache` (revalidated: names are not hashed).
//! Dotfiles are never served, nor anything a symlink leads to outside `DIST_DIR`.

use std::path::{Component, Path, PathBuf};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
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

/// Extensions of the files `make dist` precompresses (`.br` and `.gz` next to each): the only
/// ones served precompressed, with `Vary: Accept-Encoding` and an `ETag`.
const PRECOMPRESSED: [&str; 5] = ["js", "mjs", "wasm", "css", "svg"];

/// Serves `DIST_DIR`, filling `%STRIPE_PUBLISHABLE_KEY%`, `%STRIPE_JS_URL%`, `%STRIPE_MODE%`
/// and `%PAGE_ORIGIN%` (the configured origin, see [`crate::Config::page_origin`]).
///
/// A `.js`/`.mjs`/`.wasm`/`.css`/`.svg` file is answered from its `.br` sibling when the request
/// accepts `br`, else from its `.gz` sibling when it accepts `gzip` (the sibling that exists;
/// the plain file otherwise), with the plain file's `Content-Type`, `Content-Encoding`,
/// `Vary: Accept-Encoding` and a strong `ETag` of the bytes sent. Every file is
/// `Cache-Control: no-cache`: file names are not content-hashed, so a cache must revalidate
/// (`If-None-Match` / `If-Modified-Since` → 304).
pub async fn serve(State(state): State<AppState>, mut request: Request) -> Response {
    let Some(file) = servable_file(&state.config.dist_dir, request.uri().path()) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // ServeDir redirects a directory to the request's own URI plus `/`: from `//assets` that
    // is `Location: //assets/` (another host, to a browser), from an absolute-form target
    // `http://evil.example/assets` that host. Served from a same-origin path, it cannot leave.
    *request.uri_mut() = origin_form(request.uri());
    let page_origin = state.config.page_origin();
    let path = request.uri().path();
    let last = path.rsplit('/').next().unwrap_or("");
    let extension = last.rsplit_once('.').map(|(_, extension)| extension);
    let precompressed = extension.is_some_and(|e| PRECOMPRESSED.contains(&e));
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
    if !precompressed {
        // Never a sibling for anything else (HTML above all: its bytes are rewritten).
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    // Revalidation of a precompressible file is decided here, once the representation is known
    // (ServeDir's own 304 does not say which one it validated, nor does it know ETags).
    let conditions = if precompressed {
        Conditions {
            if_none_match: request.headers_mut().remove(header::IF_NONE_MATCH),
            if_modified_since: request.headers_mut().remove(header::IF_MODIFIED_SINCE),
        }
    } else {
        Conditions::default()
    };
    let serve_dir = ServeDir::new(&state.config.dist_dir)
        .precompressed_br()
        .precompressed_gzip();
    let response = match serve_dir.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(infallible) => match infallible {},
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return finish_file(response, &file, precompressed, &conditions);
    }
    if response.status() != StatusCode::OK {
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

/// `uri` as an origin-form URI (no scheme or authority) whose path has no empty segments
/// (`//a///b` → `/a/b`), the query kept.
fn origin_form(uri: &Uri) -> Uri {
    let mut path = String::with_capacity(uri.path().len());
    for segment in uri.path().split('/').filter(|s| !s.is_empty()) {
        path.push('/');
        path.push_str(segment);
    }
    if path.is_empty() || uri.path().ends_with('/') {
        path.push('/');
    }
    if let Some(query) = uri.query() {
        path.push('?');
        path.push_str(query);
    }
    // Made of a valid URI's own path and query, so it parses; "/" should it ever not.
    path.parse().unwrap_or_else(|_| Uri::from_static("/"))
}

/// A request's revalidation headers, taken out of it before ServeDir sees them.
#[derive(Default)]
struct Conditions {
    if_none_match: Option<HeaderValue>,
    if_modified_since: Option<HeaderValue>,
}

impl Conditions {
    /// Whether a cache's copy with `etag` and `last_modified` is current (RFC 9110 §13.2.2:
    /// If-None-Match, when present, decides; If-Modified-Since is then ignored).
    fn not_modified(&self, etag: &str, last_modified: Option<&HeaderValue>) -> bool {
        if let Some(if_none_match) = &self.if_none_match {
            return if_none_match
                .to_str()
                .is_ok_and(|v| none_match_fails(v, etag));
        }
        let date = |v: Option<&HeaderValue>| {
            v.and_then(|v| v.to_str().ok())
                .and_then(|v| httpdate::parse_http_date(v).ok())
        };
        match (date(self.if_modified_since.as_ref()), date(last_modified)) {
            (Some(since), Some(modified)) => modified <= since,
            _ => false,
        }
    }
}

/// Adds the caching headers to a file ServeDir answered (200, 206 or 304): `Cache-Control:
/// no-cache`, and for a precompressible type `Vary: Accept-Encoding` and the `ETag` of the
/// representation sent; answers 304 when `conditions` say the cache's copy is current.
fn finish_file(
    response: Response,
    file: &Path,
    precompressed: bool,
    conditions: &Conditions,
) -> Response {
    let status = response.status();
    if !matches!(
        status,
        StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
    ) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if !precompressed {
        return Response::from_parts(parts, body);
    }
    parts
        .headers
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let encoding = parts
        .headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("identity");
    let Some(etag) = entity_tag(file, encoding) else {
        return Response::from_parts(parts, body);
    };
    let not_modified = status == StatusCode::OK
        && conditions.not_modified(&etag, parts.headers.get(header::LAST_MODIFIED));
    parts.headers.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).expect("an entity tag is ASCII"),
    );
    if not_modified {
        for name in [header::CONTENT_LENGTH, header::CONTENT_ENCODING] {
            parts.headers.remove(name);
        }
        parts.status = StatusCode::NOT_MODIFIED;
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, body)
}

/// A strong entity tag for the file `file` sent with `encoding` (read from its `.br` or `.gz`
/// sibling, or itself): its length and modification time, as nginx's, with the encoding, so
/// each representation has its own tag.
fn entity_tag(file: &Path, encoding: &str) -> Option<String> {
    let suffix = match encoding {
        "br" => ".br",
        "gzip" => ".gz",
        "identity" => "",
        _ => return None,
    };
    let meta = std::fs::metadata(with_suffix(file, suffix)).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some(format!("\"{:x}-{modified:x}-{encoding}\"", meta.len()))
}

/// `file` with `suffix` appended to its name: `app.js` → `app.js.br`.
fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `If-None-Match: header` fails for `etag`, i.e. names it or is `*` (weak
/// comparison, RFC 9110 §13.1.2).
fn none_match_fails(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

/// The file `uri_path` names in `dist_dir` (`index.html` for a directory) if it may be served:
/// no segment starts with `.` (dotfiles, `.git/`, `..`) except a leading `.well-known` (RFC
/// 8615: e.g. the Apple Pay domain association file Stripe asks for), and the file — and its
/// `.br` and `.gz` siblings, if any — resolve, symlinks followed, to a place inside `dist_dir`.
/// A path that does not exist passes (ServeDir answers 404 for it).
fn servable_file(dist_dir: &Path, uri_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(uri_path).decode_utf8().ok()?;
    let mut relative = PathBuf::new();
    for (i, segment) in decoded.split('/').filter(|s| !s.is_empty()).enumerate() {
        let hidden = segment.starts_with('.') && !(i == 0 && segment == ".well-known");
        if hidden || segment.contains('\\') || segment.contains('\0') {
            return None;
        }
        relative.push(segment);
    }
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let Ok(root) = dist_dir.canonicalize() else {
        return Some(dist_dir.join(relative));
    };
    let mut target = root.join(&relative);
    if target.is_dir() {
        target.push("index.html");
    }
    let inside = |suffix: &str| {
        let path = with_suffix(&target, suffix);
        match path.canonicalize() {
            Ok(real) => real.starts_with(&root),
            Err(_) => !path.is_symlink(),
        }
    };
    ["", ".br", ".gz"].into_iter().all(inside).then_some(target)
}

/// Escapes text for an HTML attribute or element.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
