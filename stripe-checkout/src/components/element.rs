//! `PaymentElement`, `AddressElement` and `LinkAuthenticationElement`: one factory mounts any
//! element on a light-DOM node, attaches its callbacks once, sends option changes to `update()`
//! and destroys it on unmount (`ExpressCheckoutElement`, in `express.rs`, uses it too).

use std::ops::Deref;

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::HtmlDivElement;

use super::effect::effect;
use super::provider::StripeContext;
use crate::stripe::{
    AddressChangeEvent, AddressElement as StripeAddressElement, AddressElementOptions, ChangeEvent,
    Element, ElementEvent, Error, LinkAuthenticationChangeEvent,
    LinkAuthenticationElement as StripeLinkElement, LinkAuthenticationOptions, Listener,
    LoadErrorEvent, PaymentElement as StripePaymentElement, PaymentElementOptions,
};

/// The typed event callbacks every element component takes.
#[derive(Clone, Copy, Default)]
pub(super) struct Callbacks {
    pub(super) ready: Option<Callback<ElementEvent>>,
    pub(super) change: Option<Callback<ChangeEvent>>,
    pub(super) load_error: Option<Callback<LoadErrorEvent>>,
    pub(super) focus: Option<Callback<ElementEvent>>,
    pub(super) blur: Option<Callback<ElementEvent>>,
    pub(super) escape: Option<Callback<ElementEvent>>,
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
            listeners.push(element.on_ready(call(cb))?);
        }
        if let Some(cb) = change {
            listeners.push(element.on_change(call(cb))?);
        }
        if let Some(cb) = load_error {
            listeners.push(element.on_load_error(call(cb))?);
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

/// A Stripe.js listener that runs `cb`, and does nothing once `cb`'s owner is gone.
pub(super) fn call<T: 'static>(cb: Callback<T>) -> impl FnMut(T) + 'static {
    move |e| {
        cb.try_run(e);
    }
}

/// A mounted element. Field order matters: listeners are removed before the element is destroyed.
#[must_use = "the element is destroyed when this handle is dropped"]
struct Mounted<E, O: Send + Sync + 'static> {
    _listeners: Vec<Listener>,
    _own: Vec<Listener>,
    element: E,
    /// The options last sent to Stripe.js.
    sent: O,
    options: Signal<O>,
    update: fn(&E, &O) -> Result<(), Error>,
}

/// A mounted element of any type, so the code that drives it exists once.
trait Live {
    /// Reads the options (tracked) and sends a change to `element.update()`.
    fn sync(&mut self) -> Result<(), Error>;
}

impl<E, O> Live for Mounted<E, O>
where
    O: Clone + PartialEq + Send + Sync + 'static,
{
    fn sync(&mut self) -> Result<(), Error> {
        let next = self.options.get();
        if self.sent == next {
            return Ok(());
        }
        let result = (self.update)(&self.element, &next);
        self.sent = next;
        result
    }
}

/// Creates and mounts an element on a node, reading its options (tracked).
type Create = Box<dyn Fn(&StripeContext, &HtmlDivElement) -> Result<Box<dyn Live>, Error>>;

/// An element type's own listeners (beyond the shared [`Callbacks`]), attached at creation.
pub(super) type Listen<E> = Box<dyn Fn(&E, &StripeContext) -> Result<Vec<Listener>, Error>>;

/// Creates the element when `node` is in the page, keeps it until the owner is cleaned up.
pub(super) fn mount_element<E, O>(
    node: NodeRef<Div>,
    options: Signal<O>,
    create: fn(&StripeContext, &O) -> Result<E, Error>,
    update: fn(&E, &O) -> Result<(), Error>,
    callbacks: Callbacks,
    listen: Option<Listen<E>>,
    on_error: Option<Callback<Error>>,
) where
    E: Deref<Target = Element> + 'static,
    O: Clone + PartialEq + Send + Sync + 'static,
{
    let create: Create = Box::new(move |context, div| {
        let sent = options.get();
        let element = create(context, &sent)?;
        element.mount(div)?;
        Ok(Box::new(Mounted {
            _listeners: callbacks.attach(&element)?,
            _own: match &listen {
                Some(listen) => listen(&element, context)?,
                None => Vec::new(),
            },
            element,
            sent,
            options,
            update,
        }))
    });
    drive_element(node, create, on_error);
}

/// The untyped part of [`mount_element`]: one Effect mounts the element once `node` is in the
/// page, then sends every options change to it.
fn drive_element(node: NodeRef<Div>, create: Create, on_error: Option<Callback<Error>>) {
    let report = move |e: Error| match on_error {
        Some(cb) => {
            cb.try_run(e);
        }
        None => crate::log::error(&e.message()),
    };
    // `None` until the node is in the page, then the element (`None` if it could not be made).
    let mounted = StoredValue::new_local(None::<Option<Box<dyn Live>>>);
    let context = use_context::<StripeContext>();
    effect(Box::new(move || {
        let Some(div) = node.get() else {
            return;
        };
        let result = mounted.try_update_value(|m| match m {
            Some(Some(live)) => live.sync(),
            Some(None) => Ok(()),
            None => {
                *m = Some(None);
                let context = context.ok_or_else(|| {
                    Error::Options("an element component must be inside a StripeProvider".into())
                })?;
                *m = Some(Some(create(&context, &div)?));
                Ok(())
            }
        });
        if let Some(Err(e)) = result {
            report(e);
        }
    }));
    on_cleanup(move || {
        mounted.try_update_value(Option::take);
    });
}

/// Writes one element component: the props and the body are the same for every element type.
macro_rules! element_component {
    ($(#[$doc:meta])* $name:ident, $options:ty, $class:literal, $create:expr, $update:expr
     $(, $(#[$value_doc:meta])* $value_prop:ident: $value:ty => $listen:expr)?) => {
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
            $(
                $(#[$value_doc])*
                #[prop(optional, into)]
                $value_prop: Option<Callback<$value>>,
            )?
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
            let listen = None $(.or(($listen)($value_prop)))?;
            mount_element(node, options, $create, $update, callbacks, listen, on_error);
            view! { <div class=$class node_ref=node></div> }
        }
    };
}

element_component!(
    /// Stripe's Payment Element, mounted in a `<div>` of the page (light DOM).
    PaymentElement,
    PaymentElementOptions,
    "stripe-payment-element",
    |context, o| context.elements().create_payment_element(o),
    StripePaymentElement::update
);

element_component!(
    /// Stripe's Address Element (shipping mode by default), mounted in a `<div>` of the page.
    AddressElement,
    AddressElementOptions,
    "stripe-address-element",
    |context, o| context.elements().create_address_element(o),
    StripeAddressElement::update,
    /// The customer typed: the address so far (to recompute shipping or tax as they type).
    on_address_change: AddressChangeEvent => |cb: Option<Callback<AddressChangeEvent>>| {
        cb.map(|cb| -> Listen<StripeAddressElement> {
            Box::new(move |element, _| Ok(vec![element.on_address_change(call(cb))?]))
        })
    }
);

element_component!(
    /// Stripe's Link Authentication Element: the customer's email, mounted in a `<div>` of the
    /// page. Inside a [`StripeProvider`](super::StripeProvider), a complete email is sent with the
    /// payment: as the token's `payment_method_data.billing_details.email` and as `email` in
    /// the POST body (the reference server makes it the `receipt_email`). Its options are read
    /// once: the element has no `update()`.
    LinkAuthenticationElement,
    LinkAuthenticationOptions,
    "stripe-link-authentication-element",
    |context, o| context.elements().create_link_authentication_element(o),
    |_, _| Ok(()),
    /// The customer typed: the email so far, and whether it is complete.
    on_email_change: LinkAuthenticationChangeEvent =>
        |cb: Option<Callback<LinkAuthenticationChangeEvent>>| -> Option<Listen<StripeLinkElement>> {
            Some(Box::new(move |element, context| {
                let context = *context;
                Ok(vec![element.on_email_change(move |e| {
                    context.set_email(e.complete.then(|| e.value.email.clone()));
                    if let Some(cb) = cb {
                        cb.try_run(e);
                    }
                })?])
            }))
        }
);
