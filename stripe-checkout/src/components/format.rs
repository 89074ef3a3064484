//! URL and `Intl` helpers: the return URL Stripe would build, and the Pay button's amount.

use super::flow::PaymentSuccess;

/// `return_url` with `payment_intent`, `payment_intent_client_secret` and `redirect_status`
/// appended (`setup_intent`, `setup_intent_client_secret` for a SetupIntent), as Stripe does
/// after a redirect. The browser's `URL` builds it: `None` off wasm32 (a server has none).
pub fn return_url_with_result(return_url: &str, success: &PaymentSuccess) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let url = web_sys::Url::new(return_url).ok()?;
    let query = url.search_params();
    let name = success.client_secret.kind().object();
    query.append(name, &success.intent_id);
    query.append(
        &format!("{name}_client_secret"),
        success.client_secret.expose(),
    );
    query.append("redirect_status", "succeeded");
    Some(url.href())
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Intl.NumberFormat(locales, options)` (callable without `new`, as ECMA-402 specifies). It
    /// throws a `RangeError` on a bad locale or currency, so unlike js-sys's binding it is
    /// imported with `catch`.
    #[wasm_bindgen(catch, js_namespace = Intl, js_name = NumberFormat)]
    fn number_format(
        locales: &js_sys::Array,
        options: &js_sys::Object,
    ) -> Result<js_sys::Intl::NumberFormat, wasm_bindgen::JsValue>;
}

/// "Pay $25.00", formatted by the browser's `Intl` for the currency and locale; plain "Pay"
/// if `Intl` refuses them.
pub(super) fn pay_label(amount: u64, currency: &str, locale: Option<&str>) -> String {
    use js_sys::{Array, Object, Reflect};
    let options = Object::new();
    let _ = Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = Reflect::set(&options, &"currency".into(), &currency.into());
    let locales = match locale {
        Some(l) if l != "auto" => Array::of1(&l.into()),
        _ => Array::new(),
    };
    let Ok(format) = number_format(&locales, &options) else {
        return "Pay".to_owned();
    };
    let digits = Reflect::get(&format.resolved_options(), &"maximumFractionDigits".into())
        .ok()
        .and_then(|d| d.as_f64())
        .unwrap_or(2.0);
    let major = amount as f64 / 10f64.powi(digits as i32);
    format
        .format()
        .call1(&format, &major.into())
        .ok()
        .and_then(|s| s.as_string())
        .map_or_else(|| "Pay".to_owned(), |s| format!("Pay {s}"))
}
