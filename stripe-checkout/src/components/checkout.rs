//! `Checkout`: the ready-made form over [`use_checkout`](fn@super::use_checkout) — Address
//! Element (unless shipping is given), Payment Element, a Pay button and the alert — and the
//! config it is built from.

use std::sync::Arc;

use leptos::html::P;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::SubmitEvent;

#[cfg(feature = "email")]
use super::element::LinkAuthenticationElement;
use super::element::{CheckoutAddressElement, CheckoutPaymentElement};
use super::express::ShippingChange;
#[cfg(feature = "express")]
use super::express::{fixed_express_element, Handlers};
use super::format::pay_label;
use super::provider::StripeProvider;
use super::use_checkout::{use_checkout_on, CheckoutHost, UseCheckout, UseCheckoutOptions};
use crate::messages;
use crate::pay::{
    CheckoutEvent, CheckoutFailure, CheckoutState, Event, FailureKind, Host, PaymentSuccess,
};
#[cfg(feature = "express")]
use crate::stripe::ExpressReadyEvent;
use crate::stripe::{
    AddressElementOptions, Appearance, ChangeComplete, ElementRef, ElementsOptions, Error,
    ExpressCheckoutOptions, IntentKind, LinkAuthenticationOptions, LoadErrorEvent, LoaderOptions,
    Mode, PaymentElementOptions, PaymentIntentStatus, SetupFutureUsage, ShippingAddressChangeEvent,
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
    /// How to pay: the endpoint, the return URL, shipping (`None` shows an Address Element
    /// that collects it, for payments: saving a card in setup mode asks for no address),
    /// billing details, the request's extras, the timeout and the redirect.
    pub checkout: UseCheckoutOptions,
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
    /// Shows the Link Authentication Element (email) with these options. Needs the crate's
    /// `email` feature (on by default): without it the form has no email field, and says so on
    /// the console.
    pub email: Option<LinkAuthenticationOptions>,
    /// Shows the Express Checkout Element (wallet buttons) above the form with these options.
    /// Needs the crate's `express` feature (on by default): without it the form shows no wallet
    /// buttons, and says so on the console.
    pub express: Option<ExpressCheckoutOptions>,
    /// A shipping address was picked in the wallet sheet: the rates and total for it (`None`
    /// refuses it). By default every address is accepted.
    pub on_shipping_address_change:
        Option<Callback<ShippingAddressChangeEvent, Option<ShippingChange>>>,
    /// Payment Element options (`read_only` is the form's).
    pub payment_element: PaymentElementOptions,
    /// Address Element options.
    pub address_element: AddressElementOptions,
    /// A returning customer's saved cards: the `client_secret` (`cuss_secret_…`) of a
    /// CustomerSession the shop's server made for its signed-in customer (Elements'
    /// `customerSessionClientSecret`). If they cannot load (expired session, customer gone),
    /// the form is made again without them and says so: the customer types a card.
    ///
    /// ```no_run
    /// use leptos::prelude::*;
    /// use stripe_checkout::components::{Checkout, CheckoutConfig};
    ///
    /// #[component]
    /// fn ReturningCustomer(session_secret: String) -> impl IntoView {
    ///     let config = CheckoutConfig {
    ///         // Made by the shop's server (`POST /v1/customer_sessions`) for its signed-in
    ///         // customer, never for a customer the browser names.
    ///         customer_session_client_secret: Some(session_secret),
    ///         ..CheckoutConfig::new("pk_test_…", 2500, "usd", "/create-confirm-intent", "https://shop.example/thanks")
    ///     };
    ///     view! { <Checkout config /> }
    /// }
    /// ```
    pub customer_session_client_secret: Option<String>,
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
            checkout: UseCheckoutOptions::new(endpoint, return_url),
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
            customer_session_client_secret: None,
        }
    }

    /// Whether the form collects a shipping address: a payment with no shipping given.
    pub fn collects_address(&self) -> bool {
        self.checkout.pay.shipping.is_none() && self.mode != Mode::Setup
    }

    /// The Elements options; `saved_cards` false leaves the CustomerSession out.
    fn elements_options(&self, amount: u64, saved_cards: bool) -> ElementsOptions {
        ElementsOptions {
            customer_session_client_secret: self
                .customer_session_client_secret
                .clone()
                .filter(|_| saved_cards),
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
    let config_on_event = config.checkout.on_event;
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
            cb.try_run(event.clone());
        }
        if let Some(cb) = config_on_event {
            cb.try_run(event);
        }
    });
    // Made here, before the provider has loaded, so that a loading failure has somewhere to go;
    // the form below runs the pay flow over it with `use_checkout`.
    let checkout = CheckoutHost::new(CheckoutState::Loading, Some(on_event));
    let amount = config.amount;
    // Set when the saved cards could not be loaded: the form is made again without them.
    let saved_failed = RwSignal::new(false);
    // Shared, not cloned: the form, its Pay handler and every payment read the same config.
    let config = Arc::new(config);
    let options = {
        let config = Arc::clone(&config);
        // Dropping the CustomerSession makes the provider create a new Elements group.
        Signal::derive(move || config.elements_options(amount.get(), !saved_failed.get()))
    };
    let provider_error = Callback::new(move |e: Error| {
        let event = match checkout.state() {
            // Nothing else will show: Stripe.js did not load, or the key was refused.
            Some(CheckoutState::Loading) => Event::Broken(CheckoutFailure::new(
                e.message(),
                FailureKind::Unavailable,
                None,
            )),
            _ => Event::Refused(CheckoutFailure::from_stripe(e)),
        };
        checkout.apply(event);
    });
    let saved = config
        .customer_session_client_secret
        .is_some()
        .then_some(saved_failed);
    view! {
        <StripeProvider
            stripe=config.publishable_key.clone()
            options=options
            loader=config.loader.clone()
            on_error=provider_error
            fallback=|| view! { <p class="stripe-checkout-loading">{messages::LOADING_FORM}</p> }
        >
            <CheckoutForm config=Arc::clone(&config) checkout=checkout alert=alert saved=saved />
        </StripeProvider>
    }
}

/// Where one element of the form stands. An element the form does not show counts as ready and
/// complete.
#[derive(Clone, Copy)]
struct Part {
    ready: bool,
    complete: bool,
}

impl Part {
    fn new(shown: bool) -> Self {
        Self {
            ready: !shown,
            complete: !shown,
        }
    }
}

/// Where each element of the form stands.
#[derive(Clone, Copy)]
struct Parts {
    payment: Part,
    address: Part,
    email: Part,
}

impl Parts {
    fn all(&self, is: impl Fn(&Part) -> bool) -> bool {
        [self.payment, self.address, self.email].iter().all(is)
    }
}

/// Picks one element's [`Part`].
type Which = fn(&mut Parts) -> &mut Part;

/// The form over [`use_checkout`](fn@super::use_checkout): the hook pays; the form adds
/// readiness, completeness and the element failures.
#[component]
fn CheckoutForm(
    config: Arc<CheckoutConfig>,
    checkout: CheckoutHost,
    alert: NodeRef<P>,
    /// With a CustomerSession: set when the saved cards cannot load (the form is then made
    /// again, without them, and says so).
    saved: Option<RwSignal<bool>>,
) -> impl IntoView {
    let fell_back = saved.is_some_and(|s| s.get_untracked());
    let saved = saved.filter(|_| !fell_back);
    let hook = use_checkout_on(config.checkout.clone(), checkout);
    let UseCheckout {
        pay,
        confirm_express,
        state,
        failure,
        success,
        ..
    } = hook;
    #[cfg(not(feature = "express"))]
    let _ = confirm_express;
    let collect_address = config.collects_address();
    let collect_email = config.email.clone();
    #[cfg(not(feature = "email"))]
    let collect_email = left_out(collect_email, "email");
    let parts = StoredValue::new(Parts {
        payment: Part::new(true),
        address: Part::new(collect_address),
        email: Part::new(collect_email.is_some()),
    });
    // Each element reports ready once; the form is ready when all have (no Effect needed).
    let on_ready = move |which: Which| {
        Callback::new(move |_: ElementRef| {
            let all = parts.try_update_value(|p| {
                which(p).ready = true;
                p.all(|part| part.ready)
            });
            if all == Some(true) {
                checkout.apply(Event::Ready);
            }
        })
    };
    // Every element change reports whether the whole form (every element) is complete.
    let on_change = move |which: Which| {
        move |complete: bool| {
            let all = parts.try_update_value(|p| {
                which(p).complete = complete;
                p.all(|part| part.complete)
            });
            checkout.report(CheckoutEvent::Change {
                complete: all == Some(true),
            });
        }
    };
    let load_error = Callback::new(move |e: LoadErrorEvent| {
        // With a CustomerSession, the saved cards are what failed to load (an expired session,
        // a deleted customer): the form is made again without them. Effects run later, so the
        // element whose listener runs now is not destroyed under it.
        if let Some(saved) = saved {
            crate::log::error(e.error.message.as_deref().unwrap_or("loaderror"));
            saved.try_set(true);
            return;
        }
        let mut message = String::from(messages::FORM_NOT_LOADED);
        message.push_str(
            e.error
                .message
                .as_deref()
                .unwrap_or("Stripe reported an error"),
        );
        let failure =
            CheckoutFailure::new(message, FailureKind::Stripe(e.error.kind), e.error.code);
        checkout.apply(Event::Broken(failure));
    });
    let element_error = Callback::new(move |e: Error| {
        checkout.apply(Event::Broken(CheckoutFailure::from_stripe(e)));
    });
    let payment_options = {
        let options = config.payment_element.clone();
        Signal::derive(move || PaymentElementOptions {
            read_only: hook.locked(),
            ..options.clone()
        })
    };
    #[cfg(not(feature = "express"))]
    let express = left_out(config.express.clone(), "express").map(|_| ());
    #[cfg(feature = "express")]
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
        // The options are a plain value: the element is mounted without the update code.
        let handlers = Handlers {
            on_ready: Some(on_ready),
            on_shipping_address_change: Some(on_change),
            on_error: Some(element_error),
            ..Handlers::new(confirm_express)
        };
        view! {
            <div class="stripe-checkout-express" hidden=move || !available.get()>
                {fixed_express_element(options, handlers)}
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
                true => messages::SAVE_CARD.to_owned(),
                false => pay_label(amount.get(), &currency, locale.as_deref()),
            })
        }
    };
    let address_options = config.address_element.clone();
    #[cfg(feature = "email")]
    let email = collect_email.map(|options| {
        view! {
            <LinkAuthenticationElement
                options=options
                on_ready=on_ready(|p| &mut p.email)
                on_change=changed(|e: &crate::stripe::LinkAuthenticationChangeEvent| e.complete, on_change(|p| &mut p.email))
                on_load_error=load_error
                on_error=element_error
            />
        }
    });
    #[cfg(not(feature = "email"))]
    let email = collect_email.map(|_| ());

    view! {
        <form
            class="stripe-checkout"
            novalidate
            on:submit=submit
            aria-busy=move || if hook.busy() { "true" } else { "false" }
        >
            <p class="stripe-checkout-notice" role=fell_back.then_some("status") hidden=!fell_back>
                {messages::SAVED_CARDS_UNAVAILABLE}
            </p>
            {express}
            {email}
            {collect_address
                .then(|| {
                    view! {
                        <CheckoutAddressElement
                            options=address_options
                            on_ready=on_ready(|p| &mut p.address)
                            on_change=changed(|e: &ChangeComplete| e.complete, on_change(|p| &mut p.address))
                            on_load_error=load_error
                            on_error=element_error
                        />
                    }
                })}
            <CheckoutPaymentElement
                options=payment_options
                on_ready=on_ready(|p| &mut p.payment)
                on_change=changed(|e: &ChangeComplete| e.complete, on_change(|p| &mut p.payment))
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

/// A `change` callback reporting whether its element is complete, whatever its payload.
fn changed<E: 'static>(
    complete: fn(&E) -> bool,
    report: impl Fn(bool) + Send + Sync + 'static,
) -> Callback<E> {
    Callback::new(move |e: E| report(complete(&e)))
}

/// A part of the config (`CheckoutConfig.<name>`) whose feature (of the same name) is off:
/// `None`, and the developer hears of it on the console rather than finding it silently missing.
#[cfg(not(all(feature = "express", feature = "email")))]
fn left_out<T>(part: Option<T>, name: &str) -> Option<T> {
    if part.is_some() {
        let mut message = String::from("stripe-checkout: CheckoutConfig.");
        message.push_str(name);
        message.push_str(" is left out: the crate was built without its `");
        message.push_str(name);
        message.push_str("` feature");
        crate::log::error(&message);
    }
    None
}

/// What the form says after a payment (or a setup) went through.
fn success_message(success: &PaymentSuccess) -> &'static str {
    match (success.client_secret.kind(), success.status) {
        (IntentKind::Setup, _) => messages::CARD_SAVED,
        (_, PaymentIntentStatus::Processing) => messages::PAID_PROCESSING,
        _ => messages::PAID,
    }
}
