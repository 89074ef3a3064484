//! The `Stripe` instance: Elements, tokens, PaymentIntents.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::elements::Elements;
use super::error::Error;
use super::options::{AppInfo, ConfirmationTokenParams, ElementsOptions};
use super::types::{ConfirmationToken, PaymentIntent};
use super::{from_js, settle, sys, to_js};
use stripe_checkout_wire::{ClientSecret, PublishableKey};

/// A Stripe.js instance.
#[derive(Debug, Clone)]
pub struct Stripe {
    inner: sys::Stripe,
}

impl Stripe {
    /// Calls `Stripe(key)` (Stripe.js must be loaded: see [`super::load_stripe`]) and
    /// registers this crate with `registerAppInfo`, as Stripe asks wrappers to.
    pub fn new(key: &PublishableKey) -> Result<Self, Error> {
        let inner = sys::stripe(key.as_str(), &JsValue::UNDEFINED)
            .map_err(|e| Error::thrown("Stripe", e))?;
        let stripe = Self { inner };
        stripe.register_app_info(&AppInfo::THIS_CRATE)?;
        Ok(stripe)
    }

    /// `stripe.registerAppInfo(info)`.
    pub fn register_app_info(&self, info: &AppInfo) -> Result<(), Error> {
        self.inner
            .register_app_info(&to_js("registerAppInfo", info)?)
            .map_err(|e| Error::thrown("registerAppInfo", e))
    }

    /// `stripe.elements(options)` in deferred-intent mode.
    pub fn elements(&self, options: &ElementsOptions) -> Result<Elements, Error> {
        options.validate()?;
        let inner = self
            .inner
            .elements(&to_js("elements", options)?)
            .map_err(|e| Error::thrown("elements", e))?;
        Ok(Elements::from_sys(inner))
    }

    /// `stripe.createConfirmationToken({elements, params})`. Call [`Elements::submit`] first.
    pub async fn create_confirmation_token(
        &self,
        elements: &Elements,
        params: &ConfirmationTokenParams,
    ) -> Result<ConfirmationToken, Error> {
        const OP: &str = "createConfirmationToken";
        let params = to_js(OP, params)?;
        let options = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&options, &JsValue::from_str(k), v);
        set("elements", elements.as_ref())
            .and_then(|_| set("params", &params))
            .map_err(|e| Error::thrown(OP, e))?;
        let promise = self.inner.create_confirmation_token(&options);
        from_js(OP, settle(OP, promise, Some("confirmationToken")).await?)
    }

    /// `stripe.handleNextAction({clientSecret})`: 3-D Secure and the like.
    pub async fn handle_next_action(&self, secret: &ClientSecret) -> Result<PaymentIntent, Error> {
        const OP: &str = "handleNextAction";
        let options = Object::new();
        Reflect::set(&options, &"clientSecret".into(), &secret.expose().into())
            .map_err(|e| Error::thrown(OP, e))?;
        let promise = self.inner.handle_next_action(&options);
        from_js(OP, settle(OP, promise, Some("paymentIntent")).await?)
    }

    /// `stripe.retrievePaymentIntent(clientSecret)`.
    pub async fn retrieve_payment_intent(
        &self,
        secret: &ClientSecret,
    ) -> Result<PaymentIntent, Error> {
        const OP: &str = "retrievePaymentIntent";
        let promise = self.inner.retrieve_payment_intent(secret.expose());
        from_js(OP, settle(OP, promise, Some("paymentIntent")).await?)
    }
}

impl AsRef<sys::Stripe> for Stripe {
    fn as_ref(&self) -> &sys::Stripe {
        &self.inner
    }
}
