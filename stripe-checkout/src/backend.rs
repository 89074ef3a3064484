//! The POST of a ConfirmationToken to the shop's backend, and what its answer means; and the
//! return page's question of the same backend: how the order stands ([`order_status`]).
//!
//! Plain `fetch` through web-sys (no HTTP crate in the wasm): JSON body, `Idempotency-Key`,
//! extra headers, same-origin credentials, and an abort after a timeout. The field and header
//! names and the reading of the answer are the `stripe-checkout-wire` crate's, which the server
//! writes its answers with.
//!
//! The browser's side of the POST: [`post_token`] and [`random_key`] do nothing off wasm32 (a
//! server rendering the page has no `fetch` or `crypto`, and a call into one would abort it).

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, Response};

use stripe_checkout_wire::Json;
use stripe_checkout_wire::{
    ClientSecret, CONFIRMATION_TOKEN_ID, IDEMPOTENCY_KEY, ORDER_STATUS_INTENT, ORDER_STATUS_SECRET,
};

use crate::messages;
use crate::request_body::RequestBody;
use crate::stripe::describe_thrown;

/// A usable answer from the backend (the wire crate's reading of the body).
pub use stripe_checkout_wire::Answer;
/// The shop's order as its backend knows it ([`order_status`]).
pub use stripe_checkout_wire::{OrderState, OrderStatus};

/// What the POST to the backend carries besides the token (one signal for both, so the wasm
/// holds one signal type instead of two).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestExtras {
    /// Extra request headers (e.g. a CSRF token). A name or value the browser refuses fails the
    /// payment as a misconfigured checkout (named in the console), before anything is sent.
    pub headers: Vec<(String, String)>,
    /// A JSON object merged into the POST body, checked when it is made
    /// ([`RequestBody::from_json`]).
    pub body: Option<RequestBody>,
}

/// One POST of a token to the backend.
#[derive(Debug, Clone)]
pub struct TokenPost<'a> {
    /// The endpoint URL.
    pub endpoint: &'a str,
    /// The ConfirmationToken id, `ctoken_…`.
    pub token_id: &'a str,
    /// The key that makes a re-send of the same token safe.
    pub idempotency_key: &'a str,
    /// Extra headers (e.g. CSRF) and body fields.
    pub request: &'a RequestExtras,
    /// The customer's email (Link Authentication Element or wallet), sent as `email`.
    pub email: Option<&'a str>,
    /// Abort after this many milliseconds.
    pub timeout_ms: u32,
}

/// The backend gave no usable answer: the payment may or may not have been made, so the same
/// token (and key) must be re-sent, never a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoAnswer {
    /// The request failed: offline, connection dropped, blocked.
    Network,
    /// No answer within the timeout.
    Timeout(u32),
    /// An answer that is neither a PaymentIntent nor `{error}` (an HTML error page, empty JSON).
    Unusable(u16),
}

impl NoAnswer {
    /// What the customer reads (what `Display` prints).
    pub fn message(&self) -> String {
        match self {
            NoAnswer::Network => messages::SHOP_UNREACHABLE.into(),
            NoAnswer::Timeout(ms) => messages::shop_timed_out(ms.div_ceil(1000)),
            NoAnswer::Unusable(status) => messages::shop_unusable(*status),
        }
    }
}

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// Why a POST gave no [`Answer`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostError {
    /// Nothing was sent: the request could not be made from the checkout's configuration (a
    /// header name or value the browser refuses, a body it cannot send, no browser at all). The
    /// detail is for the shop's developer (the console), never the customer: every retry would
    /// fail the same way, and the customer's connection is not the cause.
    NotSent(String),
    /// Sent, and no usable answer came back.
    NoAnswer(NoAnswer),
}

impl From<NoAnswer> for PostError {
    fn from(no_answer: NoAnswer) -> Self {
        Self::NoAnswer(no_answer)
    }
}

/// "what: the browser's own words", for [`PostError::NotSent`].
fn not_sent(what: &str, thrown: JsValue) -> PostError {
    let cause = describe_thrown(&thrown);
    PostError::NotSent(["stripe-checkout: ", what, ": ", &cause].concat())
}

/// POSTs `{"confirmationTokenId": …, …request.body}` and reads the answer, on any HTTP status.
/// Runs in the browser: elsewhere (a server rendering the page) it sends nothing and says so.
pub async fn post_token(post: &TokenPost<'_>) -> Result<Answer, PostError> {
    if !cfg!(target_arch = "wasm32") {
        return Err(PostError::NotSent(
            "stripe-checkout: post_token runs in the browser only".into(),
        ));
    }
    let window = web_sys::window()
        .ok_or_else(|| PostError::NotSent("stripe-checkout: no window to fetch from".into()))?;
    let body = body_json(post)?;
    let headers = Headers::new().map_err(|e| not_sent("new Headers()", e))?;
    let set = |k: &str, v: &str| {
        headers
            .set(k, v)
            .map_err(|e| not_sent(&["the request header \"", k, "\""].concat(), e))
    };
    for (name, value) in &post.request.headers {
        set(name, value)?;
    }
    set("Content-Type", "application/json")?;
    set(IDEMPOTENCY_KEY, post.idempotency_key)?;

    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    init.set_credentials(RequestCredentials::SameOrigin);
    let (status, text) = fetch_text(&window, post.endpoint, &init, post.timeout_ms).await?;
    Ok(parse_answer(status, &text)?)
}

/// Fetches `url` with `init` (its signal set here), aborted after `timeout_ms`: the HTTP status
/// and the body's text.
async fn fetch_text(
    window: &web_sys::Window,
    url: &str,
    init: &RequestInit,
    timeout_ms: u32,
) -> Result<(u16, String), PostError> {
    let abort = AbortController::new().map_err(|e| not_sent("new AbortController()", e))?;
    init.set_signal(Some(&abort.signal()));
    let abort_fn = Reflect::get(&abort, &"abort".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .map(|f| f.bind0(&abort));
    let timer = abort_fn.and_then(|f| {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &f,
                timeout_ms.min(i32::MAX as u32) as i32,
            )
            .ok()
    });

    let result = async {
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
            .await?
            .dyn_into()?;
        let text = JsFuture::from(response.text()?).await?;
        Ok::<_, JsValue>((response.status(), text.as_string().unwrap_or_default()))
    }
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    match result {
        Ok(answer) => Ok(answer),
        Err(_) if abort.signal().aborted() => Err(NoAnswer::Timeout(timeout_ms).into()),
        Err(_) => Err(NoAnswer::Network.into()),
    }
}

/// Asks the backend at `endpoint` how the shop's order for the PaymentIntent of `secret` stands:
/// `GET endpoint?payment_intent=pi_…&payment_intent_client_secret=…`, read by the wire crate's
/// [`OrderStatus::read`]. `Ok(None)` on a 404 (the shop knows no order for it). Browser only, as
/// [`post_token`].
pub async fn order_status(
    endpoint: &str,
    secret: &ClientSecret,
    timeout_ms: u32,
) -> Result<Option<OrderStatus>, PostError> {
    if !cfg!(target_arch = "wasm32") {
        return Err(PostError::NotSent(
            "stripe-checkout: order_status runs in the browser only".into(),
        ));
    }
    let window = web_sys::window()
        .ok_or_else(|| PostError::NotSent("stripe-checkout: no window to fetch from".into()))?;
    let base = window
        .location()
        .href()
        .map_err(|e| not_sent("location.href", e))?;
    let url = web_sys::Url::new_with_base(endpoint, &base)
        .map_err(|e| not_sent("the order status endpoint", e))?;
    let query = url.search_params();
    query.set(ORDER_STATUS_INTENT, secret.intent_id());
    query.set(ORDER_STATUS_SECRET, secret.expose());
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::SameOrigin);
    let (status, text) = fetch_text(&window, &url.href(), &init, timeout_ms).await?;
    if status == 404 {
        return Ok(None);
    }
    let unusable = || PostError::from(NoAnswer::Unusable(status));
    if status != 200 {
        return Err(unusable());
    }
    let json = JSON::parse(&text).map_err(|_| unusable())?;
    OrderStatus::read(&Parsed(json))
        .map(Some)
        .ok_or_else(unusable)
}

/// The body's JSON text. [`RequestBody`] was checked when made, so the browser refusing it
/// (`JSON.parse`, or `JSON.stringify` of a very deep object) is a configuration problem too.
fn body_json(post: &TokenPost<'_>) -> Result<String, PostError> {
    let what = "the request body";
    let body = match &post.request.body {
        Some(extra) => JSON::parse(extra.as_json()).map_err(|e| not_sent(what, e))?,
        None => Object::new().into(),
    };
    let ordered = Object::new();
    let _ = Reflect::set(
        &ordered,
        &CONFIRMATION_TOKEN_ID.into(),
        &post.token_id.into(),
    );
    if let Some(email) = post.email {
        let _ = Reflect::set(&ordered, &"email".into(), &email.into());
    }
    Object::assign(&ordered, body.unchecked_ref());
    JSON::stringify(&ordered)
        .map_err(|e| not_sent(what, e))
        .map(String::from)
}

/// `JSON.parse`'s result, as the wire crate's one reading of an answer ([`Answer::read`]) sees it.
struct Parsed(JsValue);

impl Json for Parsed {
    fn is_object(&self) -> bool {
        self.0.is_object()
    }
    fn as_text(&self) -> Option<String> {
        self.0.as_string()
    }
    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn get(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        Reflect::get(&self.0, &key.into())
            .ok()
            .filter(|v| !v.is_undefined())
            .map(Parsed)
    }
}

/// Browser only (`JSON.parse`). Reads a body by the wire crate's rule ([`Answer::read`], the
/// only one: its native tests are this reading's tests); anything else is
/// [`NoAnswer::Unusable`].
pub fn parse_answer(http_status: u16, text: &str) -> Result<Answer, NoAnswer> {
    let unusable = NoAnswer::Unusable(http_status);
    let json = JSON::parse(text).map_err(|_| unusable.clone())?;
    Answer::read(&Parsed(json)).ok_or(unusable)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `crypto.randomUUID()`, imported with `catch`: it is missing outside a secure context
    /// (a page served over plain HTTP from anywhere but localhost), and calling it then throws.
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> Result<String, JsValue>;
}

/// A fresh random UUID (v4) for an `Idempotency-Key`, from `crypto.randomUUID()`; `None` (and
/// the reason on the console) where the browser has none, and off wasm32 (a server has no
/// browser to ask).
pub fn random_key() -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    random_uuid()
        .map_err(|_| {
            crate::log::error(
                "crypto.randomUUID() is unavailable: serve the checkout over HTTPS (or from localhost)",
            )
        })
        .ok()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::stripe::{ClientSecret, PaymentIntentStatus};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn each_idempotency_key_is_a_fresh_v4_uuid() {
        let (a, b) = (random_key().unwrap(), random_key().unwrap());
        assert_ne!(a, b);
        for key in [a, b] {
            assert_eq!(key.len(), 36, "{key}");
            assert_eq!(key.as_bytes()[14], b'4', "version 4: {key}");
            assert!(key.split('-').map(str::len).eq([8, 4, 4, 4, 12]), "{key}");
        }
    }

    #[wasm_bindgen_test]
    fn json_parse_results_are_read_by_the_wire_crates_rule() {
        assert_eq!(
            parse_answer(
                200,
                r#"{"client_secret": "pi_1_secret_2", "status": "requires_action", "n": 1.5}"#
            ),
            Ok(Answer::Intent {
                client_secret: ClientSecret::parse("pi_1_secret_2").unwrap(),
                status: PaymentIntentStatus::RequiresAction,
            })
        );
        assert_eq!(
            parse_answer(
                402,
                r#"{"error": {"message": "Declined.", "type": "card_error", "code": 7}}"#
            ),
            Ok(Answer::Refused {
                message: Some("Declined.".into()),
                kind: Some("card_error".into()),
                code: None,
            })
        );
        assert_eq!(
            parse_answer(400, r#"{"error": " "}"#),
            Ok(Answer::Refused {
                message: None,
                kind: None,
                code: None,
            })
        );
        for (status, unusable) in [
            (
                502,
                r#"{"outcome": "unknown", "message": "Send it again."}"#,
            ),
            (200, r#"{"client_secret": "pi_1_secret_2", "error": null}"#),
            (200, "[]"),
            (200, "{}"),
            (500, "<html>oops</html>"),
        ] {
            assert_eq!(
                parse_answer(status, unusable),
                Err(NoAnswer::Unusable(status)),
                "{unusable}"
            );
        }
    }
}
