//! `use_checkout`: the pay flow as a hook — submit, token, POST, next action, outcome — for a
//! form of the shop's own around `<PaymentElement/>` (and `<AddressElement/>`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::checkout::RequestExtras;
use super::effect::console_error;
use super::failure::CheckoutFailure;
use super::flow::{pay, succeed, CheckoutEvent, CheckoutState, Flow, PayInputs, PaymentSuccess};
use super::provider::stripe_context;
use crate::stripe::{BillingDetails, ExpressConfirmEvent, PaymentFailedReason, Reply, Shipping};

/// What [`use_checkout`] needs to take a payment.
#[derive(Debug, Clone)]
pub struct UseCheckoutOptions {
    /// Where the ConfirmationToken id is POSTed.
    pub endpoint: String,
    /// Absolute URL the customer lands on after paying (and after redirect-based methods).
    pub return_url: String,
    /// Shipping given by the page; `None` reads it from the form's Address Element, if any.
    pub shipping: Option<Shipping>,
    /// Billing details sent as `payment_method_data.billing_details`.
    pub billing_details: Option<BillingDetails>,
    /// Extra headers and body fields of the POST, read when Pay is pressed.
    pub request: Signal<RequestExtras>,
    /// How long to wait for the backend, in milliseconds.
    pub timeout_ms: u32,
    /// Navigate to `return_url` after success.
    pub redirect: bool,
    /// Every state change, success and failure.
    pub on_event: Option<Callback<CheckoutEvent>>,
}

impl UseCheckoutOptions {
    /// Options with the required fields and the defaults of everything else (a 30 s timeout,
    /// a redirect after success).
    pub fn new(endpoint: impl Into<String>, return_url: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            return_url: return_url.into(),
            shipping: None,
            billing_details: None,
            request: Signal::default(),
            timeout_ms: 30_000,
            redirect: true,
            on_event: None,
        }
    }
}

/// What [`use_checkout`] returns. `Copy`: every field lives in the reactive arena.
#[derive(Debug, Clone, Copy)]
pub struct UseCheckout {
    /// Starts a payment; call it from the Pay button's `on:click` or the form's `on:submit`
    /// (`pay.run(())`). It does nothing while a payment is in flight or after success.
    pub pay: Callback<()>,
    /// Where the checkout stands: `Ready`, then `Processing`, `Succeeded` or `Error`
    /// (`Unavailable` outside a [`StripeProvider`](super::StripeProvider)).
    pub state: ReadSignal<CheckoutState>,
    /// The last failure, cleared when the next payment starts.
    pub failure: ReadSignal<Option<CheckoutFailure>>,
    /// The finished payment.
    pub success: ReadSignal<Option<PaymentSuccess>>,
    /// Pays with what the Express Checkout Element's sheet approved (its `confirm`).
    pub(super) express: Callback<Reply<ExpressConfirmEvent>>,
}

impl UseCheckout {
    /// Whether a payment is in flight (tracked: use it in a view or a derived signal, e.g. for
    /// the Payment Element's `read_only` or the button's `disabled`). A method rather than a
    /// `Signal<bool>` field: one more signal type costs the embed 0.8 kB.
    pub fn busy(&self) -> bool {
        self.state.get() == CheckoutState::Processing
    }
}

/// The pay flow of the nearest [`StripeProvider`](super::StripeProvider)'s elements: `pay`
/// calls `elements.submit()` at once (inside the click, as Stripe requires), creates a
/// ConfirmationToken, POSTs it with an `Idempotency-Key`, runs `handleNextAction` when asked,
/// and reports the outcome in `state`, `failure`, `success` and `on_event`. After an ambiguous
/// failure (no answer, a timeout, an unusable answer) the next `pay` re-sends the same token and
/// key, so the customer is never charged twice; after a decline it makes a new token.
///
/// The token carries the email of a [`LinkAuthenticationElement`](super::LinkAuthenticationElement)
/// (also sent as `email` in the POST), and an
/// [`ExpressCheckoutElement`](super::ExpressCheckoutElement) given this hook's result pays
/// through the same flow when its sheet is approved. With Elements in setup mode the same flow
/// saves a card: the backend answers a SetupIntent's secret.
///
/// Outside a provider the state is `Unavailable` and `failure` says why.
pub fn use_checkout(options: UseCheckoutOptions) -> UseCheckout {
    let flow = Flow::new(CheckoutState::Ready, options.on_event);
    use_flow(options, flow)
}

/// [`use_checkout`] over a flow made earlier (`Checkout` makes its own before the provider has
/// loaded, so that a loading failure has somewhere to go).
///
/// `pay` refuses while the state is not `Ready` or `Error`; otherwise it reads the arena, calls
/// `submit()` and enters `Processing` synchronously, inside the click (so a second click in the
/// same task finds the checkout busy), and spawns the rest of the payment as one local task.
/// That is what an `Action::new_local` would do here, without its input/value/version signals,
/// which nothing reads: they cost the embed 5.8 kB (brotli) for no behaviour.
pub(super) fn use_flow(options: UseCheckoutOptions, flow: Flow) -> UseCheckout {
    let context = match stripe_context("use_checkout") {
        Ok(context) => Some(context),
        Err(outside) => {
            let message = outside.to_string();
            console_error(&message);
            let failure = CheckoutFailure::new(message, "integration_error", None);
            flow.fail(failure, CheckoutState::Unavailable);
            None
        }
    };
    let request = options.request;
    // Shared, not cloned: every payment reads the same options.
    let options = Arc::new(options);
    // One press of Pay, or one `confirm` of the wallet sheet (whose failure is also reported to
    // the sheet, with `paymentFailed`, as Stripe's Express Checkout guide says).
    let begin = Arc::new(move |express: Option<Reply<ExpressConfirmEvent>>| {
        let refuse = |express: &Option<Reply<ExpressConfirmEvent>>| {
            if let Some(reply) = express {
                let _ = reply.payment_failed(PaymentFailedReason::Fail);
            }
        };
        let Some(context) = context else {
            return refuse(&express);
        };
        if !flow.state().is_some_and(CheckoutState::can_pay) {
            return refuse(&express);
        }
        // Everything the payment reads from the reactive arena is read now, in the click: after
        // an await the checkout may have been unmounted.
        let pending = flow.pending.get_value();
        let (stripe, elements) = (context.stripe(), context.elements());
        // Stripe.js wants submit() first, inside the click: call it now, await it later.
        let submitted = pending.is_none().then(|| elements.submit());
        let sheet = express.as_ref().map(|reply| &reply.event);
        let inputs = PayInputs {
            stripe,
            elements,
            request: request.get_untracked(),
            pending,
            email: sheet
                .and_then(|e| e.billing_details.as_ref()?.email.clone())
                .or_else(|| context.email()),
            shipping: sheet
                .and_then(|e| e.shipping_address.clone())
                .map(|s| Shipping {
                    name: s.name,
                    address: s.address,
                    phone: None,
                }),
        };
        flow.failure.set(None);
        flow.enter(CheckoutState::Processing);
        let options = Arc::clone(&options);
        spawn_local(async move {
            match pay(&options, inputs, flow, submitted).await {
                Ok(success) => succeed(&options, flow, success),
                Err(failure) => {
                    refuse(&express);
                    flow.fail(failure, CheckoutState::Error)
                }
            }
        });
    });
    let pay = {
        let begin = Arc::clone(&begin);
        Callback::new(move |()| begin(None))
    };
    let express = Callback::new(move |reply| begin(Some(reply)));
    let state = flow.state;
    UseCheckout {
        pay,
        state: state.read_only(),
        failure: flow.failure.read_only(),
        success: flow.success.read_only(),
        express,
    }
}
