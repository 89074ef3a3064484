//! The contract between the checkout component and its backend (serde only, no wasm).
#![deny(missing_docs)]
