//! `StripeProvider`: takes a loaded Stripe instance (or a key to load one with), creates one
//! Elements group and provides both as context; `use_stripe()` and `use_elements()` read it.

use leptos::prelude::*;

use super::effect::{effect, spawn_in_browser};
use crate::stripe::{
    load_stripe, Elements, ElementsOptions, Error, LoadStripe, LoaderOptions, Stripe,
};

/// What [`StripeProvider`] gives its children. `Copy`: the JS handles live in local storage.
#[derive(Debug, Clone, Copy)]
pub struct StripeContext {
    stripe: StoredValue<Stripe, LocalStorage>,
    elements: StoredValue<Elements, LocalStorage>,
    /// The email the Link Authentication Element holds, when complete.
    email: RwSignal<Option<String>>,
}

impl StripeContext {
    /// The email typed in the [`LinkAuthenticationElement`](super::LinkAuthenticationElement),
    /// once it is a complete address (untracked).
    pub fn email(&self) -> Option<String> {
        self.email.try_get_untracked().flatten()
    }

    pub(super) fn set_email(&self, email: Option<String>) {
        self.email.try_set(email);
    }

    /// The Stripe instance.
    pub fn stripe(&self) -> Stripe {
        self.stripe.get_value()
    }

    /// The Elements group.
    pub fn elements(&self) -> Elements {
        self.elements.get_value()
    }
}

/// A hook was called outside a [`StripeProvider`]: the message names the hook and the fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutsideProvider {
    /// The hook that was called, e.g. `use_elements`.
    pub hook: &'static str,
}

impl OutsideProvider {
    /// "use_elements() must be called inside `<StripeProvider>`: …" (what `Display` prints).
    pub fn message(&self) -> String {
        [
            self.hook,
            "() must be called inside <StripeProvider>: render the component that calls it as a child of <StripeProvider stripe=…>",
        ]
        .concat()
    }
}

impl std::fmt::Display for OutsideProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for OutsideProvider {}

/// The nearest provider's context, or the error naming `hook`.
pub(super) fn stripe_context(hook: &'static str) -> Result<StripeContext, OutsideProvider> {
    use_context::<StripeContext>().ok_or(OutsideProvider { hook })
}

/// The Stripe instance of the nearest [`StripeProvider`] (its children render once it is
/// loaded).
pub fn use_stripe() -> Result<Stripe, OutsideProvider> {
    stripe_context("use_stripe").map(|c| c.stripe())
}

/// The Elements group of the nearest [`StripeProvider`].
pub fn use_elements() -> Result<Elements, OutsideProvider> {
    stripe_context("use_elements").map(|c| c.elements())
}

/// Where a [`StripeProvider`]'s Stripe instance comes from, as `@stripe/react-stripe-js`'s
/// `<Elements stripe={…}>` (a `Stripe`, a promise of one, or `null` until there is one): a
/// publishable key to load Stripe.js with, an instance already loaded, a future of one (what
/// [`load_stripe`] returns, or [`LoadStripe::new`] over any future), or a signal or
/// [`LocalResource`] that has one once it is loaded.
///
/// ```no_run
/// use leptos::prelude::*;
/// use stripe_checkout::components::*;
/// use stripe_checkout::stripe::{load_stripe, ElementsOptions, LoaderOptions};
///
/// #[component]
/// fn Shop() -> impl IntoView {
///     let options = Signal::stored(ElementsOptions::payment(2500, "usd"));
///     view! {
///         // A future, as react-stripe-js's `stripe={loadStripe(key)}`.
///         <StripeProvider stripe=load_stripe("pk_test_…", LoaderOptions::default()) options>
///             <PaymentElement />
///         </StripeProvider>
///     }
/// }
///
/// #[component]
/// fn ShopWithResource() -> impl IntoView {
///     let (key, loader) = (String::from("pk_test_…"), LoaderOptions::default());
///     // The arguments are owned: the closure gives the future copies of them.
///     let stripe = LocalResource::new(move || load_stripe(key.clone(), loader.clone()));
///     let options = Signal::stored(ElementsOptions::payment(2500, "usd"));
///     view! {
///         <StripeProvider stripe options fallback=|| "Loading…">
///             <PaymentElement />
///         </StripeProvider>
///     }
/// }
/// ```
#[derive(Debug)]
pub enum StripeSource {
    /// A publishable key (`pk_test_…` / `pk_live_…`); secret keys are refused.
    Key(String),
    /// A Stripe instance already loaded.
    Loaded(Stripe),
    /// A Stripe instance to come: awaited once, in the browser (never on a server).
    Future(LoadStripe),
    /// A Stripe instance once the signal has one (`None`: not yet, as react-stripe-js's
    /// `stripe={null}`). The first value is used; later changes are ignored, as react-stripe-js
    /// ignores a changed `stripe` prop.
    Signal(Signal<Option<Result<Stripe, Error>>, LocalStorage>),
}

impl StripeSource {
    /// The Stripe instance of a key or an instance: the loaded one, or Stripe.js loaded (once
    /// per page) for the key; a future is awaited; a signal's current value is taken
    /// (untracked), and an error says it has none yet.
    pub async fn load(self, loader: &LoaderOptions) -> Result<Stripe, Error> {
        match self {
            Self::Key(key) => load_stripe(key, loader.clone()).await,
            Self::Loaded(stripe) => Ok(stripe),
            Self::Future(future) => future.await,
            Self::Signal(signal) => signal.try_get_untracked().flatten().unwrap_or_else(|| {
                Err(Error::Options(
                    "the stripe signal has no instance yet".into(),
                ))
            }),
        }
    }
}

impl From<String> for StripeSource {
    fn from(key: String) -> Self {
        Self::Key(key)
    }
}

impl From<&str> for StripeSource {
    fn from(key: &str) -> Self {
        Self::Key(key.to_owned())
    }
}

impl From<Stripe> for StripeSource {
    fn from(stripe: Stripe) -> Self {
        Self::Loaded(stripe)
    }
}

impl From<LoadStripe> for StripeSource {
    fn from(future: LoadStripe) -> Self {
        Self::Future(future)
    }
}

impl From<LocalResource<Result<Stripe, Error>>> for StripeSource {
    fn from(resource: LocalResource<Result<Stripe, Error>>) -> Self {
        Self::Signal(Signal::derive_local(move || resource.get()))
    }
}

impl From<LocalResource<Option<Stripe>>> for StripeSource {
    fn from(resource: LocalResource<Option<Stripe>>) -> Self {
        Self::Signal(Signal::derive_local(move || {
            resource.get().flatten().map(Ok)
        }))
    }
}

impl From<Signal<Option<Stripe>, LocalStorage>> for StripeSource {
    fn from(signal: Signal<Option<Stripe>, LocalStorage>) -> Self {
        Self::Signal(Signal::derive_local(move || signal.get().map(Ok)))
    }
}

impl From<ReadSignal<Option<Stripe>, LocalStorage>> for StripeSource {
    fn from(signal: ReadSignal<Option<Stripe>, LocalStorage>) -> Self {
        Self::Signal(Signal::derive_local(move || signal.get().map(Ok)))
    }
}

impl From<RwSignal<Option<Stripe>, LocalStorage>> for StripeSource {
    fn from(signal: RwSignal<Option<Stripe>, LocalStorage>) -> Self {
        Self::Signal(Signal::derive_local(move || signal.get().map(Ok)))
    }
}

/// Takes `stripe` (loading Stripe.js once per page when given a key), creates one Elements group in deferred-intent mode and
/// renders its children with [`StripeContext`] provided. Changes of `options` (amount,
/// currency, appearance, locale …) are sent to `elements.update()`; changing an option
/// Stripe.js cannot change after creation is reported through `on_error`, never ignored —
/// except `customer_session_client_secret`: a new Elements group is made with the new options
/// and the children are rendered again over it.
#[component]
pub fn StripeProvider(
    /// A publishable key to load Stripe.js with, an already-loaded [`Stripe`], a future of one
    /// ([`load_stripe`]'s) or a signal / [`LocalResource`] that has one once loaded
    /// ([`StripeSource`]).
    #[prop(into)]
    stripe: StripeSource,
    /// Elements options; read once to create the group, then diffed into `update()` calls.
    #[prop(into)]
    options: Signal<ElementsOptions>,
    /// Where Stripe.js is loaded from when `stripe` is a key (Stripe's URL by default).
    #[prop(optional)]
    loader: LoaderOptions,
    /// Shown while Stripe.js loads.
    #[prop(optional, into)]
    fallback: ViewFn,
    /// Called when loading fails or an options change is refused.
    #[prop(optional, into)]
    on_error: Option<Callback<Error>>,
    /// Rendered once Stripe.js and Elements are ready.
    children: ChildrenFn,
) -> impl IntoView {
    let created = StoredValue::new(options.get_untracked());
    // Weak: the effect below belongs to this owner, so a strong one would keep it alive forever.
    let owner = Owner::current().map(|owner| owner.downgrade());
    // `None` while loading. A plain signal filled once: lighter in the wasm than a resource, and
    // Stripe.js is loaded exactly once per provider.
    // On the server nothing loads: it renders `fallback`, which the client hydrates, then loads.
    let context = RwSignal::new(None::<Result<StripeContext, Error>>);
    let settle = move |stripe: Result<Stripe, Error>| {
        // A provider unmounted while Stripe.js loaded has nothing left to fill.
        let Some(initial) = created.try_get_value() else {
            return;
        };
        let loaded = stripe.and_then(|stripe| {
            let elements = stripe.elements(&initial)?;
            Ok(StripeContext {
                stripe: StoredValue::new_local(stripe),
                elements: StoredValue::new_local(elements),
                email: RwSignal::new(None),
            })
        });
        if let (Err(e), Some(cb)) = (&loaded, on_error) {
            cb.try_run(e.clone());
        }
        context.try_set(Some(loaded));
    };
    match stripe {
        // The first value the signal has (an Effect: never on a server); later ones are ignored.
        StripeSource::Signal(signal) => effect(Box::new(move || {
            let first = context.with_untracked(Option::is_none);
            if let (true, Some(stripe)) = (first, signal.get()) {
                settle(stripe);
            }
        })),
        source => spawn_in_browser(async move { settle(source.load(&loader).await) }),
    }
    // Options changes go to `elements.update()`; the mount itself never re-runs.
    effect(Box::new(move || {
        let next = options.get();
        let Some(Ok(ctx)) = context.get() else {
            return;
        };
        // Stripe.js cannot drop or swap a CustomerSession: a new Elements group, and the
        // children made again over it.
        if created
            .with_value(|c| c.customer_session_client_secret != next.customer_session_client_secret)
        {
            // Owned by the provider, not by this effect (whose next run disposes what it made).
            let made = ctx.stripe().elements(&next).map(|elements| {
                let context = move || StripeContext {
                    elements: StoredValue::new_local(elements),
                    email: RwSignal::new(None),
                    ..ctx
                };
                match owner.as_ref().and_then(|owner| owner.upgrade()) {
                    Some(owner) => owner.with(context),
                    None => context(),
                }
            });
            created.set_value(next);
            if let (Err(e), Some(cb)) = (&made, on_error) {
                cb.try_run(e.clone());
            }
            context.try_set(Some(made));
            return;
        }
        let sent = created
            .with_value(|current| current.changes_to(&next))
            .and_then(|update| match update {
                Some(update) => ctx.elements().update(&update),
                None => Ok(()),
            });
        match sent {
            Ok(()) => created.set_value(next),
            Err(e) => {
                if let Some(cb) = on_error {
                    cb.try_run(e);
                }
            }
        }
    }));

    move || match context.get() {
        None => fallback.run(),
        Some(Ok(ctx)) => {
            provide_context(ctx);
            children().into_any()
        }
        Some(Err(e)) => view! { <p role="alert">{e.message()}</p> }.into_any(),
    }
}
