//! `StripeElements`: one Elements group — create elements, `submit()`, `update()`.

use super::element::{AddressElement, ElementRef, LinkAuthenticationElement, PaymentElement};
use super::error::Error;
use super::express::{ExpressCheckoutElement, ExpressCheckoutOptions};
use super::js::ToJs;
use super::options::{
    AddressElementOptions, ElementsUpdate, LinkAuthenticationOptions, PaymentElementOptions,
};
use super::types::ElementType;
use super::{settle, sys};
use wasm_bindgen::JsCast;

/// An Elements group. Cloning shares the same group.
#[derive(Debug, Clone)]
pub struct Elements {
    inner: sys::Elements,
}

impl Elements {
    pub(crate) fn from_sys(inner: sys::Elements) -> Self {
        Self { inner }
    }

    /// `elements.create('payment', options)`.
    pub fn create_payment_element(
        &self,
        options: &PaymentElementOptions,
    ) -> Result<PaymentElement, Error> {
        self.create("payment", options)
            .map(PaymentElement::from_sys)
    }

    /// `elements.create('address', options)`.
    pub fn create_address_element(
        &self,
        options: &AddressElementOptions,
    ) -> Result<AddressElement, Error> {
        self.create("address", options)
            .map(|raw| AddressElement::from_sys(raw.unchecked_into()))
    }

    /// `elements.create('linkAuthentication', options)`.
    pub fn create_link_authentication_element(
        &self,
        options: &LinkAuthenticationOptions,
    ) -> Result<LinkAuthenticationElement, Error> {
        self.create("linkAuthentication", options)
            .map(LinkAuthenticationElement::from_sys)
    }

    /// `elements.create('expressCheckout', options)`.
    pub fn create_express_checkout_element(
        &self,
        options: &ExpressCheckoutOptions,
    ) -> Result<ExpressCheckoutElement, Error> {
        self.create("expressCheckout", options)
            .map(ExpressCheckoutElement::from_sys)
    }

    fn create(&self, kind: &str, options: &dyn ToJs) -> Result<sys::StripeElement, Error> {
        self.inner
            .create(kind, &options.to_js())
            .map_err(|e| Error::thrown("elements.create", e))
    }

    /// `elements.getElement(type)`: a non-owning handle to the live element, if any.
    pub fn get_element(&self, kind: ElementType) -> Result<Option<ElementRef>, Error> {
        self.inner
            .get_element(kind.as_str())
            .map(|e| e.map(ElementRef::from_sys))
            .map_err(|e| Error::thrown("elements.getElement", e))
    }

    /// `elements.submit()`: validates the form and collects wallet data. Stripe.js is called
    /// at once (inside the Pay click, as Stripe requires); await the returned future for the
    /// outcome. A validation failure is [`Error::Stripe`] with a customer-facing message.
    pub fn submit(&self) -> impl std::future::Future<Output = Result<(), Error>> + 'static {
        let promise = self.inner.submit();
        async move { settle("elements.submit", promise, None).await.map(drop) }
    }

    /// `elements.update(options)`.
    pub fn update(&self, update: &ElementsUpdate) -> Result<(), Error> {
        self.inner
            .update(&update.to_js())
            .map_err(|e| Error::thrown("elements.update", e))
    }
}

impl AsRef<sys::Elements> for Elements {
    fn as_ref(&self) -> &sys::Elements {
        &self.inner
    }
}
