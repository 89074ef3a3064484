//! `PaymentStatus`: the return page's view of a PaymentIntent (`retrievePaymentIntent`) or a
//! SetupIntent (`retrieveSetupIntent`).

use leptos::prelude::*;

use super::effect::spawn_in_browser;
use crate::messages::{self, setup_status_message, status_message};
use crate::stripe::{load_stripe, ClientSecret, IntentKind, LoaderOptions, PaymentIntentStatus};

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
            let stripe = load_stripe(publishable_key, loader)
                .await
                .map_err(|e| e.message())?;
            let status = match secret.kind() {
                IntentKind::Payment => stripe.retrieve_payment_intent(&secret).await.map(|i| i.status),
                IntentKind::Setup => stripe.retrieve_setup_intent(&secret).await.map(|i| i.status),
            };
            let status = status.map_err(|e| {
                crate::log::error(&e.message());
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
        None => {
            view! { <p class="stripe-status-loading">{messages::CHECKING_PAYMENT}</p> }.into_any()
        }
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
