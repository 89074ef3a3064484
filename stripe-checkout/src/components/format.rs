//! The Pay button's amount, formatted by the browser's `Intl`.

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
        return crate::messages::PAY.to_owned();
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
        .map_or_else(
            || crate::messages::PAY.to_owned(),
            |s| [crate::messages::PAY, " ", &s].concat(),
        )
}
