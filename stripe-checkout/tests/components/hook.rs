//! A form of the shop's own over `use_checkout`.

use std::sync::Arc;

use leptos::prelude::*;
use stripe_checkout::components::*;
use stripe_checkout::stripe::*;
use wasm_bindgen_test::*;

use super::common::*;
use super::support::*;

/// A shop's own form: the Payment Element, its own Buy button, its own error and receipt.
#[component]
fn ShopForm(options: UseCheckoutOptions) -> impl IntoView {
    let checkout = use_checkout(options);
    let UseCheckout {
        pay,
        state,
        failure,
        success,
        ..
    } = checkout;
    let payment = Signal::derive(move || PaymentElementOptions {
        read_only: checkout.locked(),
        ..Default::default()
    });
    view! {
        <div class="shop-form" data-state=move || state.get().as_str()>
            <PaymentElement options=payment />
            <button class="shop-buy" on:click=move |_| pay.run(())>"Buy"</button>
            <p class="shop-error">{move || failure.get().map(|f| f.message)}</p>
            <p class="shop-paid">{move || success.get().map(|s| s.intent_id)}</p>
        </div>
    }
}

fn shop_options() -> UseCheckoutOptions {
    with(
        UseCheckoutOptions::new("/pay", "https://shop.example/thanks"),
        |o| {
            o.pay.redirect = false;
            o.pay.shipping = Some(shipping());
        },
    )
}

/// Mounts the shop's form inside a provider given an already-loaded Stripe instance.
async fn shop(options: UseCheckoutOptions) -> Mounted {
    sim().await;
    install_backend();
    let loader = LoaderOptions {
        url: sim_url(),
        timeout_ms: 5_000,
        ..Default::default()
    };
    let stripe = load_stripe(PK, loader.clone()).await.unwrap();
    let instances = calls("Stripe");
    let log: Log = Arc::default();
    let l = log.clone();
    let on_event = Callback::new(move |event: CheckoutEvent| {
        let entry = match event {
            CheckoutEvent::State(s) => format!("state:{}", s.as_str()),
            CheckoutEvent::Success(s) => format!("success:{}", s.intent_id),
            CheckoutEvent::Error(f) => format!("error:{}:{}", f.kind.as_str(), f.message),
            other => format!("{other:?}"),
        };
        l.lock().unwrap().push(entry);
    });
    let options = UseCheckoutOptions {
        on_event: Some(on_event),
        ..options
    };
    let host = container();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <StripeProvider stripe=stripe.clone() options=ElementsOptions::payment(1999, "usd")>
                <ShopForm options=options.clone() />
            </StripeProvider>
        }
    });
    until("__stripeSim.calls.some(c => c.method === 'element.mount')").await;
    sleep(20).await;
    assert_eq!(
        calls("Stripe"),
        instances,
        "the provider used the instance it was given"
    );
    Mounted {
        host,
        log,
        _handle: Box::new(handle),
    }
}

impl Mounted {
    async fn buy_and_settle(&self) {
        let settled = self.entries().len();
        js("const b = document.querySelectorAll('.shop-buy'); b[b.length - 1].click()");
        for _ in 0..300 {
            if self.entries()[settled..]
                .iter()
                .any(|e| e == "state:error" || e == "state:succeeded")
            {
                return tick().await;
            }
            sleep(10).await;
        }
        panic!("the payment never settled: {:?}", self.entries());
    }
}

#[wasm_bindgen_test]
async fn a_shop_form_over_use_checkout_pays_with_an_already_loaded_stripe() {
    let m = shop(shop_options()).await;
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(m.has("success:pi_ok"), "{:?}", m.entries());
    assert_eq!(m.text(".shop-paid"), "pi_ok");
    assert_eq!(
        js_string("return [...document.querySelectorAll('.shop-form')].pop().dataset.state"),
        "succeeded"
    );
    assert_eq!(requests(), 1);
    let params = js_string("return JSON.stringify(Object.values(__stripeSim.tokens)[0].params)");
    assert!(
        params.contains(r#""shipping":{"name":"Jenny Rosen""#),
        "{params}"
    );
}

#[wasm_bindgen_test]
async fn a_burst_of_clicks_on_a_shop_button_starts_one_payment() {
    let m = shop(shop_options()).await;
    js("__stripeSim.fillCard('4242424242424242')");
    js("const b = [...document.querySelectorAll('.shop-buy')].pop(); b.click(); b.click(); b.click();");
    m.wait_for("state:succeeded").await;
    sleep(50).await;
    assert_eq!(calls("elements.submit"), 1);
    assert_eq!(calls("createConfirmationToken"), 1);
    assert_eq!(requests(), 1);
}

#[wasm_bindgen_test]
async fn a_shop_form_shows_a_decline_and_stays_editable() {
    let m = shop(shop_options()).await;
    reply(
        r#"{status: 402, body: JSON.stringify({error: {message: 'Your card was declined.', type: 'card_error', code: 'card_declined'}})}"#,
    );
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(
        m.has("error:card_error:Your card was declined."),
        "{:?}",
        m.entries()
    );
    assert_eq!(m.text(".shop-error"), "Your card was declined.");
    sleep(30).await;
    let updates = "return JSON.stringify(__stripeSim.calls \
        .filter(c => c.method === 'element.update').map(c => c.args[0]))";
    assert_eq!(
        js_string(updates),
        r#"[{"readOnly":true},{"readOnly":false}]"#
    );
    js("__stripeSim.fillCard('5555555555554444')");
    m.buy_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    assert_eq!(
        calls("createConfirmationToken"),
        2,
        "a decline makes a new token"
    );
}

#[wasm_bindgen_test]
async fn a_shop_form_retries_a_dropped_post_with_the_same_token_and_key() {
    let m = shop(shop_options()).await;
    reply("{network: true}");
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(
        m.text(".shop-error").contains("couldn't reach the shop"),
        "{}",
        m.text(".shop-error")
    );
    m.buy_and_settle().await;
    assert!(m.has("state:succeeded"), "{:?}", m.entries());
    assert_the_same_token_was_resent();
}

#[wasm_bindgen_test]
async fn hooks_outside_a_provider_say_which_hook_and_how_to_fix_it() {
    let seen: Log = Arc::default();
    let s = seen.clone();
    let _handle = leptos::mount::mount_to(container(), move || {
        let mut seen = s.lock().unwrap();
        seen.push(use_elements().unwrap_err().to_string());
        seen.push(use_stripe().unwrap_err().to_string());
        let checkout = use_checkout(UseCheckoutOptions::new("/pay", "https://shop.example/"));
        seen.push(checkout.state.get_untracked().as_str().to_owned());
        seen.push(checkout.failure.get_untracked().unwrap().message);
        checkout.pay.run(());
    });
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].starts_with("use_elements() must be called inside <StripeProvider>"),
        "{}",
        seen[0]
    );
    assert!(seen[1].starts_with("use_stripe() must be called inside <StripeProvider>"));
    assert_eq!(seen[2], "unavailable");
    assert!(seen[3].starts_with("use_checkout() must be called inside <StripeProvider>"));
}

#[wasm_bindgen_test]
async fn a_shop_form_without_shipping_or_an_address_element_sends_no_shipping() {
    let m = shop(with(shop_options(), |o| o.pay.shipping = None)).await;
    js("__stripeSim.fillCard('4242424242424242')");
    m.buy_and_settle().await;
    assert!(m.has("success:pi_ok"), "{:?}", m.entries());
    let params = js_string("return JSON.stringify(Object.values(__stripeSim.tokens)[0].params)");
    assert!(!params.contains("shipping"), "{params}");
}
