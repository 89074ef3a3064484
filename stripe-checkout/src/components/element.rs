//! `PaymentElement`, `AddressElement` and `LinkAuthenticationElement`: one factory mounts any
//! element on a light-DOM node, attaches its callbacks once, sends option changes to `update()`
//! and destroys it on unmount (`ExpressCheckoutElement`, in `express.rs`, uses it too).

use std::ops::Deref;

use leptos::html::Div;
use leptos::prelude::*;
use web_sys::HtmlDivElement;

use super::callbacks::{attach, payment_event, with_own, Callbacks, Listen};
use super::effect::effect;
use super::provider::StripeContext;
use crate::stripe::{
    AddressChangeEvent, AddressElement as StripeAddressElement, AddressElementOptions,
    AvailablePaymentMethodsChangeEvent, CardDetailsChangeEvent, ChangeComplete, Element,
    ElementEvent, ElementRef, Error, LinkAuthenticationChangeEvent,
    LinkAuthenticationElement as StripeLinkElement, LinkAuthenticationOptions, Listener,
    LoadErrorEvent, PaymentChangeEvent, PaymentElement as StripePaymentElement,
    PaymentElementOptions, SavedPaymentMethodEvent,
};

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

/// Writes one element component: the props and the body are the same for every element type,
/// but for its `change` payload and its own events (`prop: Payload => "event"`).
macro_rules! element_component {
    ($(#[$doc:meta])* $vis:vis $name:ident, $options:ty, $class:literal, $create:expr, $update:expr,
     change: $change:ty,
     [$($(#[$own_doc:meta])* $own_prop:ident: $own:ty => $attach:ident($event:literal)),* $(,)?]
     $(, $(#[$value_doc:meta])* $value_prop:ident: $value:ty => $listen:expr)?) => {
        $(#[$doc])*
        #[component]
        $vis fn $name(
            /// Element options; changes are sent to `element.update()`.
            #[prop(optional, into)]
            options: Signal<$options>,
            /// The element is shown and can take input: its handle, to `focus()` it and so on
            /// (react-stripe-js's `onReady(element)`).
            #[prop(optional, into)]
            on_ready: Option<Callback<ElementRef>>,
            /// The customer typed: every field `@stripe/stripe-js` types for this element's
            /// `change` (`complete` says whether its fields are valid).
            #[prop(optional, into)]
            on_change: Option<Callback<$change>>,
            $(
                $(#[$own_doc])*
                #[prop(optional, into)]
                $own_prop: Option<Callback<$own>>,
            )*
            $(
                $(#[$value_doc])*
                #[prop(optional, into)]
                $value_prop: Option<Callback<$value>>,
            )?
            /// The element failed to load.
            #[prop(optional, into)]
            on_load_error: Option<Callback<LoadErrorEvent>>,
            /// The element's loader is in the page and shown (before `on_ready`).
            #[prop(optional, into)]
            on_loader_start: Option<Callback<ElementEvent>>,
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
                load_error: on_load_error,
                loader_start: on_loader_start,
                focus: on_focus,
                blur: on_blur,
                escape: on_escape,
            };
            // The type's own events (`change` with its payload …), then its own listener.
            let own = [attach("change", on_change) $(, $attach($event, $own_prop))*]
                .into_iter()
                .flatten()
                .collect();
            let listen = with_own(own, None $(.or(($listen)($value_prop)))?);
            mount_element(node, options, $create, $update, callbacks, listen, on_error);
            view! { <div class=$class node_ref=node></div> }
        }
    };
}

element_component!(
    /// Stripe's Payment Element, mounted in a `<div>` of the page (light DOM).
    pub PaymentElement,
    PaymentElementOptions,
    "stripe-payment-element",
    |context, o| context.elements().create_payment_element(o),
    StripePaymentElement::update,
    change: PaymentChangeEvent,
    [
        /// The card's brands and funding, as the customer types the number.
        on_card_details_change: CardDetailsChangeEvent => payment_event("carddetailschange"),
        /// The payment method types available here changed.
        on_available_payment_methods_change: AvailablePaymentMethodsChangeEvent =>
            payment_event("availablepaymentmethodschange"),
        /// The customer updated a saved payment method.
        on_saved_payment_method_update: SavedPaymentMethodEvent =>
            payment_event("savedpaymentmethodupdate"),
        /// The customer removed a saved payment method.
        on_saved_payment_method_remove: SavedPaymentMethodEvent =>
            payment_event("savedpaymentmethodremove"),
    ]
);

element_component!(
    /// The Payment Element as `Checkout` shows it: its `change` is read for `complete` alone, so
    /// that a build showing only `Checkout` (the embed) carries no reader of the full event.
    pub(crate) CheckoutPaymentElement,
    PaymentElementOptions,
    "stripe-payment-element",
    |context, o| context.elements().create_payment_element(o),
    StripePaymentElement::update,
    change: ChangeComplete,
    []
);

element_component!(
    /// Stripe's Address Element (shipping mode by default), mounted in a `<div>` of the page.
    pub AddressElement,
    AddressElementOptions,
    "stripe-address-element",
    |context, o| context.elements().create_address_element(o),
    StripeAddressElement::update,
    change: AddressChangeEvent,
    [
        /// The customer typed: the address so far (to recompute shipping or tax as they type);
        /// the same as `on_change`.
        on_address_change: AddressChangeEvent => attach("change"),
    ]
);

element_component!(
    /// The Address Element as `Checkout` shows it (see `CheckoutPaymentElement`).
    pub(crate) CheckoutAddressElement,
    AddressElementOptions,
    "stripe-address-element",
    |context, o| context.elements().create_address_element(o),
    StripeAddressElement::update,
    change: ChangeComplete,
    []
);

element_component!(
    /// Stripe's Link Authentication Element: the customer's email, mounted in a `<div>` of the
    /// page. Inside a [`StripeProvider`](super::StripeProvider), a complete email is sent with the
    /// payment: as the token's `payment_method_data.billing_details.email` and as `email` in
    /// the POST body (the reference server makes it the `receipt_email`). Its options are read
    /// once: the element has no `update()`.
    pub LinkAuthenticationElement,
    LinkAuthenticationOptions,
    "stripe-link-authentication-element",
    |context, o| context.elements().create_link_authentication_element(o),
    |_, _| Ok(()),
    change: LinkAuthenticationChangeEvent,
    [],
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
