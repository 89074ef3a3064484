//! The Link Authentication Element's options (`elements/link-authentication.d.ts`). camelCase.

use serde::Serialize;

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
