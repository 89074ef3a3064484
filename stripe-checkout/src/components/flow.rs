//! `Checkout`: the whole pay flow from one config — submit, token, backend, next action.

use std::sync::Arc;

use leptos::html::P;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::SubmitEvent;

use super::element::{AddressElement, PaymentElement};
use super::provider::{StripeContext, StripeProvider};
use crate::backend::{post_token, random_key, Answer, NoAnswer, TokenPost};
use crate::stripe::{
    AddressElementOptions, Appearance, BillingDetails, ChangeEvent, ClientSecret,
    ConfirmationTokenParams, ElementType, Elements, ElementsOptions, Error, LoadErrorEvent,
    LoaderOptions, PaymentElementOptions, PaymentIntentStatus, PaymentMethodData, Shipping, Stripe,
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
    /// Shipping given by the page; `None` shows an Address Element that collects it.
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
    /// Where Stripe.js is loaded from.
    pub loader: LoaderOptions,
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
        }
    }

    fn elements_options(&self, amount: u64) -> ElementsOptions {
        ElementsOptions {
            appearance: self.appearance.clone(),
            locale: self.locale.clone(),
            ..ElementsOptions::payment(amount, &self.currency)
        }
    }
}

/// What the POST to the backend carries besides the token (one signal for both, so the wasm
/// holds one signal type instead of two).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestExtras {
    /// Extra request headers (e.g. a CSRF token).
    pub headers: Vec<(String, String)>,
    /// A JSON object merged into the POST body.
    pub body: Option<String>,
}

/// Where a checkout stands (the embed mirrors it in the host's `data-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutState {
    /// Stripe.js and the elements are loading.
    Loading,
    /// The form can take a payment.
    Ready,
    /// A payment is in flight.
    Processing,
    /// Paid.
    Succeeded,
    /// The last attempt failed; the form is usable again.
    Error,
    /// The checkout cannot work (bad configuration, Stripe.js did not load).
    Unavailable,
}

impl CheckoutState {
    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Loading => "loading",
            Self::Ready => "ready",
            Self::Processing => "processing",
            Self::Succeeded => "succeeded",
            Self::Error => "error",
            Self::Unavailable => "unavailable",
        }
    }

    fn can_pay(self) -> bool {
        matches!(self, Self::Ready | Self::Error)
    }
}

/// A finished payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSuccess {
    /// `succeeded`, `processing` or `requires_capture`.
    pub status: PaymentIntentStatus,
    /// The PaymentIntent id.
    pub payment_intent_id: String,
    /// Its client secret (for the return page).
    pub client_secret: ClientSecret,
}

/// A failed attempt, as shown to the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutFailure {
    /// The sentence shown in the alert.
    pub message: String,
    /// Stripe's error type, the backend's `error.type`, or our own kind
    /// (`network_error`, `backend_error`, `payment_failed`, `integration_error`).
    pub kind: String,
    /// Stripe's or the backend's code.
    pub code: Option<String>,
}

impl CheckoutFailure {
    fn new(message: String, kind: &str, code: Option<String>) -> Self {
        Self {
            message,
            kind: kind.to_owned(),
            code,
        }
    }

    /// From Stripe.js: its message for card and validation errors, a plain sentence otherwise.
    fn from_stripe(error: Error) -> Self {
        match error {
            Error::Stripe(e) => {
                let message = match (&e.message, e.kind.as_str()) {
                    (Some(m), _) if e.is_customer_facing() => m.clone(),
                    (_, "api_connection_error") => {
                        "We couldn't reach Stripe. Check your connection and try again.".into()
                    }
                    _ => "Your payment could not be processed. Please try again.".into(),
                };
                Self::new(message, e.kind.as_str(), e.code)
            }
            other => {
                web_sys::console::error_1(&other.to_string().into());
                Self::new(
                    "Something went wrong with this checkout. Please try again, or contact the shop.".into(),
                    "integration_error",
                    None,
                )
            }
        }
    }
}

/// A token and its key, kept after a POST that got no answer, so the next Pay re-sends them.
#[derive(Debug, Clone)]
struct Pending {
    token_id: String,
    idempotency_key: String,
}

/// Something that happened in a checkout, as reported to [`Checkout`]'s `on_event`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckoutEvent {
    /// The state changed (the checkout starts in `Loading`).
    State(CheckoutState),
    /// The form is ready for input.
    Ready,
    /// The customer typed.
    Change {
        /// Whether the whole form (every element) is complete.
        complete: bool,
    },
    /// The payment succeeded (reported before any redirect).
    Success(PaymentSuccess),
    /// An attempt failed, or the checkout became unavailable.
    Error(CheckoutFailure),
}

/// The state of one checkout, shared by its parts. `Copy`: everything lives in the arena.
#[derive(Clone, Copy)]
struct Flow {
    state: RwSignal<CheckoutState>,
    error: RwSignal<String>,
    success: RwSignal<String>,
    pending: StoredValue<Option<Pending>>,
    alert: NodeRef<P>,
    on_event: Option<Callback<CheckoutEvent>>,
}

// Every method is safe after the checkout was unmounted (a payment in flight finishes after its
// host left the page): the `try_` accessors turn a disposed signal or callback into a no-op.
impl Flow {
    /// The current state; `None` once the checkout is unmounted.
    fn state(&self) -> Option<CheckoutState> {
        self.state.try_get_untracked()
    }

    fn emit(&self, event: CheckoutEvent) {
        if let Some(cb) = self.on_event {
            cb.try_run(event);
        }
    }

    fn enter(&self, state: CheckoutState) {
        if self.state().is_some_and(|s| s != state) {
            self.state.set(state);
            self.emit(CheckoutEvent::State(state));
        }
    }

    fn fail(&self, failure: CheckoutFailure, state: CheckoutState) {
        self.error.set(failure.message.clone());
        self.enter(state);
        self.emit(CheckoutEvent::Error(failure));
        let alert = self.alert;
        spawn_local(async move {
            leptos::task::tick().await;
            if let Some(alert) = alert.try_get_untracked().flatten() {
                let _ = alert.focus();
            }
        });
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
    let flow = Flow {
        state: RwSignal::new(CheckoutState::Loading),
        error: RwSignal::new(String::new()),
        success: RwSignal::new(String::new()),
        pending: StoredValue::new(None),
        alert: NodeRef::new(),
        on_event,
    };
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
            publishable_key=config.publishable_key.clone()
            options=options
            loader=config.loader.clone()
            on_error=provider_error
            fallback=|| view! { <p class="stripe-checkout-loading">"Loading the payment form…"</p> }
        >
            <CheckoutForm config=Arc::clone(&config) flow=flow />
        </StripeProvider>
    }
}

/// Where each element of the form stands, indexed by [`PAYMENT`] and [`ADDRESS`].
#[derive(Clone, Copy)]
struct Parts {
    ready: [bool; 2],
    complete: [bool; 2],
}

const PAYMENT: usize = 0;
const ADDRESS: usize = 1;

#[component]
fn CheckoutForm(config: Arc<CheckoutConfig>, flow: Flow) -> Option<impl IntoView> {
    // Always inside `Checkout`'s provider; `None` (nothing rendered) rather than a panic path.
    let context = use_context::<StripeContext>()?;
    let collect_address = config.shipping.is_none();
    // Whether each element is ready and complete: [Payment Element, Address Element].
    let parts = StoredValue::new(Parts {
        ready: [false, !collect_address],
        complete: [false, !collect_address],
    });
    // Each element reports ready once; the form is ready when both have (no Effect needed).
    let on_ready = move |part: usize| {
        Callback::new(move |_| {
            let all = parts.try_update_value(|p| {
                if let Some(ready) = p.ready.get_mut(part) {
                    *ready = true;
                }
                p.ready == [true; 2]
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
                p.complete == [true; 2]
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
    let payment_options = Signal::derive(move || PaymentElementOptions {
        read_only: flow.state.get() == CheckoutState::Processing,
        ..Default::default()
    });

    let submit = {
        let config = Arc::clone(&config);
        move |ev: SubmitEvent| {
            ev.prevent_default();
            // `enter(Processing)` below is synchronous, so a second click in the same task
            // already finds the checkout busy.
            if !flow.state().is_some_and(CheckoutState::can_pay) {
                return;
            }
            // Everything the payment reads from the reactive arena is read now, in the click:
            // after an await the checkout may have been unmounted.
            let pending = flow.pending.get_value();
            let (stripe, elements) = (context.stripe(), context.elements());
            let request = config.request.get_untracked();
            // Stripe.js wants submit() first, inside the click: call it now, await it later.
            let submitted = pending.is_none().then(|| elements.submit());
            flow.error.set(String::new());
            flow.enter(CheckoutState::Processing);
            let config = Arc::clone(&config);
            spawn_local(async move {
                let inputs = PayInputs {
                    stripe,
                    elements,
                    request,
                    pending,
                };
                let outcome = pay(&config, inputs, flow, submitted).await;
                match outcome {
                    Ok(success) => succeed(&config, flow, success),
                    Err(failure) => flow.fail(failure, CheckoutState::Error),
                }
            });
        }
    };

    let label = {
        let (currency, locale, custom) = (
            config.currency.clone(),
            config.locale.clone(),
            config.submit_label.clone(),
        );
        let amount = config.amount;
        move || {
            custom
                .clone()
                .unwrap_or_else(|| pay_label(amount.get(), &currency, locale.as_deref()))
        }
    };

    Some(view! {
        <form
            class="stripe-checkout"
            novalidate
            on:submit=submit
            aria-busy=move || (flow.state.get() == CheckoutState::Processing).to_string()
        >
            {collect_address
                .then(|| {
                    view! {
                        <AddressElement
                            options=AddressElementOptions::default()
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
            <button type="submit" disabled=move || !flow.state.get().can_pay()>
                {label}
            </button>
            <p class="stripe-checkout-error" role="alert" tabindex="-1" node_ref=flow.alert>
                {move || flow.error.get()}
            </p>
            <p class="stripe-checkout-success" role="status">
                {move || flow.success.get()}
            </p>
        </form>
    })
}

/// What one press of Pay works with, read from the arena in the click.
struct PayInputs {
    stripe: Stripe,
    elements: Elements,
    request: RequestExtras,
    pending: Option<Pending>,
}

/// Steps 1–4 of the flow: submit, token, POST, next action.
async fn pay(
    config: &CheckoutConfig,
    PayInputs {
        stripe,
        elements,
        request,
        pending,
    }: PayInputs,
    flow: Flow,
    submitted: Option<impl std::future::Future<Output = Result<(), Error>>>,
) -> Result<PaymentSuccess, CheckoutFailure> {
    let attempt = match (pending, submitted) {
        (Some(pending), _) => pending,
        (None, submitted) => {
            if let Some(submitted) = submitted {
                submitted.await.map_err(CheckoutFailure::from_stripe)?;
            }
            let shipping = match &config.shipping {
                Some(shipping) => shipping.clone(),
                None => shipping_from_address_element(&elements).await?,
            };
            let params = ConfirmationTokenParams {
                payment_method_data: config.billing_details.clone().map(|b| PaymentMethodData {
                    billing_details: Some(b),
                }),
                shipping: Some(shipping),
                return_url: Some(config.return_url.clone()),
            };
            let token = stripe
                .create_confirmation_token(&elements, &params)
                .await
                .map_err(CheckoutFailure::from_stripe)?;
            let idempotency_key = random_key().ok_or_else(|| {
                CheckoutFailure::new(
                    "This browser cannot make a secure payment request.".into(),
                    "integration_error",
                    None,
                )
            })?;
            Pending {
                token_id: token.id,
                idempotency_key,
            }
        }
    };
    // Kept until the backend really answers: a retry must re-send this token, never a new one.
    flow.pending.set_value(Some(attempt.clone()));
    let RequestExtras { headers, body } = request;
    let answer = post_token(&TokenPost {
        endpoint: &config.endpoint,
        token_id: &attempt.token_id,
        idempotency_key: &attempt.idempotency_key,
        headers: &headers,
        extra_body: body.as_deref(),
        timeout_ms: config.timeout_ms,
    })
    .await
    .map_err(|no_answer| {
        let kind = match no_answer {
            NoAnswer::Unusable(_) => "backend_error",
            _ => "network_error",
        };
        CheckoutFailure::new(no_answer.to_string(), kind, None)
    })?;
    flow.pending.set_value(None);

    let (client_secret, mut status) = match answer {
        Answer::Intent {
            client_secret,
            status,
        } => (client_secret, status),
        Answer::Refused {
            message,
            kind,
            code,
        } => {
            let message = message.unwrap_or_else(|| {
                "The shop could not take this payment. Please try again.".into()
            });
            return Err(CheckoutFailure::new(
                message,
                kind.as_deref().unwrap_or("backend_error"),
                code,
            ));
        }
    };
    if status == PaymentIntentStatus::RequiresAction {
        let intent = stripe
            .handle_next_action(&client_secret)
            .await
            .map_err(CheckoutFailure::from_stripe)?;
        status = intent.status;
    }
    if !status.is_success() {
        return Err(CheckoutFailure::new(
            "Your payment was not completed. Please try again or use another payment method."
                .into(),
            "payment_failed",
            Some(status.as_str().into()),
        ));
    }
    Ok(PaymentSuccess {
        status,
        payment_intent_id: client_secret.payment_intent_id().to_owned(),
        client_secret,
    })
}

async fn shipping_from_address_element(
    elements: &crate::stripe::Elements,
) -> Result<Shipping, CheckoutFailure> {
    let element = elements
        .get_element(ElementType::Address)
        .map_err(CheckoutFailure::from_stripe)?
        .ok_or_else(|| CheckoutFailure::from_stripe(Error::Options("no Address Element".into())))?;
    let result = element
        .get_value()
        .await
        .map_err(CheckoutFailure::from_stripe)?;
    if !result.complete {
        return Err(CheckoutFailure::new(
            "Please complete your shipping address.".into(),
            "validation_error",
            Some("incomplete_address".into()),
        ));
    }
    Ok(Shipping {
        name: result.value.name,
        address: result.value.address,
        phone: result.value.phone,
    })
}

/// Step 5: the success event, then the redirect Stripe itself would make.
fn succeed(config: &CheckoutConfig, flow: Flow, success: PaymentSuccess) {
    flow.success.set(match success.status {
        PaymentIntentStatus::Processing => {
            "Thank you! Your payment is processing; you'll get a confirmation soon.".into()
        }
        _ => "Thank you! Your payment was successful.".into(),
    });
    flow.enter(CheckoutState::Succeeded);
    flow.emit(CheckoutEvent::Success(success.clone()));
    if config.redirect {
        if let Some(url) = return_url_with_result(&config.return_url, &success) {
            let _ = web_sys::window().map(|w| w.location().assign(&url));
        }
    }
}

/// `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status`
/// appended, as Stripe does after a redirect.
pub fn return_url_with_result(return_url: &str, success: &PaymentSuccess) -> Option<String> {
    let url = web_sys::Url::new(return_url).ok()?;
    let query = url.search_params();
    query.append("payment_intent", &success.payment_intent_id);
    query.append(
        "payment_intent_client_secret",
        success.client_secret.expose(),
    );
    query.append("redirect_status", "succeeded");
    Some(url.href())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.NumberFormat(locales, options)` (callable without `new`, as ECMA-402 specifies). It
    /// throws a `RangeError` on a bad locale or currency, so unlike js-sys's binding it is
    /// imported with `catch`.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = NumberFormat)]
    fn number_format(
        locales: &js_sys::Array,
        options: &js_sys::Object,
    ) -> Result<js_sys::Intl::NumberFormat, wasm_bindgen::JsValue>;
}

/// "Pay $25.00", formatted by the browser's `Intl` for the currency and locale; plain "Pay"
/// if `Intl` refuses them.
fn pay_label(amount: u64, currency: &str, locale: Option<&str>) -> String {
    use js_sys::{Array, Object, Reflect};
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = Reflect::set(&options, &"currency".into(), &currency.into());
    let locales = match locale {
        Some(l) if l != "auto" => Array::of1(&l.into()),
        _ => Array::new(),
    };
    let Ok(format) = number_format(&locales, &options) else {
        return "Pay".to_owned();
    };
    let digits = Reflect::get(&format.resolved_options(), &"maximumFractionDigits".into())
        .ok()
        .and_then(|d| d.as_f64())
        .unwrap_or(2.0);
    let major = amount as f64 / 10f64.powi(digits as i32);
    format
        .format()
        .call1(&format, &major.into())
        .ok()
        .and_then(|s| s.as_string())
        .map_or_else(|| "Pay".to_owned(), |s| format!("Pay {s}"))
}
