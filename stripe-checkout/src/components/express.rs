//! `ExpressCheckoutElement`: the wallet buttons (Apple Pay, Google Pay, Link …), mounted by the
//! element factory of `element.rs`, with the sheet's events answered and its options following
//! a signal into `update()` (what Stripe.js lets change; the rest is refused by name).

use std::cell::RefCell;
use std::ops::Deref;

use leptos::html::Div;
use leptos::prelude::*;

use super::element::{call, mount_element, Callbacks, Listen};
use super::provider::StripeContext;
use crate::stripe::{
    ChangeResolveDetails, ClickResolveDetails, Element, ElementEvent, ElementsUpdate, Error,
    ExpressCheckoutElement as StripeExpressElement, ExpressCheckoutOptions, ExpressClickEvent,
    ExpressConfirmEvent, ExpressReadyEvent, LineItem, LoadErrorEvent, Reply,
    ShippingAddressChangeEvent, ShippingRate, ShippingRateChangeEvent,
};

/// How the shop answers a shipping change in the wallet sheet: the rates and lines for it, and
/// the new total when it changed (sent to `elements.update({amount})` before the sheet hears
/// the answer, as Stripe's guide orders it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShippingChange {
    /// The rates offered now; the first is selected.
    pub shipping_rates: Vec<ShippingRate>,
    /// The sheet's lines.
    pub line_items: Vec<LineItem>,
    /// The new total, in the smallest currency unit.
    pub amount: Option<u64>,
}

/// The shop's answer to a shipping change (accepted as it is without a handler): a new total
/// goes to `elements.update({amount})` first, so the sheet shows it with the new rates.
fn answer<T: Clone + 'static>(
    change: &Reply<T>,
    shop: Option<Callback<T, Option<ShippingChange>>>,
    context: StripeContext,
) -> Option<ChangeResolveDetails> {
    let Some(shop) = shop else {
        return Some(ChangeResolveDetails::default());
    };
    let change = shop.try_run(change.event.clone()).flatten()?;
    if let Some(amount) = change.amount {
        let update = ElementsUpdate {
            amount: Some(amount),
            ..Default::default()
        };
        if let Err(e) = context.elements().update(&update) {
            crate::log::error(&e.message());
            return None;
        }
    }
    Some(ChangeResolveDetails {
        shipping_rates: change.shipping_rates,
        line_items: change.line_items,
    })
}

/// The mounted element and the options it has (those it was created with, then each update
/// Stripe.js took): what the next options are diffed against.
struct Express {
    element: StripeExpressElement,
    has: RefCell<ExpressCheckoutOptions>,
}

impl Deref for Express {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.element
    }
}

impl Express {
    fn create(context: &StripeContext, options: &ExpressCheckoutOptions) -> Result<Self, Error> {
        Ok(Self {
            element: context
                .elements()
                .create_express_checkout_element(options)?,
            has: RefCell::new(options.clone()),
        })
    }

    /// Sends what changed to `update()`. A change Stripe.js cannot make is refused whole:
    /// nothing is sent, and the element keeps the options it has.
    fn update(&self, next: &ExpressCheckoutOptions) -> Result<(), Error> {
        let update = self.has.borrow().changes_to(next)?;
        if let Some(update) = update {
            self.element.update(&update)?;
        }
        *self.has.borrow_mut() = next.clone();
        Ok(())
    }
}

/// Stripe's Express Checkout Element (Apple Pay, Google Pay, Link … buttons), mounted in a
/// `<div>` of the page, with react-stripe-js's `ExpressCheckoutElement` props. The sheet's
/// approval goes to `on_confirm`: [`use_checkout`](fn@super::use_checkout)'s `confirm_express`
/// pays through the same flow as the Pay button and reports a failure to the sheet with
/// `paymentFailed`; a shop with its own flow answers the [`Reply`] itself. Changes of `options`
/// go to `update()` (`StripeExpressCheckoutElementUpdateOptions`: what the sheet collects,
/// the shipping countries, the buttons' height, layout and order); a change of what Stripe.js
/// fixes at creation (`business`, `line_items`, `shipping_rates`, `payment_methods`) is refused
/// through `on_error` (else the console), and nothing is sent.
///
/// ```no_run
/// use leptos::prelude::*;
/// use stripe_checkout::components::{ExpressCheckoutElement, StripeProvider};
/// use stripe_checkout::stripe::{
///     ElementsOptions, ExpressCheckoutOptions, ExpressConfirmEvent, LoadErrorEvent,
///     PaymentFailedReason, Reply,
/// };
///
/// #[component]
/// fn Wallets() -> impl IntoView {
///     let large = RwSignal::new(false);
///     // Follows `large`: `element.update({buttonHeight})`.
///     let options = Signal::derive(move || ExpressCheckoutOptions {
///         button_height: Some(if large.get() { 55 } else { 44 }),
///         ..Default::default()
///     });
///     // The shop's own flow (here it declines, and the sheet says so).
///     let on_confirm = move |confirm: Reply<ExpressConfirmEvent>| {
///         let _ = confirm.payment_failed(PaymentFailedReason::Fail);
///     };
///     view! {
///         <StripeProvider stripe="pk_test_…" options=ElementsOptions::payment(2500, "usd")>
///             <ExpressCheckoutElement
///                 options
///                 on_confirm
///                 on_cancel=move |_| leptos::logging::log!("the sheet was closed")
///                 on_escape=move |_| leptos::logging::log!("Escape on the buttons")
///                 on_load_error=move |e: LoadErrorEvent| {
///                     leptos::logging::warn!("{}", e.error.message.unwrap_or_default())
///                 }
///             />
///             <button on:click=move |_| large.update(|l| *l = !*l)>"Larger buttons"</button>
///         </StripeProvider>
///     }
/// }
/// ```
#[component]
pub fn ExpressCheckoutElement(
    /// The customer approved the payment in the sheet: pay, then answer the sheet (within
    /// Stripe's time limit) with `payment_failed` if it did not go through.
    #[prop(into)]
    on_confirm: Callback<Reply<ExpressConfirmEvent>>,
    /// Element options (what the sheet collects, which wallets, button height …); changes go
    /// to `update()`, a change of what only creation takes is refused (see above). What one
    /// click collects can also be given through `on_click`.
    #[prop(optional, into)]
    options: Signal<ExpressCheckoutOptions>,
    /// The buttons are shown; `available_payment_methods` is `None` when no wallet is
    /// available here (nothing is shown).
    #[prop(optional, into)]
    on_ready: Option<Callback<ExpressReadyEvent>>,
    /// A button was clicked: return what the sheet collects (called synchronously; Stripe
    /// needs the answer within one second). By default the element's options decide.
    #[prop(optional, into)]
    on_click: Option<Callback<ExpressClickEvent, ClickResolveDetails>>,
    /// The customer picked a shipping address: the rates for it (`None` refuses the address).
    /// By default every address is accepted with the options' rates.
    #[prop(optional, into)]
    on_shipping_address_change: Option<
        Callback<ShippingAddressChangeEvent, Option<ShippingChange>>,
    >,
    /// The customer picked a shipping rate: the new lines and total (`None` refuses it). By
    /// default the rate is accepted as it is.
    #[prop(optional, into)]
    on_shipping_rate_change: Option<Callback<ShippingRateChangeEvent, Option<ShippingChange>>>,
    /// The customer closed the sheet without paying.
    #[prop(optional, into)]
    on_cancel: Option<Callback<ElementEvent>>,
    /// Escape was pressed on the buttons.
    #[prop(optional, into)]
    on_escape: Option<Callback<ElementEvent>>,
    /// The element failed to load.
    #[prop(optional, into)]
    on_load_error: Option<Callback<LoadErrorEvent>>,
    /// The buttons gained focus.
    #[prop(optional, into)]
    on_focus: Option<Callback<ElementEvent>>,
    /// The buttons lost focus.
    #[prop(optional, into)]
    on_blur: Option<Callback<ElementEvent>>,
    /// Creating, mounting or updating the element failed, or an options change was refused
    /// (an integration error).
    #[prop(optional, into)]
    on_error: Option<Callback<Error>>,
) -> impl IntoView {
    let handlers = Handlers {
        on_confirm,
        on_ready,
        on_click,
        on_shipping_address_change,
        on_shipping_rate_change,
        on_cancel,
        callbacks: Callbacks {
            load_error: on_load_error,
            focus: on_focus,
            blur: on_blur,
            escape: on_escape,
            ..Callbacks::default()
        },
        on_error,
    };
    express_element(options, Express::update, handlers)
}

/// The element's callbacks, as [`ExpressCheckoutElement`] takes them.
#[derive(Clone, Copy)]
pub(super) struct Handlers {
    pub(super) on_confirm: Callback<Reply<ExpressConfirmEvent>>,
    pub(super) on_ready: Option<Callback<ExpressReadyEvent>>,
    pub(super) on_click: Option<Callback<ExpressClickEvent, ClickResolveDetails>>,
    pub(super) on_shipping_address_change:
        Option<Callback<ShippingAddressChangeEvent, Option<ShippingChange>>>,
    pub(super) on_shipping_rate_change:
        Option<Callback<ShippingRateChangeEvent, Option<ShippingChange>>>,
    pub(super) on_cancel: Option<Callback<ElementEvent>>,
    pub(super) callbacks: Callbacks,
    pub(super) on_error: Option<Callback<Error>>,
}

#[cfg(feature = "express")]
impl Handlers {
    /// `on_confirm` alone.
    pub(super) fn new(on_confirm: Callback<Reply<ExpressConfirmEvent>>) -> Self {
        Self {
            on_confirm,
            on_ready: None,
            on_click: None,
            on_shipping_address_change: None,
            on_shipping_rate_change: None,
            on_cancel: None,
            callbacks: Callbacks::default(),
            on_error: None,
        }
    }
}

/// The wallet buttons with options that never change (`Checkout`'s, a plain value): mounted
/// without the update code, which a wasm that only uses this then leaves out (≈ 1.6 kB brotli
/// in the embed). `Checkout`'s wallets are the `express` feature.
#[cfg(feature = "express")]
pub(super) fn fixed_express_element(
    options: ExpressCheckoutOptions,
    handlers: Handlers,
) -> impl IntoView {
    express_element(Signal::stored(options), |_, _| Ok(()), handlers)
}

/// [`ExpressCheckoutElement`]'s body: `update` sends an options change to the element.
fn express_element(
    options: Signal<ExpressCheckoutOptions>,
    update: fn(&Express, &ExpressCheckoutOptions) -> Result<(), Error>,
    handlers: Handlers,
) -> impl IntoView {
    let Handlers {
        on_confirm,
        on_ready,
        on_click,
        on_shipping_address_change,
        on_shipping_rate_change,
        on_cancel,
        callbacks,
        on_error,
    } = handlers;
    let node = NodeRef::<Div>::new();
    let listen: Listen<Express> = Box::new(move |express, context| {
        let element = &express.element;
        let context = *context;
        let reply = |result: Result<(), Error>| {
            if let Err(e) = result {
                crate::log::error(&e.message());
            }
        };
        let mut listeners = vec![
            element.on_express_ready(move |e| {
                if let Some(cb) = on_ready {
                    cb.try_run(e);
                }
            })?,
            element.on_click(move |click: Reply<ExpressClickEvent>| {
                let details = match on_click {
                    Some(cb) => cb.try_run(click.event.clone()).unwrap_or_default(),
                    None => ClickResolveDetails::default(),
                };
                reply(click.resolve(&details));
            })?,
            element.on_confirm(move |confirm| {
                on_confirm.try_run(confirm);
            })?,
            element.on_shipping_address_change(move |change| {
                reply(match answer(&change, on_shipping_address_change, context) {
                    Some(details) => change.resolve(&details),
                    None => change.reject(),
                })
            })?,
            element.on_shipping_rate_change(move |change| {
                reply(match answer(&change, on_shipping_rate_change, context) {
                    Some(details) => change.resolve(&details),
                    None => change.reject(),
                })
            })?,
        ];
        if let Some(cb) = on_cancel {
            listeners.push(element.on_cancel(call(cb))?);
        }
        Ok(listeners)
    });
    mount_element(
        node,
        options,
        Express::create,
        update,
        callbacks,
        Some(listen),
        on_error,
    );
    view! { <div class="stripe-express-checkout-element" node_ref=node></div> }
}
