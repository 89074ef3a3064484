//! One payment, step by step: submit, token, POST, next action. The steps are behind
//! [`Steps`] (Stripe.js and `fetch` in the browser, a fake in `cargo test`), the checkout's
//! state behind [`Host`]; [`start`] runs them in order and feeds every outcome to the machine.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::task::Poll;

use super::failure::{CheckoutFailure, FailureKind};
use super::machine::{Attempt, Event, PaymentSuccess};
use crate::backend::{Answer, PostError};
use crate::messages;
use crate::stripe::{
    BillingDetails, ClientSecret, ConfirmationTokenParams, PaymentIntentStatus, PaymentMethodData,
    Shipping,
};

/// The steps of one payment, as Stripe.js and the shop's backend perform them.
pub trait Steps {
    /// `elements.submit()`. Called synchronously inside the click (Stripe.js requires it), so
    /// the returned future must already have started.
    fn submit(&self) -> impl Future<Output = Result<(), CheckoutFailure>> + use<Self>;
    /// The Address Element's value: `None` when the form has none, else whether it is complete
    /// and the shipping it holds.
    fn address(&self) -> impl Future<Output = Result<Option<(bool, Shipping)>, CheckoutFailure>>;
    /// `stripe.createConfirmationToken({elements, params})`: the token's id. Stripe.js is called
    /// when the future is first polled (an `async fn` runs up to its first `await`), and reads the
    /// form's values then: [`start`] locks the form right after that first poll.
    fn create_token(
        &self,
        params: &ConfirmationTokenParams,
    ) -> impl Future<Output = Result<String, CheckoutFailure>>;
    /// A fresh `Idempotency-Key`; `None` when the browser has no secure random source.
    fn new_key(&self) -> Option<String>;
    /// POSTs the attempt's token to the backend and reads the answer.
    fn post(&self, attempt: &Attempt) -> impl Future<Output = Result<Answer, PostError>>;
    /// `stripe.handleNextAction({clientSecret})`: the intent's status afterwards.
    fn handle_next_action(
        &self,
        secret: &ClientSecret,
    ) -> impl Future<Output = Result<PaymentIntentStatus, CheckoutFailure>>;
    /// Leaves for the return page of a finished payment (`return_url` with the intent appended,
    /// as Stripe itself redirects).
    fn redirect(&self, return_url: &str, success: &PaymentSuccess);
}

/// Where a checkout's [`Machine`](super::Machine) lives (the hook keeps it in Leptos's arena;
/// a test in a cell).
pub trait Host {
    /// The attempt to re-send, if the last one got no answer; `None` once the checkout is gone.
    fn pending(&self) -> Option<Attempt>;
    /// Moves the machine with [`next`](super::next) and tells the page; `false` when the event
    /// is impossible in the current state, or the checkout is gone (unmounted).
    fn apply(&self, event: Event) -> bool;
}

/// What paying needs besides the steps: what goes into the token, and where the customer lands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayOptions {
    /// Absolute URL the customer lands on after paying (and after redirect-based methods).
    pub return_url: String,
    /// Shipping given by the page; `None` reads it from the form's Address Element, if any.
    pub shipping: Option<Shipping>,
    /// Billing details sent as `payment_method_data.billing_details`.
    pub billing_details: Option<BillingDetails>,
    /// Leave for `return_url` after success.
    pub redirect: bool,
}

impl PayOptions {
    /// Options paying back to `return_url`, with a redirect after success.
    pub fn new(return_url: impl Into<String>) -> Self {
        Self {
            return_url: return_url.into(),
            shipping: None,
            billing_details: None,
            redirect: true,
        }
    }
}

/// What the press of Pay brings: the email typed in the form, or the wallet sheet's email and
/// shipping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Press {
    /// The customer's email (Link Authentication Element or wallet sheet).
    pub email: Option<String>,
    /// The wallet sheet's shipping; `None` takes the page's or the form's.
    pub shipping: Option<Shipping>,
}

/// Pay, pressed: refused (`None`) unless the checkout can pay now. Otherwise the machine enters
/// `Processing` and `elements.submit()` is called before this returns (inside the click, as
/// Stripe.js requires, so a second click in the same task finds the checkout busy), and the
/// rest of the payment is the returned future, to be spawned. The form locks (read-only) when
/// `createConfirmationToken` has been called, before its answer is awaited: the values are
/// captured by then, and the click does not pay for the lock. After an ambiguous failure the
/// pending attempt is re-sent as it was: same token, same key, no new submit, locked at once.
pub fn start<S: Steps, H: Host>(
    steps: S,
    host: H,
    options: &PayOptions,
    press: Press,
) -> Option<impl Future<Output = Result<PaymentSuccess, CheckoutFailure>>> {
    let pending = host.pending();
    if !host.apply(Event::Pay) {
        return None;
    }
    let submitted = pending.is_none().then(|| steps.submit());
    let options = options.clone();
    Some(async move {
        let outcome = pay(&steps, &host, &options, press, pending, submitted).await;
        match &outcome {
            Ok(success) => {
                host.apply(Event::Paid(success.clone()));
                if options.redirect {
                    steps.redirect(&options.return_url, success);
                }
            }
            Err(failure) => {
                host.apply(Event::Failed(failure.clone()));
            }
        }
        outcome
    })
}

/// The payment after the click: a new attempt (or the pending one), the POST, the next action.
async fn pay(
    steps: &impl Steps,
    host: &impl Host,
    options: &PayOptions,
    press: Press,
    pending: Option<Attempt>,
    submitted: Option<impl Future<Output = Result<(), CheckoutFailure>>>,
) -> Result<PaymentSuccess, CheckoutFailure> {
    let attempt = match (pending, submitted) {
        (Some(pending), _) => pending,
        (None, submitted) => {
            if let Some(submitted) = submitted {
                submitted.await?;
            }
            new_attempt(steps, host, options, press).await?
        }
    };
    host.apply(Event::Posting(attempt.clone()));
    let answer = steps
        .post(&attempt)
        .await
        .map_err(CheckoutFailure::from_post)?;
    host.apply(Event::Answered);

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
            return Err(CheckoutFailure::new(
                message.unwrap_or_else(|| messages::SHOP_REFUSED.into()),
                FailureKind::from_backend(kind.as_deref()),
                code,
            ))
        }
    };
    if status == PaymentIntentStatus::RequiresAction {
        status = steps.handle_next_action(&client_secret).await?;
    }
    if !status.is_success() {
        return Err(CheckoutFailure::new(
            messages::NOT_COMPLETED,
            FailureKind::PaymentFailed,
            Some(status.as_str().into()),
        ));
    }
    Ok(PaymentSuccess {
        status,
        intent_id: client_secret.intent_id().to_owned(),
        client_secret,
    })
}

/// A new ConfirmationToken (with the shipping and email of this press) and a fresh key. The form
/// locks once the token is asked for.
async fn new_attempt(
    steps: &impl Steps,
    host: &impl Host,
    options: &PayOptions,
    Press { email, shipping }: Press,
) -> Result<Attempt, CheckoutFailure> {
    let shipping = match shipping.or_else(|| options.shipping.clone()) {
        Some(shipping) => Some(shipping),
        None => match steps.address().await? {
            None => None,
            Some((true, shipping)) => Some(shipping),
            Some((false, _)) => {
                return Err(CheckoutFailure::new(
                    messages::COMPLETE_ADDRESS,
                    FailureKind::Stripe(crate::stripe::StripeErrorType::ValidationError),
                    Some("incomplete_address".into()),
                ))
            }
        },
    };
    let mut billing_details = options.billing_details.clone();
    if let Some(email) = &email {
        billing_details.get_or_insert_with(Default::default).email = Some(email.clone());
    }
    let params = ConfirmationTokenParams {
        payment_method_data: billing_details.map(|b| PaymentMethodData {
            billing_details: Some(b),
        }),
        shipping,
        return_url: Some(options.return_url.clone()),
    };
    let token = steps.create_token(&params);
    let token_id = after_call(token, || {
        host.apply(Event::TokenRequested);
    })
    .await?;
    let idempotency_key = steps.new_key().ok_or_else(|| {
        CheckoutFailure::new(messages::INSECURE_BROWSER, FailureKind::Integration, None)
    })?;
    Ok(Attempt {
        token_id,
        idempotency_key,
        email,
    })
}

/// Awaits `call`, running `then` right after its first poll (once the call it makes is made) and
/// before waiting for its answer, in the same task.
async fn after_call<F: Future>(call: F, then: impl FnOnce()) -> F::Output {
    let mut call = pin!(call);
    let first = poll_fn(|cx| Poll::Ready(call.as_mut().poll(cx))).await;
    then();
    match first {
        Poll::Ready(output) => output,
        Poll::Pending => call.await,
    }
}
