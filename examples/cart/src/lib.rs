//! A tiny cart whose total is the `amount` of the ready-made [`Checkout`]: changing the cart
//! changes the Pay button, Elements' amount, and the cart the server prices and charges.
//! `return.html` shows how the payment went with [`PaymentStatus`].

use leptos::prelude::*;
use stripe_checkout::components::{
    Checkout, CheckoutConfig, PaymentStatus, RequestBody, RequestExtras,
};
use stripe_checkout::stripe::LoaderOptions;

/// One product on sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Product {
    /// The id the server's catalogue knows (`server/src/catalogue.rs`).
    pub id: &'static str,
    /// What the customer reads.
    pub name: &'static str,
    /// Unit price in cents, for display: the server charges from its own catalogue.
    pub unit_amount: u64,
}

/// The shop's products: the reference server's catalogue, so the page and the charge agree.
pub const PRODUCTS: [Product; 2] = [
    Product {
        id: "tshirt",
        name: "Ferris T-shirt",
        unit_amount: 2500,
    },
    Product {
        id: "mug",
        name: "Ferris mug",
        unit_amount: 1200,
    },
];

/// The most of one product a cart holds.
pub const MAX_QUANTITY: u32 = 10;

/// The cart: one quantity signal per product of [`PRODUCTS`]. `Copy`, like the signals.
#[derive(Debug, Clone, Copy)]
pub struct Cart {
    quantities: [RwSignal<u32>; PRODUCTS.len()],
}

impl Cart {
    /// A cart holding `quantities[i]` of `PRODUCTS[i]`.
    pub fn new(quantities: [u32; PRODUCTS.len()]) -> Self {
        Self {
            quantities: quantities.map(RwSignal::new),
        }
    }

    /// The products with their quantity signals.
    pub fn lines(&self) -> impl Iterator<Item = (&'static Product, RwSignal<u32>)> {
        PRODUCTS.iter().zip(self.quantities)
    }

    /// The total in cents (tracked: a `Memo` over it follows the cart).
    pub fn total(&self) -> u64 {
        self.lines()
            .map(|(product, quantity)| product.unit_amount * u64::from(quantity.get()))
            .sum()
    }

    /// The POST body fields the server prices: `{"items": [{"id", "quantity"}, …]}`, without
    /// empty lines (the server refuses a quantity of 0). Tracked.
    pub fn request_body(&self) -> RequestBody {
        let items: Vec<_> = self
            .lines()
            .filter_map(|(product, quantity)| {
                let quantity = quantity.get();
                (quantity > 0)
                    .then(|| serde_json::json!({ "id": product.id, "quantity": quantity }))
            })
            .collect();
        let body = serde_json::json!({ "items": items }).to_string();
        RequestBody::from_json(&body).expect("json! writes a JSON object")
    }
}

/// `$12.50` from 1250 cents (the shop sells in US dollars only).
pub fn dollars(cents: u64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

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

/// The cart and, while it holds something, the checkout charging its total.
#[component]
pub fn Shop(
    /// Key, Stripe.js URL and origin from the page.
    settings: PageSettings,
) -> impl IntoView {
    let cart = Cart::new([1, 0]);
    // The amount the checkout shows, sends to `elements.update()`, and the server charges.
    let total = Memo::new(move |_| cart.total());
    // Read when Pay is pressed: the server prices these items from its own catalogue.
    let request = Signal::derive(move || RequestExtras {
        headers: Vec::new(),
        body: Some(cart.request_body()),
    });
    let checkout = move || {
        let mut config = CheckoutConfig::new(
            settings.publishable_key.clone(),
            total,
            "usd",
            "/create-confirm-intent",
            format!("{}/return.html", settings.page_origin),
        );
        config.checkout.request = request;
        config.loader = settings.loader();
        view! { <Checkout config /> }
    };
    let lines = cart
        .lines()
        .map(|(product, quantity)| view! { <CartLine product quantity /> })
        .collect_view();
    view! {
        <main>
            <h1>"Ferris & Co."</h1>
            <section aria-labelledby="cart-heading">
                <h2 id="cart-heading">"Your cart"</h2>
                <ul class="cart">{lines}</ul>
                <p class="total">
                    "Total: "
                    <output id="cart-total" aria-live="polite">
                        {move || dollars(total.get())}
                    </output>
                </p>
            </section>
            <section aria-labelledby="payment-heading">
                <h2 id="payment-heading">"Payment"</h2>
                // Emptying the cart unmounts the checkout (nothing to pay); refilling mounts
                // a new one.
                <Show
                    when=move || { total.get() > 0 }
                    fallback=|| view! { <p>"Your cart is empty."</p> }
                >
                    {checkout()}
                </Show>
            </section>
        </main>
    }
}

/// One product with − and + buttons.
#[component]
fn CartLine(
    /// The product.
    product: &'static Product,
    /// How many are in the cart.
    quantity: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <li>
            <span class="name">{product.name}</span>
            " "
            <span class="price">{dollars(product.unit_amount)}</span>
            " "
            <button
                type="button"
                aria-label=format!("Remove one {}", product.name)
                disabled=move || quantity.get() == 0
                on:click=move |_| quantity.update(|q| *q = q.saturating_sub(1))
            >
                "−"
            </button>
            <output aria-label=format!("{} quantity", product.name)>
                {move || quantity.get()}
            </output>
            <button
                type="button"
                aria-label=format!("Add one {}", product.name)
                // Braced: unbraced, the view macro reads `>` as the end of the tag.
                disabled=move || { quantity.get() >= MAX_QUANTITY }
                on:click=move |_| quantity.update(|q| *q = (*q + 1).min(MAX_QUANTITY))
            >
                "+"
            </button>
        </li>
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
