//! The Payment Element's options (`elements/payment.d.ts`): layout, fields, default values,
//! terms, wallets. camelCase.

use serde::{Deserialize, Serialize};

use super::BillingDetails;

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
