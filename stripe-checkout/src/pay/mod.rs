//! The pay flow, free of Leptos: a checkout's states and events with the one function that
//! moves between them ([`next`]), and one payment's steps ([`Steps`]) run in order by
//! [`start`]. The Leptos hook [`use_checkout`](crate::components::use_checkout) only mirrors the
//! [`Machine`] into signals; `cargo test` runs the whole flow natively against a fake.
//!
//! Arrows run one way: components (view → hook) → `pay` → [`backend`](crate::backend) and
//! `stripe-js`.
//!
//! ```
//! use stripe_checkout::pay::{next, CheckoutState, Event, Machine};
//!
//! let ready = next(&Machine::new(CheckoutState::Loading), Event::Ready).unwrap();
//! assert_eq!(ready.machine.state, CheckoutState::Ready);
//! let paying = next(&ready.machine, Event::Pay).unwrap();
//! assert_eq!(paying.machine.state, CheckoutState::Processing);
//! // A second Pay while one is in flight is refused, as a value.
//! assert!(next(&paying.machine, Event::Pay).is_err());
//! ```

mod browser;
mod failure;
mod machine;
mod run;

pub use browser::{return_url_with_result, BrowserSteps, PostOptions};
pub use failure::{CheckoutFailure, FailureKind};
pub use machine::{
    next, Attempt, CheckoutEvent, CheckoutState, Event, Impossible, Machine, PaymentSuccess,
    Transition,
};
pub use run::{start, Host, PayOptions, Press, Steps};
