//! Leptos components and hooks: the Stripe provider and its context, element components, the
//! pay flow as `use_checkout`, and the ready-made `Checkout` form built on it.

mod checkout;
mod effect;
mod element;
mod failure;
mod flow;
mod format;
mod provider;
mod status;
mod use_checkout;

pub use crate::request_body::{RequestBody, RequestBodyError};
pub use checkout::{Checkout, CheckoutConfig, RequestExtras};
pub use element::{
    AddressElement, ExpressCheckoutElement, LinkAuthenticationElement, PaymentElement,
    ShippingChange,
};
pub use failure::CheckoutFailure;
pub use flow::{CheckoutEvent, CheckoutState, PaymentSuccess};
pub use format::return_url_with_result;
pub use provider::{
    use_elements, use_stripe, OutsideProvider, StripeContext, StripeProvider, StripeSource,
};
pub use status::{setup_status_message, status_message, PaymentStatus};
pub use use_checkout::{use_checkout, UseCheckout, UseCheckoutOptions};
