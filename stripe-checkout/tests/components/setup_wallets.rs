//! Setup mode, the email element, and wallet payments.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

fn setup_config() -> CheckoutConfig {
    with(config(), |c| {
        c.mode = Mode::Setup;
        c.checkout.endpoint = "/save".into();
    })
}

#[wasm_bindgen_test]
async fn setup_mode_saves_a_card_with_no_amount_and_says_so() {
    let m = ready(setup_config()).await;
    let button = m.text("button[type=submit]");
    assert_eq!(button, "Save card");
    assert!(
        m.host
            .query_selector(".stripe-address-element")
            .unwrap()
            .is_none(),
        "no shipping address to save a card"
    );
    let elements = js_string(
        "return JSON.stringify(__stripeSim.calls.filter(c => c.method === 'elements').pop().args[0])",
    );
    assert!(elements.contains(r#""mode":"setup""#), "{elements}");
    assert!(!elements.contains("amount"), "{elements}");
    reply("{status: 200, body: JSON.stringify({client_secret: 'seti_ok_secret_x', status: 'succeeded'})}");
    js("__stripeSim.fillCard('4242424242424242')");
    m.pay_and_settle().await;
    assert!(m.has("success:seti_ok:succeeded"), "{:?}", m.entries());
    assert_eq!(request(0, "url"), "/save");
    assert_eq!(m.text("[role=status]"), "Thank you! Your card was saved.");
}

#[wasm_bindgen_test]
async fn a_setup_that_requires_action_is_authenticated_with_its_own_secret() {
    let m = ready(setup_config()).await;
    js("__stripeSim.putSetupIntent({id: 'seti_3ds', status: 'requires_action', client_secret: 'seti_3ds_secret_x'}); \
        __stripeSim.autoAuthenticate = 'approve'");
    reply("{status: 200, body: JSON.stringify({client_secret: 'seti_3ds_secret_x', status: 'requires_action'})}");
    js("__stripeSim.fillCard('4242424242424242')");
    m.pay_and_settle().await;
    assert!(m.has("success:seti_3ds:succeeded"), "{:?}", m.entries());
    let asked = js_string(
        "return __stripeSim.calls.filter(c => c.method === 'handleNextAction').pop().args[0].clientSecret",
    );
    assert_eq!(asked, "seti_3ds_secret_x");
}

#[wasm_bindgen_test]
fn a_setup_return_url_names_the_setup_intent() {
    let success = PaymentSuccess {
        status: PaymentIntentStatus::Succeeded,
        intent_id: "seti_1".into(),
        client_secret: ClientSecret::parse("seti_1_secret_2").unwrap(),
    };
    assert_eq!(
        return_url_with_result("https://shop.example/saved", &success).unwrap(),
        "https://shop.example/saved?setup_intent=seti_1&setup_intent_client_secret=seti_1_secret_2&redirect_status=succeeded"
    );
}

#[wasm_bindgen_test]
async fn the_email_goes_into_the_token_and_the_post() {
    let m = ready(CheckoutConfig {
        email: Some(LinkAuthenticationOptions::default()),
        ..config()
    })
    .await;
    assert!(m
        .host
        .query_selector(".stripe-link-authentication-element")
        .unwrap()
        .is_some());
    fill_all();
    // Without an email the element's own validation stops the payment before any token.
    m.pay_and_settle().await;
    assert_eq!((requests(), calls("createConfirmationToken")), (0, 0));
    js("__stripeSim.fillEmail('jenny@example.com')");
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    let body = request(0, "body");
    assert!(body.contains(r#""email":"jenny@example.com""#), "{body}");
    let token = js_string("return Object.keys(__stripeSim.tokens)[0]");
    let params = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{token}'].params.payment_method_data)"
    ));
    assert!(params.contains("jenny@example.com"), "{params}");
}

fn wallet_config() -> CheckoutConfig {
    CheckoutConfig {
        express: Some(ExpressCheckoutOptions {
            collect: ClickResolveDetails {
                shipping_address_required: Some(true),
                shipping_rates: vec![ShippingRate {
                    id: "free".into(),
                    amount: 0,
                    display_name: "Free shipping".into(),
                    delivery_estimate: None,
                }],
                ..Default::default()
            },
            ..Default::default()
        }),
        ..config()
    }
}

/// Opens the wallet sheet with its button and presses its Pay.
async fn pay_in_the_sheet() {
    until("[...document.querySelectorAll('button')].some(b => /Google Pay/.test(b.textContent))")
        .await;
    js("[...document.querySelectorAll('button')].find(b => /Google Pay/.test(b.textContent)).click()");
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    js("[...document.querySelectorAll('[role=dialog] button')].find(b => b.textContent.trim() === 'Pay').click()");
}

#[wasm_bindgen_test]
async fn the_wallet_sheet_pays_through_the_same_flow_with_its_shipping() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let m = ready(wallet_config()).await;
    let wrapper = m
        .host
        .query_selector(".stripe-checkout-express")
        .unwrap()
        .unwrap();
    assert!(!wrapper.has_attribute("hidden"), "the wallet buttons show");
    pay_in_the_sheet().await;
    m.wait_for("state:succeeded").await;
    assert_eq!(requests(), 1);
    let token = js_string("return Object.keys(__stripeSim.tokens)[0]");
    let params = js_string(&format!(
        "return JSON.stringify(__stripeSim.tokens['{token}'].params.shipping)"
    ));
    assert!(
        params.contains(r#""name":"Jenny Rosen""#),
        "the sheet's address: {params}"
    );
    assert_eq!(
        calls("address.getValue"),
        0,
        "the form's address is not read"
    );
}

#[wasm_bindgen_test]
async fn a_failed_wallet_payment_is_reported_to_the_sheet_and_the_form() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let m = ready(wallet_config()).await;
    reply(
        r#"{status: 402, body: JSON.stringify({error: {message: 'Your card was declined.', type: 'card_error', code: 'card_declined'}})}"#,
    );
    pay_in_the_sheet().await;
    m.wait_for("state:error").await;
    // The sheet hears of it (`paymentFailed`), shows it, then closes.
    until("__stripeSim.expressSheet?.status === 'failed'").await;
    assert!(js_string("return __stripeSim.expressSheet.error").contains("failed"));
    assert_eq!(m.text("[role=alert]"), "Your card was declined.");
    // The card form still takes a payment.
    fill_all();
    m.pay_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
}

#[wasm_bindgen_test]
async fn without_a_wallet_the_express_wrapper_stays_hidden() {
    sim().await;
    js("__stripeSim.wallets = 'none'");
    let m = ready(wallet_config()).await;
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    sleep(50).await;
    let wrapper = m
        .host
        .query_selector(".stripe-checkout-express")
        .unwrap()
        .unwrap();
    assert!(wrapper.has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn a_shipping_change_sends_the_new_amount_before_answering_the_sheet() {
    sim().await;
    js("__stripeSim.wallets = ['googlePay']");
    let seen: Log = Arc::default();
    let s = seen.clone();
    let on_change = Callback::new(move |e: ShippingAddressChangeEvent| {
        let country = e.address.country.unwrap_or_default();
        s.lock().unwrap().push(country.clone());
        (country != "DE").then(|| ShippingChange {
            amount: Some(2600),
            ..Default::default()
        })
    });
    let m = ready(CheckoutConfig {
        on_shipping_address_change: Some(on_change),
        ..wallet_config()
    })
    .await;
    js("[...document.querySelectorAll('button')].find(b => /Google Pay/.test(b.textContent)).click()");
    until("__stripeSim.expressSheet && !__stripeSim.expressSheet.busy").await;
    assert_eq!(seen.lock().unwrap().as_slice(), ["US"]);
    let update = js_string("return JSON.stringify(__stripeSim.lastUpdate)");
    assert!(update.contains(r#""amount":2600"#), "{update}");
    assert_eq!(js_f64("return __stripeSim.expressSheet.total"), 2600.0);
    drop(m);
}

#[wasm_bindgen_test]
async fn the_status_view_shows_a_saved_card() {
    sim().await;
    js("__stripeSim.putSetupIntent({id: 'seti_ok', status: 'succeeded', client_secret: 'seti_ok_secret_1'})");
    let log: Log = Arc::default();
    let l = log.clone();
    let host = container();
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <PaymentStatus
                publishable_key=PK
                client_secret=Some("seti_ok_secret_1".to_owned())
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
                on_status=move |s: String| l.lock().unwrap().push(s)
            />
        }
    });
    until("document.querySelector('[role=status]')?.textContent.includes('saved')").await;
    assert_eq!(log.lock().unwrap().as_slice(), ["succeeded"]);
    assert_eq!(calls("retrieveSetupIntent"), 1);
    assert_eq!(calls("retrievePaymentIntent"), 0);
}

#[wasm_bindgen_test]
async fn the_address_and_email_elements_report_what_was_typed() {
    sim().await;
    let log: Log = Arc::default();
    let (a, e) = (log.clone(), log.clone());
    let on_email = Callback::new(move |c: LinkAuthenticationChangeEvent| {
        e.lock()
            .unwrap()
            .push(format!("email:{}:{}", c.complete, c.value.email))
    });
    let on_address = Callback::new(move |c: AddressChangeEvent| {
        a.lock().unwrap().push(format!(
            "address:{}:{}",
            c.complete,
            c.value.address.postal_code.unwrap_or_default()
        ))
    });
    let _handle = leptos::mount::mount_to(container(), move || {
        view! {
            <StripeProvider
                stripe=PK
                options=ElementsOptions::payment(100, "usd")
                loader=LoaderOptions { url: sim_url(), timeout_ms: 5_000, ..Default::default() }
            >
                <LinkAuthenticationElement on_email_change=on_email />
                <AddressElement on_address_change=on_address />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.filter(c => c.method === 'element.mount').length === 2").await;
    sleep(30).await;
    js("__stripeSim.fillEmail('jenny@example.com'); \
        __stripeSim.fillAddress({name: 'Jenny Rosen', line1: '1 Main St', city: 'SF', \
        postal_code: '94107', country: 'US'})");
    sleep(30).await;
    let log = log.lock().unwrap().clone();
    assert!(
        log.contains(&"email:true:jenny@example.com".to_owned()),
        "{log:?}"
    );
    assert!(log.contains(&"address:true:94107".to_owned()), "{log:?}");
}
