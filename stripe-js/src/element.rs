//! Element handles: RAII (`Drop` destroys the element) and RAII listeners (`Drop` calls `off`).

use std::ops::Deref;

use wasm_bindgen::prelude::*;

use super::error::Error;
use super::js::FromJs;
use super::js::ToJs;
use super::options::{AddressElementOptions, LayoutOption, PaymentElementOptions};
use super::types::{
    AddressChangeEvent, AddressResult, ChangeEvent, ElementEvent, LinkAuthenticationChangeEvent,
    LoadErrorEvent,
};
use super::{from_js, sys};

/// An element this handle owns: dropping it calls `destroy()` once.
#[derive(Debug)]
#[must_use = "the element is destroyed when this handle is dropped"]
pub struct Element {
    inner: sys::StripeElement,
}

impl Element {
    pub(crate) fn from_sys(inner: sys::StripeElement) -> Self {
        Self { inner }
    }

    /// `element.mount(node)`.
    pub fn mount(&self, node: &web_sys::HtmlElement) -> Result<(), Error> {
        self.inner
            .mount(node)
            .map_err(|e| Error::thrown("element.mount", e))
    }

    /// `element.unmount()`: detaches it, keeping its state for a later `mount`.
    pub fn unmount(&self) -> Result<(), Error> {
        self.inner
            .unmount()
            .map_err(|e| Error::thrown("element.unmount", e))
    }

    /// `element.focus()`.
    pub fn focus(&self) -> Result<(), Error> {
        self.inner
            .focus()
            .map_err(|e| Error::thrown("element.focus", e))
    }

    /// `element.on(event, handler)`, with the payload read as `T`. The listener stays attached
    /// until the returned handle is dropped.
    pub fn on<T: FromJs + 'static>(
        &self,
        event: &'static str,
        mut handler: impl FnMut(T) + 'static,
    ) -> Result<Listener, Error> {
        self.on_raw(event, move |payload: JsValue| {
            match from_js::<T>("element.on", payload) {
                Ok(value) => handler(value),
                Err(e) => unread(event, e),
            }
        })
    }

    /// `element.on(event, handler)` with the payload as Stripe.js gave it.
    pub(crate) fn on_raw(
        &self,
        event: &'static str,
        handler: impl FnMut(JsValue) + 'static,
    ) -> Result<Listener, Error> {
        self.on_js(event, Box::new(handler))
    }

    /// The untyped part of [`Element::on`]: one `Closure` type for every event.
    fn on_js(
        &self,
        event: &'static str,
        handler: Box<dyn FnMut(JsValue)>,
    ) -> Result<Listener, Error> {
        let closure = Closure::wrap(handler);
        self.inner
            .on(event, closure.as_ref().unchecked_ref())
            .map_err(|e| Error::thrown("element.on", e))?;
        Ok(Listener {
            element: self.inner.clone(),
            event,
            closure,
        })
    }

    /// `ready`: the element is shown and can take input.
    pub fn on_ready(&self, handler: impl FnMut(ElementEvent) + 'static) -> Result<Listener, Error> {
        self.on("ready", handler)
    }

    /// `change`: the customer typed; `complete` says whether the form is valid.
    pub fn on_change(&self, handler: impl FnMut(ChangeEvent) + 'static) -> Result<Listener, Error> {
        self.on("change", handler)
    }

    /// `loaderror`: the element could not load.
    pub fn on_load_error(
        &self,
        handler: impl FnMut(LoadErrorEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.on("loaderror", handler)
    }

    /// `focus`.
    pub fn on_focus(&self, handler: impl FnMut(ElementEvent) + 'static) -> Result<Listener, Error> {
        self.on("focus", handler)
    }

    /// `blur`.
    pub fn on_blur(&self, handler: impl FnMut(ElementEvent) + 'static) -> Result<Listener, Error> {
        self.on("blur", handler)
    }

    /// `escape`: Escape was pressed inside the element.
    pub fn on_escape(
        &self,
        handler: impl FnMut(ElementEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.on("escape", handler)
    }

    fn update_with(&self, options: &dyn ToJs) -> Result<(), Error> {
        self.inner
            .update(&options.to_js())
            .map_err(|e| Error::thrown("element.update", e))
    }
}

/// A payload Stripe.js sent that did not have the shape its types promise: said on the
/// console, the handler not called (out of line: one copy for every event type).
#[cold]
#[inline(never)]
pub(crate) fn unread(event: &str, error: Error) {
    web_sys::console::warn_1(&[event, ": ", &error.message()].concat().into());
}

impl Drop for Element {
    fn drop(&mut self) {
        // Stripe.js throws if the element is already gone (e.g. the page tore it down):
        // nothing is left to release then.
        let _ = self.inner.destroy();
    }
}

impl AsRef<sys::StripeElement> for Element {
    fn as_ref(&self) -> &sys::StripeElement {
        &self.inner
    }
}

/// An attached event listener: dropping it calls `off` with the same function.
#[must_use = "the listener is removed when this handle is dropped"]
pub struct Listener {
    element: sys::StripeElement,
    event: &'static str,
    closure: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .element
            .off(self.event, self.closure.as_ref().unchecked_ref());
    }
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Listener({})", self.event)
    }
}

/// A non-owning handle from `elements.getElement()`: dropping it leaves the element alone.
#[derive(Debug, Clone)]
pub struct ElementRef {
    inner: sys::StripeElement,
}

impl ElementRef {
    pub(crate) fn from_sys(inner: sys::StripeElement) -> Self {
        Self { inner }
    }

    /// `addressElement.getValue()`; an integration error for other element types.
    pub async fn get_value(&self) -> Result<AddressResult, Error> {
        address_value(&self.inner).await
    }

    /// `element.focus()`.
    pub fn focus(&self) -> Result<(), Error> {
        self.inner
            .focus()
            .map_err(|e| Error::thrown("element.focus", e))
    }
}

/// The Payment Element.
#[derive(Debug)]
#[must_use = "the element is destroyed when this handle is dropped"]
pub struct PaymentElement(Element);

impl PaymentElement {
    pub(crate) fn from_sys(inner: sys::StripeElement) -> Self {
        Self(Element { inner })
    }

    /// `element.update(options)`, without what only creation takes
    /// (`StripePaymentElementUpdateOptions` of `elements/payment.d.ts`: no `wallets`, and a
    /// layout object without `defaultCollapsed`), which Stripe.js refuses in an update.
    pub fn update(&self, options: &PaymentElementOptions) -> Result<(), Error> {
        let mut options = options.clone();
        options.wallets = None;
        if let Some(LayoutOption::Object(layout)) = &mut options.layout {
            layout.default_collapsed = None;
        }
        self.0.update_with(&options)
    }
}

impl Deref for PaymentElement {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
    }
}

/// The Address Element.
#[derive(Debug)]
#[must_use = "the element is destroyed when this handle is dropped"]
pub struct AddressElement(Element);

impl AddressElement {
    pub(crate) fn from_sys(inner: sys::StripeAddressElement) -> Self {
        Self(Element {
            inner: inner.into(),
        })
    }

    /// `element.update(options)`.
    pub fn update(&self, options: &AddressElementOptions) -> Result<(), Error> {
        self.0.update_with(options)
    }

    /// `addressElement.getValue()`.
    pub async fn get_value(&self) -> Result<AddressResult, Error> {
        address_value(&self.0.inner).await
    }

    /// `change`, with the address typed so far (to recompute shipping or tax).
    pub fn on_address_change(
        &self,
        handler: impl FnMut(AddressChangeEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("change", handler)
    }
}

impl Deref for AddressElement {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
    }
}

/// The Link Authentication Element: the customer's email (and Link sign-in).
#[derive(Debug)]
#[must_use = "the element is destroyed when this handle is dropped"]
pub struct LinkAuthenticationElement(Element);

impl LinkAuthenticationElement {
    pub(crate) fn from_sys(inner: sys::StripeElement) -> Self {
        Self(Element { inner })
    }

    /// `change`, with the email typed so far.
    pub fn on_email_change(
        &self,
        handler: impl FnMut(LinkAuthenticationChangeEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("change", handler)
    }
}

impl Deref for LinkAuthenticationElement {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
    }
}

async fn address_value(element: &sys::StripeElement) -> Result<AddressResult, Error> {
    const OP: &str = "addressElement.getValue";
    let raw: &sys::StripeAddressElement = element.unchecked_ref();
    let promise = raw.get_value().map_err(|e| Error::thrown(OP, e))?;
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| Error::thrown(OP, e))?;
    from_js(OP, value)
}
