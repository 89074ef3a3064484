//! The Payment Element's options (`elements/payment.d.ts`): layout, fields, default values,
//! terms, wallets. camelCase.

use js_sys::Object;
use wasm_bindgen::JsValue;

use super::BillingDetails;
use crate::js::{set, Extra, ToJs};

/// Layout of the Payment Element's payment method list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Layout {
    /// Tabs.
    Tabs,
    /// An accordion.
    Accordion,
    /// Stripe decides.
    Auto,
}

/// `layout` of the Payment Element: a [`Layout`] name, or the `LayoutObject` with its details.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
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
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct LayoutObject {
    /// Tabs, accordion or auto.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub kind: Layout,
    /// Accordion: start collapsed.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub default_collapsed: Option<bool>,
    /// Accordion: radio buttons — `auto`, `never`, `always` or `if_multiple`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub radios: Option<String>,
    /// Accordion: space the items apart.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub spaced_accordion_items: Option<bool>,
    /// Accordion: how many payment methods show before "More".
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub visible_accordion_items_count: Option<u32>,
}

/// `auto` or `never` (`FieldOption`), and for some fields `always`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FieldOption {
    /// Stripe decides.
    Auto,
    /// Never collected (the shop passes it at confirmation instead).
    Never,
    /// Always collected (`name` only).
    Always,
}

/// `fields.billingDetails` of the Payment Element: one choice for all, or per field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
pub enum BillingDetailsFields {
    /// `'auto'` or `'never'` for every billing field.
    All(FieldOption),
    /// Per field.
    Each {
        /// The name field.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        name: Option<FieldOption>,
        /// The email field.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        email: Option<FieldOption>,
        /// The phone field.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        phone: Option<FieldOption>,
        /// The address fields, all together.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        address: Option<FieldOption>,
    },
}

/// `fields` of the Payment Element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct PaymentFields {
    /// Which billing details the element collects.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub billing_details: Option<BillingDetailsFields>,
}

/// `defaultValues` of the Payment Element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct PaymentDefaultValues {
    /// Prefilled billing details.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub billing_details: Option<BillingDetails>,
}

/// `'auto'`, `'always'` or `'never'` (`TermOption`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TermOption {
    /// Shown when Stripe requires it.
    Auto,
    /// Always shown.
    Always,
    /// Never shown (the shop shows its own terms).
    Never,
}

/// `terms` of the Payment Element (`TermsOption`): mandate and legal text per method.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct Terms {
    /// Cards.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub card: Option<TermOption>,
    /// Apple Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub apple_pay: Option<TermOption>,
    /// Google Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub google_pay: Option<TermOption>,
    /// PayPal.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub paypal: Option<TermOption>,
    /// SEPA Direct Debit.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub sepa_debit: Option<TermOption>,
    /// US bank accounts.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub us_bank_account: Option<TermOption>,
}

/// `'auto'` or `'never'` for a wallet (`PaymentWalletOption`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum WalletOption {
    /// Shown where the browser supports it.
    Auto,
    /// Never shown.
    Never,
}

/// `wallets` of the Payment Element (`PaymentWalletsOption`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "camelCase", deny_unknown_fields)
)]
pub struct Wallets {
    /// Apple Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub apple_pay: Option<WalletOption>,
    /// Google Pay.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub google_pay: Option<WalletOption>,
    /// Link.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub link: Option<WalletOption>,
}

/// Options of `elements.create('payment', …)` (`StripePaymentElementOptions`).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct PaymentElementOptions {
    /// Layout of the payment method list.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub layout: Option<LayoutOption>,
    /// Prefilled values.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub default_values: Option<PaymentDefaultValues>,
    /// Which fields the element collects.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub fields: Option<PaymentFields>,
    /// Mandate and legal text.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub terms: Option<Terms>,
    /// Wallets shown inside the element (creation only: `update()` ignores it).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub wallets: Option<Wallets>,
    /// Makes the element read-only (while a payment is in flight). Always sent: Stripe.js
    /// merges `update()` options, so leaving it out after `true` would keep the element
    /// read-only for good.
    pub read_only: bool,
    /// Options of Stripe.js we have not modelled, merged in last; none of ours ([`Extra`]).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub extra: Extra<Self>,
}

// ---- Written to Stripe.js (`js.rs`); names as in `elements/payment.d.ts`.

js_enum!(Layout {
    Tabs = "tabs",
    Accordion = "accordion",
    Auto = "auto",
});

impl ToJs for LayoutOption {
    fn to_js(&self) -> JsValue {
        match self {
            Self::Name(layout) => layout.to_js(),
            Self::Object(object) => object.to_js(),
        }
    }
}

write_object!(LayoutObject {
    kind: "type",
    default_collapsed: "defaultCollapsed",
    radios: "radios",
    spaced_accordion_items: "spacedAccordionItems",
    visible_accordion_items_count: "visibleAccordionItemsCount",
});

js_enum!(FieldOption {
    Auto = "auto",
    Never = "never",
    Always = "always",
});

impl ToJs for BillingDetailsFields {
    fn to_js(&self) -> JsValue {
        match self {
            Self::All(all) => all.to_js(),
            Self::Each {
                name,
                email,
                phone,
                address,
            } => {
                let object = Object::new();
                set(&object, "name", name);
                set(&object, "email", email);
                set(&object, "phone", phone);
                set(&object, "address", address);
                object.into()
            }
        }
    }
}

write_object!(PaymentFields {
    billing_details: "billingDetails",
});

write_object!(PaymentDefaultValues {
    billing_details: "billingDetails",
});

js_enum!(TermOption {
    Auto = "auto",
    Always = "always",
    Never = "never",
});

write_object!(Terms {
    card: "card",
    apple_pay: "applePay",
    google_pay: "googlePay",
    paypal: "paypal",
    sepa_debit: "sepaDebit",
    us_bank_account: "usBankAccount",
});

js_enum!(WalletOption {
    Auto = "auto",
    Never = "never",
});

write_object!(Wallets {
    apple_pay: "applePay",
    google_pay: "googlePay",
    link: "link",
});

write_object!(PaymentElementOptions {
    layout: "layout",
    default_values: "defaultValues",
    fields: "fields",
    terms: "terms",
    wallets: "wallets",
    read_only: "readOnly",
    ..extra
});
