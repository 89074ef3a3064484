//! A shop's own checkout form: [`OrderForm`] lays out the Address and Payment Elements, its own
//! "Place order" button and its own error line, and leaves the paying to [`use_checkout`].
//! `return.html` shows how the payment went with [`PaymentStatus`].

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use stripe_checkout::components::{
    use_checkout, AddressElement, PaymentElement, PaymentStatus, RequestBody, RequestExtras,
    StripeProvider, UseCheckoutOptions,
};
use stripe_checkout::stripe::{
    load_stripe, ElementRef, ElementsOptions, LoaderOptions, PaymentElementOptions,
};

/// What the order costs, in cents: shown by Elements (wallets, Link). The server charges its own
/// price for [`ORDER`] (`server/src/catalogue.rs`), the same one.
pub const AMOUNT: u64 = 2500;

/// The POST body fields the server prices: one Ferris T-shirt.
pub const ORDER: &str = r#"{"items":[{"id":"tshirt","quantity":1}]}"#;

/// What the server writes into the page (`%STRIPE_PUBLISHABLE_KEY%`, `%STRIPE_JS_URL%`,
/// `%PAGE_ORIGIN%` in `<body data-…>`), so the same build runs against the simulator or Stripe.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSettings {
    /// `data-page`: `return` on the return page, anything else is the shop.
    pub page: String,
    /// `data-publishable-key`.
    pub publishable_key: String,
    /// `data-stripe-js-url`: the simulator's Stripe.js in simulator mode; Stripe's when empty.
    pub stripe_js_url: String,
    /// `data-page-origin`: where `return.html` is served.
    pub page_origin: String,
}

impl PageSettings {
    /// Reads the `data-` attributes of `<body>`.
    pub fn from_body() -> Self {
        let body = document().body();
        let read = |name: &str| {
            body.as_ref()
                .and_then(|b| b.get_attribute(name))
                .unwrap_or_default()
        };
        Self {
            page: read("data-page"),
            publishable_key: read("data-publishable-key"),
            stripe_js_url: read("data-stripe-js-url"),
            page_origin: read("data-page-origin"),
        }
    }

    /// Where Stripe.js is loaded from.
    pub fn loader(&self) -> LoaderOptions {
        match self.stripe_js_url.as_str() {
            "" => LoaderOptions::default(),
            url => LoaderOptions {
                url: url.to_owned(),
                ..LoaderOptions::default()
            },
        }
    }
}

/// The shop or the return page, as `<body data-page>` says.
#[component]
pub fn App() -> impl IntoView {
    let settings = PageSettings::from_body();
    if settings.page == "return" {
        view! { <ReturnPage settings /> }.into_any()
    } else {
        view! { <Shop settings /> }.into_any()
    }
}

/// The order and, once Stripe.js has loaded, the shop's own form.
#[component]
pub fn Shop(
    /// Key, Stripe.js URL and origin from the page.
    settings: PageSettings,
) -> impl IntoView {
    let return_url = format!("{}/return.html", settings.page_origin);
    view! {
        <main>
            <h1>"Ferris & Co."</h1>
            <p>"1 × Ferris T-shirt — $25.00"</p>
            // A future, as react-stripe-js's `<Elements stripe={loadStripe(key)}>`: nothing loads
            // until the provider awaits it, in the browser.
            <StripeProvider
                stripe=load_stripe(settings.publishable_key.clone(), settings.loader())
                options=Signal::stored(ElementsOptions::payment(AMOUNT, "usd"))
                loader=settings.loader()
                fallback=|| view! { <p>"Loading the payment form…"</p> }
            >
                <OrderForm return_url=return_url.clone() />
            </StripeProvider>
        </main>
    }
}

/// The shop's own form: its layout, its button, its error line; `use_checkout` pays.
#[component]
pub fn OrderForm(
    /// Where the customer lands after paying.
    return_url: String,
) -> impl IntoView {
    let mut options = UseCheckoutOptions::new("/create-confirm-intent", return_url);
    options.request = Signal::stored(RequestExtras {
        headers: Vec::new(),
        // Checked when made: a typo in ORDER stops the page here, in development, not at Pay.
        body: Some(RequestBody::from_json(ORDER).expect("ORDER is a JSON object")),
    });
    let checkout = use_checkout(options);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        checkout.pay.run(());
    };
    // Read-only while paying (from the token call on), so the card cannot change under the payment.
    let payment = Signal::derive(move || PaymentElementOptions {
        read_only: checkout.locked(),
        ..Default::default()
    });
    view! {
        <form class="order-form" novalidate on:submit=submit>
            <h2>"Shipping"</h2>
            // Ready: the shop puts the customer in the first field (react-stripe-js's
            // `onReady(element)` → `element.focus()`).
            <AddressElement on_ready=|address: ElementRef| {
                let _ = address.focus();
            } />
            <h2>"Payment"</h2>
            <PaymentElement options=payment />
            <button type="submit" disabled=move || checkout.busy()>
                "Place order"
            </button>
            <p role="alert">{move || checkout.failure.get().map(|f| f.message)}</p>
        </form>
    }
}

/// Where Stripe sends the customer after paying: the outcome, read from the PaymentIntent.
#[component]
pub fn ReturnPage(
    /// Key and Stripe.js URL from the page.
    settings: PageSettings,
) -> impl IntoView {
    let client_secret = query_param("payment_intent_client_secret");
    view! {
        <main>
            <h1>"Your order"</h1>
            <PaymentStatus
                publishable_key=settings.publishable_key.clone()
                client_secret
                loader=settings.loader()
            />
            <p>
                <a href="./">"Back to the shop"</a>
            </p>
        </main>
    }
}

/// A parameter of the page's query string.
fn query_param(name: &str) -> Option<String> {
    let href = window().location().href().ok()?;
    web_sys::Url::new(&href).ok()?.search_params().get(name)
}
