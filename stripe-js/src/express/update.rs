//! What `expressCheckoutElement.update()` may change (`StripeExpressCheckoutElementUpdateOptions`
//! of `elements/express-checkout.d.ts`), and the diff from one [`ExpressCheckoutOptions`] to the
//! next that refuses, by name, a change Stripe.js cannot make after creation.

use super::options::{ExpressCheckoutOptions, ExpressLayout};
use crate::error::Error;

/// Options `expressCheckoutElement.update()` accepts (`StripeExpressCheckoutElementUpdateOptions`);
/// absent = unchanged (Stripe.js merges updates into the element's configuration).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase"))]
pub struct ExpressCheckoutUpdate {
    /// New shipping countries (two-letter codes).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub allowed_shipping_countries: Option<Vec<String>>,
    /// Collect a billing address, or not.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub billing_address_required: Option<bool>,
    /// New button height in pixels.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub button_height: Option<u32>,
    /// Collect an email, or not.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub email_required: Option<bool>,
    /// New layout of the buttons.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub layout: Option<ExpressLayout>,
    /// New order of the buttons.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub payment_method_order: Option<Vec<String>>,
    /// Collect a phone number, or not.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub phone_number_required: Option<bool>,
    /// Collect a shipping address, or not.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub shipping_address_required: Option<bool>,
}

write_object!(ExpressCheckoutUpdate {
    allowed_shipping_countries: "allowedShippingCountries",
    billing_address_required: "billingAddressRequired",
    button_height: "buttonHeight",
    email_required: "emailRequired",
    layout: "layout",
    payment_method_order: "paymentMethodOrder",
    phone_number_required: "phoneNumberRequired",
    shipping_address_required: "shippingAddressRequired",
});

/// The update that sets one option from `old` to `new`: `Ok(None)` when it did not change, an
/// error when it went back to unset, which an update cannot say (an absent key keeps its value).
fn to<T: PartialEq + Clone>(
    name: &str,
    old: &Option<T>,
    new: &Option<T>,
) -> Result<Option<T>, Error> {
    match (old, new) {
        (old, new) if old == new => Ok(None),
        (Some(_), None) => Err(Error::Options(
            [
                "the Express Checkout Element's ",
                name,
                " cannot be unset by an update (Stripe.js merges updates): give it a value",
            ]
            .concat(),
        )),
        (_, new) => Ok(new.clone()),
    }
}

/// A list option as an `Option`: empty is unset.
fn list(items: &[String]) -> Option<Vec<String>> {
    (!items.is_empty()).then(|| items.to_vec())
}

impl ExpressCheckoutOptions {
    /// What `expressCheckoutElement.update()` must be sent to go from `self` to `next`; `None`
    /// if nothing changed. A change Stripe.js cannot make after creation (`business`,
    /// `lineItems`, `shippingRates`, `paymentMethods`: not in
    /// `StripeExpressCheckoutElementUpdateOptions`), or an option set back to unset, is an
    /// error naming the option, and nothing is to be sent.
    pub fn changes_to(
        &self,
        next: &ExpressCheckoutOptions,
    ) -> Result<Option<ExpressCheckoutUpdate>, Error> {
        let ExpressCheckoutOptions {
            collect,
            payment_methods,
            payment_method_order,
            button_height,
            layout,
            extra,
        } = next;
        let old = &self.collect;
        let fixed = [
            ("business", old.business != collect.business),
            ("lineItems", old.line_items != collect.line_items),
            (
                "shippingRates",
                old.shipping_rates != collect.shipping_rates,
            ),
            ("paymentMethods", &self.payment_methods != payment_methods),
            // We cannot tell which of them `update()` takes: none is sent.
            ("extra options", &self.extra != extra),
        ];
        if let Some((name, _)) = fixed.iter().find(|(_, changed)| *changed) {
            return Err(Error::Options(
                [
                    "the Express Checkout Element's ",
                    name,
                    " cannot be changed after it is created",
                    match *name {
                        "paymentMethods" | "extra options" => "",
                        _ => " (give it per click through the click event's resolve)",
                    },
                ]
                .concat(),
            ));
        }
        let update = ExpressCheckoutUpdate {
            allowed_shipping_countries: to(
                "allowedShippingCountries",
                &list(&old.allowed_shipping_countries),
                &list(&collect.allowed_shipping_countries),
            )?,
            billing_address_required: to(
                "billingAddressRequired",
                &old.billing_address_required,
                &collect.billing_address_required,
            )?,
            button_height: to("buttonHeight", &self.button_height, button_height)?,
            email_required: to(
                "emailRequired",
                &old.email_required,
                &collect.email_required,
            )?,
            layout: to("layout", &self.layout, layout)?,
            payment_method_order: to(
                "paymentMethodOrder",
                &list(&self.payment_method_order),
                &list(payment_method_order),
            )?,
            phone_number_required: to(
                "phoneNumberRequired",
                &old.phone_number_required,
                &collect.phone_number_required,
            )?,
            shipping_address_required: to(
                "shippingAddressRequired",
                &old.shipping_address_required,
                &collect.shipping_address_required,
            )?,
        };
        Ok((update != ExpressCheckoutUpdate::default()).then_some(update))
    }
}

#[cfg(test)]
mod tests {
    use super::super::options::{Business, ClickResolveDetails, ShippingRate};
    use super::*;

    fn collecting(collect: ClickResolveDetails) -> ExpressCheckoutOptions {
        ExpressCheckoutOptions {
            collect,
            ..Default::default()
        }
    }

    #[test]
    fn only_what_changed_is_sent() {
        let old = collecting(ClickResolveDetails {
            email_required: Some(true),
            allowed_shipping_countries: vec!["US".into()],
            ..Default::default()
        });
        assert_eq!(old.changes_to(&old.clone()).unwrap(), None);
        let next = ExpressCheckoutOptions {
            button_height: Some(48),
            collect: ClickResolveDetails {
                email_required: Some(false),
                allowed_shipping_countries: vec!["US".into(), "CA".into()],
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            old.changes_to(&next).unwrap(),
            Some(ExpressCheckoutUpdate {
                button_height: Some(48),
                email_required: Some(false),
                allowed_shipping_countries: Some(vec!["US".into(), "CA".into()]),
                ..Default::default()
            })
        );
    }

    #[test]
    fn a_change_stripe_cannot_make_after_creation_is_refused_by_name() {
        let old = ExpressCheckoutOptions::default();
        let rates = collecting(ClickResolveDetails {
            shipping_rates: vec![ShippingRate {
                id: "free".into(),
                amount: 0,
                display_name: "Free".into(),
                delivery_estimate: None,
            }],
            ..Default::default()
        });
        let e = old.changes_to(&rates).unwrap_err().message();
        assert!(e.contains("shippingRates cannot be changed"), "{e}");
        let business = collecting(ClickResolveDetails {
            business: Some(Business {
                name: "Shop".into(),
            }),
            ..Default::default()
        });
        let e = old.changes_to(&business).unwrap_err().message();
        assert!(e.contains("business cannot be changed"), "{e}");
        let extra = ExpressCheckoutOptions {
            extra: crate::Extra::json(r#"{"buttonTheme": {"applePay": "white"}}"#).unwrap(),
            ..Default::default()
        };
        let e = old.changes_to(&extra).unwrap_err().message();
        assert!(e.contains("extra options cannot be changed"), "{e}");
    }

    #[test]
    fn an_option_cannot_go_back_to_unset() {
        let old = ExpressCheckoutOptions {
            button_height: Some(48),
            payment_method_order: vec!["link".into()],
            ..Default::default()
        };
        let e = old
            .changes_to(&ExpressCheckoutOptions {
                payment_method_order: vec!["link".into()],
                ..Default::default()
            })
            .unwrap_err()
            .message();
        assert!(e.contains("buttonHeight cannot be unset"), "{e}");
        let e = old
            .changes_to(&ExpressCheckoutOptions {
                button_height: Some(48),
                ..Default::default()
            })
            .unwrap_err()
            .message();
        assert!(e.contains("paymentMethodOrder cannot be unset"), "{e}");
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod written {
    use super::super::options::ExpressLayout;
    use super::*;
    use crate::js::tests::to_value;
    use serde_json::json;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn an_update_writes_only_what_it_sets_in_stripes_names() {
        let update = ExpressCheckoutUpdate {
            allowed_shipping_countries: Some(vec!["US".into()]),
            button_height: Some(48),
            email_required: Some(false),
            layout: Some(ExpressLayout {
                max_columns: Some(2),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            to_value(&update).unwrap(),
            json!({
                "allowedShippingCountries": ["US"], "buttonHeight": 48, "emailRequired": false,
                "layout": {"maxColumns": 2}
            })
        );
        assert_eq!(
            to_value(ExpressCheckoutUpdate::default()).unwrap(),
            json!({})
        );
    }
}
