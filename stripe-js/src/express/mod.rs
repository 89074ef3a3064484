//! The Express Checkout Element: wallet buttons (Apple Pay, Google Pay, Link, …), its options
//! and its events, typed after `@stripe/stripe-js`'s `elements/express-checkout.d.ts`.
//!
//! Events that wait for an answer (`click`, `shippingaddresschange`, `shippingratechange`,
//! `confirm`) arrive as a [`Reply`]: the event's data plus the methods to answer it, which must
//! be called synchronously or soon (Stripe closes the sheet if `click` is not resolved within
//! one second, and a shipping change within 20 seconds).

mod events;
mod options;
mod update;

pub use events::*;
pub use options::*;
pub use update::*;

use std::ops::Deref;

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::element::{Element, Listener};
use super::error::Error;
use super::js::{set, FromJs, ToJs};
use super::sys;
use super::types::ElementEvent;

/// An event that waits for an answer: its data, and the answering methods of the `impl` for
/// its type. Dropping it without answering lets Stripe.js time out.
#[derive(Debug)]
pub struct Reply<T> {
    /// The event's data.
    pub event: T,
    raw: JsValue,
}

impl<T> Deref for Reply<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.event
    }
}

impl<T> Reply<T> {
    /// Calls `event[name](arg?)`.
    fn call(&self, name: &'static str, arg: Option<JsValue>) -> Result<(), Error> {
        let function: Function = Reflect::get(&self.raw, &name.into())
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| Error::Shape {
                operation: name,
                detail: "the event has no such function".into(),
            })?;
        match arg {
            Some(arg) => function.call1(&self.raw, &arg),
            None => function.call0(&self.raw),
        }
        .map(drop)
        .map_err(|e| Error::thrown(name, e))
    }
}

impl Reply<ExpressClickEvent> {
    /// `event.resolve(details)`: opens the sheet. Must be called within one second.
    pub fn resolve(&self, details: &ClickResolveDetails) -> Result<(), Error> {
        self.call("resolve", Some(details.to_js()))
    }

    /// `event.reject()`: the sheet is not opened.
    pub fn reject(&self) -> Result<(), Error> {
        self.call("reject", None)
    }
}

/// The answer to a shipping change.
macro_rules! change_replies {
    ($($event:ty),*) => {$(
        impl Reply<$event> {
            /// `event.resolve(details)`: the change is accepted with these rates and lines.
            pub fn resolve(&self, details: &ChangeResolveDetails) -> Result<(), Error> {
                self.call("resolve", Some(details.to_js()))
            }

            /// `event.reject()`: the sheet tells the customer the choice cannot be used.
            pub fn reject(&self) -> Result<(), Error> {
                self.call("reject", None)
            }
        }
    )*};
}
change_replies!(ShippingAddressChangeEvent, ShippingRateChangeEvent);

impl Reply<ExpressConfirmEvent> {
    /// `event.paymentFailed({reason})`: the sheet shows the failure and closes.
    pub fn payment_failed(&self, reason: PaymentFailedReason) -> Result<(), Error> {
        let payload = Object::new();
        set(&payload, "reason", &reason);
        self.call("paymentFailed", Some(payload.into()))
    }
}

/// The Express Checkout Element.
#[derive(Debug)]
#[must_use = "the element is destroyed when this handle is dropped"]
pub struct ExpressCheckoutElement(Element);

impl ExpressCheckoutElement {
    pub(crate) fn from_sys(inner: sys::StripeElement) -> Self {
        Self(Element::from_sys(inner))
    }

    /// `ready`, with the buttons shown (`None`: no wallet here, nothing is shown).
    pub fn on_express_ready(
        &self,
        handler: impl FnMut(ExpressReadyEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("ready", handler)
    }

    /// `click`: answer with [`Reply::resolve`] within one second.
    pub fn on_click(
        &self,
        handler: impl FnMut(Reply<ExpressClickEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("click", handler)
    }

    /// `confirm`: the customer approved; make the token, and call [`Reply::payment_failed`] if
    /// the payment then fails.
    pub fn on_confirm(
        &self,
        handler: impl FnMut(Reply<ExpressConfirmEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("confirm", handler)
    }

    /// `cancel`: the customer closed the sheet.
    pub fn on_cancel(
        &self,
        handler: impl FnMut(ElementEvent) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on("cancel", handler)
    }

    /// `shippingaddresschange`: answer with the rates for the new address, or reject it.
    pub fn on_shipping_address_change(
        &self,
        handler: impl FnMut(Reply<ShippingAddressChangeEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("shippingaddresschange", handler)
    }

    /// `shippingratechange`: answer with the new lines, or reject the rate.
    pub fn on_shipping_rate_change(
        &self,
        handler: impl FnMut(Reply<ShippingRateChangeEvent>) + 'static,
    ) -> Result<Listener, Error> {
        self.on_reply("shippingratechange", handler)
    }

    /// `expressCheckoutElement.update(options)`: merged into the element's configuration. Make it
    /// with [`ExpressCheckoutOptions::changes_to`], which refuses what cannot change.
    pub fn update(&self, options: &ExpressCheckoutUpdate) -> Result<(), Error> {
        let element: &sys::StripeElement = self.0.as_ref();
        element
            .update(&options.to_js())
            .map_err(|e| Error::thrown("element.update", e))
    }

    fn on_reply<T: FromJs + 'static>(
        &self,
        event: &'static str,
        mut handler: impl FnMut(Reply<T>) + 'static,
    ) -> Result<Listener, Error> {
        self.0.on_raw(event, move |raw: JsValue| {
            match super::from_js::<T>("element.on", raw.clone()) {
                Ok(event) => handler(Reply { event, raw }),
                Err(e) => crate::element::unread(event, e),
            }
        })
    }
}

impl Deref for ExpressCheckoutElement {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.0
    }
}
