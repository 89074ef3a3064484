//! The Elements group's options (`elements-group.d.ts`): `stripe.elements()`, `elements.update()`,
//! appearance, and the mode, capture and future-usage enums they take. camelCase.

use std::collections::BTreeMap;

use js_sys::Object;
use wasm_bindgen::JsValue;

use super::stripe::{check_account, check_locale};
use crate::error::Error;
use crate::js::{set, Extra, ToJs};

/// What the deferred-intent Elements group will be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Mode {
    /// A one-off payment (needs `amount`).
    #[default]
    Payment,
    /// Saving a payment method for later.
    Setup,
    /// A subscription (needs `amount`).
    Subscription,
}

/// When the payment is captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CaptureMethod {
    /// Capture at once.
    Automatic,
    /// Capture at once, asynchronously (Stripe's default).
    AutomaticAsync,
    /// Authorise only; capture later.
    Manual,
}

/// Whether the payment method will be reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SetupFutureUsage {
    /// Reused while the customer is away.
    OffSession,
    /// Reused while the customer is present.
    OnSession,
}

/// Whether Elements shows a skeleton loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Loader {
    /// Stripe decides.
    Auto,
    /// Always show it.
    Always,
    /// Never show it.
    Never,
}

/// The Elements Appearance API: theme, variables and rules.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct Appearance {
    /// `stripe`, `night` or `flat`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub theme: Option<String>,
    /// Variables such as `colorPrimary` or `borderRadius`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "BTreeMap::is_empty")
    )]
    pub variables: BTreeMap<String, String>,
    /// CSS-like rules keyed by selector (`.Input`, `.Tab:hover`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "BTreeMap::is_empty")
    )]
    pub rules: BTreeMap<String, BTreeMap<String, String>>,
    /// `above` or `floating`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub labels: Option<String>,
    /// `spaced` or `condensed`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub inputs: Option<String>,
    /// Turns off animations.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub disable_animations: Option<bool>,
}

/// A font Elements may use: a stylesheet URL or one `@font-face`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum Font {
    /// `{cssSrc}`: a stylesheet with `@font-face` rules.
    Css {
        /// The stylesheet URL.
        #[cfg_attr(feature = "serde", serde(rename = "cssSrc"))]
        css_src: String,
    },
    /// `{family, src, …}`: one custom font.
    Custom {
        /// The font family name.
        family: String,
        /// A CSS `src` value (`url(...)`).
        src: String,
        /// `font-weight`.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        weight: Option<String>,
    },
}

/// Options of `stripe.elements()` in deferred-intent mode (`StripeElementsOptionsMode`).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ElementsOptions {
    /// What the group is for.
    pub mode: Mode,
    /// Amount in the smallest currency unit (required for payment and subscription).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub amount: Option<u64>,
    /// Three-letter ISO currency code, lowercase.
    pub currency: String,
    /// Look and feel.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub appearance: Option<Appearance>,
    /// Locale such as `fr` or `auto`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub locale: Option<String>,
    /// Fonts the elements may use.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub fonts: Vec<Font>,
    /// Skeleton loader (cannot change after creation).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub loader: Option<Loader>,
    /// Capture method of the PaymentIntent the server will create.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub capture_method: Option<CaptureMethod>,
    /// Future usage of the PaymentIntent the server will create.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub setup_future_usage: Option<SetupFutureUsage>,
    /// Connect: the connected account (`acct_…`) the payment is made on behalf of (cannot
    /// change after creation).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub on_behalf_of: Option<String>,
    /// A CustomerSession's `client_secret` (`cuss_secret_…`), made by the shop's server for
    /// the signed-in customer: the Payment Element lists their saved payment methods (cannot
    /// change after creation; create a new group without it to drop it).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub customer_session_client_secret: Option<String>,
    /// Options of Stripe.js we have not modelled, merged in last; none of ours ([`Extra`]).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub extra: Extra<Self>,
}

impl ElementsOptions {
    /// Setup mode (save a payment method, no charge) in `currency`.
    pub fn setup(currency: &str) -> Self {
        Self {
            mode: Mode::Setup,
            currency: currency.to_ascii_lowercase(),
            ..Self::default()
        }
    }

    /// Payment mode for `amount` (smallest unit) in `currency`.
    pub fn payment(amount: u64, currency: &str) -> Self {
        Self {
            amount: Some(amount),
            currency: currency.to_ascii_lowercase(),
            ..Self::default()
        }
    }

    /// Checks what Stripe.js would refuse, with a message naming the option.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |what: &str| Err(Error::Options(what.to_string()));
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_lowercase()) {
            return bad("currency must be a three-letter lowercase ISO code such as \"usd\"");
        }
        match (self.mode, self.amount) {
            (Mode::Setup, Some(_)) => return bad("amount must not be set in setup mode"),
            (Mode::Setup, None) | (_, Some(1..)) => {}
            _ => return bad("amount must be a positive integer in the smallest currency unit"),
        }
        if let Some(account) = &self.on_behalf_of {
            check_account("onBehalfOf", account)?;
        }
        if let Some(locale) = &self.locale {
            check_locale(locale)?;
        }
        if let Some(secret) = &self.customer_session_client_secret {
            if !is_customer_session_secret(secret) {
                return bad(
                    "customerSessionClientSecret must be a CustomerSession client secret \
                     (cuss_secret_ followed by letters, digits or _)",
                );
            }
        }
        Ok(())
    }

    /// What `elements.update()` must be sent to go from `self` to `next`; `None` if nothing
    /// changed. Options Stripe.js cannot change after creation are an error, not ignored.
    pub fn changes_to(&self, next: &ElementsOptions) -> Result<Option<ElementsUpdate>, Error> {
        next.validate()?;
        if self.loader != next.loader {
            return Err(Error::Options(
                "loader cannot be changed after Elements is created".into(),
            ));
        }
        if self.on_behalf_of != next.on_behalf_of {
            return Err(Error::Options(
                "onBehalfOf cannot be changed after Elements is created".into(),
            ));
        }
        if self.customer_session_client_secret != next.customer_session_client_secret {
            return Err(Error::Options(
                "customerSessionClientSecret cannot be changed after Elements is created".into(),
            ));
        }
        if self.extra != next.extra {
            return Err(Error::Options(
                "the extra options cannot be changed after Elements is created".into(),
            ));
        }
        let ElementsOptions {
            mode,
            amount,
            currency,
            appearance,
            locale,
            fonts,
            loader: _,
            on_behalf_of: _,
            customer_session_client_secret: _,
            extra: _,
            capture_method,
            setup_future_usage,
        } = next;
        fn changed<T: PartialEq + Clone>(old: &T, new: &T) -> Option<T> {
            (old != new).then(|| new.clone())
        }
        let update = ElementsUpdate {
            mode: changed(&self.mode, mode),
            amount: changed(&self.amount, amount).flatten(),
            currency: changed(&self.currency, currency),
            appearance: changed(&self.appearance, appearance).flatten(),
            locale: changed(&self.locale, locale).flatten(),
            fonts: changed(&self.fonts, fonts),
            capture_method: changed(&self.capture_method, capture_method).flatten(),
            setup_future_usage: changed(&self.setup_future_usage, setup_future_usage).flatten(),
        };
        Ok((update != ElementsUpdate::default()).then_some(update))
    }
}

/// Whether `text` has the shape of a CustomerSession's `client_secret`: `cuss_secret_` and at
/// least one letter, digit or `_` (what the embed's attribute and `validate` accept).
pub fn is_customer_session_secret(text: &str) -> bool {
    text.strip_prefix("cuss_secret_").is_some_and(|rest| {
        !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// Options `elements.update()` accepts (`StripeElementsUpdateOptions`); absent = unchanged.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ElementsUpdate {
    /// New mode.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub mode: Option<Mode>,
    /// New amount.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub amount: Option<u64>,
    /// New currency.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub currency: Option<String>,
    /// New appearance.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub appearance: Option<Appearance>,
    /// New locale.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub locale: Option<String>,
    /// New fonts.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub fonts: Option<Vec<Font>>,
    /// New capture method.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub capture_method: Option<CaptureMethod>,
    /// New future usage.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub setup_future_usage: Option<SetupFutureUsage>,
}

// ---- Written to Stripe.js, and the appearance read from the shop's JSON (`js.rs`); names as
// in `elements-group.d.ts`.

js_enum!(Mode {
    Payment = "payment",
    Setup = "setup",
    Subscription = "subscription",
});

js_enum!(CaptureMethod {
    Automatic = "automatic",
    AutomaticAsync = "automatic_async",
    Manual = "manual",
});

js_enum!(SetupFutureUsage {
    OffSession = "off_session",
    OnSession = "on_session",
});

js_enum!(Loader {
    Auto = "auto",
    Always = "always",
    Never = "never",
});

js_object!(Appearance {
    theme: "theme",
    variables: "variables" or default,
    rules: "rules" or default,
    labels: "labels",
    inputs: "inputs",
    disable_animations: "disableAnimations",
});

impl ToJs for Font {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        match self {
            Self::Css { css_src } => set(&object, "cssSrc", css_src),
            Self::Custom {
                family,
                src,
                weight,
            } => {
                set(&object, "family", family);
                set(&object, "src", src);
                set(&object, "weight", weight);
            }
        }
        object.into()
    }
}

write_object!(ElementsOptions {
    mode: "mode",
    amount: "amount",
    currency: "currency",
    appearance: "appearance",
    locale: "locale",
    fonts: "fonts",
    loader: "loader",
    capture_method: "captureMethod",
    setup_future_usage: "setupFutureUsage",
    on_behalf_of: "onBehalfOf",
    customer_session_client_secret: "customerSessionClientSecret",
    ..extra
});

write_object!(ElementsUpdate {
    mode: "mode",
    amount: "amount",
    currency: "currency",
    appearance: "appearance",
    locale: "locale",
    fonts: "fonts",
    capture_method: "captureMethod",
    setup_future_usage: "setupFutureUsage",
});
