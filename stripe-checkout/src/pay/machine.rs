//! A checkout's states, the events that move it, and [`next`], the one function that owns every
//! transition. Plain data: no Leptos, no Stripe.js, so `cargo test` runs it natively.

use super::failure::CheckoutFailure;
use crate::stripe::{ClientSecret, PaymentIntentStatus};

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

    /// Whether Pay may start a payment now (the Pay button is enabled).
    pub fn can_pay(self) -> bool {
        matches!(self, Self::Ready | Self::Error)
    }
}

/// A finished payment (or, in setup mode, a saved payment method).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSuccess {
    /// `succeeded`, `processing` or `requires_capture`.
    pub status: PaymentIntentStatus,
    /// The PaymentIntent id (`pi_…`), or the SetupIntent id (`seti_…`) in setup mode.
    pub intent_id: String,
    /// Its client secret (for the return page); its `kind()` tells a payment from a setup.
    pub client_secret: ClientSecret,
}

/// The ConfirmationToken of one attempt and the key it is POSTed under. Kept from the POST until
/// the backend really answers, so that a retry re-sends this token, never a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// `ctoken_…`.
    pub token_id: String,
    /// The POST's `Idempotency-Key`.
    pub idempotency_key: String,
    /// The customer's email, sent with the token.
    pub email: Option<String>,
}

/// Something that happened in a checkout, as reported to the page (`on_event`).
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

/// What moves a checkout from one state to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Every element of the form reported ready.
    Ready,
    /// The checkout cannot work: Stripe.js or an element did not load, or an element broke.
    Broken(CheckoutFailure),
    /// Stripe.js refused something outside a payment (an options update); the checkout works on.
    Refused(CheckoutFailure),
    /// The customer pressed Pay, or approved the wallet sheet.
    Pay,
    /// `createConfirmationToken` was called: the form's values are captured, so the form locks
    /// (read-only) until the payment ends. Applied before its promise is awaited.
    TokenRequested,
    /// A token is being POSTed under its key: from now on a retry re-sends this attempt.
    Posting(Attempt),
    /// The backend answered (whatever it said): the attempt's token is spent.
    Answered,
    /// The payment went through.
    Paid(PaymentSuccess),
    /// The attempt failed; the customer may change the card and pay again.
    Failed(CheckoutFailure),
}

impl Event {
    /// The event's name, for an [`Impossible`] transition.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Ready => "Ready",
            Self::Broken(_) => "Broken",
            Self::Refused(_) => "Refused",
            Self::Pay => "Pay",
            Self::TokenRequested => "TokenRequested",
            Self::Posting(_) => "Posting",
            Self::Answered => "Answered",
            Self::Paid(_) => "Paid",
            Self::Failed(_) => "Failed",
        }
    }
}

/// An event that cannot happen in the state it arrived in (a second Pay while one is in flight,
/// a payment's outcome after the checkout broke). The checkout stays as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a checkout in state {} cannot take the event {event}", state.as_str())]
pub struct Impossible {
    /// The state the checkout was in.
    pub state: CheckoutState,
    /// The event's name.
    pub event: &'static str,
}

/// Everything a checkout knows: its state, the last failure and success, and the attempt to
/// re-send after an ambiguous failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// Where it stands.
    pub state: CheckoutState,
    /// The last failure, cleared when the next payment starts.
    pub failure: Option<CheckoutFailure>,
    /// The finished payment.
    pub success: Option<PaymentSuccess>,
    /// The attempt POSTed without an answer: the next Pay re-sends it.
    pub pending: Option<Attempt>,
    /// The form is read-only: a payment is in flight and what it pays with is already captured
    /// (its token was asked for, or it re-sends a pending one), so an edit now would be lost.
    pub locked: bool,
}

impl Machine {
    /// A checkout in `state`, with nothing failed, paid or pending.
    pub fn new(state: CheckoutState) -> Self {
        Self {
            state,
            failure: None,
            success: None,
            pending: None,
            locked: false,
        }
    }
}

/// What [`next`] made of an event: the checkout after it, and what to tell the page, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The checkout after the event.
    pub machine: Machine,
    /// What the page hears of it (`on_event`, the embed's DOM events).
    pub reports: Vec<CheckoutEvent>,
}

/// The one place a checkout changes. An event that cannot happen in the current state is an
/// [`Impossible`] value, and the checkout is left as it was.
pub fn next(machine: &Machine, event: Event) -> Result<Transition, Impossible> {
    use CheckoutState::*;
    let mut to = machine.clone();
    let mut reports = Vec::new();
    let impossible = |event: &Event| Impossible {
        state: machine.state,
        event: event.name(),
    };
    match (machine.state, event) {
        (Loading, Event::Ready) => {
            to.state = Ready;
            reports.push(CheckoutEvent::State(Ready));
            reports.push(CheckoutEvent::Ready);
        }
        // A paid checkout stays paid, whatever breaks afterwards.
        (Succeeded, event @ (Event::Broken(_) | Event::Refused(_))) => {
            return Err(impossible(&event))
        }
        (state, Event::Broken(failure)) => {
            to.failure = Some(failure.clone());
            to.state = Unavailable;
            to.locked = false;
            if state != Unavailable {
                reports.push(CheckoutEvent::State(Unavailable));
            }
            reports.push(CheckoutEvent::Error(failure));
        }
        (_, Event::Refused(failure)) => {
            to.failure = Some(failure.clone());
            reports.push(CheckoutEvent::Error(failure));
        }
        (Ready | Error, Event::Pay) => {
            to.failure = None;
            to.state = Processing;
            // A re-send pays with a token made earlier: nothing is left to capture, lock now.
            // A new attempt locks once its token is asked for (`TokenRequested`), not in the
            // click: until then nothing is captured, and the click stays short.
            to.locked = to.pending.is_some();
            reports.push(CheckoutEvent::State(Processing));
        }
        (Processing, Event::TokenRequested) => to.locked = true,
        (Processing, Event::Posting(attempt)) => to.pending = Some(attempt),
        (Processing, Event::Answered) => to.pending = None,
        (Processing, Event::Paid(success)) => {
            to.success = Some(success.clone());
            to.state = Succeeded;
            to.locked = false;
            reports.push(CheckoutEvent::State(Succeeded));
            reports.push(CheckoutEvent::Success(success));
        }
        (Processing, Event::Failed(failure)) => {
            to.failure = Some(failure.clone());
            to.state = Error;
            to.locked = false;
            reports.push(CheckoutEvent::State(Error));
            reports.push(CheckoutEvent::Error(failure));
        }
        (_, event) => return Err(impossible(&event)),
    }
    Ok(Transition {
        machine: to,
        reports,
    })
}
