//! The Leptos components and the pay flow against the Stripe.js simulator and a scripted
//! backend, in headless Chromium: one test binary, one module per subject.
#![cfg(target_arch = "wasm32")]

#[path = "../../../stripe-js/tests/support/mod.rs"]
mod support;

mod common;
mod express;
mod hook;
mod loading;
mod pay_flow;
mod provider;
mod setup_wallets;
mod status;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
