//! The `Stripe` instance: publishable-key check, Elements, tokens, PaymentIntents.

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

use super::elements::Elements;
use super::error::Error;
use super::options::{AppInfo, ConfirmationTokenParams, ElementsOptions};
use super::types::{ClientSecret, ConfirmationToken, PaymentIntent};
use super::{from_js, settle, sys, to_js};

/// A publishable key (`pk_test_…` / `pk_live_…`), checked before Stripe.js ever sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishableKey(String);

impl PublishableKey {
    /// Refuses secret (`sk_…`) and restricted (`rk_…`) keys, and anything not a publishable key.
    pub fn parse(key: &str) -> Result<Self, Error> {
        let key = key.trim();
        let refuse = |what: &str| {
            Err(Error::InvalidKey(format!(
                "{what} Use your publishable key (pk_test_… or pk_live_…) from the Stripe Dashboard."
            )))
        };
        if key.starts_with("sk_") {
            return refuse("A secret key (sk_…) must never be used in a browser: roll it in the Dashboard if it was published.");
        }
        if key.starts_with("rk_") {
            return refuse(
                "A restricted key (rk_…) is a server-side key and must not be used in a browser.",
            );
        }
        let valid = ["pk_test_", "pk_live_"].iter().any(|p| {
            key.strip_prefix(p).is_some_and(|rest| {
                !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
        });
        if !valid {
            return refuse("This is not a Stripe publishable key.");
        }
        Ok(Self(key.to_owned()))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is a test-mode key.
    pub fn is_test(&self) -> bool {
        self.0.starts_with("pk_test_")
    }
}

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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn publishable_keys_pass() {
        assert!(PublishableKey::parse("pk_test_51Abc").unwrap().is_test());
        assert!(!PublishableKey::parse(" pk_live_51Abc ").unwrap().is_test());
    }

    #[test]
    fn secret_and_restricted_keys_are_refused_with_what_to_use_instead() {
        for (key, words) in [
            ("sk_test_51Abc", "secret key"),
            ("sk_live_51Abc", "secret key"),
            ("rk_live_51Abc", "restricted key"),
            ("pk_test_", "not a Stripe publishable key"),
            ("hello", "not a Stripe publishable key"),
            ("", "not a Stripe publishable key"),
            ("pk_test_ab\"><script>", "not a Stripe publishable key"),
        ] {
            let msg = PublishableKey::parse(key).unwrap_err().to_string();
            assert!(msg.contains(words), "{key}: {msg}");
            assert!(msg.contains("publishable key (pk_test_"), "{key}: {msg}");
        }
    }
}
