//! One way to tell the shop's developer something went wrong: the browser console in wasm, the
//! server's standard error natively (where `web_sys::console` would abort the process).

/// Logs `message` as an error.
pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&message.into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("stripe-checkout: {message}");
}
