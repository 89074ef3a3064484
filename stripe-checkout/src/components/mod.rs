//! Leptos components: the Stripe provider and its context, element components, the checkout.

mod checkout;
mod effect;
mod element;
mod failure;
mod flow;
mod format;
mod provider;
mod status;

pub use checkout::{Checkout, CheckoutConfig, RequestExtras};
pub use element::{AddressElement, PaymentElement};
pub use failure::CheckoutFailure;
pub use flow::{CheckoutEvent, CheckoutState, PaymentSuccess};
pub use format::return_url_with_result;
pub use provider::{use_elements, use_stripe, StripeContext, StripeProvider};
pub use status::{status_message, PaymentStatus};
