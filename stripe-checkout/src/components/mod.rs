//! Leptos components: the Stripe provider and its context, element components, the checkout.

mod checkout;
mod effect;
mod element;
mod provider;
mod status;

pub use checkout::{
    return_url_with_result, Checkout, CheckoutConfig, CheckoutEvent, CheckoutFailure,
    CheckoutState, PaymentSuccess, RequestExtras,
};
pub use element::{AddressElement, PaymentElement};
pub use provider::{use_elements, use_stripe, StripeContext, StripeProvider};
pub use status::{status_message, PaymentStatus};
