//! `PaymentElement` and `AddressElement`: one factory mounts any element on a light-DOM node,
//! attaches its callbacks once, sends option changes to `update()` and destroys it on unmount.

use std::ops::Deref;

use leptos::html::Div;
use leptos::prelude::*;

use super::effect::effect;
use super::provider::StripeContext;
use crate::stripe::{
    AddressElement as StripeAddressElement, AddressElementOptions, ChangeEvent, Element,
    ElementEvent, Elements, Error, Listener, LoadErrorEvent,
    PaymentElement as StripePaymentElement, PaymentElementOptions,
};

/// The typed event callbacks every element component takes.
#[derive(Clone, Copy, Default)]
struct Callbacks {
    ready: Option<Callback<ElementEvent>>,
    change: Option<Callback<ChangeEvent>>,
    load_error: Option<Callback<LoadErrorEvent>>,
    focus: Option<Callback<ElementEvent>>,
    blur: Option<Callback<ElementEvent>>,
    escape: Option<Callback<ElementEvent>>,
}

impl Callbacks {
    fn attach(self, element: &Element) -> Result<Vec<Listener>, Error> {
        let Callbacks {
            ready,
            change,
            load_error,
            focus,
            blur,
            escape,
        } = self;
        let mut listeners = Vec::new();
        if let Some(cb) = ready {
            listeners.push(element.on_ready(move |e| cb.run(e))?);
        }
        if let Some(cb) = change {
            listeners.push(element.on_change(move |e| cb.run(e))?);
        }
        if let Some(cb) = load_error {
            listeners.push(element.on_load_error(move |e| cb.run(e))?);
        }
        if let Some(cb) = focus {
            listeners.push(element.on_focus(move |e| cb.run(e))?);
        }
        if let Some(cb) = blur {
            listeners.push(element.on_blur(move |e| cb.run(e))?);
        }
        if let Some(cb) = escape {
            listeners.push(element.on_escape(move |e| cb.run(e))?);
        }
        Ok(listeners)
    }
}

/// A mounted element. Field order matters: listeners are removed before the element is destroyed.
struct Mounted<E, O> {
    _listeners: Vec<Listener>,
    element: E,
    options: O,
}

/// Creates the element when `node` is in the page, keeps it until the owner is cleaned up.
fn mount_element<E, O>(
    node: NodeRef<Div>,
    options: Signal<O>,
    create: fn(&Elements, &O) -> Result<E, Error>,
    update: fn(&E, &O) -> Result<(), Error>,
    callbacks: Callbacks,
    on_error: Option<Callback<Error>>,
) where
    E: Deref<Target = Element> + 'static,
    O: Clone + PartialEq + Send + Sync + 'static,
{
    let report = move |e: Error| match on_error {
        Some(cb) => cb.run(e),
        None => web_sys::console::error_1(&e.to_string().into()),
    };
    let mounted = StoredValue::new_local(None::<Mounted<E, O>>);
    let context = use_context::<StripeContext>();
    // `node.on_load` would be one more Effect instantiation per element type.
    let mut load = Some(move |div: web_sys::HtmlDivElement| {
        let Some(context) = context else {
            return report(Error::Options(
                "an element component must be inside a StripeProvider".into(),
            ));
        };
        let options = options.get_untracked();
        let result = create(&context.elements(), &options).and_then(|element| {
            element.mount(&div)?;
            Ok(Mounted {
                _listeners: callbacks.attach(&element)?,
                element,
                options,
            })
        });
        match result {
            Ok(m) => mounted.set_value(Some(m)),
            Err(e) => report(e),
        }
    });
    effect(Box::new(move || {
        if let Some(div) = node.get() {
            if let Some(load) = load.take() {
                untrack(move || load(div));
            }
        }
    }));
    effect(Box::new(move || {
        let next = options.get();
        let sent = mounted.try_update_value(|m| match m {
            Some(m) if m.options != next => {
                let result = update(&m.element, &next);
                m.options = next;
                result
            }
            _ => Ok(()),
        });
        if let Some(Err(e)) = sent {
            report(e);
        }
    }));
    on_cleanup(move || {
        mounted.try_update_value(Option::take);
    });
}

/// Writes one element component: the props and the body are the same for every element type.
macro_rules! element_component {
    ($(#[$doc:meta])* $name:ident, $options:ty, $class:literal, $create:expr, $update:expr) => {
        $(#[$doc])*
        #[component]
        pub fn $name(
            /// Element options; changes are sent to `element.update()`.
            #[prop(optional, into)]
            options: Signal<$options>,
            /// The element is shown and can take input.
            #[prop(optional, into)]
            on_ready: Option<Callback<ElementEvent>>,
            /// The customer typed; `complete` says whether the element's fields are valid.
            #[prop(optional, into)]
            on_change: Option<Callback<ChangeEvent>>,
            /// The element failed to load.
            #[prop(optional, into)]
            on_load_error: Option<Callback<LoadErrorEvent>>,
            /// The element gained focus.
            #[prop(optional, into)]
            on_focus: Option<Callback<ElementEvent>>,
            /// The element lost focus.
            #[prop(optional, into)]
            on_blur: Option<Callback<ElementEvent>>,
            /// Escape was pressed inside the element.
            #[prop(optional, into)]
            on_escape: Option<Callback<ElementEvent>>,
            /// Creating, mounting or updating the element failed (an integration error).
            #[prop(optional, into)]
            on_error: Option<Callback<Error>>,
        ) -> impl IntoView {
            let node = NodeRef::<Div>::new();
            let callbacks = Callbacks {
                ready: on_ready,
                change: on_change,
                load_error: on_load_error,
                focus: on_focus,
                blur: on_blur,
                escape: on_escape,
            };
            mount_element(node, options, $create, $update, callbacks, on_error);
            view! { <div class=$class node_ref=node></div> }
        }
    };
}

element_component!(
    /// Stripe's Payment Element, mounted in a `<div>` of the page (light DOM).
    PaymentElement,
    PaymentElementOptions,
    "stripe-payment-element",
    |elements, o| elements.create_payment_element(o),
    StripePaymentElement::update
);

element_component!(
    /// Stripe's Address Element (shipping mode by default), mounted in a `<div>` of the page.
    AddressElement,
    AddressElementOptions,
    "stripe-address-element",
    |elements, o| elements.create_address_element(o),
    StripeAddressElement::update
);
