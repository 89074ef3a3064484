//! The typed Stripe.js layer against the simulator, in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod support;

use futures::future::join;
use stripe_js::*;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PK: &str = "pk_test_123";

fn options(url: &str, timeout_ms: i32) -> LoaderOptions {
    LoaderOptions {
        url: url.into(),
        timeout_ms,
        ..LoaderOptions::default()
    }
}

fn scripts_with_src(url: &str) -> usize {
    js_f64(&format!(
        "return [...document.querySelectorAll('script')].filter(s => s.src === '{url}').length"
    )) as usize
}

/// Counts `<script>` insertions for `url` from now on (read with `inserted()`).
fn count_insertions(url: &str) {
    js(&format!(
        "window.__inserted = 0; new MutationObserver(records => records.forEach(r => \
         r.addedNodes.forEach(n => {{ if (n.src === '{url}') window.__inserted++; }}))) \
         .observe(document, {{childList: true, subtree: true}});"
    ));
}

fn inserted() -> usize {
    js_f64("return window.__inserted") as usize
}

async fn stripe_and_elements() -> (Stripe, Elements) {
    sim().await;
    let stripe = Stripe::new(&PublishableKey::parse(PK).unwrap()).unwrap();
    let elements = stripe
        .elements(&ElementsOptions::payment(1999, "usd"))
        .unwrap();
    (stripe, elements)
}

fn shipping() -> ConfirmationTokenParams {
    ConfirmationTokenParams {
        shipping: Some(Shipping {
            name: "Jenny Rosen".into(),
            address: Address {
                line1: Some("1 Main St".into()),
                city: Some("San Francisco".into()),
                postal_code: Some("94107".into()),
                country: Some("US".into()),
                ..Default::default()
            },
            phone: None,
        }),
        return_url: Some("https://shop.example/thanks".into()),
        ..Default::default()
    }
}

// ---- loader ----

#[wasm_bindgen_test]
async fn concurrent_callers_share_one_script_and_one_load() {
    unload_stripe();
    let url = sim_url();
    let opts = options(&url, 5_000);
    let (a, b) = join(load_stripe_js(&opts), load_stripe_js(&opts)).await;
    assert_eq!((a, b), (Ok(()), Ok(())));
    assert_eq!(scripts_with_src(&url), 1);
    assert_eq!(js_f64("return window.__stripeSimLoads"), 1.0);
    // Loaded already: a later call adds nothing.
    load_stripe_js(&opts).await.unwrap();
    assert_eq!(scripts_with_src(&url), 1);
}

#[wasm_bindgen_test]
async fn a_script_tag_already_in_the_page_is_reused() {
    unload_stripe();
    let url = sim_url();
    js(&format!(
        "const s = document.createElement('script'); s.src = '{url}'; document.head.append(s);"
    ));
    load_stripe_js(&options(&url, 5_000)).await.unwrap();
    assert_eq!(scripts_with_src(&url), 1);
    assert_eq!(js_f64("return window.__stripeSimLoads"), 1.0);
}

#[wasm_bindgen_test]
async fn a_failed_load_is_retried_once_then_reported_then_retried_by_a_later_call() {
    unload_stripe();
    let url = "http://127.0.0.1:9/stripe.js";
    count_insertions(url);
    let err = load_stripe_js(&options(url, 5_000)).await.unwrap_err();
    assert!(
        matches!(err, Error::Load(ref m) if m.contains("could not be fetched")),
        "{err}"
    );
    tick().await;
    assert_eq!(inserted(), 2, "one attempt and one retry");
    assert_eq!(scripts_with_src(url), 0, "failed tags are removed");
    let again = load_stripe_js(&options(url, 5_000)).await;
    assert!(again.is_err());
    tick().await;
    assert_eq!(
        inserted(),
        4,
        "the failure was forgotten, so the later call tried again"
    );
}

#[wasm_bindgen_test]
async fn a_load_that_never_settles_times_out_and_the_retry_succeeds() {
    unload_stripe();
    let url = sim_url();
    // A tag the browser will never run: load and error never fire.
    js(&format!(
        "const s = document.createElement('script'); s.type = 'text/x-inert'; s.src = '{url}'; \
         document.head.append(s);"
    ));
    load_stripe_js(&options(&url, 200)).await.unwrap();
    assert_eq!(scripts_with_src(&url), 1, "the inert tag was replaced");
}

#[wasm_bindgen_test]
async fn a_script_that_does_not_define_stripe_is_a_load_error() {
    unload_stripe();
    let url = blob_url("window.notStripe = 1;");
    let err = load_stripe_js(&options(&url, 5_000)).await.unwrap_err();
    assert!(
        err.to_string().contains("did not define window.Stripe"),
        "{err}"
    );
}

#[wasm_bindgen_test]
async fn a_secret_key_is_refused_before_stripe_js_is_loaded() {
    unload_stripe();
    let url = sim_url();
    let err = load_stripe("sk_test_abc", options(&url, 5_000))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidKey(_)), "{err}");
    assert_eq!(scripts_with_src(&url), 0);
    let stripe = load_stripe(PK, options(&url, 5_000)).await;
    assert!(stripe.is_ok());
}

// ---- Stripe ----

#[wasm_bindgen_test]
async fn stripe_registers_this_crate_as_app_info() {
    sim().await;
    Stripe::new(&PublishableKey::parse(PK).unwrap()).unwrap();
    assert_eq!(
        js_string("return __stripeSim.appInfo.name"),
        "stripe-checkout"
    );
    assert_eq!(calls("registerAppInfo"), 1);
}

#[wasm_bindgen_test]
async fn a_non_error_thrown_by_stripe_js_is_an_integration_error_not_a_panic() {
    sim().await;
    js("__stripeSim.script('Stripe', {throw: 'boom'})");
    let err = Stripe::new(&PublishableKey::parse(PK).unwrap()).unwrap_err();
    assert_eq!(
        err,
        Error::Integration {
            operation: "Stripe",
            message: "boom".into()
        }
    );
    js("__stripeSim.script('registerAppInfo', {throw: undefined})");
    let err = Stripe::new(&PublishableKey::parse(PK).unwrap()).unwrap_err();
    assert!(err.to_string().contains("no reason given"), "{err}");
    let (stripe, elements) = stripe_and_elements().await;
    js("__stripeSim.script('createConfirmationToken', {reject: {odd: 42}})");
    let err = stripe
        .create_confirmation_token(&elements, &shipping())
        .await
        .unwrap_err();
    assert!(err.to_string().contains(r#"{"odd":42}"#), "{err}");
}

#[wasm_bindgen_test]
async fn elements_get_the_deferred_mode_options() {
    let (_stripe, elements) = stripe_and_elements().await;
    assert_eq!(
        js_string("return JSON.stringify(__stripeSim.lastElementsOptions)"),
        r#"{"mode":"payment","amount":1999,"currency":"usd"}"#
    );
    elements
        .update(&ElementsUpdate {
            amount: Some(2500),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        js_string("return JSON.stringify(__stripeSim.lastUpdate)"),
        r#"{"amount":2500}"#
    );
    js("__stripeSim.script('elements.update', {throw: new Error('nope')})");
    let err = elements.update(&ElementsUpdate::default()).unwrap_err();
    assert!(matches!(
        err,
        Error::Integration {
            operation: "elements.update",
            ..
        }
    ));
}

#[wasm_bindgen_test]
async fn stripe_js_refusing_elements_options_is_an_integration_error() {
    let (stripe, _) = stripe_and_elements().await;
    let bad = ElementsOptions::payment(0, "usd");
    assert!(matches!(stripe.elements(&bad), Err(Error::Options(_))));
    js("__stripeSim.script('elements', {throw: new Error('Invalid value for elements()')})");
    let err = stripe
        .elements(&ElementsOptions::payment(1, "usd"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Stripe.js rejected the call to elements: Invalid value for elements()"
    );
}

// ---- elements and listeners ----

#[wasm_bindgen_test]
async fn a_mounted_payment_element_fires_ready_and_change() {
    let (_stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions::default())
        .unwrap();
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let complete = std::rc::Rc::new(std::cell::Cell::new(false));
    let (r, c) = (ready.clone(), complete.clone());
    let _on_ready = payment.on_ready(move |e| r.set(e.element_type == ElementType::Payment));
    let _on_change = payment.on_change(move |e| c.set(e.complete));
    payment.mount(&container()).unwrap();
    sleep(50).await;
    assert!(ready.get(), "ready fired");
    js("__stripeSim.fillCard('4242424242424242')");
    tick().await;
    assert!(complete.get(), "change reported complete");
    assert!(elements
        .get_element(ElementType::Payment)
        .unwrap()
        .is_some());
    assert!(elements
        .get_element(ElementType::Address)
        .unwrap()
        .is_none());
    payment.focus().unwrap();
    payment
        .update(&PaymentElementOptions {
            read_only: true,
            ..Default::default()
        })
        .unwrap();
    payment.unmount().unwrap();
    js("__stripeSim.script('element.mount', {throw: new Error('bad node')})");
    assert!(matches!(
        payment.mount(&container()),
        Err(Error::Integration {
            operation: "element.mount",
            ..
        })
    ));
}

#[wasm_bindgen_test]
async fn dropping_an_element_destroys_it_once_and_dropping_a_listener_calls_off() {
    let (_stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions::default())
        .unwrap();
    payment.mount(&container()).unwrap();
    let listener = payment.on_change(|_| {}).unwrap();
    let other = payment.on_change(|_| {}).unwrap();
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('payment', 'change')"),
        2.0
    );
    drop(listener);
    // The simulator removes only the exact function given to `off`.
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('payment', 'change')"),
        1.0
    );
    drop(other);
    assert_eq!(
        js_f64("return __stripeSim.listenerCount('payment', 'change')"),
        0.0
    );
    drop(payment);
    assert_eq!(calls("element.destroy"), 1);
    // Destroyed: a new one of the same type may be created.
    assert!(elements
        .create_payment_element(&PaymentElementOptions::default())
        .is_ok());
}

#[wasm_bindgen_test]
async fn the_address_element_returns_its_value() {
    let (_stripe, elements) = stripe_and_elements().await;
    let address = elements
        .create_address_element(&AddressElementOptions::default())
        .unwrap();
    address.mount(&container()).unwrap();
    js(
        "__stripeSim.fillAddress({name: 'Jenny Rosen', line1: '1 Main St', city: 'SF', \
        postal_code: '94107', country: 'US'})",
    );
    let value = address.get_value().await.unwrap();
    assert!(value.complete);
    assert_eq!(value.value.name, "Jenny Rosen");
    assert_eq!(value.value.address.line1.as_deref(), Some("1 Main St"));
    assert_eq!(value.value.address.line2, None);
    js("__stripeSim.script('address.getValue', {reject: new Error('gone')})");
    assert!(address.get_value().await.is_err());
}

// ---- submit and tokens ----

#[wasm_bindgen_test]
async fn submit_reports_validation_errors_and_then_passes() {
    let (_stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions::default())
        .unwrap();
    payment.mount(&container()).unwrap();
    let err = elements.submit().await.unwrap_err();
    let stripe_err = err.stripe_error().expect("a resolved {error}");
    assert_eq!(stripe_err.kind, StripeErrorType::ValidationError);
    assert!(stripe_err.is_customer_facing());
    js("__stripeSim.fillCard('4242424242424242')");
    assert_eq!(elements.submit().await, Ok(()));
}

#[wasm_bindgen_test]
async fn a_token_needs_a_submit_first_and_carries_the_params() {
    let (stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions::default())
        .unwrap();
    payment.mount(&container()).unwrap();
    js("__stripeSim.fillCard('4242424242424242')");
    let early = stripe
        .create_confirmation_token(&elements, &shipping())
        .await
        .unwrap_err();
    assert!(
        matches!(early, Error::Integration { ref message, .. } if message.contains("elements.submit()")),
        "{early}"
    );
    elements.submit().await.unwrap();
    let token = stripe
        .create_confirmation_token(&elements, &shipping())
        .await
        .unwrap();
    assert!(token.id.starts_with("ctoken_"), "{}", token.id);
    let sent = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{}'].params)",
        token.id
    ));
    assert!(sent.contains(r#""line2":null"#), "{sent}");
    assert!(
        sent.contains(r#""return_url":"https://shop.example/thanks""#),
        "{sent}"
    );
}

#[wasm_bindgen_test]
async fn a_token_error_resolved_by_stripe_is_a_stripe_error() {
    let (stripe, elements) = stripe_and_elements().await;
    js(
        "__stripeSim.script('createConfirmationToken', {resolve: {error: \
        {type: 'card_error', code: 'card_declined', message: 'Your card was declined.'}}})",
    );
    let err = stripe
        .create_confirmation_token(&elements, &shipping())
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "Your card was declined.");
    assert_eq!(
        err.stripe_error().unwrap().code.as_deref(),
        Some("card_declined")
    );
}

// ---- PaymentIntents ----

fn put_intent(id: &str, status: &str) -> ClientSecret {
    js(&format!(
        "__stripeSim.putPaymentIntent({{id: '{id}', status: '{status}', \
         client_secret: '{id}_secret_x', amount: 1999, currency: 'usd'}})"
    ));
    ClientSecret::parse(&format!("{id}_secret_x")).unwrap()
}

#[wasm_bindgen_test]
async fn handle_next_action_approved_and_failed() {
    let (stripe, _) = stripe_and_elements().await;
    let secret = put_intent("pi_3ds1", "requires_action");
    js("__stripeSim.autoAuthenticate = 'approve'");
    let pi = stripe.handle_next_action(&secret).await.unwrap();
    assert!(matches!(pi, Intent::Payment(_)), "{pi:?}");
    assert_eq!(pi.status(), PaymentIntentStatus::Succeeded);
    let secret = put_intent("pi_3ds2", "requires_action");
    js("__stripeSim.autoAuthenticate = 'fail'");
    let err = stripe.handle_next_action(&secret).await.unwrap_err();
    assert_eq!(
        err.stripe_error().unwrap().code.as_deref(),
        Some("payment_intent_authentication_failure")
    );
    js("__stripeSim.script('handleNextAction', {reject: new Error('IntegrationError')})");
    assert!(matches!(
        stripe.handle_next_action(&secret).await,
        Err(Error::Integration { .. })
    ));
}

#[wasm_bindgen_test]
async fn retrieve_payment_intent_found_missing_and_misshapen() {
    let (stripe, _) = stripe_and_elements().await;
    let secret = put_intent("pi_found", "processing");
    let pi = stripe.retrieve_payment_intent(&secret).await.unwrap();
    assert_eq!(
        (pi.id.as_str(), pi.status),
        ("pi_found", PaymentIntentStatus::Processing)
    );
    let missing = ClientSecret::parse("pi_missing_secret_x").unwrap();
    let err = stripe.retrieve_payment_intent(&missing).await.unwrap_err();
    assert_eq!(
        err.stripe_error().unwrap().kind,
        StripeErrorType::InvalidRequestError
    );
    js("__stripeSim.script('retrievePaymentIntent', {resolve: {paymentIntent: {id: 5}}})");
    let err = stripe.retrieve_payment_intent(&secret).await.unwrap_err();
    assert!(matches!(err, Error::Shape { .. }), "{err}");
    js("__stripeSim.script('retrievePaymentIntent', {resolve: 'what'})");
    assert!(matches!(
        stripe.retrieve_payment_intent(&secret).await,
        Err(Error::Shape { .. })
    ));
}

#[wasm_bindgen_test]
async fn every_element_binding_turns_a_throw_into_an_integration_error() {
    let (_stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions::default())
        .unwrap();
    // Stripe.js's own refusal: one element of a type per group.
    let second = elements.create_payment_element(&PaymentElementOptions::default());
    assert!(
        matches!(
            second,
            Err(Error::Integration {
                operation: "elements.create",
                ..
            })
        ),
        "{second:?}"
    );
    payment.mount(&container()).unwrap();
    let throws = |method: &str| {
        js(&format!(
            "__stripeSim.script('{method}', {{throw: new Error('x')}})"
        ))
    };
    throws("elements.getElement");
    assert!(elements.get_element(ElementType::Payment).is_err());
    throws("element.focus");
    assert!(matches!(
        payment.focus(),
        Err(Error::Integration {
            operation: "element.focus",
            ..
        })
    ));
    throws("element.update");
    assert!(payment.update(&PaymentElementOptions::default()).is_err());
    throws("element.on");
    assert!(payment.on_change(|_| {}).is_err());
    throws("element.unmount");
    assert!(payment.unmount().is_err());
    js("__stripeSim.script('elements.submit', {reject: new Error('x')})");
    assert!(matches!(
        elements.submit().await,
        Err(Error::Integration {
            operation: "elements.submit",
            ..
        })
    ));
    js("__stripeSim.script('registerAppInfo', {throw: new Error('bad info')})");
    let stripe = Stripe::new(&PublishableKey::parse(PK).unwrap());
    assert!(matches!(
        stripe,
        Err(Error::Integration {
            operation: "registerAppInfo",
            ..
        })
    ));
}

// ---- issue 10: Stripe() options, SetupIntents, Link Authentication, Express Checkout ----

#[wasm_bindgen_test]
async fn stripe_constructor_options_are_checked_then_passed() {
    sim().await;
    let key = PublishableKey::parse(PK).unwrap();
    let bad = Stripe::with_options(
        &key,
        &StripeConstructorOptions {
            stripe_account: Some("acct 1".into()),
            locale: None,
        },
    )
    .unwrap_err();
    assert!(bad.to_string().contains("stripeAccount"), "{bad}");
    let before = calls("Stripe");
    Stripe::with_options(
        &key,
        &StripeConstructorOptions {
            stripe_account: Some("acct_1032D82eZvKYlo2C".into()),
            locale: Some("fr".into()),
        },
    )
    .unwrap();
    assert_eq!(calls("Stripe"), before + 1);
    let args = js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'Stripe').pop().args)",
    );
    assert!(
        args.contains(r#"{"stripeAccount":"acct_1032D82eZvKYlo2C","locale":"fr"}"#),
        "{args}"
    );
}

#[wasm_bindgen_test]
async fn setup_mode_setup_intents_next_action_and_retrieve() {
    sim().await;
    let stripe = Stripe::new(&PublishableKey::parse(PK).unwrap()).unwrap();
    let amount_in_setup = ElementsOptions {
        amount: Some(100),
        ..ElementsOptions::setup("usd")
    };
    assert!(
        matches!(stripe.elements(&amount_in_setup), Err(Error::Options(m)) if m.contains("setup"))
    );
    stripe.elements(&ElementsOptions::setup("usd")).unwrap();
    js("__stripeSim.putSetupIntent({id: 'seti_3ds', status: 'requires_action', client_secret: 'seti_3ds_secret_x'})");
    let secret = ClientSecret::parse("seti_3ds_secret_x").unwrap();
    assert_eq!(secret.kind(), IntentKind::Setup);
    js("__stripeSim.autoAuthenticate = 'approve'");
    let intent = stripe.handle_next_action(&secret).await.unwrap();
    assert!(
        matches!(&intent, Intent::Setup(s) if s.id == "seti_3ds"),
        "{intent:?}"
    );
    assert_eq!(intent.status(), PaymentIntentStatus::Succeeded);
    let retrieved = stripe.retrieve_setup_intent(&secret).await.unwrap();
    assert_eq!(retrieved.status, PaymentIntentStatus::Succeeded);
    let missing = ClientSecret::parse("seti_missing_secret_x").unwrap();
    assert!(stripe.retrieve_setup_intent(&missing).await.is_err());
}

#[wasm_bindgen_test]
async fn the_link_authentication_email_reaches_the_change_event_and_the_token() {
    let (stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions::default())
        .unwrap();
    payment.mount(&container()).unwrap();
    let email = elements
        .create_link_authentication_element(&LinkAuthenticationOptions::default())
        .unwrap();
    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let s = seen.clone();
    let _on_change =
        email.on_email_change(move |e| s.borrow_mut().push((e.complete, e.value.email)));
    email.mount(&container()).unwrap();
    sleep(50).await;
    js("__stripeSim.fillCard('4242424242424242')");
    // An empty email fails the submit, as the element's own validation does.
    let err = elements.submit().await.unwrap_err();
    assert_eq!(
        err.stripe_error().unwrap().kind,
        StripeErrorType::ValidationError
    );
    js("__stripeSim.fillEmail('jenny@example.com')");
    tick().await;
    assert_eq!(
        seen.borrow().last(),
        Some(&(true, "jenny@example.com".to_owned()))
    );
    elements.submit().await.unwrap();
    let token = stripe
        .create_confirmation_token(&elements, &shipping())
        .await
        .unwrap();
    let params = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{}'])",
        token.id
    ));
    assert!(params.contains("jenny@example.com"), "{params}");
}

fn express_options() -> ExpressCheckoutOptions {
    ExpressCheckoutOptions {
        collect: ClickResolveDetails {
            shipping_address_required: Some(true),
            shipping_rates: vec![ShippingRate {
                id: "standard".into(),
                amount: 0,
                display_name: "Free shipping".into(),
                delivery_estimate: None,
            }],
            ..Default::default()
        },
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn express_checkout_ready_click_shipping_confirm_and_payment_failed() {
    let (stripe, elements) = stripe_and_elements().await;
    js("__stripeSim.wallets = ['googlePay']");
    let express = elements
        .create_express_checkout_element(&express_options())
        .unwrap();
    type Log = std::rc::Rc<std::cell::RefCell<Vec<String>>>;
    let log: Log = Default::default();
    let l = log.clone();
    let _ready = express
        .on_express_ready(move |e| {
            l.borrow_mut().push(format!(
                "ready:{}",
                e.available_payment_methods
                    .is_some_and(|m| m.google_pay && !m.apple_pay)
            ))
        })
        .unwrap();
    let l = log.clone();
    let _click = express
        .on_click(move |click| {
            l.borrow_mut()
                .push(format!("click:{}", click.express_payment_type));
            click.resolve(&ClickResolveDetails::default()).unwrap();
        })
        .unwrap();
    let l = log.clone();
    let _address = express
        .on_shipping_address_change(move |change| {
            l.borrow_mut()
                .push(format!("address:{:?}", change.address.country));
            change.resolve(&ChangeResolveDetails::default()).unwrap();
        })
        .unwrap();
    let confirmed: std::rc::Rc<std::cell::RefCell<Option<Reply<ExpressConfirmEvent>>>> =
        Default::default();
    let c = confirmed.clone();
    let _confirm = express
        .on_confirm(move |confirm| *c.borrow_mut() = Some(confirm))
        .unwrap();
    express.mount(&container()).unwrap();
    sleep(50).await;
    js("[...document.querySelectorAll('button')].find(b => /Google Pay/.test(b.textContent)).click()");
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    js("[...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent.trim() === 'Pay').click()");
    until("__stripeSim.expressSheet && __stripeSim.expressSheet.status === 'processing'").await;
    let reply = confirmed.borrow_mut().take().expect("confirm fired");
    assert_eq!(reply.express_payment_type, "google_pay");
    let sheet = reply.shipping_address.clone().expect("the sheet's address");
    assert_eq!(sheet.address.country.as_deref(), Some("US"));
    elements.submit().await.unwrap();
    let token = stripe
        .create_confirmation_token(&elements, &shipping())
        .await
        .unwrap();
    assert!(token.id.starts_with("ctoken_"));
    reply.payment_failed(PaymentFailedReason::Fail).unwrap();
    until("__stripeSim.expressSheet === null || __stripeSim.expressSheet.status === 'failed'")
        .await;
    assert_eq!(
        log.borrow().as_slice(),
        ["ready:true", "click:google_pay", "address:Some(\"US\")"]
    );
}

#[wasm_bindgen_test]
async fn no_wallet_means_ready_without_payment_methods() {
    let (_stripe, elements) = stripe_and_elements().await;
    js("__stripeSim.wallets = 'none'");
    let express = elements
        .create_express_checkout_element(&express_options())
        .unwrap();
    let none = std::rc::Rc::new(std::cell::Cell::new(None));
    let n = none.clone();
    let _ready = express
        .on_express_ready(move |e| n.set(Some(e.available_payment_methods.is_none())))
        .unwrap();
    express.mount(&container()).unwrap();
    sleep(50).await;
    assert_eq!(none.get(), Some(true));
}

#[wasm_bindgen_test]
async fn every_new_element_option_is_accepted_by_stripe_js_and_updates_drop_creation_only_ones() {
    let (_stripe, elements) = stripe_and_elements().await;
    let payment = elements
        .create_payment_element(&PaymentElementOptions {
            layout: Some(LayoutOption::Object(LayoutObject {
                kind: Layout::Accordion,
                default_collapsed: Some(true),
                radios: Some("always".into()),
                spaced_accordion_items: Some(true),
                visible_accordion_items_count: Some(3),
            })),
            default_values: Some(PaymentDefaultValues {
                billing_details: Some(BillingDetails {
                    name: Some("Jenny Rosen".into()),
                    ..Default::default()
                }),
            }),
            fields: Some(PaymentFields {
                billing_details: Some(BillingDetailsFields::Each {
                    name: Some(FieldOption::Always),
                    email: Some(FieldOption::Never),
                    phone: None,
                    address: Some(FieldOption::Auto),
                }),
            }),
            terms: Some(Terms {
                card: Some(TermOption::Never),
                ..Default::default()
            }),
            wallets: Some(Wallets {
                apple_pay: Some(WalletOption::Never),
                ..Default::default()
            }),
            read_only: false,
            ..Default::default()
        })
        .unwrap();
    payment.mount(&container()).unwrap();
    // The sim refuses `wallets` and `layout.defaultCollapsed` in an update, as the type does.
    payment
        .update(&PaymentElementOptions {
            read_only: true,
            wallets: Some(Wallets::default()),
            layout: Some(LayoutOption::Object(LayoutObject {
                kind: Layout::Accordion,
                default_collapsed: Some(false),
                radios: None,
                spaced_accordion_items: None,
                visible_accordion_items_count: None,
            })),
            ..Default::default()
        })
        .unwrap();
    let address = elements
        .create_address_element(&AddressElementOptions {
            allowed_countries: vec!["US".into(), "CA".into()],
            default_values: Some(AddressDefaults {
                name: Some("Jenny Rosen".into()),
                address: Some(BillingAddress {
                    country: Some("US".into()),
                    ..Default::default()
                }),
                phone: None,
            }),
            autocomplete: Some(Autocomplete::Disabled),
            fields: Some(AddressFields {
                phone: Some(FieldVisibility::Always),
            }),
            validation: Some(AddressValidation {
                phone: Some(PhoneValidation {
                    required: FieldVisibility::Always,
                }),
            }),
            ..Default::default()
        })
        .unwrap();
    address.mount(&container()).unwrap();
    // A wrong type is refused by Stripe.js as an integration error, not passed over.
    let bad = elements.create_payment_element(&PaymentElementOptions {
        layout: Some(LayoutOption::Object(LayoutObject {
            kind: Layout::Tabs,
            default_collapsed: None,
            radios: Some("sometimes".into()),
            spaced_accordion_items: None,
            visible_accordion_items_count: None,
        })),
        ..Default::default()
    });
    assert!(matches!(bad, Err(Error::Integration { .. })), "{bad:?}");
}
