//! `use_checkout`: the pay flow as a hook — submit, token, POST, next action, outcome — for a
//! form of the shop's own around `<PaymentElement/>` (and `<AddressElement/>`). The flow itself
//! is [`pay`](crate::pay); the hook keeps its [`Machine`] in the reactive arena and mirrors it
//! into signals.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::provider::stripe_context;
use crate::backend::RequestExtras;
use crate::pay::{
    self, Attempt, BrowserSteps, CheckoutEvent, CheckoutFailure, CheckoutState, Event, FailureKind,
    Machine, PayOptions, PaymentSuccess, PostOptions, Press,
};
use crate::stripe::{ExpressConfirmEvent, PaymentFailedReason, Reply, Shipping};

/// What [`use_checkout`] needs to take a payment.
#[derive(Debug, Clone)]
pub struct UseCheckoutOptions {
    /// Where the ConfirmationToken id is POSTed.
    pub endpoint: String,
    /// What goes into the token, where the customer lands, and whether they are sent there.
    pub pay: PayOptions,
    /// Extra headers and body fields of the POST, read when Pay is pressed.
    pub request: Signal<RequestExtras>,
    /// How long to wait for the backend, in milliseconds.
    pub timeout_ms: u32,
    /// Every state change, success and failure.
    pub on_event: Option<Callback<CheckoutEvent>>,
}

impl UseCheckoutOptions {
    /// Options with the required fields and the defaults of everything else (a 30 s timeout,
    /// a redirect after success).
    ///
    /// ```
    /// use stripe_checkout::components::UseCheckoutOptions;
    ///
    /// let mut options = UseCheckoutOptions::new("/create-confirm-intent", "https://shop.example/thanks");
    /// options.pay.redirect = false; // stay on the page; watch `state` instead
    /// options.timeout_ms = 10_000;
    /// ```
    pub fn new(endpoint: impl Into<String>, return_url: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            pay: PayOptions::new(return_url),
            request: Signal::default(),
            timeout_ms: 30_000,
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
    /// Pays with what the Express Checkout Element's sheet approved: give it to
    /// [`ExpressCheckoutElement`](super::ExpressCheckoutElement)'s `on_confirm`. A failure is
    /// reported to the sheet (`paymentFailed`) as well as in `state` and `failure`.
    pub confirm_express: Callback<Reply<ExpressConfirmEvent>>,
    /// Where the checkout stands: `Ready`, then `Processing`, `Succeeded` or `Error`
    /// (`Unavailable` outside a [`StripeProvider`](super::StripeProvider)).
    pub state: ReadSignal<CheckoutState>,
    /// The last failure, cleared when the next payment starts.
    pub failure: ReadSignal<Option<CheckoutFailure>>,
    /// The finished payment.
    pub success: ReadSignal<Option<PaymentSuccess>>,
    /// Whether the form is locked; read through [`locked`](Self::locked).
    lock: RwSignal<bool>,
}

impl UseCheckout {
    /// Whether a payment is in flight, from the press of Pay (tracked: use it in a view or a
    /// derived signal, e.g. for the button's `disabled`; the form's lock is
    /// [`locked`](Self::locked)). A method rather than a `Signal<bool>` field: one more signal
    /// type costs the embed 0.8 kB.
    pub fn busy(&self) -> bool {
        self.state.get() == CheckoutState::Processing
    }

    /// Whether the form should be read-only (tracked: give it to the Payment Element's
    /// `read_only`): a payment is in flight and its values are captured. It turns on once
    /// `createConfirmationToken` is called, a few milliseconds after Pay, so that the click does
    /// not pay for the lock, and off when the payment ends. A method for the same reason as
    /// [`busy`](Self::busy).
    pub fn locked(&self) -> bool {
        self.lock.get()
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
/// (also sent as `email` in the POST), and `confirm_express`, given to an
/// [`ExpressCheckoutElement`](super::ExpressCheckoutElement)'s `on_confirm`, pays through the
/// same flow when its sheet is approved. With Elements in setup mode the same flow saves a card:
/// the backend answers a SetupIntent's secret.
///
/// Not to be confused with Stripe's own `useCheckout` (Checkout Sessions): this is the
/// PaymentIntent + ConfirmationToken flow.
///
/// Outside a provider the state is `Unavailable` and `failure` says why.
pub fn use_checkout(options: UseCheckoutOptions) -> UseCheckout {
    let on_event = options.on_event;
    use_checkout_on(options, CheckoutHost::new(CheckoutState::Ready, on_event))
}

/// A checkout's [`Machine`] in the reactive arena, mirrored into the signals the view reads. The
/// [`pay::Host`] of the flow: every method is a no-op once the checkout is unmounted (a payment
/// in flight finishes after its host left the page).
#[derive(Clone, Copy)]
pub(super) struct CheckoutHost {
    machine: StoredValue<Machine>,
    state: RwSignal<CheckoutState>,
    locked: RwSignal<bool>,
    failure: RwSignal<Option<CheckoutFailure>>,
    success: RwSignal<Option<PaymentSuccess>>,
    on_event: Option<Callback<CheckoutEvent>>,
}

impl CheckoutHost {
    /// A checkout starting in `state`, reporting to `on_event`.
    pub(super) fn new(state: CheckoutState, on_event: Option<Callback<CheckoutEvent>>) -> Self {
        Self {
            machine: StoredValue::new(Machine::new(state)),
            state: RwSignal::new(state),
            locked: RwSignal::new(false),
            failure: RwSignal::new(None),
            success: RwSignal::new(None),
            on_event,
        }
    }

    /// The current state; `None` once the checkout is unmounted.
    pub(super) fn state(&self) -> Option<CheckoutState> {
        self.machine.try_with_value(|m| m.state)
    }

    /// Tells the page something the machine does not decide (the form's completeness).
    pub(super) fn report(&self, event: CheckoutEvent) {
        if let Some(cb) = self.on_event {
            cb.try_run(event);
        }
    }
}

impl pay::Host for CheckoutHost {
    fn pending(&self) -> Option<Attempt> {
        self.machine.try_with_value(|m| m.pending.clone()).flatten()
    }

    fn apply(&self, event: Event) -> bool {
        let Some(Ok(step)) = self.machine.try_with_value(|m| pay::next(m, event)) else {
            return false;
        };
        let to = step.machine;
        if self.state.try_get_untracked() != Some(to.state) {
            self.state.try_set(to.state);
        }
        if self.locked.try_get_untracked() != Some(to.locked) {
            self.locked.try_set(to.locked);
        }
        if self.failure.try_with_untracked(|f| *f != to.failure) == Some(true) {
            self.failure.try_set(to.failure.clone());
        }
        if self.success.try_with_untracked(|s| *s != to.success) == Some(true) {
            self.success.try_set(to.success.clone());
        }
        self.machine.try_set_value(to);
        for report in step.reports {
            self.report(report);
        }
        true
    }
}

/// [`use_checkout`] over a checkout made earlier (`Checkout` makes its own before the provider
/// has loaded, so that a loading failure has somewhere to go).
///
/// `pay` reads the arena in the click (after an await the checkout may be unmounted), and
/// [`pay::start`] calls `submit()` and enters `Processing` synchronously before the rest of the
/// payment is spawned as one local task: what an `Action::new_local` would do here, without its
/// input/value/version signals, which nothing reads (they cost the embed 5.8 kB brotli).
pub(super) fn use_checkout_on(options: UseCheckoutOptions, checkout: CheckoutHost) -> UseCheckout {
    let context = match stripe_context("use_checkout") {
        Ok(context) => Some(context),
        Err(outside) => {
            let message = outside.message();
            crate::log::error(&message);
            let failure = CheckoutFailure::new(message, FailureKind::Integration, None);
            pay::Host::apply(&checkout, Event::Broken(failure));
            None
        }
    };
    let UseCheckoutOptions {
        endpoint,
        pay: pay_options,
        request,
        timeout_ms,
        on_event: _,
    } = options;
    // One press of Pay, or one `confirm` of the wallet sheet (whose failure is also reported to
    // the sheet, with `paymentFailed`, as Stripe's Express Checkout guide says).
    let begin = move |express: Option<Reply<ExpressConfirmEvent>>| {
        let refuse = |express: &Option<Reply<ExpressConfirmEvent>>| {
            if let Some(reply) = express {
                let _ = reply.payment_failed(PaymentFailedReason::Fail);
            }
        };
        let Some(context) = context else {
            return refuse(&express);
        };
        let steps = BrowserSteps {
            stripe: context.stripe(),
            elements: context.elements(),
            post: PostOptions {
                endpoint: endpoint.clone(),
                request: request.get_untracked(),
                timeout_ms,
            },
        };
        let sheet = express.as_ref().map(|reply| &reply.event);
        let press = Press {
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
        match pay::start(steps, checkout, &pay_options, press) {
            Some(payment) => spawn_local(async move {
                if payment.await.is_err() {
                    refuse(&express);
                }
            }),
            None => refuse(&express),
        }
    };
    let pay = {
        let begin = begin.clone();
        Callback::new(move |()| begin(None))
    };
    let confirm_express = Callback::new(move |reply| begin(Some(reply)));
    UseCheckout {
        pay,
        confirm_express,
        state: checkout.state.read_only(),
        lock: checkout.locked,
        failure: checkout.failure.read_only(),
        success: checkout.success.read_only(),
    }
}
