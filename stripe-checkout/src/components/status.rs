//! `PaymentStatus`: the return page's view of a PaymentIntent (`retrievePaymentIntent`) or a
//! SetupIntent (`retrieveSetupIntent`).

use leptos::prelude::*;

use super::effect::{console_error, spawn_in_browser};
use crate::stripe::{load_stripe, ClientSecret, IntentKind, LoaderOptions, PaymentIntentStatus};

/// What to tell the customer about a SetupIntent status (a card saved for later), and whether
/// it is good news.
pub fn setup_status_message(status: PaymentIntentStatus) -> (&'static str, bool) {
    match status {
        PaymentIntentStatus::Succeeded => ("Your card was saved. Thank you!", true),
        PaymentIntentStatus::Processing => (
            "Your card is being saved. We'll let you know when it is ready.",
            true,
        ),
        PaymentIntentStatus::RequiresPaymentMethod => (
            "Your card could not be saved. Please go back and try another card.",
            false,
        ),
        PaymentIntentStatus::Canceled => ("Saving this card was canceled.", false),
        _ => (
            "Your card is not saved yet. Please go back and try again.",
            false,
        ),
    }
}

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

/// Shows how a payment went: retrieves the PaymentIntent of `client_secret` with Stripe.js (or
/// the SetupIntent, for a `seti_…` secret: a saved card).
/// `on_status` gets the status name (`succeeded` …), or `error` when it cannot be read.
#[component]
pub fn PaymentStatus(
    /// Publishable key.
    #[prop(into)]
    publishable_key: String,
    /// The `payment_intent_client_secret` (or `setup_intent_client_secret`) Stripe appended to
    /// the return URL.
    client_secret: Option<String>,
    /// Where Stripe.js is loaded from.
    #[prop(optional)]
    loader: LoaderOptions,
    /// The status name, once known.
    #[prop(optional, into)]
    on_status: Option<Callback<String>>,
) -> impl IntoView {
    // On the server nothing loads: it renders "Checking your payment…", as the client first does.
    let status = RwSignal::new(None::<Result<(IntentKind, PaymentIntentStatus), String>>);
    spawn_in_browser(async move {
        let result: Result<(IntentKind, PaymentIntentStatus), String> = async {
            let secret = client_secret.as_deref().and_then(ClientSecret::parse).ok_or_else(|| {
                "There is no payment to show: this page's address has no valid payment_intent_client_secret.".to_owned()
            })?;
            let stripe = load_stripe(&publishable_key, &loader)
                .await
                .map_err(|e| e.to_string())?;
            let status = match secret.kind() {
                IntentKind::Payment => stripe.retrieve_payment_intent(&secret).await.map(|i| i.status),
                IntentKind::Setup => stripe.retrieve_setup_intent(&secret).await.map(|i| i.status),
            };
            let status = status.map_err(|e| {
                console_error(&e.to_string());
                "We couldn't look up your payment. Please refresh the page, or contact the shop."
                    .to_owned()
            })?;
            Ok((secret.kind(), status))
        }
        .await;
        if let Some(cb) = on_status {
            cb.try_run(
                result
                    .as_ref()
                    .map_or("error", |(_, s)| s.as_str())
                    .to_owned(),
            );
        }
        status.try_set(Some(result));
    });
    move || match status.get() {
        None => view! { <p class="stripe-status-loading">"Checking your payment…"</p> }.into_any(),
        Some(Ok((IntentKind::Payment, s))) => show(status_message(s)),
        Some(Ok((IntentKind::Setup, s))) => show(setup_status_message(s)),
        Some(Err(text)) => view! { <p role="alert">{text}</p> }.into_any(),
    }
}

/// A status message: good news as a status, bad news as an alert.
fn show(message: (&'static str, bool)) -> AnyView {
    match message {
        (text, true) => view! { <p role="status">{text}</p> }.into_any(),
        (text, false) => view! { <p role="alert">{text}</p> }.into_any(),
    }
}
