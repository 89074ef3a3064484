//! The pay flow: the checkout's state machine ([`CheckoutState`], [`CheckoutEvent`]) and the
//! orchestration of one payment — submit, token, POST, next action, outcome — with the retry
//! state that re-sends the same token after an ambiguous failure.

use leptos::prelude::*;

use super::checkout::RequestExtras;
use super::failure::CheckoutFailure;
use super::format::return_url_with_result;
use super::use_checkout::UseCheckoutOptions;
use crate::backend::{post_token, random_key, Answer, NoAnswer, PostError, TokenPost};
use crate::stripe::{
    ClientSecret, ConfirmationTokenParams, ElementType, Elements, Error, PaymentIntentStatus,
    PaymentMethodData, Shipping, Stripe,
};

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

    pub(super) fn can_pay(self) -> bool {
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

/// A token and its key, kept after a POST that got no answer, so the next Pay re-sends them.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    token_id: String,
    idempotency_key: String,
    email: Option<String>,
}

/// Something that happened in a checkout, as reported to [`Checkout`](super::Checkout)'s `on_event`.
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
pub(super) struct Flow {
    pub(super) state: RwSignal<CheckoutState>,
    pub(super) failure: RwSignal<Option<CheckoutFailure>>,
    pub(super) success: RwSignal<Option<PaymentSuccess>>,
    pub(super) pending: StoredValue<Option<Pending>>,
    pub(super) on_event: Option<Callback<CheckoutEvent>>,
}

// Every method is safe after the checkout was unmounted (a payment in flight finishes after its
// host left the page): the `try_` accessors turn a disposed signal or callback into a no-op.
impl Flow {
    /// A flow starting in `state`, reporting to `on_event`.
    pub(super) fn new(state: CheckoutState, on_event: Option<Callback<CheckoutEvent>>) -> Self {
        Self {
            state: RwSignal::new(state),
            failure: RwSignal::new(None),
            success: RwSignal::new(None),
            pending: StoredValue::new(None),
            on_event,
        }
    }

    /// The current state; `None` once the checkout is unmounted.
    pub(super) fn state(&self) -> Option<CheckoutState> {
        self.state.try_get_untracked()
    }

    pub(super) fn emit(&self, event: CheckoutEvent) {
        if let Some(cb) = self.on_event {
            cb.try_run(event);
        }
    }

    pub(super) fn enter(&self, state: CheckoutState) {
        if self.state().is_some_and(|s| s != state) {
            self.state.set(state);
            self.emit(CheckoutEvent::State(state));
        }
    }

    pub(super) fn fail(&self, failure: CheckoutFailure, state: CheckoutState) {
        self.failure.set(Some(failure.clone()));
        self.enter(state);
        self.emit(CheckoutEvent::Error(failure));
    }
}

/// What one press of Pay works with, read from the arena in the click.
pub(super) struct PayInputs {
    pub(super) stripe: Stripe,
    pub(super) elements: Elements,
    pub(super) request: RequestExtras,
    pub(super) pending: Option<Pending>,
    /// The email of the Link Authentication Element or the wallet sheet.
    pub(super) email: Option<String>,
    /// The wallet sheet's shipping (an express payment); else the page's or the form's.
    pub(super) shipping: Option<Shipping>,
}

/// Steps 1–4 of the flow: submit, token, POST, next action.
pub(super) async fn pay(
    config: &UseCheckoutOptions,
    PayInputs {
        stripe,
        elements,
        request,
        pending,
        email,
        shipping,
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
            let shipping = match shipping.or_else(|| config.shipping.clone()) {
                Some(shipping) => Some(shipping),
                None => shipping_from_address_element(&elements).await?,
            };
            let mut billing_details = config.billing_details.clone();
            if let Some(email) = &email {
                billing_details.get_or_insert_with(Default::default).email = Some(email.clone());
            }
            let params = ConfirmationTokenParams {
                payment_method_data: billing_details.map(|b| PaymentMethodData {
                    billing_details: Some(b),
                }),
                shipping,
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
                email,
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
        extra_body: body.as_ref(),
        email: attempt.email.as_deref(),
        timeout_ms: config.timeout_ms,
    })
    .await
    .map_err(|e| match e {
        // The token was not sent; it stays pending, so a fixed request sends this one.
        PostError::NotSent(detail) => CheckoutFailure::misconfigured(&detail),
        PostError::NoAnswer(no_answer) => {
            let kind = match no_answer {
                NoAnswer::Unusable(_) => "backend_error",
                _ => "network_error",
            };
            CheckoutFailure::new(no_answer.to_string(), kind, None)
        }
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
        status = intent.status();
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
        intent_id: client_secret.intent_id().to_owned(),
        client_secret,
    })
}

/// The shipping the Address Element collected; `None` when the form has no Address Element.
async fn shipping_from_address_element(
    elements: &Elements,
) -> Result<Option<Shipping>, CheckoutFailure> {
    let Some(element) = elements
        .get_element(ElementType::Address)
        .map_err(CheckoutFailure::from_stripe)?
    else {
        return Ok(None);
    };
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
    Ok(Some(Shipping {
        name: result.value.name,
        address: result.value.address,
        phone: result.value.phone,
    }))
}

/// Step 5: the success event, then the redirect Stripe itself would make.
pub(super) fn succeed(config: &UseCheckoutOptions, flow: Flow, success: PaymentSuccess) {
    flow.success.set(Some(success.clone()));
    flow.enter(CheckoutState::Succeeded);
    flow.emit(CheckoutEvent::Success(success.clone()));
    if config.redirect {
        if let Some(url) = return_url_with_result(&config.return_url, &success) {
            let _ = web_sys::window().map(|w| w.location().assign(&url));
        }
    }
}
