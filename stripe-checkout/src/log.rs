//! The one way the library tells the shop's developer something went wrong: the browser's
//! console in wasm; off wasm32 (a server rendering the components) stderr, since there a call
//! into `console` is not implemented and aborts the whole process.

/// Logs `message` as an error.
pub fn error(message: &str) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::error_1(&message.into());
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
}
