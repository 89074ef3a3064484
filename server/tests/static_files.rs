//! Static files: HTML placeholders are filled in and HTML carries the Content-Security-Policy.

mod common;

use checkout_server::static_files::CONTENT_SECURITY_POLICY;
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
             connect-src 'self' https://api.stripe.com; img-src 'self' data: https://*.stripe.com"
        );
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
async fn page_origin_is_the_scheme_and_host_the_browser_used() {
    let dir = temp_dir("origin");
    std::fs::write(
        dir.join("index.html"),
        r#"<div data-return-url="%PAGE_ORIGIN%/return.html"></div>"#,
    )
    .unwrap();
    let mut config = test_config("http://127.0.0.1:9");
    config.dist_dir = dir.clone();
    let base = spawn(config).await;
    let page = |host: Option<&'static str>| {
        let base = base.clone();
        async move {
            let mut request = client().get(format!("{base}/"));
            if let Some(host) = host {
                request = request.header("host", host);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };

    // The address the request was sent to (reqwest sets Host from the URL).
    assert_eq!(
        page(None).await,
        format!(r#"<div data-return-url="{base}/return.html"></div>"#)
    );
    // A name behind a proxy or in /etc/hosts.
    assert_eq!(
        page(Some("shop.example:8080")).await,
        r#"<div data-return-url="http://shop.example:8080/return.html"></div>"#
    );
    // A Host header that tries to break out of the attribute falls back to the bound address.
    let hostile = page(Some(r#"x"><script>alert(1)</script>"#)).await;
    assert_eq!(
        hostile,
        format!(r#"<div data-return-url="{base}/return.html"></div>"#)
    );
    assert!(!hostile.contains("<script>"), "{hostile}");
    let _ = std::fs::remove_dir_all(dir);
}
