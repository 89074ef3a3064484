//! Leptos components and hooks: the Stripe provider and its context, element components, the
//! pay flow as `use_checkout`, and the ready-made `Checkout` form built on it.

mod checkout;
mod effect;
mod element;
mod express;
mod format;
mod provider;
mod status;
mod use_checkout;

pub use crate::request_body::{RequestBody, RequestBodyError};
pub use checkout::{Checkout, CheckoutConfig};
pub use element::{AddressElement, LinkAuthenticationElement, PaymentElement};
pub use express::{ExpressCheckoutElement, ShippingChange};
// The flow's types, where a component user looks for them.
pub use crate::backend::RequestExtras;
pub use crate::messages::{setup_status_message, status_message};
pub use crate::pay::{
    return_url_with_result, CheckoutEvent, CheckoutFailure, CheckoutState, FailureKind,
    PaymentSuccess,
};
pub use provider::{
    use_elements, use_stripe, OutsideProvider, StripeContext, StripeProvider, StripeSource,
};
pub use status::PaymentStatus;
pub use use_checkout::{use_checkout, UseCheckout, UseCheckoutOptions};
