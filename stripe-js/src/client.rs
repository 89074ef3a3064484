//! The `Stripe` instance: Elements, tokens, PaymentIntents.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::elements::Elements;
use super::error::Error;
use super::js::ToJs;
use super::options::{AppInfo, ConfirmationTokenParams, ElementsOptions, StripeConstructorOptions};
use super::types::{ConfirmationToken, Intent, PaymentIntent, SetupIntent};
use super::{from_js, settle, sys};
use stripe_checkout_wire::{ClientSecret, IntentKind, PublishableKey};

/// A Stripe.js instance.
#[derive(Debug, Clone)]
pub struct Stripe {
    inner: sys::Stripe,
}

impl Stripe {
    /// Calls `Stripe(key)` (Stripe.js must be loaded: see [`super::load_stripe`]) and
    /// registers this crate with `registerAppInfo`, as Stripe asks wrappers to.
    pub fn new(key: &PublishableKey) -> Result<Self, Error> {
        Self::with_options(key, &StripeConstructorOptions::default())
    }

    /// Calls `Stripe(key, options)` (Connect account, locale) after checking the options.
    pub fn with_options(
        key: &PublishableKey,
        options: &StripeConstructorOptions,
    ) -> Result<Self, Error> {
        options.validate()?;
        let options = match options.is_empty() {
            true => JsValue::UNDEFINED,
            false => options.to_js(),
        };
        let inner = sys::stripe(key.as_str(), &options).map_err(|e| Error::thrown("Stripe", e))?;
        let stripe = Self { inner };
        stripe.register_app_info(&AppInfo::THIS_CRATE)?;
        Ok(stripe)
    }

    /// `stripe.registerAppInfo(info)`.
    pub fn register_app_info(&self, info: &AppInfo) -> Result<(), Error> {
        self.inner
            .register_app_info(&info.to_js())
            .map_err(|e| Error::thrown("registerAppInfo", e))
    }

    /// `stripe.elements(options)` in deferred-intent mode.
    pub fn elements(&self, options: &ElementsOptions) -> Result<Elements, Error> {
        options.validate()?;
        let inner = self
            .inner
            .elements(&options.to_js())
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
        let params = params.to_js();
        let options = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&options, &JsValue::from_str(k), v);
        set("elements", elements.as_ref())
            .and_then(|_| set("params", &params))
            .map_err(|e| Error::thrown(OP, e))?;
        let promise = self.inner.create_confirmation_token(&options);
        from_js(OP, settle(OP, promise, Some("confirmationToken")).await?)
    }

    /// `stripe.handleNextAction({clientSecret})`: 3-D Secure and the like, for a
    /// PaymentIntent's or a SetupIntent's secret.
    pub async fn handle_next_action(&self, secret: &ClientSecret) -> Result<Intent, Error> {
        const OP: &str = "handleNextAction";
        let options = Object::new();
        Reflect::set(&options, &"clientSecret".into(), &secret.expose().into())
            .map_err(|e| Error::thrown(OP, e))?;
        let promise = self.inner.handle_next_action(&options);
        Ok(match secret.kind() {
            IntentKind::Payment => Intent::Payment(from_js(
                OP,
                settle(OP, promise, Some("paymentIntent")).await?,
            )?),
            IntentKind::Setup => Intent::Setup(from_js(
                OP,
                settle(OP, promise, Some("setupIntent")).await?,
            )?),
        })
    }

    /// `stripe.retrieveSetupIntent(clientSecret)`.
    pub async fn retrieve_setup_intent(&self, secret: &ClientSecret) -> Result<SetupIntent, Error> {
        const OP: &str = "retrieveSetupIntent";
        let promise = self.inner.retrieve_setup_intent(secret.expose());
        from_js(OP, settle(OP, promise, Some("setupIntent")).await?)
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
