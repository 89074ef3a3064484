//! Options and params we send to Stripe.js, typed after `@stripe/stripe-js`.
//!
//! Elements options are camelCase (`captureMethod`); API params are snake_case (`return_url`):
//! each struct says which it is, there is no blanket rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::error::Error;

/// What the deferred-intent Elements group will be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureMethod {
    /// Capture at once.
    Automatic,
    /// Capture at once, asynchronously (Stripe's default).
    AutomaticAsync,
    /// Authorise only; capture later.
    Manual,
}

/// Whether the payment method will be reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetupFutureUsage {
    /// Reused while the customer is away.
    OffSession,
    /// Reused while the customer is present.
    OnSession,
}

/// Whether Elements shows a skeleton loader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loader {
    /// Stripe decides.
    Auto,
    /// Always show it.
    Always,
    /// Never show it.
    Never,
}

/// The Elements Appearance API: theme, variables and rules.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Appearance {
    /// `stripe`, `night` or `flat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Variables such as `colorPrimary` or `borderRadius`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variables: BTreeMap<String, String>,
    /// CSS-like rules keyed by selector (`.Input`, `.Tab:hover`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, BTreeMap<String, String>>,
    /// `above` or `floating`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<String>,
    /// `spaced` or `condensed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs: Option<String>,
    /// Turns off animations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_animations: Option<bool>,
}

/// A font Elements may use: a stylesheet URL or one `@font-face`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Font {
    /// `{cssSrc}`: a stylesheet with `@font-face` rules.
    Css {
        /// The stylesheet URL.
        #[serde(rename = "cssSrc")]
        css_src: String,
    },
    /// `{family, src, …}`: one custom font.
    Custom {
        /// The font family name.
        family: String,
        /// A CSS `src` value (`url(...)`).
        src: String,
        /// `font-weight`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        weight: Option<String>,
    },
}

/// Options of `stripe.elements()` in deferred-intent mode (`StripeElementsOptionsMode`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementsOptions {
    /// What the group is for.
    pub mode: Mode,
    /// Amount in the smallest currency unit (required for payment and subscription).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    /// Three-letter ISO currency code, lowercase.
    pub currency: String,
    /// Look and feel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
    /// Locale such as `fr` or `auto`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Fonts the elements may use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fonts: Vec<Font>,
    /// Skeleton loader (cannot change after creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loader: Option<Loader>,
    /// Capture method of the PaymentIntent the server will create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capture_method: Option<CaptureMethod>,
    /// Future usage of the PaymentIntent the server will create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_future_usage: Option<SetupFutureUsage>,
    /// Connect: the connected account (`acct_…`) the payment is made on behalf of (cannot
    /// change after creation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_behalf_of: Option<String>,
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
            if !is_locale(locale) {
                return Err(Error::Options(format!(
                    "locale must be \"auto\" or a BCP 47 language tag such as \"en\" or \"fr-CA\", not \"{locale}\""
                )));
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
        let ElementsOptions {
            mode,
            amount,
            currency,
            appearance,
            locale,
            fonts,
            loader: _,
            on_behalf_of: _,
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

/// Checks a Connect account id (`acct_…`), naming the option.
fn check_account(option: &str, account: &str) -> Result<(), Error> {
    match account.strip_prefix("acct_") {
        Some(rest) if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric()) => Ok(()),
        _ => Err(Error::Options(format!(
            "{option} must be a connected account id such as \"acct_1032D82eZvKYlo2C\", not \"{account}\""
        ))),
    }
}

/// Options of `Stripe(key, options)` (`StripeConstructorOptions`) that a checkout sets.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StripeConstructorOptions {
    /// Connect: act as this connected account (`acct_…`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stripe_account: Option<String>,
    /// The locale of Stripe.js's own messages and elements (`auto` or a BCP 47 tag).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl StripeConstructorOptions {
    /// Checks what `Stripe()` would refuse, naming the option.
    pub fn validate(&self) -> Result<(), Error> {
        if let Some(account) = &self.stripe_account {
            check_account("stripeAccount", account)?;
        }
        match &self.locale {
            Some(locale) if !is_locale(locale) => Err(Error::Options(format!(
                "locale must be \"auto\" or a BCP 47 language tag such as \"en\" or \"fr-CA\", not \"{locale}\""
            ))),
            _ => Ok(()),
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

/// Options `elements.update()` accepts (`StripeElementsUpdateOptions`); absent = unchanged.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ElementsUpdate {
    /// New mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// New amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    /// New currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// New appearance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appearance: Option<Appearance>,
    /// New locale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// New fonts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fonts: Option<Vec<Font>>,
    /// New capture method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture_method: Option<CaptureMethod>,
    /// New future usage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setup_future_usage: Option<SetupFutureUsage>,
}

/// Layout of the Payment Element's payment method list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Tabs.
    Tabs,
    /// An accordion.
    Accordion,
    /// Stripe decides.
    Auto,
}

/// `layout` of the Payment Element: a [`Layout`] name, or the `LayoutObject` with its details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LayoutOption {
    /// `'tabs'`, `'accordion'` or `'auto'`.
    Name(Layout),
    /// `{type, defaultCollapsed?, radios?, spacedAccordionItems?, visibleAccordionItemsCount?}`.
    Object(LayoutObject),
}

impl From<Layout> for LayoutOption {
    fn from(layout: Layout) -> Self {
        Self::Name(layout)
    }
}

/// `LayoutObject` of `elements/payment.d.ts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LayoutObject {
    /// Tabs, accordion or auto.
    #[serde(rename = "type")]
    pub kind: Layout,
    /// Accordion: start collapsed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_collapsed: Option<bool>,
    /// Accordion: radio buttons — `auto`, `never`, `always` or `if_multiple`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radios: Option<String>,
    /// Accordion: space the items apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spaced_accordion_items: Option<bool>,
    /// Accordion: how many payment methods show before "More".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_accordion_items_count: Option<u32>,
}

/// `auto` or `never` (`FieldOption`), and for some fields `always`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldOption {
    /// Stripe decides.
    Auto,
    /// Never collected (the shop passes it at confirmation instead).
    Never,
    /// Always collected (`name` only).
    Always,
}

/// `fields.billingDetails` of the Payment Element: one choice for all, or per field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BillingDetailsFields {
    /// `'auto'` or `'never'` for every billing field.
    All(FieldOption),
    /// Per field.
    Each {
        /// The name field.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<FieldOption>,
        /// The email field.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        email: Option<FieldOption>,
        /// The phone field.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phone: Option<FieldOption>,
        /// The address fields, all together.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        address: Option<FieldOption>,
    },
}

/// `fields` of the Payment Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentFields {
    /// Which billing details the element collects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_details: Option<BillingDetailsFields>,
}

/// `defaultValues` of the Payment Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaymentDefaultValues {
    /// Prefilled billing details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_details: Option<BillingDetails>,
}

/// `'auto'`, `'always'` or `'never'` (`TermOption`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermOption {
    /// Shown when Stripe requires it.
    Auto,
    /// Always shown.
    Always,
    /// Never shown (the shop shows its own terms).
    Never,
}

/// `terms` of the Payment Element (`TermsOption`): mandate and legal text per method.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Terms {
    /// Cards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<TermOption>,
    /// Apple Pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apple_pay: Option<TermOption>,
    /// Google Pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google_pay: Option<TermOption>,
    /// PayPal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paypal: Option<TermOption>,
    /// SEPA Direct Debit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sepa_debit: Option<TermOption>,
    /// US bank accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_bank_account: Option<TermOption>,
}

/// `'auto'` or `'never'` for a wallet (`PaymentWalletOption`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalletOption {
    /// Shown where the browser supports it.
    Auto,
    /// Never shown.
    Never,
}

/// `wallets` of the Payment Element (`PaymentWalletsOption`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Wallets {
    /// Apple Pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apple_pay: Option<WalletOption>,
    /// Google Pay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub google_pay: Option<WalletOption>,
    /// Link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<WalletOption>,
}

/// Options of `elements.create('payment', …)` (`StripePaymentElementOptions`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentElementOptions {
    /// Layout of the payment method list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<LayoutOption>,
    /// Prefilled values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_values: Option<PaymentDefaultValues>,
    /// Which fields the element collects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<PaymentFields>,
    /// Mandate and legal text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    /// Wallets shown inside the element (creation only: `update()` ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wallets: Option<Wallets>,
    /// Makes the element read-only (while a payment is in flight). Always sent: Stripe.js
    /// merges `update()` options, so leaving it out after `true` would keep the element
    /// read-only for good.
    pub read_only: bool,
}

/// Options of `elements.create('linkAuthentication', …)`
/// (`StripeLinkAuthenticationElementOptions`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkAuthenticationOptions {
    /// A prefilled email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_values: Option<EmailDefault>,
}

/// `defaultValues` of the Link Authentication Element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EmailDefault {
    /// The email.
    pub email: String,
}

/// Whether the Address Element collects a shipping or a billing address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressMode {
    /// A shipping address.
    #[default]
    Shipping,
    /// A billing address.
    Billing,
}

/// Whether the Address Element shows a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldVisibility {
    /// Always shown.
    Always,
    /// Never shown.
    Never,
    /// Stripe decides.
    Auto,
}

/// `fields` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressFields {
    /// The phone field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<FieldVisibility>,
}

/// `defaultValues` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressDefaults {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The address (its `country` is required by Stripe.js).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<BillingAddress>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// `autocomplete` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum Autocomplete {
    /// Stripe's own suggestions.
    Automatic,
    /// No suggestions.
    Disabled,
    /// Suggestions from the shop's own Google Maps key.
    GoogleMapsApi {
        /// The Google Maps API key.
        #[serde(rename = "apiKey")]
        api_key: String,
    },
}

/// `validation` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressValidation {
    /// Phone validation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<PhoneValidation>,
}

/// `validation.phone` of the Address Element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneValidation {
    /// Whether a phone number is required.
    pub required: FieldVisibility,
}

/// Options of `elements.create('address', …)` (`StripeAddressElementOptions`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressElementOptions {
    /// Shipping or billing.
    pub mode: AddressMode,
    /// Two-letter country codes to offer; all when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_countries: Vec<String>,
    /// Which optional fields to show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<AddressFields>,
    /// Prefilled values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_values: Option<AddressDefaults>,
    /// Address suggestions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub autocomplete: Option<Autocomplete>,
    /// Extra validation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validation: Option<AddressValidation>,
}

/// `Address` of `@stripe/stripe-js` (`api/shared.d.ts`): every key present, absent parts `null`.
/// Read from Stripe.js field by field (`read.rs`, extra keys ignored); from the shop's JSON
/// (`data-shipping`) by serde, which refuses an unknown key.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street line 1.
    #[serde(default)]
    pub line1: Option<String>,
    /// Street line 2.
    #[serde(default)]
    pub line2: Option<String>,
    /// City or town.
    #[serde(default)]
    pub city: Option<String>,
    /// State, county or province.
    #[serde(default)]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default)]
    pub postal_code: Option<String>,
    /// Two-letter country code.
    #[serde(default)]
    pub country: Option<String>,
}

/// `ConfirmationToken.Shipping`: where the order goes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shipping {
    /// Recipient name.
    pub name: String,
    /// Recipient address.
    pub address: Address,
    /// Recipient phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Shipping {
    /// Checks the parts Stripe needs to ship: a name, a first line and a country.
    pub fn validate(&self) -> Result<(), Error> {
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        if self.name.trim().is_empty() {
            return Err(Error::Options("shipping.name is required".into()));
        }
        if blank(&self.address.line1) {
            return Err(Error::Options("shipping.address.line1 is required".into()));
        }
        match self.address.country.as_deref() {
            Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) => Ok(()),
            _ => Err(Error::Options(
                "shipping.address.country must be a two-letter code such as \"US\"".into(),
            )),
        }
    }
}

/// `PaymentMethodCreateParams.BillingDetails.Address`: every part optional, omitted when absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingAddress {
    /// Street line 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line1: Option<String>,
    /// Street line 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line2: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Two-letter country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// `PaymentMethodCreateParams.BillingDetails`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingDetails {
    /// Billing address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<BillingAddress>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// `payment_method_data` of `ConfirmationTokenCreateParams`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PaymentMethodData {
    /// Billing details that override what Elements collected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billing_details: Option<BillingDetails>,
}

/// `ConfirmationTokenCreateParams` (snake_case, as the API takes them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ConfirmationTokenParams {
    /// Extra payment method data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_method_data: Option<PaymentMethodData>,
    /// Shipping details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Shipping>,
    /// Where a redirect-based payment method returns the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
}

/// What `stripe.registerAppInfo()` is told about this wrapper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use serde_json::{json, to_value};

    #[test]
    fn elements_options_are_camel_case_and_omit_what_is_unset() {
        let mut options = ElementsOptions::payment(1999, "USD");
        assert_eq!(
            to_value(&options).unwrap(),
            json!({"mode": "payment", "amount": 1999, "currency": "usd"})
        );
        options.capture_method = Some(CaptureMethod::Manual);
        options.setup_future_usage = Some(SetupFutureUsage::OffSession);
        options.loader = Some(Loader::Always);
        options.locale = Some("fr".into());
        options.fonts = vec![Font::Css {
            css_src: "https://fonts.example/a.css".into(),
        }];
        options.appearance = Some(Appearance {
            theme: Some("night".into()),
            variables: [("colorPrimary".to_string(), "#0a2540".to_string())].into(),
            disable_animations: Some(true),
            ..Appearance::default()
        });
        assert_eq!(
            to_value(&options).unwrap(),
            json!({
                "mode": "payment", "amount": 1999, "currency": "usd",
                "captureMethod": "manual", "setupFutureUsage": "off_session",
                "loader": "always", "locale": "fr",
                "fonts": [{"cssSrc": "https://fonts.example/a.css"}],
                "appearance": {"theme": "night", "variables": {"colorPrimary": "#0a2540"},
                               "disableAnimations": true}
            })
        );
    }

    #[test]
    fn validation_names_the_bad_option() {
        let upper = ElementsOptions {
            currency: "USD".into(),
            amount: Some(1),
            ..Default::default()
        };
        assert!(upper
            .validate()
            .unwrap_err()
            .to_string()
            .contains("currency"));
        let zero = ElementsOptions::payment(0, "usd");
        assert!(zero.validate().unwrap_err().to_string().contains("amount"));
        let setup = ElementsOptions {
            mode: Mode::Setup,
            currency: "eur".into(),
            ..Default::default()
        };
        assert_eq!(setup.validate(), Ok(()));
    }

    #[test]
    fn a_changed_amount_becomes_an_update_of_just_the_amount() {
        let old = ElementsOptions::payment(1000, "usd");
        let new = ElementsOptions::payment(2500, "usd");
        let update = old.changes_to(&new).unwrap().unwrap();
        assert_eq!(to_value(&update).unwrap(), json!({"amount": 2500}));
        assert_eq!(old.changes_to(&old.clone()).unwrap(), None);
    }

    #[test]
    fn changing_an_immutable_option_is_refused_loudly() {
        let old = ElementsOptions::payment(1000, "usd");
        let new = ElementsOptions {
            loader: Some(Loader::Never),
            ..old.clone()
        };
        let err = old.changes_to(&new).unwrap_err();
        assert!(
            err.to_string().contains("loader cannot be changed"),
            "{err}"
        );
    }

    #[test]
    fn confirmation_token_params_are_snake_case_with_null_address_parts() {
        let params = ConfirmationTokenParams {
            payment_method_data: Some(PaymentMethodData {
                billing_details: Some(BillingDetails {
                    email: Some("jenny@example.com".into()),
                    address: Some(BillingAddress {
                        country: Some("US".into()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
            }),
            shipping: Some(Shipping {
                name: "Jenny Rosen".into(),
                address: Address {
                    line1: Some("1 Main St".into()),
                    country: Some("US".into()),
                    postal_code: Some("94107".into()),
                    ..Default::default()
                },
                phone: None,
            }),
            return_url: Some("https://shop.example/thanks".into()),
        };
        assert_eq!(
            to_value(&params).unwrap(),
            json!({
                "payment_method_data": {"billing_details": {
                    "address": {"country": "US"}, "email": "jenny@example.com"}},
                "shipping": {"name": "Jenny Rosen", "address": {
                    "line1": "1 Main St", "line2": null, "city": null, "state": null,
                    "postal_code": "94107", "country": "US"}},
                "return_url": "https://shop.example/thanks"
            })
        );
        assert_eq!(
            to_value(ConfirmationTokenParams::default()).unwrap(),
            json!({})
        );
    }

    #[test]
    fn shipping_from_host_json_fills_absent_parts_and_rejects_unknown_fields() {
        let s: Shipping = serde_json::from_value(json!({
            "name": "Jenny", "address": {"line1": "1 Main St", "country": "US"}
        }))
        .unwrap();
        assert_eq!(s.address.line2, None);
        assert_eq!(s.validate(), Ok(()));
        let typo = serde_json::from_value::<Shipping>(json!({
            "name": "Jenny", "adress": {"line1": "x", "country": "US"}
        }));
        assert!(typo.unwrap_err().to_string().contains("adress"));
        let no_country = Shipping {
            name: "J".into(),
            address: Address {
                line1: Some("x".into()),
                ..Default::default()
            },
            phone: None,
        };
        assert!(no_country
            .validate()
            .unwrap_err()
            .to_string()
            .contains("country"));
    }

    #[test]
    fn locales_are_bcp47_tags() {
        for good in ["auto", "en", "fr-CA", "es-419", "zh-Hant-HK", "pt-BR"] {
            assert!(is_locale(good), "{good}");
        }
        for bad in [
            "en_US",
            "",
            "e",
            "en-",
            "-en",
            "en--US",
            "fr CA",
            "1en",
            "en-US-abcdefghi",
        ] {
            assert!(!is_locale(bad), "{bad}");
        }
        let options = ElementsOptions {
            locale: Some("en_US".into()),
            ..ElementsOptions::payment(100, "usd")
        };
        assert!(matches!(options.validate(), Err(Error::Options(m)) if m.contains("en_US")));
    }

    #[test]
    fn element_options_shapes() {
        let address = AddressElementOptions {
            mode: AddressMode::Shipping,
            allowed_countries: vec!["US".into()],
            fields: Some(AddressFields {
                phone: Some(FieldVisibility::Always),
            }),
            ..Default::default()
        };
        assert_eq!(
            to_value(&address).unwrap(),
            json!({"mode": "shipping", "allowedCountries": ["US"], "fields": {"phone": "always"}})
        );
        let payment = PaymentElementOptions {
            layout: Some(Layout::Tabs.into()),
            read_only: true,
            ..Default::default()
        };
        assert_eq!(
            to_value(&payment).unwrap(),
            json!({"layout": "tabs", "readOnly": true})
        );
        // Back to editable is said explicitly: Stripe.js merges updates.
        assert_eq!(
            to_value(PaymentElementOptions::default()).unwrap(),
            json!({"readOnly": false})
        );
        assert_eq!(
            to_value(AppInfo::THIS_CRATE).unwrap()["name"],
            json!("stripe-checkout")
        );
    }

    #[test]
    fn issue_10_options_have_stripe_js_shapes_and_checks() {
        let payment = PaymentElementOptions {
            layout: Some(LayoutOption::Object(LayoutObject {
                kind: Layout::Accordion,
                default_collapsed: Some(false),
                radios: Some("always".into()),
                spaced_accordion_items: None,
                visible_accordion_items_count: Some(2),
            })),
            fields: Some(PaymentFields {
                billing_details: Some(BillingDetailsFields::All(FieldOption::Never)),
            }),
            terms: Some(Terms {
                card: Some(TermOption::Never),
                ..Default::default()
            }),
            wallets: Some(Wallets {
                google_pay: Some(WalletOption::Never),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            to_value(&payment).unwrap(),
            json!({
                "layout": {"type": "accordion", "defaultCollapsed": false, "radios": "always",
                           "visibleAccordionItemsCount": 2},
                "fields": {"billingDetails": "never"},
                "terms": {"card": "never"},
                "wallets": {"googlePay": "never"},
                "readOnly": false
            })
        );
        let address = AddressElementOptions {
            autocomplete: Some(Autocomplete::GoogleMapsApi {
                api_key: "k".into(),
            }),
            validation: Some(AddressValidation {
                phone: Some(PhoneValidation {
                    required: FieldVisibility::Always,
                }),
            }),
            default_values: Some(AddressDefaults {
                name: Some("Jenny".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            to_value(&address).unwrap(),
            json!({
                "mode": "shipping",
                "defaultValues": {"name": "Jenny"},
                "autocomplete": {"mode": "google_maps_api", "apiKey": "k"},
                "validation": {"phone": {"required": "always"}}
            })
        );
        let setup = ElementsOptions {
            on_behalf_of: Some("acct_1".into()),
            ..ElementsOptions::setup("EUR")
        };
        assert_eq!(setup.validate(), Ok(()));
        assert_eq!(
            to_value(&setup).unwrap(),
            json!({"mode": "setup", "currency": "eur", "onBehalfOf": "acct_1"})
        );
        let amount = ElementsOptions {
            amount: Some(5),
            ..setup.clone()
        };
        assert!(amount.validate().unwrap_err().to_string().contains("setup"));
        let account = ElementsOptions {
            on_behalf_of: Some("acct_".into()),
            ..setup.clone()
        };
        assert!(account
            .validate()
            .unwrap_err()
            .to_string()
            .contains("onBehalfOf"));
        let moved = ElementsOptions {
            on_behalf_of: Some("acct_2".into()),
            ..setup.clone()
        };
        assert!(setup.changes_to(&moved).is_err());
        let constructor = StripeConstructorOptions {
            stripe_account: Some("acct_9".into()),
            locale: Some("en_US".into()),
        };
        assert!(constructor
            .validate()
            .unwrap_err()
            .to_string()
            .contains("en_US"));
        assert!(StripeConstructorOptions::default().is_empty());
    }
}
