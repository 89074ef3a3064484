//! `PaymentStatus`: the return page's view of a PaymentIntent (`retrievePaymentIntent`) or a
//! SetupIntent (`retrieveSetupIntent`), and, when the shop's backend says so, of its order.

use leptos::prelude::*;

use super::effect::{sleep, spawn_in_browser};
use crate::backend::{self, OrderState, OrderStatus, PostError};
use crate::messages::{self, setup_status_message, status_message};
use crate::stripe::{load_stripe, ClientSecret, IntentKind, LoaderOptions, PaymentIntentStatus};

/// Milliseconds to wait before each question to the order status endpoint: soon at first (the
/// webhook usually lands within seconds), then every 10 s, about two minutes in all.
const ORDER_POLL_MS: [i32; 17] = [
    0, 1_000, 1_000, 2_000, 2_000, 3_000, 5_000, 5_000, 10_000, 10_000, 10_000, 10_000, 10_000,
    10_000, 10_000, 10_000, 10_000,
];
/// How long one question to the order status endpoint may take.
const ORDER_TIMEOUT_MS: u32 = 10_000;

/// What the view shows: a sentence, and whether it is good news.
type Shown = Option<(String, bool)>;

/// Shows how a payment went: retrieves the PaymentIntent of `client_secret` with Stripe.js (or
/// the SetupIntent, for a `seti_…` secret: a saved card).
/// `on_status` gets the status name (`succeeded` …), or `error` when it cannot be read.
///
/// With `order_status_endpoint`, a payment Stripe reports `succeeded` or `processing` is then
/// followed to the shop's order: the endpoint is asked
/// (`GET …?payment_intent=…&payment_intent_client_secret=…`, the wire crate's
/// [`OrderStatus`](stripe_checkout_wire::OrderStatus)) until it says `paid` ("Order … confirmed")
/// or `failed`, for about two minutes; meanwhile a succeeded payment reads "Payment received —
/// confirming your order…". `on_order` gets each answer.
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
    /// The shop's order status endpoint (e.g. the reference server's `/order-status`), relative
    /// to the page or absolute; empty is none.
    #[prop(optional, into)]
    order_status_endpoint: Option<String>,
    /// Each answer of the order status endpoint.
    #[prop(optional, into)]
    on_order: Option<Callback<OrderStatus>>,
) -> impl IntoView {
    // On the server nothing loads: it renders "Checking your payment…", as the client first does.
    let shown = RwSignal::new(None::<(String, bool)>);
    spawn_in_browser(async move {
        let result: Result<(ClientSecret, PaymentIntentStatus), String> = async {
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
            Ok((secret, status))
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
        let (secret, status) = match result {
            Ok(found) => found,
            Err(text) => {
                shown.try_set(Some((text, false)));
                return;
            }
        };
        let say = |(text, good): (&str, bool)| Some((text.to_owned(), good));
        if secret.kind() == IntentKind::Setup {
            shown.try_set(say(setup_status_message(status)));
            return;
        }
        let endpoint = order_status_endpoint.filter(|e| {
            !e.is_empty()
                && matches!(
                    status,
                    PaymentIntentStatus::Succeeded | PaymentIntentStatus::Processing
                )
        });
        let Some(endpoint) = endpoint else {
            shown.try_set(say(status_message(status)));
            return;
        };
        let waiting = match status {
            PaymentIntentStatus::Succeeded => (messages::CONFIRMING_ORDER, true),
            _ => status_message(status),
        };
        shown.try_set(say(waiting));
        match follow_order(&endpoint, &secret, shown, on_order).await {
            Followed::Settled(text, good) => shown.try_set(Some((text, good))),
            Followed::NoOrder => shown.try_set(say(status_message(status))),
            Followed::GaveUp if status == PaymentIntentStatus::Succeeded => {
                shown.try_set(say((messages::ORDER_SLOW, true)))
            }
            Followed::GaveUp => None,
        };
    });
    move || match shown.get() {
        None => {
            view! { <p class="stripe-status-loading">{messages::CHECKING_PAYMENT}</p> }.into_any()
        }
        Some((text, true)) => view! { <p role="status">{text}</p> }.into_any(),
        Some((text, false)) => view! { <p role="alert">{text}</p> }.into_any(),
    }
}

/// How following the order ended.
enum Followed {
    /// Paid or failed: what to say.
    Settled(String, bool),
    /// The endpoint knows no such order (404), or the request cannot be made: the cause is on
    /// the console, and the page says what Stripe said of the payment.
    NoOrder,
    /// Still pending when the schedule ran out, or the view is gone.
    GaveUp,
}

/// Asks `endpoint` how the order stands until it is paid or failed, or the schedule runs out. A
/// network error or an unreadable answer is asked again.
async fn follow_order(
    endpoint: &str,
    secret: &ClientSecret,
    shown: RwSignal<Shown>,
    on_order: Option<Callback<OrderStatus>>,
) -> Followed {
    for delay in ORDER_POLL_MS {
        if delay > 0 {
            sleep(delay).await;
        }
        if shown.is_disposed() {
            return Followed::GaveUp;
        }
        match backend::order_status(endpoint, secret, ORDER_TIMEOUT_MS).await {
            Ok(Some(order)) => {
                if let Some(cb) = on_order {
                    cb.try_run(order.clone());
                }
                match order.status {
                    OrderState::Paid => {
                        return Followed::Settled(messages::order_confirmed(&order.order), true)
                    }
                    OrderState::Failed => {
                        return Followed::Settled(messages::order_failed(&order.order), false)
                    }
                    OrderState::Pending => {}
                }
            }
            Ok(None) => {
                crate::log::error(
                    "stripe-checkout: the order status endpoint knows no order for this payment (HTTP 404)",
                );
                return Followed::NoOrder;
            }
            Err(PostError::NotSent(detail)) => {
                crate::log::error(&detail);
                return Followed::NoOrder;
            }
            Err(PostError::NoAnswer(_)) => {}
        }
    }
    Followed::GaveUp
}
