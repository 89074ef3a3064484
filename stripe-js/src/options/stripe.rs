//! `Stripe()`'s options and `registerAppInfo` (`stripe-js/index.d.ts`), and the checks they share
//! with Elements: Connect account ids and locales.

use crate::error::Error;

/// Checks a Connect account id (`acct_…`), naming the option.
pub(super) fn check_account(option: &str, account: &str) -> Result<(), Error> {
    match account.strip_prefix("acct_") {
        Some(rest) if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()) => Ok(()),
        _ => Err(Error::Options(
            [
                option,
                " must be a connected account id such as \"acct_1032D82eZvKYlo2C\", not \"",
                account,
                "\"",
            ]
            .concat(),
        )),
    }
}

/// Checks a `locale` option: `auto` or a BCP 47 tag.
pub(super) fn check_locale(locale: &str) -> Result<(), Error> {
    match is_locale(locale) {
        true => Ok(()),
        false => Err(Error::Options(
            [
                "locale must be \"auto\" or a BCP 47 language tag such as \"en\" or \"fr-CA\", not \"",
                locale,
                "\"",
            ]
            .concat(),
        )),
    }
}

/// Options of `Stripe(key, options)` (`StripeConstructorOptions`) that a checkout sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct StripeConstructorOptions {
    /// Connect: act as this connected account (`acct_…`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub stripe_account: Option<String>,
    /// The locale of Stripe.js's own messages and elements (`auto` or a BCP 47 tag).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub locale: Option<String>,
}

impl StripeConstructorOptions {
    /// Checks what `Stripe()` would refuse, naming the option.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(account) = &self.stripe_account {
            check_account("stripeAccount", account)?;
        }
        match &self.locale {
            Some(locale) => check_locale(locale),
            None => Ok(()),
        }
    }

    /// Whether every option is unset (`Stripe(key)` is then called without options).
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// Whether `tag` is a locale Elements can be given: `auto`, or a well-formed BCP 47 language
/// tag (`en`, `fr-CA`, `zh-Hant-HK`, `es-419`): a 2–3 or 5–8 letter language, then subtags of
/// 1–8 letters or digits, joined by `-` (so `en_US` is refused: `Intl` throws on it).
pub fn is_locale(tag: &str) -> bool {
    if tag == "auto" {
        return true;
    }
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default();
    matches!(language.len(), 2 | 3 | 5..=8)
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What `stripe.registerAppInfo()` is told about this wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AppInfo {
    /// The wrapper's name.
    pub name: &'static str,
    /// Its version.
    pub version: &'static str,
    /// Where it lives.
    pub url: &'static str,
}

impl AppInfo {
    /// The stripe-checkout project (these bindings and the checkout built on them).
    pub const THIS_CRATE: AppInfo = AppInfo {
        name: "stripe-checkout",
        version: env!("CARGO_PKG_VERSION"),
        url: "https://github.com/stripe-checkout-rs/stripe-checkout",
    };
}

// ---- Written to Stripe.js (`js.rs`); names as in `stripe-js/index.d.ts`.

write_object!(StripeConstructorOptions {
    stripe_account: "stripeAccount",
    locale: "locale",
});

write_object!(AppInfo {
    name: "name",
    version: "version",
    url: "url",
});
