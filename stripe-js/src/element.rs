//! Element handles: RAII (`Drop` destroys the element) and RAII listeners (`Drop` calls `off`).

use std::ops::Deref;

use wasm_bindgen::prelude::*;

use super::error::Error;
use super::events::PaymentChangeEvent;
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
        self.handle().focus()
    }

    /// `element.blur()`.
    pub fn blur(&self) -> Result<(), Error> {
        self.handle().blur()
    }

    /// `element.clear()`: empties the element's fields.
    pub fn clear(&self) -> Result<(), Error> {
        self.handle().clear()
    }

    /// A handle to the same element that does not own it (dropping it leaves the element
    /// alone): what a component's `on_ready` hands the shop.
    pub fn handle(&self) -> ElementRef {
        ElementRef::from_sys(self.inner.clone())
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

    /// `loaderstart`: the element's loader is in the page and shown (before `ready`).
    pub fn on_loader_start(
        &self,
        handler: impl FnMut(ElementEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.on("loaderstart", handler)
    }

    /// `escape`: Escape was pressed inside the element.
    pub fn on_escape(
        &self,
        handler: impl FnMut(ElementEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.on("escape", handler)
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

/// A non-owning handle (from `elements.getElement()`, [`Element::handle`], or a component's
/// `on_ready`): dropping it leaves the element alone. It has the methods every element shares
/// (`elements/base.d.ts`) and the Payment Element's `collapse`.
///
/// ```no_run
/// use stripe_js::{ElementRef, PaymentElementOptions};
///
/// fn on_ready(card: ElementRef) -> Result<(), stripe_js::Error> {
///     card.focus()?; // the customer types at once
///     card.update(&PaymentElementOptions { read_only: true, ..Default::default() })?;
///     card.collapse()?; // folds the Payment Element into its row of tabs
///     card.clear()?;
///     card.blur()
/// }
/// ```
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

    /// `element.blur()`.
    pub fn blur(&self) -> Result<(), Error> {
        self.inner
            .blur()
            .map_err(|e| Error::thrown("element.blur", e))
    }

    /// `element.clear()`: empties the element's fields.
    pub fn clear(&self) -> Result<(), Error> {
        self.inner
            .clear()
            .map_err(|e| Error::thrown("element.clear", e))
    }

    /// `paymentElement.collapse()`: the Payment Element folds into its row of payment method
    /// tabs; an integration error for other element types, which have no `collapse`.
    pub fn collapse(&self) -> Result<(), Error> {
        self.inner
            .collapse()
            .map_err(|e| Error::thrown("element.collapse", e))
    }

    /// `element.update(options)` with a Payment or Address Element's options (what only
    /// creation takes is left out: see [`ElementUpdate`]). Inside a component, prefer its
    /// `options` signal: the component sends its own options again when they change.
    pub fn update(&self, options: &impl ElementUpdate) -> Result<(), Error> {
        self.inner
            .update(&options.update_js())
            .map_err(|e| Error::thrown("element.update", e))
    }
}

/// Options an element's `update()` takes.
pub trait ElementUpdate {
    /// The object `element.update()` is given.
    fn update_js(&self) -> JsValue;
}

/// `StripePaymentElementUpdateOptions` of `elements/payment.d.ts`: no `wallets`, and a layout
/// object without `defaultCollapsed`, which Stripe.js refuses in an update.
impl ElementUpdate for PaymentElementOptions {
    fn update_js(&self) -> JsValue {
        let mut options = self.clone();
        options.wallets = None;
        if let Some(LayoutOption::Object(layout)) = &mut options.layout {
            layout.default_collapsed = None;
        }
        options.to_js()
    }
}

/// `Partial<StripeAddressElementOptions>` (`elements/address.d.ts`).
impl ElementUpdate for AddressElementOptions {
    fn update_js(&self) -> JsValue {
        self.to_js()
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
        self.handle().update(options)
    }

    /// `paymentElement.collapse()`: folds the element into its row of payment method tabs.
    pub fn collapse(&self) -> Result<(), Error> {
        self.handle().collapse()
    }

    /// `change`, with what the customer chose (`value.type`, a saved method …) and whether
    /// the element is collapsed.
    pub fn on_payment_change(
        &self,
        handler: impl FnMut(PaymentChangeEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("change", handler)
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
        self.handle().update(options)
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
