//! `Checkout`: the ready-made form over [`use_checkout`](fn@super::use_checkout) — Address
//! Element (unless shipping is given), Payment Element, a Pay button and the alert — and the
//! config it is built from.

use std::sync::Arc;

use leptos::html::P;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::SubmitEvent;

use super::element::{
    AddressElement, ExpressCheckoutElement, LinkAuthenticationElement, PaymentElement,
    ShippingChange,
};
use super::failure::CheckoutFailure;
use super::flow::{CheckoutEvent, CheckoutState, Flow, PaymentSuccess};
use super::format::pay_label;
use super::provider::StripeProvider;
use super::use_checkout::{use_flow, UseCheckout, UseCheckoutOptions};
use crate::request_body::RequestBody;
use crate::stripe::{
    AddressElementOptions, Appearance, BillingDetails, ChangeEvent, ElementsOptions, Error,
    ExpressCheckoutOptions, ExpressReadyEvent, IntentKind, LinkAuthenticationOptions,
    LoadErrorEvent, LoaderOptions, Mode, PaymentElementOptions, PaymentIntentStatus,
    SetupFutureUsage, Shipping, ShippingAddressChangeEvent,
};
/// Everything [`Checkout`] needs to take a payment.
#[derive(Debug, Clone)]
pub struct CheckoutConfig {
    /// Publishable key (`pk_test_…` / `pk_live_…`).
    pub publishable_key: String,
    /// Amount in the smallest currency unit; changes are sent to `elements.update()`.
    pub amount: Signal<u64>,
    /// Three-letter currency code, lowercase.
    pub currency: String,
    /// Where the ConfirmationToken id is POSTed.
    pub endpoint: String,
    /// Absolute URL the customer lands on after paying (and after redirect-based methods).
    pub return_url: String,
    /// Shipping given by the page; `None` shows an Address Element that collects it (for
    /// payments: saving a card in setup mode asks for no address).
    pub shipping: Option<Shipping>,
    /// Billing details sent as `payment_method_data.billing_details`.
    pub billing_details: Option<BillingDetails>,
    /// Extra headers and body fields of the POST, read when Pay is pressed.
    pub request: Signal<RequestExtras>,
    /// How long to wait for the backend, in milliseconds.
    pub timeout_ms: u32,
    /// Navigate to `return_url` after success.
    pub redirect: bool,
    /// The Pay button's text; "Pay" and the formatted amount by default (`Pay $25.00`).
    pub submit_label: Option<String>,
    /// Elements locale.
    pub locale: Option<String>,
    /// Elements appearance.
    pub appearance: Option<Appearance>,
    /// Where Stripe.js is loaded from, and `Stripe()`'s options (Connect account, locale).
    pub loader: LoaderOptions,
    /// `Payment` (charge `amount`) or `Setup` (save a payment method; `amount` is ignored).
    pub mode: Mode,
    /// Save the payment method while paying (`setupFutureUsage`; the server copies it from
    /// the token onto the PaymentIntent).
    pub setup_future_usage: Option<SetupFutureUsage>,
    /// Connect: Elements `onBehalfOf`.
    pub on_behalf_of: Option<String>,
    /// Shows the Link Authentication Element (email) with these options.
    pub email: Option<LinkAuthenticationOptions>,
    /// Shows the Express Checkout Element (wallet buttons) above the form with these options.
    pub express: Option<ExpressCheckoutOptions>,
    /// A shipping address was picked in the wallet sheet: the rates and total for it (`None`
    /// refuses it). By default every address is accepted.
    pub on_shipping_address_change:
        Option<Callback<ShippingAddressChangeEvent, Option<ShippingChange>>>,
    /// Payment Element options (`read_only` is the form's).
    pub payment_element: PaymentElementOptions,
    /// Address Element options.
    pub address_element: AddressElementOptions,
}

impl CheckoutConfig {
    /// A config with the required fields and the defaults of everything else.
    pub fn new(
        publishable_key: impl Into<String>,
        amount: impl Into<Signal<u64>>,
        currency: impl Into<String>,
        endpoint: impl Into<String>,
        return_url: impl Into<String>,
    ) -> Self {
        Self {
            publishable_key: publishable_key.into(),
            amount: amount.into(),
            currency: currency.into().to_ascii_lowercase(),
            endpoint: endpoint.into(),
            return_url: return_url.into(),
            shipping: None,
            billing_details: None,
            request: Signal::default(),
            timeout_ms: 30_000,
            redirect: true,
            submit_label: None,
            locale: None,
            appearance: None,
            loader: LoaderOptions::default(),
            mode: Mode::Payment,
            setup_future_usage: None,
            on_behalf_of: None,
            email: None,
            express: None,
            on_shipping_address_change: None,
            payment_element: PaymentElementOptions::default(),
            address_element: AddressElementOptions::default(),
        }
    }

    /// What paying needs from this config, for [`use_checkout`](fn@super::use_checkout)
    /// (every field named, so that a new one cannot be forgotten here).
    fn checkout_options(&self) -> UseCheckoutOptions {
        let Self {
            publishable_key: _,
            amount: _,
            currency: _,
            endpoint,
            return_url,
            shipping,
            billing_details,
            request,
            timeout_ms,
            redirect,
            submit_label: _,
            locale: _,
            appearance: _,
            loader: _,
            mode: _,
            setup_future_usage: _,
            on_behalf_of: _,
            email: _,
            express: _,
            on_shipping_address_change: _,
            payment_element: _,
            address_element: _,
        } = self;
        UseCheckoutOptions {
            endpoint: endpoint.clone(),
            return_url: return_url.clone(),
            shipping: shipping.clone(),
            billing_details: billing_details.clone(),
            request: *request,
            timeout_ms: *timeout_ms,
            redirect: *redirect,
            on_event: None,
        }
    }

    /// Whether the form collects a shipping address: a payment with no shipping given.
    pub fn collects_address(&self) -> bool {
        self.shipping.is_none() && self.mode != Mode::Setup
    }

    fn elements_options(&self, amount: u64) -> ElementsOptions {
        ElementsOptions {
            mode: self.mode,
            amount: (self.mode != Mode::Setup).then_some(amount),
            appearance: self.appearance.clone(),
            locale: self.locale.clone(),
            setup_future_usage: self.setup_future_usage,
            on_behalf_of: self.on_behalf_of.clone(),
            ..ElementsOptions::payment(amount, &self.currency)
        }
    }
}

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

/// The complete checkout: Address Element (unless shipping is given), Payment Element, a Pay
/// button, and the flow behind it.
#[component]
pub fn Checkout(
    /// What to charge and where to send the token.
    config: CheckoutConfig,
    /// Every state change, readiness, completeness change, success and failure.
    #[prop(optional, into)]
    on_event: Option<Callback<CheckoutEvent>>,
) -> impl IntoView {
    let alert = NodeRef::<P>::new();
    // Every failure moves focus to the alert (once it shows), then the page hears of it.
    let on_event = Callback::new(move |event: CheckoutEvent| {
        if matches!(event, CheckoutEvent::Error(_)) {
            spawn_local(async move {
                leptos::task::tick().await;
                if let Some(alert) = alert.try_get_untracked().flatten() {
                    let _ = alert.focus();
                }
            });
        }
        if let Some(cb) = on_event {
            cb.try_run(event);
        }
    });
    // Made here, before the provider has loaded, so that a loading failure has somewhere to go;
    // the form below runs the pay flow over it with `use_checkout`.
    let flow = Flow::new(CheckoutState::Loading, Some(on_event));
    let amount = config.amount;
    // Shared, not cloned: the form, its Pay handler and every payment read the same config.
    let config = Arc::new(config);
    let options = {
        let config = Arc::clone(&config);
        Signal::derive(move || config.elements_options(amount.get()))
    };
    let provider_error = Callback::new(move |e: Error| {
        let Some(state) = flow.state() else {
            return;
        };
        if state == CheckoutState::Loading {
            // Nothing else will show: Stripe.js did not load, or the key was refused.
            let failure = CheckoutFailure::new(e.to_string(), "unavailable", None);
            flow.fail(failure, CheckoutState::Unavailable);
        } else {
            flow.fail(CheckoutFailure::from_stripe(e), state);
        }
    });
    view! {
        <StripeProvider
            stripe=config.publishable_key.clone()
            options=options
            loader=config.loader.clone()
            on_error=provider_error
            fallback=|| view! { <p class="stripe-checkout-loading">"Loading the payment form…"</p> }
        >
            <CheckoutForm config=Arc::clone(&config) flow=flow alert=alert />
        </StripeProvider>
    }
}

/// Where each element of the form stands, indexed by [`PAYMENT`], [`ADDRESS`] and [`EMAIL`].
#[derive(Clone, Copy)]
struct Parts {
    ready: [bool; 3],
    complete: [bool; 3],
}

const PAYMENT: usize = 0;
const ADDRESS: usize = 1;
const EMAIL: usize = 2;

/// The form over [`use_checkout`](fn@super::use_checkout): the hook pays; the form adds
/// readiness, completeness and the element failures.
#[component]
fn CheckoutForm(config: Arc<CheckoutConfig>, flow: Flow, alert: NodeRef<P>) -> impl IntoView {
    let checkout = use_flow(config.checkout_options(), flow);
    let UseCheckout {
        pay,
        state,
        failure,
        success,
        ..
    } = checkout;
    let collect_address = config.collects_address();
    let collect_email = config.email.clone();
    // Whether each element is ready and complete: [Payment, Address, Link Authentication].
    let absent = [false, !collect_address, collect_email.is_none()];
    let parts = StoredValue::new(Parts {
        ready: absent,
        complete: absent,
    });
    // Each element reports ready once; the form is ready when both have (no Effect needed).
    let on_ready = move |part: usize| {
        Callback::new(move |_| {
            let all = parts.try_update_value(|p| {
                if let Some(ready) = p.ready.get_mut(part) {
                    *ready = true;
                }
                p.ready == [true; 3]
            });
            if all == Some(true) && flow.state() == Some(CheckoutState::Loading) {
                flow.enter(CheckoutState::Ready);
                flow.emit(CheckoutEvent::Ready);
            }
        })
    };
    // Every element change reports whether the whole form (both elements) is complete.
    let on_change = move |part: usize| {
        Callback::new(move |e: ChangeEvent| {
            let all = parts.try_update_value(|p| {
                if let Some(complete) = p.complete.get_mut(part) {
                    *complete = e.complete;
                }
                p.complete == [true; 3]
            });
            flow.emit(CheckoutEvent::Change {
                complete: all == Some(true),
            });
        })
    };
    let load_error = Callback::new(move |e: LoadErrorEvent| {
        let message = format!(
            "The payment form could not be loaded: {}",
            e.error
                .message
                .as_deref()
                .unwrap_or("Stripe reported an error")
        );
        flow.fail(
            CheckoutFailure::new(message, e.error.kind.as_str(), e.error.code),
            CheckoutState::Unavailable,
        );
    });
    let element_error = Callback::new(move |e: Error| {
        flow.fail(CheckoutFailure::from_stripe(e), CheckoutState::Unavailable);
    });
    let payment_options = {
        let options = config.payment_element.clone();
        Signal::derive(move || PaymentElementOptions {
            read_only: checkout.busy(),
            ..options.clone()
        })
    };
    let express = config.express.clone().map(|options| {
        // Nothing is shown when no wallet is available: the wrapper hides too.
        let available = RwSignal::new(false);
        let on_ready = Callback::new(move |e: ExpressReadyEvent| {
            available.set(e.available_payment_methods.is_some_and(|m| m.any()));
        });
        let shop = config.on_shipping_address_change;
        let on_change = Callback::new(move |e| match shop {
            Some(cb) => cb.try_run(e).flatten(),
            None => Some(ShippingChange::default()),
        });
        view! {
            <div class="stripe-checkout-express" hidden=move || !available.get()>
                <ExpressCheckoutElement
                    checkout=checkout
                    options=options
                    on_ready=on_ready
                    on_shipping_address_change=on_change
                    on_error=element_error
                />
            </div>
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        pay.try_run(());
    };

    let label = {
        let (currency, locale, custom) = (
            config.currency.clone(),
            config.locale.clone(),
            config.submit_label.clone(),
        );
        let (amount, setup) = (config.amount, config.mode == Mode::Setup);
        move || {
            custom.clone().unwrap_or_else(|| match setup {
                true => "Save card".to_owned(),
                false => pay_label(amount.get(), &currency, locale.as_deref()),
            })
        }
    };
    let address_options = config.address_element.clone();

    view! {
        <form
            class="stripe-checkout"
            novalidate
            on:submit=submit
            aria-busy=move || checkout.busy().to_string()
        >
            {express}
            {collect_email
                .map(|options| {
                    view! {
                        <LinkAuthenticationElement
                            options=options
                            on_ready=on_ready(EMAIL)
                            on_change=on_change(EMAIL)
                            on_load_error=load_error
                            on_error=element_error
                        />
                    }
                })}
            {collect_address
                .then(|| {
                    view! {
                        <AddressElement
                            options=address_options
                            on_ready=on_ready(ADDRESS)
                            on_change=on_change(ADDRESS)
                            on_load_error=load_error
                            on_error=element_error
                        />
                    }
                })}
            <PaymentElement
                options=payment_options
                on_ready=on_ready(PAYMENT)
                on_change=on_change(PAYMENT)
                on_load_error=load_error
                on_error=element_error
            />
            <button type="submit" disabled=move || !state.get().can_pay()>
                {label}
            </button>
            <p class="stripe-checkout-error" role="alert" tabindex="-1" node_ref=alert>
                {move || failure.with(|f| f.as_ref().map(|f| f.message.clone()).unwrap_or_default())}
            </p>
            <p class="stripe-checkout-success" role="status">
                {move || success.with(|s| s.as_ref().map_or("", success_message))}
            </p>
        </form>
    }
}

/// What the form says after a payment (or a setup) went through.
fn success_message(success: &PaymentSuccess) -> &'static str {
    match (success.client_secret.kind(), success.status) {
        (IntentKind::Setup, _) => "Thank you! Your card was saved.",
        (_, PaymentIntentStatus::Processing) => {
            "Thank you! Your payment is processing; you'll get a confirmation soon."
        }
        _ => "Thank you! Your payment was successful.",
    }
}
