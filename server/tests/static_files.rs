//! Static files: HTML placeholders are filled in, HTML carries the Content-Security-Policy and
//! Referrer-Policy, and nothing outside `DIST_DIR` or hidden in it is served.

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
