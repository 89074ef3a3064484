//! The pay flow, natively: the machine's transitions, and whole payments driven through
//! `pay::start` against a fake of Stripe.js and the backend.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::executor::block_on;
use stripe_checkout::backend::{Answer, NoAnswer, PostError};
use stripe_checkout::pay::{
    next, start, Attempt, CheckoutEvent, CheckoutFailure, CheckoutState, Event, FailureKind, Host,
    Machine, PayOptions, PaymentSuccess, Press, Steps,
};
use stripe_checkout::stripe::{
    Address, ClientSecret, ConfirmationTokenParams, PaymentIntentStatus, Shipping, StripeErrorType,
};

/// What the fake Stripe.js and backend will answer, and what they were asked.
#[derive(Default)]
struct Script {
    posts: VecDeque<Result<Answer, PostError>>,
    next_actions: VecDeque<Result<PaymentIntentStatus, CheckoutFailure>>,
    address: Option<(bool, Shipping)>,
    /// Unmount the checkout when the POST is sent.
    unmount_on_post: Option<TestHost>,
    // What happened, in order.
    calls: Vec<String>,
    tokens: Vec<ConfirmationTokenParams>,
    posted: Vec<Attempt>,
    redirects: Vec<String>,
}

#[derive(Clone, Default)]
struct Fake(Rc<RefCell<Script>>);

impl Fake {
    fn answers(self, posts: impl IntoIterator<Item = Result<Answer, PostError>>) -> Self {
        self.0.borrow_mut().posts.extend(posts);
        self
    }
    fn calls(&self) -> Vec<String> {
        self.0.borrow().calls.clone()
    }
    fn posted(&self) -> Vec<Attempt> {
        self.0.borrow().posted.clone()
    }
}

impl Steps for Fake {
    fn submit(&self) -> impl Future<Output = Result<(), CheckoutFailure>> + use<> {
        self.0.borrow_mut().calls.push("submit".into());
        async { Ok(()) }
    }

    async fn address(&self) -> Result<Option<(bool, Shipping)>, CheckoutFailure> {
        self.0.borrow_mut().calls.push("address".into());
        Ok(self.0.borrow().address.clone())
    }

    async fn create_token(
        &self,
        params: &ConfirmationTokenParams,
    ) -> Result<String, CheckoutFailure> {
        let id = {
            let mut script = self.0.borrow_mut();
            script.tokens.push(params.clone());
            let id = format!("ctoken_{}", script.tokens.len());
            script.calls.push(format!("token {id}"));
            id
        };
        // Stripe.js answers later, as over the network: the caller sees a pending promise.
        Later(false).await;
        self.0.borrow_mut().calls.push(format!("{id} arrives"));
        Ok(id)
    }

    fn new_key(&self) -> Option<String> {
        Some(format!("key_{}", self.0.borrow().tokens.len()))
    }

    async fn post(&self, attempt: &Attempt) -> Result<Answer, PostError> {
        let mut script = self.0.borrow_mut();
        script.calls.push(format!(
            "post {} {}",
            attempt.token_id, attempt.idempotency_key
        ));
        script.posted.push(attempt.clone());
        if let Some(host) = script.unmount_on_post.take() {
            host.unmount();
        }
        script
            .posts
            .pop_front()
            .expect("the test scripts every POST's answer")
    }

    async fn handle_next_action(
        &self,
        secret: &ClientSecret,
    ) -> Result<PaymentIntentStatus, CheckoutFailure> {
        let mut script = self.0.borrow_mut();
        script
            .calls
            .push(format!("next action {}", secret.intent_id()));
        script
            .next_actions
            .pop_front()
            .expect("the test scripts every next action")
    }

    fn redirect(&self, return_url: &str, success: &PaymentSuccess) {
        let mut script = self.0.borrow_mut();
        script.calls.push(format!("redirect {}", success.intent_id));
        script.redirects.push(return_url.to_owned());
    }
}

/// A future that is pending once (and asks to be polled again), then ready: an answer that
/// comes in a later turn of the event loop.
struct Later(bool);

impl Future for Later {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// A checkout's machine in a cell, with every report the page would hear; `None` once unmounted.
#[derive(Clone)]
struct TestHost {
    machine: Rc<RefCell<Option<Machine>>>,
    reports: Rc<RefCell<Vec<CheckoutEvent>>>,
    /// Writes "lock" and "unlock" into this fake's calls when the form's lock changes, so the
    /// order of the lock and the steps shows in one list.
    watch: Option<Fake>,
}

impl TestHost {
    fn new(state: CheckoutState) -> Self {
        Self {
            machine: Rc::new(RefCell::new(Some(Machine::new(state)))),
            reports: Rc::default(),
            watch: None,
        }
    }
    /// A ready checkout whose lock shows in `fake`'s calls.
    fn watched(fake: &Fake) -> Self {
        Self {
            watch: Some(fake.clone()),
            ..Self::new(CheckoutState::Ready)
        }
    }
    fn locked(&self) -> bool {
        self.machine().locked
    }
    fn state(&self) -> Option<CheckoutState> {
        self.machine.borrow().as_ref().map(|m| m.state)
    }
    fn machine(&self) -> Machine {
        self.machine.borrow().clone().expect("mounted")
    }
    fn unmount(&self) {
        *self.machine.borrow_mut() = None;
    }
    fn take_reports(&self) -> Vec<CheckoutEvent> {
        std::mem::take(&mut self.reports.borrow_mut())
    }
}

impl Host for TestHost {
    fn pending(&self) -> Option<Attempt> {
        self.machine.borrow().as_ref()?.pending.clone()
    }
    fn apply(&self, event: Event) -> bool {
        let mut slot = self.machine.borrow_mut();
        let Some(machine) = slot.as_mut() else {
            return false;
        };
        match next(machine, event) {
            Ok(step) => {
                if let Some(fake) = self.watch.as_ref() {
                    match (machine.locked, step.machine.locked) {
                        (false, true) => fake.0.borrow_mut().calls.push("lock".into()),
                        (true, false) => fake.0.borrow_mut().calls.push("unlock".into()),
                        _ => {}
                    }
                }
                *machine = step.machine;
                self.reports.borrow_mut().extend(step.reports);
                true
            }
            Err(_) => false,
        }
    }
}

const RETURN_URL: &str = "https://shop.example/thanks";

fn options() -> PayOptions {
    let mut options = PayOptions::new(RETURN_URL);
    options.shipping = Some(shipping());
    options
}

fn shipping() -> Shipping {
    Shipping {
        name: "Jenny Rosen".into(),
        address: Address {
            line1: Some("1 Main St".into()),
            country: Some("US".into()),
            ..Default::default()
        },
        phone: None,
    }
}

fn intent(id: &str, status: PaymentIntentStatus) -> Result<Answer, PostError> {
    Ok(Answer::Intent {
        client_secret: ClientSecret::parse(&format!("{id}_secret_abc")).expect("a secret"),
        status,
    })
}

fn declined() -> Result<Answer, PostError> {
    Ok(Answer::Refused {
        message: Some("Your card was declined.".into()),
        kind: Some("card_error".into()),
        code: Some("card_declined".into()),
    })
}

/// Presses Pay and runs the payment to its end; `None` when Pay was refused.
fn press(fake: &Fake, host: &TestHost) -> Option<Result<PaymentSuccess, CheckoutFailure>> {
    start(fake.clone(), host.clone(), &options(), Press::default()).map(block_on)
}

#[test]
fn a_payment_submits_makes_a_token_posts_it_once_and_redirects() {
    let fake = Fake::default().answers([intent("pi_1", PaymentIntentStatus::Succeeded)]);
    let host = TestHost::new(CheckoutState::Ready);
    let success = press(&fake, &host).expect("Pay accepted").expect("paid");
    assert_eq!(success.intent_id, "pi_1");
    assert_eq!(
        fake.calls(),
        [
            "submit",
            "token ctoken_1",
            "ctoken_1 arrives",
            "post ctoken_1 key_1",
            "redirect pi_1"
        ]
    );
    assert_eq!(fake.0.borrow().redirects, [RETURN_URL]);
    let token = &fake.0.borrow().tokens[0];
    assert_eq!(token.return_url.as_deref(), Some(RETURN_URL));
    assert_eq!(token.shipping, Some(shipping()));
    assert_eq!(host.state(), Some(CheckoutState::Succeeded));
    assert_eq!(
        host.take_reports(),
        [
            CheckoutEvent::State(CheckoutState::Processing),
            CheckoutEvent::State(CheckoutState::Succeeded),
            CheckoutEvent::Success(success),
        ]
    );
}

#[test]
fn a_decline_leaves_the_form_usable_and_the_next_pay_makes_a_new_token() {
    let fake =
        Fake::default().answers([declined(), intent("pi_2", PaymentIntentStatus::Succeeded)]);
    let host = TestHost::new(CheckoutState::Ready);
    let failure = press(&fake, &host).expect("Pay accepted").unwrap_err();
    assert_eq!(failure.message, "Your card was declined.");
    assert_eq!(
        failure.kind,
        FailureKind::Stripe(StripeErrorType::CardError)
    );
    assert_eq!(failure.code.as_deref(), Some("card_declined"));
    assert_eq!(host.state(), Some(CheckoutState::Error));
    assert_eq!(host.machine().pending, None, "a declined token is spent");

    // The customer changes the card and pays again: a new submit, a new token, a new key.
    press(&fake, &host)
        .expect("Pay accepted after a decline")
        .expect("paid");
    let posted = fake.posted();
    assert_eq!(posted.len(), 2);
    assert_eq!(posted[1].token_id, "ctoken_2");
    assert_ne!(posted[1].idempotency_key, posted[0].idempotency_key);
    assert_eq!(
        fake.calls().iter().filter(|c| *c == "submit").count(),
        2,
        "the new card is submitted"
    );
    assert_eq!(
        host.machine().failure,
        None,
        "the next Pay clears the failure"
    );
}

#[test]
fn a_dropped_post_re_sends_the_same_token_and_key_without_a_new_submit() {
    let fake = Fake::default().answers([
        Err(NoAnswer::Network.into()),
        intent("pi_3", PaymentIntentStatus::Succeeded),
    ]);
    let host = TestHost::new(CheckoutState::Ready);
    let failure = press(&fake, &host).expect("Pay accepted").unwrap_err();
    assert_eq!(failure.kind, FailureKind::Network);
    assert!(
        failure.message.contains("you won't be charged twice"),
        "{}",
        failure.message
    );
    assert_eq!(host.state(), Some(CheckoutState::Error));

    press(&fake, &host).expect("Pay accepted").expect("paid");
    let posted = fake.posted();
    assert_eq!(posted[0], posted[1], "same token, same key, same email");
    assert_eq!(
        fake.calls(),
        [
            "submit",
            "token ctoken_1",
            "ctoken_1 arrives",
            "post ctoken_1 key_1",
            "post ctoken_1 key_1",
            "redirect pi_3"
        ]
    );
}

#[test]
fn an_ambiguous_server_answer_is_re_sent_and_a_timeout_too() {
    let fake = Fake::default().answers([
        Err(NoAnswer::Unusable(502).into()),
        Err(NoAnswer::Timeout(30_000).into()),
        intent("pi_4", PaymentIntentStatus::Processing),
    ]);
    let host = TestHost::new(CheckoutState::Ready);
    let unusable = press(&fake, &host).expect("accepted").unwrap_err();
    assert_eq!(unusable.kind, FailureKind::Backend);
    assert!(
        unusable.message.contains("HTTP 502"),
        "{}",
        unusable.message
    );
    let timeout = press(&fake, &host).expect("accepted").unwrap_err();
    assert_eq!(timeout.kind, FailureKind::Network);
    assert!(
        timeout.message.contains("30 seconds"),
        "{}",
        timeout.message
    );
    let success = press(&fake, &host)
        .expect("accepted")
        .expect("processing is a success");
    assert_eq!(success.status, PaymentIntentStatus::Processing);
    let tokens: Vec<_> = fake.posted().into_iter().map(|a| a.token_id).collect();
    assert_eq!(tokens, ["ctoken_1"; 3]);
}

#[test]
fn a_request_the_browser_cannot_send_is_misconfigured_and_the_fixed_one_sends_the_same_token() {
    let fake = Fake::default().answers([
        Err(PostError::NotSent(
            "the request header \"X Bad\": invalid name".into(),
        )),
        intent("pi_10", PaymentIntentStatus::Succeeded),
    ]);
    let host = TestHost::new(CheckoutState::Ready);
    let failure = press(&fake, &host).expect("accepted").unwrap_err();
    assert_eq!(failure.kind, FailureKind::Integration);
    assert!(
        failure
            .message
            .starts_with("This checkout is misconfigured"),
        "{}",
        failure.message
    );
    assert!(
        !failure.message.contains("connection"),
        "never blames the customer's connection"
    );
    // Nothing was sent: the token is still pending, and goes out once the request is fixed.
    assert!(host.machine().pending.is_some());
    press(&fake, &host).expect("accepted").expect("paid");
    let posted = fake.posted();
    assert_eq!(posted[0], posted[1]);
}

#[test]
fn a_failed_three_d_secure_check_spends_the_token() {
    let fake = Fake::default().answers([
        intent("pi_5", PaymentIntentStatus::RequiresAction),
        intent("pi_6", PaymentIntentStatus::RequiresAction),
    ]);
    fake.0.borrow_mut().next_actions.extend([
        Err(CheckoutFailure::new(
            "We are unable to authenticate your payment method.",
            FailureKind::Stripe(StripeErrorType::CardError),
            Some("payment_intent_authentication_failure".into()),
        )),
        Ok(PaymentIntentStatus::RequiresPaymentMethod),
    ]);
    let host = TestHost::new(CheckoutState::Ready);
    let failure = press(&fake, &host).expect("accepted").unwrap_err();
    assert_eq!(
        failure.code.as_deref(),
        Some("payment_intent_authentication_failure")
    );
    assert_eq!(host.machine().pending, None);

    // A next action that ends without success is a failed payment, and a new token next time.
    let failure = press(&fake, &host).expect("accepted").unwrap_err();
    assert_eq!(failure.kind, FailureKind::PaymentFailed);
    assert_eq!(failure.code.as_deref(), Some("requires_payment_method"));
    let tokens: Vec<_> = fake.posted().into_iter().map(|a| a.token_id).collect();
    assert_eq!(tokens, ["ctoken_1", "ctoken_2"]);
    assert!(fake.calls().contains(&"next action pi_6".to_owned()));
    assert!(fake.0.borrow().redirects.is_empty());
}

#[test]
fn a_burst_of_clicks_pays_once() {
    let fake = Fake::default().answers([intent("pi_7", PaymentIntentStatus::Succeeded)]);
    let host = TestHost::new(CheckoutState::Ready);
    let first = start(fake.clone(), host.clone(), &options(), Press::default());
    // Two more clicks in the same task, before the first payment ran at all.
    for _ in 0..2 {
        assert!(start(fake.clone(), host.clone(), &options(), Press::default()).is_none());
    }
    block_on(first.expect("the first click is taken")).expect("paid");
    assert_eq!(fake.calls().iter().filter(|c| *c == "submit").count(), 1);
    assert_eq!(fake.posted().len(), 1);
    // After success, Pay does nothing.
    assert!(press(&fake, &host).is_none());
}

#[test]
fn unmounting_mid_payment_finishes_the_payment_without_touching_the_checkout() {
    let fake = Fake::default().answers([intent("pi_8", PaymentIntentStatus::Succeeded)]);
    let host = TestHost::new(CheckoutState::Ready);
    fake.0.borrow_mut().unmount_on_post = Some(host.clone());
    let success = press(&fake, &host).expect("accepted").expect("paid");
    assert_eq!(success.intent_id, "pi_8");
    assert_eq!(host.state(), None);
    assert_eq!(
        host.take_reports(),
        [CheckoutEvent::State(CheckoutState::Processing)],
        "nothing is reported after the checkout left the page"
    );
    assert_eq!(fake.posted().len(), 1);
    // The money is taken: the customer still lands on the return page.
    assert_eq!(fake.0.borrow().redirects, [RETURN_URL]);
}

#[test]
fn an_incomplete_address_element_stops_before_the_token() {
    let fake = Fake::default();
    fake.0.borrow_mut().address = Some((false, shipping()));
    let host = TestHost::new(CheckoutState::Ready);
    let failure = start(
        fake.clone(),
        host.clone(),
        &PayOptions::new(RETURN_URL),
        Press::default(),
    )
    .map(block_on)
    .expect("accepted")
    .unwrap_err();
    assert_eq!(failure.code.as_deref(), Some("incomplete_address"));
    assert_eq!(failure.kind.as_str(), "validation_error");
    assert_eq!(fake.calls(), ["submit", "address"]);
    assert!(fake.posted().is_empty());
}

#[test]
fn the_wallet_sheets_shipping_and_email_go_into_the_token_and_the_post() {
    let fake = Fake::default().answers([intent("pi_9", PaymentIntentStatus::Succeeded)]);
    let host = TestHost::new(CheckoutState::Ready);
    let press = Press {
        email: Some("jenny@example.com".into()),
        shipping: Some(shipping()),
    };
    block_on(start(fake.clone(), host, &PayOptions::new(RETURN_URL), press).expect("accepted"))
        .expect("paid");
    let script = fake.0.borrow();
    assert_eq!(script.tokens[0].shipping, Some(shipping()));
    let billing = script.tokens[0]
        .payment_method_data
        .as_ref()
        .and_then(|d| d.billing_details.as_ref())
        .expect("billing details");
    assert_eq!(billing.email.as_deref(), Some("jenny@example.com"));
    assert_eq!(script.posted[0].email.as_deref(), Some("jenny@example.com"));
    assert!(
        !script.calls.contains(&"address".to_owned()),
        "the sheet's shipping is used"
    );
}

#[test]
fn the_form_locks_once_the_token_is_asked_for_and_before_it_arrives_not_in_the_click() {
    let fake = Fake::default().answers([intent("pi_11", PaymentIntentStatus::Succeeded)]);
    let host = TestHost::watched(&fake);
    let payment =
        start(fake.clone(), host.clone(), &options(), Press::default()).expect("accepted");
    // The click itself: in flight (a second click is refused) and submitted, not yet locked.
    assert_eq!(host.state(), Some(CheckoutState::Processing));
    assert!(!host.locked(), "the click does not lock the form");
    assert_eq!(fake.calls(), ["submit"]);
    block_on(payment).expect("paid");
    // Locked right after createConfirmationToken is called (its values are captured), while its
    // answer is still to come; unlocked when the payment ends.
    assert_eq!(
        fake.calls(),
        [
            "submit",
            "token ctoken_1",
            "lock",
            "ctoken_1 arrives",
            "post ctoken_1 key_1",
            "unlock",
            "redirect pi_11"
        ]
    );
}

#[test]
fn a_decline_unlocks_the_form() {
    let fake = Fake::default().answers([declined()]);
    let host = TestHost::watched(&fake);
    press(&fake, &host).expect("accepted").unwrap_err();
    assert_eq!(host.state(), Some(CheckoutState::Error));
    assert!(!host.locked(), "the customer can change the card");
    assert_eq!(
        fake.calls(),
        [
            "submit",
            "token ctoken_1",
            "lock",
            "ctoken_1 arrives",
            "post ctoken_1 key_1",
            "unlock"
        ]
    );
}

#[test]
fn a_failure_before_the_token_never_locks_the_form() {
    let fake = Fake::default();
    fake.0.borrow_mut().address = Some((false, shipping()));
    let host = TestHost::watched(&fake);
    let failure = start(
        fake.clone(),
        host.clone(),
        &PayOptions::new(RETURN_URL),
        Press::default(),
    )
    .map(block_on)
    .expect("accepted")
    .unwrap_err();
    assert_eq!(failure.code.as_deref(), Some("incomplete_address"));
    assert_eq!(fake.calls(), ["submit", "address"]);
    assert!(!host.locked());
}

#[test]
fn a_re_send_locks_the_form_in_the_click() {
    let fake = Fake::default().answers([
        Err(NoAnswer::Network.into()),
        intent("pi_12", PaymentIntentStatus::Succeeded),
    ]);
    let host = TestHost::watched(&fake);
    press(&fake, &host).expect("accepted").unwrap_err();
    assert!(!host.locked(), "an ambiguous failure unlocks the form too");
    // The re-send pays with the token made earlier: nothing is left to capture, so it locks now.
    let resend = start(fake.clone(), host.clone(), &options(), Press::default()).expect("accepted");
    assert!(host.locked(), "locked in the click");
    block_on(resend).expect("paid");
    assert_eq!(
        fake.calls(),
        [
            "submit",
            "token ctoken_1",
            "lock",
            "ctoken_1 arrives",
            "post ctoken_1 key_1",
            "unlock",
            "lock",
            "post ctoken_1 key_1",
            "unlock",
            "redirect pi_12"
        ]
    );
}

#[test]
fn pay_is_refused_unless_the_form_is_ready_or_failed() {
    for state in [
        CheckoutState::Loading,
        CheckoutState::Processing,
        CheckoutState::Succeeded,
        CheckoutState::Unavailable,
    ] {
        let fake = Fake::default();
        let host = TestHost::new(state);
        assert!(press(&fake, &host).is_none(), "{state:?}");
        assert!(fake.calls().is_empty(), "{state:?}: nothing was called");
        assert_eq!(host.state(), Some(state));
    }
}

#[test]
fn every_transition_is_decided_by_next() {
    use CheckoutState::*;
    let failure = CheckoutFailure::new("x", FailureKind::Network, None);
    let at = |state| Machine::new(state);
    // Loading becomes Ready once, and reports it.
    let ready = next(&at(Loading), Event::Ready).unwrap();
    assert_eq!(
        ready.reports,
        [CheckoutEvent::State(Ready), CheckoutEvent::Ready]
    );
    assert!(next(&ready.machine, Event::Ready).is_err());
    // Breaking makes any unpaid checkout unavailable; a paid one stays paid.
    for state in [Loading, Ready, Processing, Error, Unavailable] {
        let broken = next(&at(state), Event::Broken(failure.clone())).unwrap();
        assert_eq!(broken.machine.state, Unavailable, "{state:?}");
    }
    let impossible = next(&at(Succeeded), Event::Broken(failure.clone())).unwrap_err();
    assert_eq!((impossible.state, impossible.event), (Succeeded, "Broken"));
    // A refusal outside a payment shows the failure and changes nothing else.
    let refused = next(&at(Ready), Event::Refused(failure.clone())).unwrap();
    assert_eq!(refused.machine.state, Ready);
    assert_eq!(refused.machine.failure, Some(failure.clone()));
    // A payment's steps and outcomes only happen while it is in flight.
    let attempt = Attempt {
        token_id: "ctoken_1".into(),
        idempotency_key: "k".into(),
        email: None,
    };
    for state in [Loading, Ready, Error, Succeeded, Unavailable] {
        for event in [
            Event::Posting(attempt.clone()),
            Event::Answered,
            Event::Failed(failure.clone()),
        ] {
            assert!(next(&at(state), event).is_err(), "{state:?}");
        }
    }
    let posting = next(&at(Processing), Event::Posting(attempt.clone())).unwrap();
    assert_eq!(posting.machine.pending, Some(attempt.clone()));
    assert!(posting.reports.is_empty());
    let answered = next(&posting.machine, Event::Answered).unwrap();
    assert_eq!(answered.machine.pending, None);
    // A failure keeps a pending attempt (no answer came), and Pay leaves it for the re-send.
    let failed = next(&posting.machine, Event::Failed(failure.clone())).unwrap();
    assert_eq!(failed.machine.state, Error);
    assert_eq!(failed.machine.pending, Some(attempt));
    let again = next(&failed.machine, Event::Pay).unwrap();
    assert_eq!(again.machine.failure, None);
    assert!(again.machine.pending.is_some());
    assert!(again.machine.locked, "a re-send locks at once");
    // A new attempt locks when its token is asked for, only while in flight, and any end of the
    // payment unlocks.
    let paying = next(&at(Ready), Event::Pay).unwrap().machine;
    assert!(!paying.locked);
    let locked = next(&paying, Event::TokenRequested).unwrap();
    assert!(locked.machine.locked);
    assert!(locked.reports.is_empty());
    for state in [Loading, Ready, Error, Succeeded, Unavailable] {
        assert!(
            next(&at(state), Event::TokenRequested).is_err(),
            "{state:?}"
        );
    }
    let success = PaymentSuccess {
        status: PaymentIntentStatus::Succeeded,
        client_secret: ClientSecret::parse("pi_1_secret_abc").expect("a secret"),
        intent_id: "pi_1".into(),
    };
    for end in [
        Event::Failed(failure.clone()),
        Event::Broken(failure.clone()),
        Event::Paid(success),
    ] {
        let name = end.name();
        assert!(
            !next(&locked.machine, end).unwrap().machine.locked,
            "{name}"
        );
    }
}
