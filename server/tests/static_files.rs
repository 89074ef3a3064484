//! Static files: HTML placeholders are filled in, HTML carries the Content-Security-Policy and
//! Referrer-Policy, and nothing outside `DIST_DIR` or hidden in it is served; js/wasm/css/svg go
//! out precompressed (the `.br`, else `.gz`, sibling the request accepts) with `Vary`, a strong
//! `ETag` per representation and `Cache-Control: no-cache`.

mod common;

use checkout_server::static_files::{CONTENT_SECURITY_POLICY, REFERRER_POLICY};
use common::*;

const PAGE: &str = r#"<html><head><meta name="stripe-key" content="%STRIPE_PUBLISHABLE_KEY%"><script src="%STRIPE_JS_URL%"></script></head><body data-mode="%STRIPE_MODE%"></body></html>"#;

#[tokio::test]
async fn html_gets_the_keys_the_stripe_js_url_the_mode_and_a_strict_csp() {
    let dir = temp_dir("html");
    std::fs::write(dir.join("index.html"), PAGE).unwrap();
    std::fs::write(dir.join("app.js"), "console.log('%STRIPE_MODE%');").unwrap();
    let mut config = test_config("http://127.0.0.1:9");
    config.dist_dir = dir.clone();
    let base = spawn(config).await;

    for path in ["/", "/index.html"] {
        let response = client()
            .get(format!("{base}{path}"))
            .header("if-modified-since", "Wed, 21 Oct 2099 07:28:00 GMT")
            .header("range", "bytes=0-5")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(
            response.headers()["content-security-policy"],
            CONTENT_SECURITY_POLICY
        );
        assert_eq!(
            CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' https://js.stripe.com; \
             style-src 'self' 'unsafe-inline'; frame-src https://js.stripe.com https://hooks.stripe.com; \
             connect-src 'self' https://api.stripe.com; img-src 'self' data: https://*.stripe.com; \
             frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        );
        assert_eq!(
            response.headers()["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
        assert_eq!(REFERRER_POLICY, "strict-origin-when-cross-origin");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!("content=\"{PUBLISHABLE_KEY}\"")),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://js.stripe.com/endive/stripe.js\""),
            "{html}"
        );
        assert!(html.contains("data-mode=\"test\""), "{html}");
        assert_no_leak(&html);
    }

    let js = client().get(format!("{base}/app.js")).send().await.unwrap();
    assert_eq!(js.status(), 200);
    assert!(js.headers().get("content-security-policy").is_none());
    assert_eq!(js.text().await.unwrap(), "console.log('%STRIPE_MODE%');");

    let missing = client()
        .get(format!("{base}/nope.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn page_origin_comes_from_configuration_never_from_the_host_header() {
    let dir = temp_dir("origin");
    std::fs::write(
        dir.join("index.html"),
        r#"<div data-return-url="%PAGE_ORIGIN%/return.html"></div>"#,
    )
    .unwrap();
    let page = |base: String, host: Option<&'static str>| async move {
        let mut request = client().get(format!("{base}/"));
        if let Some(host) = host {
            request = request.header("host", host);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    };

    // Unconfigured: the bound address, whatever Host says.
    let mut config = test_config("http://127.0.0.1:9");
    config.dist_dir = dir.clone();
    let base = spawn(config).await;
    let expected = format!(r#"<div data-return-url="{base}/return.html"></div>"#);
    assert_eq!(page(base.clone(), None).await, expected);
    assert_eq!(page(base.clone(), Some("evil.example")).await, expected);
    let hostile = page(base.clone(), Some(r#"x"><script>alert(1)</script>"#)).await;
    assert_eq!(hostile, expected);

    // PUBLIC_URL (behind a proxy): that origin, whatever Host says.
    let mut config = test_config("http://127.0.0.1:9");
    config.dist_dir = dir.clone();
    config.public_origin = Some("https://shop.example".into());
    let base = spawn(config).await;
    for host in [None, Some("evil.example"), Some("shop.example:8080")] {
        assert_eq!(
            page(base.clone(), host).await,
            r#"<div data-return-url="https://shop.example/return.html"></div>"#
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn dotfiles_and_symlinks_leading_out_of_dist_dir_are_not_served() {
    let root = temp_dir("escape");
    let dist = root.join("dist");
    std::fs::create_dir_all(dist.join(".git")).unwrap();
    std::fs::create_dir_all(dist.join("assets")).unwrap();
    std::fs::write(root.join("secret.txt"), "outside").unwrap();
    std::fs::create_dir_all(root.join("private")).unwrap();
    std::fs::write(root.join("private/index.html"), "outside index").unwrap();
    std::fs::write(dist.join(".env"), "STRIPE_SECRET_KEY=sk_live_x").unwrap();
    std::fs::write(dist.join(".git/config"), "[core]").unwrap();
    std::fs::write(dist.join("assets/app.js"), "ok").unwrap();
    std::fs::write(dist.join("real.txt"), "inside").unwrap();
    std::fs::create_dir_all(dist.join(".well-known")).unwrap();
    std::fs::write(
        dist.join(".well-known/apple-developer-merchantid-domain-association"),
        "apple pay",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(root.join("secret.txt"), dist.join("leak.txt")).unwrap();
        symlink(root.join("private"), dist.join("private")).unwrap();
        symlink("/etc/hostname", dist.join("assets/host.txt")).unwrap();
        symlink(dist.join("real.txt"), dist.join("alias.txt")).unwrap();
        symlink(root.join("missing"), dist.join("dangling.txt")).unwrap();
    }
    let mut config = test_config("http://127.0.0.1:9");
    config.dist_dir = dist.clone();
    let base = spawn(config).await;
    let get = |path: &'static str| {
        let base = base.clone();
        async move {
            let response = client().get(format!("{base}{path}")).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    assert_eq!(get("/assets/app.js").await, (200, "ok".into()));
    assert_eq!(get("/real.txt").await, (200, "inside".into()));
    assert_eq!(
        get("/.well-known/apple-developer-merchantid-domain-association").await,
        (200, "apple pay".into()),
        "RFC 8615's .well-known is the one dot-directory served"
    );
    for path in [
        "/.env",
        "/.git/config",
        "/%2egit/config",
        "/assets/%2E%2E/.env",
        "/.git/",
        "/.well-known/.env",
        "/assets/.well-known/x",
    ] {
        let (status, body) = get(path).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    #[cfg(unix)]
    {
        assert_eq!(
            get("/alias.txt").await,
            (200, "inside".into()),
            "a link inside is fine"
        );
        for path in [
            "/leak.txt",
            "/private/",
            "/private/index.html",
            "/assets/host.txt",
            "/dangling.txt",
        ] {
            let (status, body) = get(path).await;
            assert_eq!(status, 404, "{path}: {body}");
            assert!(!body.contains("outside"), "{path}: {body}");
        }
    }
    let _ = std::fs::remove_dir_all(root);
}

/// A dist/ with precompressed siblings whose bytes say which file was sent ("BR", "GZ"); the
/// plain files hold other bytes.
fn precompressed_dist(name: &str) -> std::path::PathBuf {
    let dir = temp_dir(name);
    for (file, body) in [
        ("app.js", "console.log('plain');"),
        ("app.js.br", "BR app.js"),
        ("app.js.gz", "GZ app.js"),
        ("embed_bg.wasm", "\0asm plain"),
        ("embed_bg.wasm.br", "BR wasm"),
        ("embed_bg.wasm.gz", "GZ wasm"),
        ("gz-only.css", "body{}"),
        ("gz-only.css.gz", "GZ css"),
        ("plain.svg", "<svg/>"),
        ("index.html", PAGE),
        ("index.html.br", "BR html"),
        ("index.html.gz", "GZ html"),
    ] {
        std::fs::write(dir.join(file), body).unwrap();
    }
    dir
}

async fn spawn_dist(dir: &std::path::Path) -> String {
    let mut config = test_config("http://127.0.0.1:9");
    config.dist_dir = dir.to_path_buf();
    spawn(config).await
}

struct Answer {
    status: u16,
    encoding: Option<String>,
    content_type: String,
    vary: Option<String>,
    cache_control: Option<String>,
    etag: Option<String>,
    body: String,
}

async fn get(base: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = client().get(format!("{base}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    Answer {
        status: response.status().as_u16(),
        encoding: header("content-encoding"),
        content_type: header("content-type").unwrap_or_default(),
        vary: header("vary"),
        cache_control: header("cache-control"),
        etag: header("etag"),
        body: response.text().await.unwrap(),
    }
}

#[tokio::test]
async fn brotli_is_sent_when_accepted_and_present_with_the_original_type_and_vary() {
    let dir = precompressed_dist("br");
    let base = spawn_dist(&dir).await;
    for accept in [
        "gzip, deflate, br",
        "br",
        "br;q=1, gzip;q=0.5",
        "gzip;q=0.8, br;q=0.9",
    ] {
        let js = get(&base, "/app.js", &[("accept-encoding", accept)]).await;
        assert_eq!(js.status, 200, "{accept}");
        assert_eq!(js.body, "BR app.js", "{accept}");
        assert_eq!(js.encoding.as_deref(), Some("br"), "{accept}");
        assert!(
            js.content_type.contains("javascript"),
            "{}",
            js.content_type
        );
        assert_eq!(js.vary.as_deref(), Some("accept-encoding"));
        assert_eq!(js.cache_control.as_deref(), Some("no-cache"));
        assert!(js.etag.unwrap().ends_with("-br\""));
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn gzip_is_the_fallback_when_br_is_not_accepted_or_has_no_sibling() {
    let dir = precompressed_dist("gzip");
    let base = spawn_dist(&dir).await;
    for accept in [
        "gzip",
        "br;q=0, gzip",
        "gzip;q=0.9, br;q=0.1x",
        "deflate, gzip",
    ] {
        let js = get(&base, "/app.js", &[("accept-encoding", accept)]).await;
        assert_eq!(js.body, "GZ app.js", "{accept}");
        assert_eq!(js.encoding.as_deref(), Some("gzip"), "{accept}");
        assert!(
            js.content_type.contains("javascript"),
            "{}",
            js.content_type
        );
        assert_eq!(js.vary.as_deref(), Some("accept-encoding"));
    }
    let css = get(&base, "/gz-only.css", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(css.body, "GZ css");
    assert_eq!(css.encoding.as_deref(), Some("gzip"));
    assert!(
        css.content_type.starts_with("text/css"),
        "{}",
        css.content_type
    );
    assert_eq!(css.vary.as_deref(), Some("accept-encoding"));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_plain_file_when_no_encoding_is_accepted_or_no_sibling_exists() {
    let dir = precompressed_dist("identity");
    let base = spawn_dist(&dir).await;
    for headers in [
        &[][..],
        &[("accept-encoding", "identity")],
        &[("accept-encoding", "deflate")],
        &[("accept-encoding", "br;q=0, gzip;q=0")],
    ] {
        let js = get(&base, "/app.js", headers).await;
        assert_eq!(js.status, 200, "{headers:?}");
        assert_eq!(js.body, "console.log('plain');", "{headers:?}");
        assert_eq!(js.encoding, None, "{headers:?}");
        assert_eq!(js.vary.as_deref(), Some("accept-encoding"), "{headers:?}");
        assert_eq!(js.cache_control.as_deref(), Some("no-cache"));
        assert!(js.etag.unwrap().ends_with("-identity\""));
    }
    let svg = get(&base, "/plain.svg", &[("accept-encoding", "br, gzip")]).await;
    assert_eq!(svg.body, "<svg/>");
    assert_eq!(svg.encoding, None);
    assert!(
        svg.content_type.starts_with("image/svg+xml"),
        "{}",
        svg.content_type
    );
    assert_eq!(svg.vary.as_deref(), Some("accept-encoding"));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn wasm_is_application_wasm_whatever_the_encoding() {
    let dir = precompressed_dist("wasm");
    let base = spawn_dist(&dir).await;
    for (accept, body, encoding) in [
        ("br, gzip", "BR wasm", Some("br")),
        ("gzip", "GZ wasm", Some("gzip")),
        ("identity", "\0asm plain", None),
    ] {
        let wasm = get(&base, "/embed_bg.wasm", &[("accept-encoding", accept)]).await;
        assert_eq!(wasm.body, body);
        assert_eq!(wasm.encoding.as_deref(), encoding);
        assert_eq!(wasm.content_type, "application/wasm", "{accept}");
        assert_eq!(wasm.vary.as_deref(), Some("accept-encoding"));
        assert_eq!(wasm.cache_control.as_deref(), Some("no-cache"));
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn html_is_never_precompressed_and_always_revalidated() {
    let dir = precompressed_dist("html-plain");
    let base = spawn_dist(&dir).await;
    for path in ["/", "/index.html"] {
        for accept in ["br, gzip", "gzip"] {
            let page = get(&base, path, &[("accept-encoding", accept)]).await;
            assert_eq!(page.status, 200);
            assert_eq!(page.encoding, None, "{path} {accept}");
            assert!(page.content_type.starts_with("text/html"));
            assert_eq!(page.cache_control.as_deref(), Some("no-cache"));
            assert_eq!(page.etag, None, "the bytes change per request");
            assert!(page.body.contains("data-mode=\"test\""), "{}", page.body);
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn each_representation_has_its_own_etag_and_a_matching_if_none_match_is_a_304() {
    let dir = precompressed_dist("etag");
    let base = spawn_dist(&dir).await;
    let br = get(&base, "/app.js", &[("accept-encoding", "br")]).await;
    let gz = get(&base, "/app.js", &[("accept-encoding", "gzip")]).await;
    let plain = get(&base, "/app.js", &[]).await;
    let (br_tag, gz_tag, plain_tag) = (br.etag.unwrap(), gz.etag.unwrap(), plain.etag.unwrap());
    assert!(
        br_tag.starts_with('"') && !br_tag.starts_with("W/"),
        "{br_tag}"
    );
    assert_ne!(br_tag, gz_tag);
    assert_ne!(br_tag, plain_tag);
    assert_ne!(gz_tag, plain_tag);

    let weak = format!("W/{br_tag}");
    for if_none_match in [br_tag.as_str(), &format!("\"x\", {br_tag}"), &weak, "*"] {
        let again = get(
            &base,
            "/app.js",
            &[("accept-encoding", "br"), ("if-none-match", if_none_match)],
        )
        .await;
        assert_eq!(again.status, 304, "{if_none_match}");
        assert_eq!(again.body, "");
        assert_eq!(again.etag.as_deref(), Some(br_tag.as_str()));
        assert_eq!(again.vary.as_deref(), Some("accept-encoding"));
        assert_eq!(again.cache_control.as_deref(), Some("no-cache"));
    }
    // The br tag does not validate the gzip representation; If-None-Match decides over
    // If-Modified-Since.
    let other = get(
        &base,
        "/app.js",
        &[
            ("accept-encoding", "gzip"),
            ("if-none-match", &br_tag),
            ("if-modified-since", "Wed, 21 Oct 2099 07:28:00 GMT"),
        ],
    )
    .await;
    assert_eq!(other.status, 200);
    assert_eq!(other.body, "GZ app.js");
    assert_eq!(other.etag.as_deref(), Some(gz_tag.as_str()));
    // A changed file has a new tag.
    std::fs::write(dir.join("app.js.br"), "BR app.js, version 2").unwrap();
    let changed = get(
        &base,
        "/app.js",
        &[("accept-encoding", "br"), ("if-none-match", &br_tag)],
    )
    .await;
    assert_eq!(changed.status, 200);
    assert_eq!(changed.body, "BR app.js, version 2");
    assert_ne!(changed.etag.as_deref(), Some(br_tag.as_str()));
    // Last-Modified revalidation still works (ServeDir's), and the 304 carries the tag.
    let modified = get(&base, "/app.js", &[("accept-encoding", "br")]).await;
    let last_modified = client()
        .get(format!("{base}/app.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap()
        .headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    let since = get(
        &base,
        "/app.js",
        &[
            ("accept-encoding", "br"),
            ("if-modified-since", &last_modified),
        ],
    )
    .await;
    assert_eq!(since.status, 304);
    assert_eq!(since.etag, modified.etag);
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(unix)]
#[tokio::test]
async fn a_precompressed_sibling_linking_out_of_dist_dir_is_not_served() {
    let root = temp_dir("sibling-escape");
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(root.join("secret.txt"), "outside").unwrap();
    std::fs::write(dist.join("app.js"), "ok").unwrap();
    std::os::unix::fs::symlink(root.join("secret.txt"), dist.join("app.js.br")).unwrap();
    let base = spawn_dist(&dist).await;
    for accept in ["br", "gzip", "identity"] {
        let js = get(&base, "/app.js", &[("accept-encoding", accept)]).await;
        assert_eq!(js.status, 404, "{accept}");
        assert!(!js.body.contains("outside"));
    }
    let _ = std::fs::remove_dir_all(root);
}

/// Sends `request` as is over a fresh connection and answers the response head.
async fn raw_head(base: &str, request: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    while !received.windows(4).any(|w| w == b"\r\n\r\n") {
        match tokio::time::timeout(std::time::Duration::from_secs(3), stream.read(&mut buffer))
            .await
        {
            Ok(Ok(n)) if n > 0 => received.extend_from_slice(&buffer[..n]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

/// The `Location` of a response head, or "".
fn location(head: &str) -> String {
    head.lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_directory_redirect_never_leaves_the_origin() {
    let dir = temp_dir("redirect");
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("assets/index.html"), PAGE).unwrap();
    let base = spawn_dist(&dir).await;
    for (request, expected) in [
        ("GET /assets HTTP/1.1\r\nHost: x\r\n\r\n", "/assets/"),
        // `//assets/` is the host `assets` to a browser.
        ("GET //assets HTTP/1.1\r\nHost: x\r\n\r\n", "/assets/"),
        (
            "GET ///assets?a=1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "/assets/?a=1",
        ),
        (
            "GET http://evil.example/assets HTTP/1.1\r\nHost: evil.example\r\n\r\n",
            "/assets/",
        ),
        (
            "GET http://evil.example//assets HTTP/1.1\r\nHost: evil.example\r\n\r\n",
            "/assets/",
        ),
    ] {
        let head = raw_head(&base, request).await;
        assert!(head.starts_with("HTTP/1.1 307"), "{request:?}: {head}");
        assert_eq!(location(&head), expected, "{request:?}: {head}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
