//! `ElementsOptions::customer_session_client_secret`: written as `customerSessionClientSecret`,
//! checked for its shape, and fixed once the group is created (as `tests.rs`, in the browser).

use super::*;
use crate::error::Error;
use crate::js::tests::to_value;
use serde_json::json;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn a_customer_session_secret_is_written_checked_and_fixed_at_creation() {
    let saved = ElementsOptions {
        customer_session_client_secret: Some("cuss_secret_Ab_9".into()),
        ..ElementsOptions::payment(100, "usd")
    };
    assert_eq!(saved.validate(), Ok(()));
    assert_eq!(
        to_value(&saved).unwrap(),
        json!({"mode": "payment", "amount": 100, "currency": "usd",
               "customerSessionClientSecret": "cuss_secret_Ab_9"})
    );
    for bad in [
        "cuss_secret_",
        "pi_1_secret_2",
        "cuss_secret_a b",
        "cuss_secret_a\"x",
    ] {
        let options = ElementsOptions {
            customer_session_client_secret: Some(bad.into()),
            ..saved.clone()
        };
        assert!(
            matches!(options.validate(), Err(Error::Options(m)) if m.contains("customerSessionClientSecret"))
        );
    }
    let dropped = ElementsOptions {
        customer_session_client_secret: None,
        ..saved.clone()
    };
    assert!(
        matches!(saved.changes_to(&dropped), Err(Error::Options(m)) if m.contains("customerSessionClientSecret"))
    );
}
