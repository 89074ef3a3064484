//! Leptos components: the Stripe provider and its context, element components, the checkout.

mod effect;
mod element;
mod flow;
mod provider;
mod status;

pub use element::{AddressElement, PaymentElement};
pub use flow::{
    return_url_with_result, Checkout, CheckoutConfig, CheckoutEvent, CheckoutFailure,
    CheckoutState, PaymentSuccess, RequestExtras,
};
pub use provider::{use_elements, use_stripe, StripeContext, StripeProvider};
pub use status::{status_message, PaymentStatus};
