//! Every sentence the customer reads, in one place (ready for translation). Developer-facing
//! errors (a misused hook, a bad option) stay with the code that detects them.

use crate::stripe::js::decimal;
use crate::stripe::PaymentIntentStatus;

/// The Pay button's text without an amount (and when `Intl` cannot format one).
pub const PAY: &str = "Pay";
/// The Pay button's text in setup mode.
pub const SAVE_CARD: &str = "Save card";
/// Shown while Stripe.js and the elements load.
pub const LOADING_FORM: &str = "Loading the payment form…";
/// Shown on the return page while the intent is retrieved.
pub const CHECKING_PAYMENT: &str = "Checking your payment…";

/// After a payment that went through.
pub const PAID: &str = "Thank you! Your payment was successful.";
/// After a payment that is still processing (some methods settle later).
pub const PAID_PROCESSING: &str =
    "Thank you! Your payment is processing; you'll get a confirmation soon.";
/// After a card was saved (setup mode).
pub const CARD_SAVED: &str = "Thank you! Your card was saved.";

/// The return page, after Stripe said the payment succeeded, while the shop's backend has not yet
/// heard so from Stripe's webhook.
pub const CONFIRMING_ORDER: &str = "Payment received — confirming your order…";
/// The return page, when the shop's backend still has not confirmed the order after about two
/// minutes of asking.
pub const ORDER_SLOW: &str = "Payment received. Confirming your order is taking longer than usual: refresh this page in a few minutes, or contact the shop.";

/// The return page, once the shop's backend has recorded the order as paid.
pub fn order_confirmed(order: &str) -> String {
    ["Order ", order, " confirmed. Thank you!"].concat()
}

/// The return page, when the shop's backend recorded the order's payment as failed.
pub fn order_failed(order: &str) -> String {
    [
        "Order ",
        order,
        " was not paid. Please go back and try again, or contact the shop.",
    ]
    .concat()
}

/// Stripe.js could not reach Stripe.
pub const STRIPE_UNREACHABLE: &str =
    "We couldn't reach Stripe. Check your connection and try again.";
/// Stripe refused the attempt for a reason that is not the customer's to read.
pub const NOT_PROCESSED: &str = "Your payment could not be processed. Please try again.";
/// A mistake in the shop's integration (logged to the console for the shop's developer).
pub const MISCONFIGURED: &str =
    "Something went wrong with this checkout. Please try again, or contact the shop.";
/// The checkout's own request could not be made (a header or body the browser refuses): the
/// shop's mistake, and nothing was sent.
pub const MISCONFIGURED_NOT_SENT: &str = "This checkout is misconfigured: your payment was not sent and you were not charged. Please contact the shop.";
/// The browser has no secure random source for the idempotency key.
pub const INSECURE_BROWSER: &str = "This browser cannot make a secure payment request.";
/// The shop refused the payment without saying why.
pub const SHOP_REFUSED: &str = "The shop could not take this payment. Please try again.";
/// The intent ended in a status that is not a success.
pub const NOT_COMPLETED: &str =
    "Your payment was not completed. Please try again or use another payment method.";
/// The Address Element is not complete.
pub const COMPLETE_ADDRESS: &str = "Please complete your shipping address.";
/// The returning customer's saved cards could not be loaded; the form asks for a card.
pub const SAVED_CARDS_UNAVAILABLE: &str =
    "Your saved cards could not be loaded. Enter your card details.";
/// Prefix of an element's load error (Stripe's message follows).
pub const FORM_NOT_LOADED: &str = "The payment form could not be loaded: ";

/// No answer from the shop: the connection failed.
pub const SHOP_UNREACHABLE: &str = "We couldn't reach the shop to complete your payment. Check your connection and press Pay again: you won't be charged twice.";

/// No answer from the shop within `seconds`.
pub fn shop_timed_out(seconds: u32) -> String {
    let mut s = String::from("The shop didn't answer within ");
    s.push_str(&decimal(seconds.into()));
    s.push_str(" seconds. Press Pay again to retry: you won't be charged twice.");
    s
}

/// An answer from the shop that is neither an intent nor a refusal.
pub fn shop_unusable(http_status: u16) -> String {
    // The payment may have gone through: say so, and that Pay finishes it either way.
    let what = if (200..300).contains(&http_status) {
        "The shop's server sent an answer we couldn't read (HTTP "
    } else {
        "The shop's server had a problem (HTTP "
    };
    let mut s = String::from(what);
    s.push_str(&decimal(http_status.into()));
    s.push_str("), so your payment may not be complete. Press Pay again to finish it: you won't be charged twice.");
    s
}

/// What to tell the customer about a PaymentIntent status, and whether it is good news.
pub fn status_message(status: PaymentIntentStatus) -> (&'static str, bool) {
    match status {
        PaymentIntentStatus::Succeeded => ("Payment received. Thank you for your order!", true),
        PaymentIntentStatus::Processing => (
            "Your payment is processing. We'll let you know when it is confirmed.",
            true,
        ),
        PaymentIntentStatus::RequiresCapture => (
            "Your payment is authorised. You'll be charged when your order ships.",
            true,
        ),
        PaymentIntentStatus::RequiresPaymentMethod => (
            "Your payment was not successful. Please go back and try another payment method.",
            false,
        ),
        PaymentIntentStatus::RequiresAction | PaymentIntentStatus::RequiresConfirmation => (
            "Your payment is not complete yet. Please go back and try again.",
            false,
        ),
        PaymentIntentStatus::Canceled => ("This payment was canceled.", false),
        PaymentIntentStatus::Unknown => ("We couldn't tell how your payment went.", false),
    }
}

/// What to tell the customer about a SetupIntent status (a card saved for later), and whether
/// it is good news.
pub fn setup_status_message(status: PaymentIntentStatus) -> (&'static str, bool) {
    match status {
        PaymentIntentStatus::Succeeded => ("Your card was saved. Thank you!", true),
        PaymentIntentStatus::Processing => (
            "Your card is being saved. We'll let you know when it is ready.",
            true,
        ),
        PaymentIntentStatus::RequiresPaymentMethod => (
            "Your card could not be saved. Please go back and try another card.",
            false,
        ),
        PaymentIntentStatus::Canceled => ("Saving this card was canceled.", false),
        _ => (
            "Your card is not saved yet. Please go back and try again.",
            false,
        ),
    }
}
