//! Raw `wasm-bindgen` externs for the part of Stripe.js we use; names as in `@stripe/stripe-js`.
//!
//! Nothing here is safe to hand to a component: every import that can throw is `catch`, and the
//! typed layer in the sibling modules turns what comes back into Rust values.
#![allow(missing_docs)]

use js_sys::{Function, Object, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The `Stripe` instance returned by `Stripe(publishableKey, options?)`.
    #[derive(Debug, Clone)]
    pub type Stripe;

    /// `window.Stripe(publishableKey, options?)`.
    #[wasm_bindgen(catch, js_name = Stripe)]
    pub fn stripe(publishable_key: &str, options: &JsValue) -> Result<Stripe, JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn elements(this: &Stripe, options: &JsValue) -> Result<Elements, JsValue>;

    #[wasm_bindgen(catch, method, js_name = createConfirmationToken)]
    pub fn create_confirmation_token(this: &Stripe, options: &Object) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, method, js_name = handleNextAction)]
    pub fn handle_next_action(this: &Stripe, options: &JsValue) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, method, js_name = retrievePaymentIntent)]
    pub fn retrieve_payment_intent(this: &Stripe, client_secret: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, method, js_name = retrieveSetupIntent)]
    pub fn retrieve_setup_intent(this: &Stripe, client_secret: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, method, js_name = registerAppInfo)]
    pub fn register_app_info(this: &Stripe, info: &JsValue) -> Result<(), JsValue>;

    /// `StripeElements`: one group of Elements sharing options.
    #[derive(Debug, Clone)]
    pub type Elements;

    #[wasm_bindgen(catch, method)]
    pub fn create(this: &Elements, kind: &str, options: &JsValue)
        -> Result<StripeElement, JsValue>;

    #[wasm_bindgen(catch, method, js_name = getElement)]
    pub fn get_element(this: &Elements, kind: &str) -> Result<Option<StripeElement>, JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn submit(this: &Elements) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn update(this: &Elements, options: &JsValue) -> Result<(), JsValue>;

    /// `StripeElement`: the methods every element type shares.
    #[derive(Debug, Clone)]
    pub type StripeElement;

    #[wasm_bindgen(catch, method)]
    pub fn mount(this: &StripeElement, dom_element: &web_sys::HtmlElement) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn unmount(this: &StripeElement) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn destroy(this: &StripeElement) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn on(this: &StripeElement, event: &str, handler: &Function) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn off(this: &StripeElement, event: &str, handler: &Function) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn update(this: &StripeElement, options: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn focus(this: &StripeElement) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn blur(this: &StripeElement) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, method)]
    pub fn clear(this: &StripeElement) -> Result<(), JsValue>;

    /// The Payment Element's `collapse()` (payment.d.ts); other types have none (a TypeError).
    #[wasm_bindgen(catch, method)]
    pub fn collapse(this: &StripeElement) -> Result<(), JsValue>;

    /// `StripeAddressElement`: adds `getValue()`.
    #[derive(Debug, Clone)]
    #[wasm_bindgen(extends = StripeElement)]
    pub type StripeAddressElement;

    #[wasm_bindgen(catch, method, js_name = getValue)]
    pub fn get_value(this: &StripeAddressElement) -> Result<Promise, JsValue>;
}
