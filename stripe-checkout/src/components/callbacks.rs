//! The element components' callbacks: the ones every element takes ([`Callbacks`]), each
//! attached once to the created element, and a type's own events ([`Attach`]).

use std::ops::Deref;

use leptos::prelude::*;

use super::provider::StripeContext;

use crate::stripe::{Element, ElementEvent, ElementRef, Error, FromJs, Listener, LoadErrorEvent};

/// Attaches one listener to a created element (an element type's own events: `change` with
/// its payload, the Payment Element's card and saved-method events …).
pub(super) type Attach = Box<dyn Fn(&Element) -> Result<Listener, Error>>;

/// An [`Attach`] calling `cb` with `event`'s payload read as `T`, when `cb` is given.
pub(super) fn attach<T: FromJs + 'static>(
    event: &'static str,
    cb: Option<Callback<T>>,
) -> Option<Attach> {
    cb.map(|cb| -> Attach { Box::new(move |element: &Element| element.on(event, call(cb))) })
}

/// An [`Attach`] for one of the Payment Element's own events, which the `payment-events`
/// feature holds.
#[cfg(feature = "payment-events")]
pub(super) fn payment_event<T: FromJs + 'static>(
    event: &'static str,
    cb: Option<Callback<T>>,
) -> Option<Attach> {
    attach(event, cb)
}

/// Without the `payment-events` feature: a callback given is named on the console, never called.
#[cfg(not(feature = "payment-events"))]
pub(super) fn payment_event<T>(event: &'static str, cb: Option<Callback<T>>) -> Option<Attach> {
    if cb.is_some() {
        crate::log::error(
            &[
                "stripe-checkout: PaymentElement's ",
                event,
                " callback is never called: the crate was built without its `payment-events` feature",
            ]
            .concat(),
        );
    }
    None
}

/// The typed event callbacks every element component takes (`Copy`: the Express Checkout
/// Element's handlers hold them too).
#[derive(Clone, Copy, Default)]
pub(super) struct Callbacks {
    pub(super) ready: Option<Callback<ElementRef>>,
    pub(super) load_error: Option<Callback<LoadErrorEvent>>,
    pub(super) loader_start: Option<Callback<ElementEvent>>,
    pub(super) focus: Option<Callback<ElementEvent>>,
    pub(super) blur: Option<Callback<ElementEvent>>,
    pub(super) escape: Option<Callback<ElementEvent>>,
}

impl Callbacks {
    pub(super) fn attach(&self, element: &Element) -> Result<Vec<Listener>, Error> {
        let Callbacks {
            ready,
            load_error,
            loader_start,
            focus,
            blur,
            escape,
        } = *self;
        let mut listeners = Vec::new();
        if let Some(cb) = ready {
            // react-stripe-js's `onReady(element)`: the handle, to focus it and so on.
            let handle = element.handle();
            listeners.push(element.on_ready(move |_| {
                cb.try_run(handle.clone());
            })?);
        }
        if let Some(cb) = load_error {
            listeners.push(element.on_load_error(call(cb))?);
        }
        if let Some(cb) = loader_start {
            listeners.push(element.on_loader_start(call(cb))?);
        }
        if let Some(cb) = focus {
            listeners.push(element.on_focus(call(cb))?);
        }
        if let Some(cb) = blur {
            listeners.push(element.on_blur(call(cb))?);
        }
        if let Some(cb) = escape {
            listeners.push(element.on_escape(call(cb))?);
        }
        Ok(listeners)
    }
}

/// An element type's own listeners (beyond the shared [`Callbacks`]), attached at creation.
pub(super) type Listen<E> = Box<dyn Fn(&E, &StripeContext) -> Result<Vec<Listener>, Error>>;

/// A type's own listener (`listen`) that first attaches its own events (`own`).
pub(super) fn with_own<E: Deref<Target = Element> + 'static>(
    own: Vec<Attach>,
    listen: Option<Listen<E>>,
) -> Option<Listen<E>> {
    if own.is_empty() {
        return listen;
    }
    Some(Box::new(move |element: &E, context: &StripeContext| {
        let mut listeners = own
            .iter()
            .map(|attach| attach(element))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(listen) = &listen {
            listeners.extend(listen(element, context)?);
        }
        Ok(listeners)
    }))
}

/// A Stripe.js listener that runs `cb`, and does nothing once `cb`'s owner is gone.
pub(super) fn call<T: 'static>(cb: Callback<T>) -> impl FnMut(T) + 'static {
    move |e| {
        cb.try_run(e);
    }
}
