//! The Link Authentication Element's options (`elements/link-authentication.d.ts`). camelCase.

use crate::js::Extra;

/// Options of `elements.create('linkAuthentication', …)`
/// (`StripeLinkAuthenticationElementOptions`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct LinkAuthenticationOptions {
    /// A prefilled email.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub default_values: Option<EmailDefault>,
    /// Options of Stripe.js we have not modelled, merged in last; none of ours ([`Extra`]).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub extra: Extra<Self>,
}

/// `defaultValues` of the Link Authentication Element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EmailDefault {
    /// The email.
    pub email: String,
}

// ---- Written to Stripe.js (`js.rs`); names as in `elements/link-authentication.d.ts`.

write_object!(LinkAuthenticationOptions {
    default_values: "defaultValues",
    ..extra
});

write_object!(EmailDefault { email: "email" });
