//! The exact JSON of every option and param type, as Stripe.js takes it: what `ToJs` writes
//! (the library's one writer), checked against serde's shapes (the `serde` feature) too, so the
//! two cannot drift. In the browser, where `ToJs` runs.

use super::*;
use crate::error::Error;
use crate::js::tests::{from_shop_json, to_value};
use crate::js::Extra;
use serde_json::json;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn elements_options_are_camel_case_and_omit_what_is_unset() {
    let mut options = ElementsOptions::payment(1999, "USD");
    assert_eq!(
        to_value(&options).unwrap(),
        json!({"mode": "payment", "amount": 1999, "currency": "usd"})
    );
    options.capture_method = Some(CaptureMethod::Manual);
    options.setup_future_usage = Some(SetupFutureUsage::OffSession);
    options.loader = Some(Loader::Always);
    options.locale = Some("fr".into());
    options.fonts = vec![Font::Css {
        css_src: "https://fonts.example/a.css".into(),
    }];
    options.appearance = Some(Appearance {
        theme: Some("night".into()),
        variables: [("colorPrimary".to_string(), "#0a2540".to_string())].into(),
        disable_animations: Some(true),
        ..Appearance::default()
    });
    assert_eq!(
        to_value(&options).unwrap(),
        json!({
            "mode": "payment", "amount": 1999, "currency": "usd",
            "captureMethod": "manual", "setupFutureUsage": "off_session",
            "loader": "always", "locale": "fr",
            "fonts": [{"cssSrc": "https://fonts.example/a.css"}],
            "appearance": {"theme": "night", "variables": {"colorPrimary": "#0a2540"},
                           "disableAnimations": true}
        })
    );
}

#[wasm_bindgen_test]
fn validation_names_the_bad_option() {
    let upper = ElementsOptions {
        currency: "USD".into(),
        amount: Some(1),
        ..Default::default()
    };
    assert!(upper
        .validate()
        .unwrap_err()
        .to_string()
        .contains("currency"));
    let zero = ElementsOptions::payment(0, "usd");
    assert!(zero.validate().unwrap_err().to_string().contains("amount"));
    let setup = ElementsOptions {
        mode: Mode::Setup,
        currency: "eur".into(),
        ..Default::default()
    };
    assert_eq!(setup.validate(), Ok(()));
}

#[wasm_bindgen_test]
fn a_changed_amount_becomes_an_update_of_just_the_amount() {
    let old = ElementsOptions::payment(1000, "usd");
    let new = ElementsOptions::payment(2500, "usd");
    let update = old.changes_to(&new).unwrap().unwrap();
    assert_eq!(to_value(&update).unwrap(), json!({"amount": 2500}));
    assert_eq!(old.changes_to(&old.clone()).unwrap(), None);
}

#[wasm_bindgen_test]
fn changing_an_immutable_option_is_refused_loudly() {
    let old = ElementsOptions::payment(1000, "usd");
    let new = ElementsOptions {
        loader: Some(Loader::Never),
        ..old.clone()
    };
    let err = old.changes_to(&new).unwrap_err();
    assert!(
        err.to_string().contains("loader cannot be changed"),
        "{err}"
    );
}

#[wasm_bindgen_test]
fn confirmation_token_params_are_snake_case_with_null_address_parts() {
    let params = ConfirmationTokenParams {
        payment_method_data: Some(PaymentMethodData {
            billing_details: Some(BillingDetails {
                email: Some("jenny@example.com".into()),
                address: Some(BillingAddress {
                    country: Some("US".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }),
        }),
        shipping: Some(Shipping {
            name: "Jenny Rosen".into(),
            address: Address {
                line1: Some("1 Main St".into()),
                country: Some("US".into()),
                postal_code: Some("94107".into()),
                ..Default::default()
            },
            phone: None,
        }),
        return_url: Some("https://shop.example/thanks".into()),
    };
    assert_eq!(
        to_value(&params).unwrap(),
        json!({
            "payment_method_data": {"billing_details": {
                "address": {"country": "US"}, "email": "jenny@example.com"}},
            "shipping": {"name": "Jenny Rosen", "address": {
                "line1": "1 Main St", "line2": null, "city": null, "state": null,
                "postal_code": "94107", "country": "US"}},
            "return_url": "https://shop.example/thanks"
        })
    );
    assert_eq!(
        to_value(ConfirmationTokenParams::default()).unwrap(),
        json!({})
    );
}

#[wasm_bindgen_test]
fn shipping_from_host_json_fills_absent_parts_and_rejects_unknown_fields() {
    let s: Shipping = from_shop_json(json!({
        "name": "Jenny", "address": {"line1": "1 Main St", "country": "US"}
    }))
    .unwrap();
    assert_eq!(s.address.line2, None);
    assert_eq!(s.validate(), Ok(()));
    let typo = from_shop_json::<Shipping>(json!({
        "name": "Jenny", "adress": {"line1": "x", "country": "US"}
    }));
    assert_eq!(
        typo.unwrap_err(),
        "unknown field `adress`, expected one of `name`, `address`, `phone`"
    );
    let no_country = Shipping {
        name: "J".into(),
        address: Address {
            line1: Some("x".into()),
            ..Default::default()
        },
        phone: None,
    };
    assert!(no_country
        .validate()
        .unwrap_err()
        .to_string()
        .contains("country"));
}

#[wasm_bindgen_test]
fn locales_are_bcp47_tags() {
    for good in ["auto", "en", "fr-CA", "es-419", "zh-Hant-HK", "pt-BR"] {
        assert!(is_locale(good), "{good}");
    }
    for bad in [
        "en_US",
        "",
        "e",
        "en-",
        "-en",
        "en--US",
        "fr CA",
        "1en",
        "en-US-abcdefghi",
    ] {
        assert!(!is_locale(bad), "{bad}");
    }
    let options = ElementsOptions {
        locale: Some("en_US".into()),
        ..ElementsOptions::payment(100, "usd")
    };
    assert!(matches!(options.validate(), Err(Error::Options(m)) if m.contains("en_US")));
}

#[wasm_bindgen_test]
fn element_options_shapes() {
    let address = AddressElementOptions {
        mode: AddressMode::Shipping,
        allowed_countries: vec!["US".into()],
        fields: Some(AddressFields {
            phone: Some(FieldVisibility::Always),
        }),
        ..Default::default()
    };
    assert_eq!(
        to_value(&address).unwrap(),
        json!({"mode": "shipping", "allowedCountries": ["US"], "fields": {"phone": "always"}})
    );
    let payment = PaymentElementOptions {
        layout: Some(Layout::Tabs.into()),
        read_only: true,
        ..Default::default()
    };
    assert_eq!(
        to_value(&payment).unwrap(),
        json!({"layout": "tabs", "readOnly": true})
    );
    // Back to editable is said explicitly: Stripe.js merges updates.
    assert_eq!(
        to_value(PaymentElementOptions::default()).unwrap(),
        json!({"readOnly": false})
    );
    assert_eq!(
        to_value(AppInfo::THIS_CRATE).unwrap()["name"],
        json!("stripe-checkout")
    );
}

#[wasm_bindgen_test]
fn issue_10_options_have_stripe_js_shapes_and_checks() {
    let payment = PaymentElementOptions {
        layout: Some(LayoutOption::Object(LayoutObject {
            kind: Layout::Accordion,
            default_collapsed: Some(false),
            radios: Some("always".into()),
            spaced_accordion_items: None,
            visible_accordion_items_count: Some(2),
        })),
        fields: Some(PaymentFields {
            billing_details: Some(BillingDetailsFields::All(FieldOption::Never)),
        }),
        terms: Some(Terms {
            card: Some(TermOption::Never),
            ..Default::default()
        }),
        wallets: Some(Wallets {
            google_pay: Some(WalletOption::Never),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        to_value(&payment).unwrap(),
        json!({
            "layout": {"type": "accordion", "defaultCollapsed": false, "radios": "always",
                       "visibleAccordionItemsCount": 2},
            "fields": {"billingDetails": "never"},
            "terms": {"card": "never"},
            "wallets": {"googlePay": "never"},
            "readOnly": false
        })
    );
    let address = AddressElementOptions {
        autocomplete: Some(Autocomplete::GoogleMapsApi {
            api_key: "k".into(),
        }),
        validation: Some(AddressValidation {
            phone: Some(PhoneValidation {
                required: FieldVisibility::Always,
            }),
        }),
        default_values: Some(AddressDefaults {
            name: Some("Jenny".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        to_value(&address).unwrap(),
        json!({
            "mode": "shipping",
            "defaultValues": {"name": "Jenny"},
            "autocomplete": {"mode": "google_maps_api", "apiKey": "k"},
            "validation": {"phone": {"required": "always"}}
        })
    );
    let setup = ElementsOptions {
        on_behalf_of: Some("acct_1".into()),
        ..ElementsOptions::setup("EUR")
    };
    assert_eq!(setup.validate(), Ok(()));
    assert_eq!(
        to_value(&setup).unwrap(),
        json!({"mode": "setup", "currency": "eur", "onBehalfOf": "acct_1"})
    );
    let amount = ElementsOptions {
        amount: Some(5),
        ..setup.clone()
    };
    assert!(amount.validate().unwrap_err().to_string().contains("setup"));
    let account = ElementsOptions {
        on_behalf_of: Some("acct_".into()),
        ..setup.clone()
    };
    assert!(account
        .validate()
        .unwrap_err()
        .to_string()
        .contains("onBehalfOf"));
    let moved = ElementsOptions {
        on_behalf_of: Some("acct_2".into()),
        ..setup.clone()
    };
    assert!(setup.changes_to(&moved).is_err());
    let constructor = StripeConstructorOptions {
        stripe_account: Some("acct_9".into()),
        locale: Some("en_US".into()),
    };
    assert!(constructor
        .validate()
        .unwrap_err()
        .to_string()
        .contains("en_US"));
    assert!(StripeConstructorOptions::default().is_empty());
}

#[wasm_bindgen_test]
fn extra_options_are_merged_after_the_typed_ones_in_every_options_struct() {
    let payment = PaymentElementOptions {
        layout: Some(Layout::Tabs.into()),
        extra: Extra::json(r#"{"paymentMethodOrder": ["card"], "business": {"name": "Shop"}}"#)
            .unwrap(),
        ..Default::default()
    };
    assert_eq!(
        to_value(&payment).unwrap(),
        json!({"layout": "tabs", "readOnly": false,
               "paymentMethodOrder": ["card"], "business": {"name": "Shop"}})
    );
    let elements = ElementsOptions {
        extra: Extra::json(r#"{"paymentMethodTypes": ["card"]}"#).unwrap(),
        ..ElementsOptions::payment(100, "usd")
    };
    assert_eq!(
        to_value(&elements).unwrap(),
        json!({"mode": "payment", "amount": 100, "currency": "usd",
               "paymentMethodTypes": ["card"]})
    );
    let address = AddressElementOptions {
        extra: Extra::json(r#"{"contacts": []}"#).unwrap(),
        ..Default::default()
    };
    assert_eq!(
        to_value(&address).unwrap(),
        json!({"mode": "shipping", "contacts": []})
    );
    let link = LinkAuthenticationOptions {
        extra: Extra::json(r#"{"future": 1}"#).unwrap(),
        ..Default::default()
    };
    assert_eq!(to_value(&link).unwrap(), json!({"future": 1}));
    let express = crate::ExpressCheckoutOptions {
        extra: Extra::json(r#"{"buttonTheme": {"applePay": "black"}}"#).unwrap(),
        ..Default::default()
    };
    assert_eq!(
        to_value(&express).unwrap(),
        json!({"buttonTheme": {"applePay": "black"}})
    );
}

#[wasm_bindgen_test]
fn extra_options_must_be_a_json_object_naming_no_typed_option() {
    let not_json = Extra::<PaymentElementOptions>::json("{paymentMethodOrder: 1}");
    let error = not_json.unwrap_err();
    assert!(
        error.starts_with("is not valid JSON (SyntaxError: "),
        "{error}"
    );
    for (text, got) in [("[1]", "[1]"), ("null", "null"), ("\"card\"", "\"card\"")] {
        assert_eq!(
            Extra::<PaymentElementOptions>::json(text).unwrap_err(),
            ["expected an object, got ", got].concat()
        );
    }
    // Every typed field, by its JS name, in each struct: a typo cannot override one.
    let refused = |e: Result<(), String>, name: &str| {
        assert_eq!(
            e.unwrap_err(),
            [
                "`",
                name,
                "` is a typed option: set it through its field, not the extra options"
            ]
            .concat()
        )
    };
    for name in [
        "layout",
        "defaultValues",
        "fields",
        "terms",
        "wallets",
        "readOnly",
    ] {
        let text = ["{\"", name, "\": 1}"].concat();
        refused(Extra::<PaymentElementOptions>::json(&text).map(drop), name);
    }
    for name in ["mode", "allowedCountries", "autocomplete", "validation"] {
        let text = ["{\"", name, "\": 1}"].concat();
        refused(Extra::<AddressElementOptions>::json(&text).map(drop), name);
    }
    for name in [
        "mode",
        "amount",
        "currency",
        "locale",
        "onBehalfOf",
        "customerSessionClientSecret",
    ] {
        let text = ["{\"", name, "\": 1}"].concat();
        refused(Extra::<ElementsOptions>::json(&text).map(drop), name);
    }
    refused(
        Extra::<LinkAuthenticationOptions>::json(r#"{"defaultValues": {}}"#).map(drop),
        "defaultValues",
    );
    for name in [
        "emailRequired",
        "shippingRates",
        "business",
        "paymentMethodOrder",
        "layout",
    ] {
        let text = ["{\"", name, "\": 1}"].concat();
        refused(
            Extra::<crate::ExpressCheckoutOptions>::json(&text).map(drop),
            name,
        );
    }
    // The Payment Element does not model `business`: it passes.
    assert!(Extra::<PaymentElementOptions>::json(r#"{"business": {"name": "x"}}"#).is_ok());
}

#[wasm_bindgen_test]
fn every_key_the_express_options_write_is_one_they_model() {
    let options = crate::ExpressCheckoutOptions {
        collect: crate::ClickResolveDetails {
            email_required: Some(true),
            phone_number_required: Some(true),
            billing_address_required: Some(true),
            shipping_address_required: Some(true),
            allowed_shipping_countries: vec!["US".into()],
            line_items: vec![crate::LineItem {
                name: "x".into(),
                amount: 1,
            }],
            business: Some(crate::Business { name: "x".into() }),
            ..Default::default()
        },
        payment_methods: Some(Default::default()),
        payment_method_order: vec!["link".into()],
        button_height: Some(44),
        layout: Some(Default::default()),
        extra: Extra::default(),
    };
    let written = to_value(&options).unwrap();
    for key in written.as_object().unwrap().keys() {
        assert!(
            <crate::ExpressCheckoutOptions as crate::Modelled>::models(key),
            "{key}"
        );
    }
}

#[wasm_bindgen_test]
fn changing_the_extra_elements_options_is_refused_loudly() {
    let old = ElementsOptions::payment(1000, "usd");
    let new = ElementsOptions {
        extra: Extra::json(r#"{"paymentMethodTypes": ["card"]}"#).unwrap(),
        ..old.clone()
    };
    assert!(matches!(old.changes_to(&new), Err(Error::Options(m)) if m.contains("extra")));
}
