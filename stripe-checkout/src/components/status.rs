//! `PaymentStatus`: the return page's view of a PaymentIntent (`retrievePaymentIntent`).

use leptos::prelude::*;

use super::effect::spawn_in_browser;
use crate::stripe::{load_stripe, ClientSecret, LoaderOptions, PaymentIntentStatus};

/// What to tell the customer about a PaymentIntent status, and whether it is good news.
pub fn status_message(status: PaymentIntentStatus) -> (&'static str, bool) {
    match status {
        PaymentIntentStatus::Succeeded => ("Payment received. Thank you for your order!", true),
        PaymentIntentStatus::Processing => (
            "Your payment is processing. We'll let you know when it is confirmed.",
            true,
        ),
        PaymentIntentStatus::RequiresCapture => (
            "Your payment is authorised. You'll be charged when your order ships.",
            true,
        ),
        PaymentIntentStatus::RequiresPaymentMethod => (
            "Your payment was not successful. Please go back and try another payment method.",
            false,
        ),
        PaymentIntentStatus::RequiresAction | PaymentIntentStatus::RequiresConfirmation => (
            "Your payment is not complete yet. Please go back and try again.",
            false,
        ),
        PaymentIntentStatus::Canceled => ("This payment was canceled.", false),
        PaymentIntentStatus::Unknown => ("We couldn't tell how your payment went.", false),
    }
}

/// Shows how a payment went: retrieves the PaymentIntent of `client_secret` with Stripe.js.
/// `on_status` gets the status name (`succeeded` …), or `error` when it cannot be read.
#[component]
pub fn PaymentStatus(
    /// Publishable key.
    #[prop(into)]
    publishable_key: String,
    /// The `payment_intent_client_secret` Stripe appended to the return URL.
    client_secret: Option<String>,
    /// Where Stripe.js is loaded from.
    #[prop(optional)]
    loader: LoaderOptions,
    /// The status name, once known.
    #[prop(optional, into)]
    on_status: Option<Callback<String>>,
) -> impl IntoView {
    // On the server nothing loads: it renders "Checking your payment…", as the client first does.
    let status = RwSignal::new(None::<Result<PaymentIntentStatus, String>>);
    spawn_in_browser(async move {
        let result: Result<PaymentIntentStatus, String> = async {
            let secret = client_secret.as_deref().and_then(ClientSecret::parse).ok_or_else(|| {
                "There is no payment to show: this page's address has no valid payment_intent_client_secret.".to_owned()
            })?;
            let stripe = load_stripe(&publishable_key, &loader)
                .await
                .map_err(|e| e.to_string())?;
            let intent = stripe.retrieve_payment_intent(&secret).await.map_err(|e| {
                web_sys::console::error_1(&e.to_string().into());
                "We couldn't look up your payment. Please refresh the page, or contact the shop."
                    .to_owned()
            })?;
            Ok(intent.status)
        }
        .await;
        if let Some(cb) = on_status {
            cb.try_run(result.as_ref().map_or("error", |s| s.as_str()).to_owned());
        }
        status.try_set(Some(result));
    });
    move || match status.get() {
        None => view! { <p class="stripe-status-loading">"Checking your payment…"</p> }.into_any(),
        Some(Ok(s)) => match status_message(s) {
            (text, true) => view! { <p role="status">{text}</p> }.into_any(),
            (text, false) => view! { <p role="alert">{text}</p> }.into_any(),
        },
        Some(Err(text)) => view! { <p role="alert">{text}</p> }.into_any(),
    }
}
