//! The demo product catalogue: the only source of prices. Clients send ids and quantities.

use serde::Deserialize;

/// One product the shop sells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Product {
    /// Stable id the front end sends.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Unit price in the currency's smallest unit.
    pub unit_amount: u64,
    /// Lower-case ISO currency code.
    pub currency: &'static str,
}

/// Everything on sale.
pub const PRODUCTS: &[Product] = &[
    Product {
        id: "tshirt",
        name: "Ferris T-shirt",
        unit_amount: 2500,
        currency: "usd",
    },
    Product {
        id: "mug",
        name: "Ferris mug",
        unit_amount: 1200,
        currency: "usd",
    },
];

/// The largest quantity of one line.
pub const MAX_QUANTITY: u32 = 100;
/// The most lines one order may have.
pub const MAX_LINES: usize = 20;

/// A line of the order as the browser sends it.
#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LineItem {
    /// A product id from [`PRODUCTS`].
    pub id: String,
    /// How many, 1 to [`MAX_QUANTITY`].
    pub quantity: u32,
}

/// What the order costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    /// Sum of the lines in the currency's smallest unit.
    pub amount: u64,
    /// Lower-case ISO currency code.
    pub currency: &'static str,
}

/// Why an order could not be priced; the message is safe to show the customer.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PricingError {
    /// No lines at all.
    #[error("The order has no items.")]
    Empty,
    /// More lines than [`MAX_LINES`].
    #[error("The order has too many lines (at most {MAX_LINES}).")]
    TooManyLines,
    /// An id the catalogue does not know.
    #[error("Unknown item id {0:?}.")]
    UnknownItem(String),
    /// Quantity zero or over [`MAX_QUANTITY`].
    #[error("Quantity of {0:?} must be between 1 and {MAX_QUANTITY}.")]
    Quantity(String),
    /// Lines priced in different currencies.
    #[error("All items must be priced in the same currency.")]
    MixedCurrencies,
}

/// Looks a product up by id.
pub fn product(id: &str) -> Option<&'static Product> {
    PRODUCTS.iter().find(|p| p.id == id)
}

/// Prices an order from the catalogue alone.
pub fn price(items: &[LineItem]) -> Result<Total, PricingError> {
    if items.is_empty() {
        return Err(PricingError::Empty);
    }
    if items.len() > MAX_LINES {
        return Err(PricingError::TooManyLines);
    }
    let mut total: Option<Total> = None;
    for item in items {
        let product =
            product(&item.id).ok_or_else(|| PricingError::UnknownItem(item.id.clone()))?;
        if item.quantity == 0 || item.quantity > MAX_QUANTITY {
            return Err(PricingError::Quantity(item.id.clone()));
        }
        let line = product.unit_amount * u64::from(item.quantity);
        match &mut total {
            None => {
                total = Some(Total {
                    amount: line,
                    currency: product.currency,
                })
            }
            Some(t) if t.currency == product.currency => t.amount += line,
            Some(_) => return Err(PricingError::MixedCurrencies),
        }
    }
    total.ok_or(PricingError::Empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, quantity: u32) -> LineItem {
        LineItem {
            id: id.to_owned(),
            quantity,
        }
    }

    #[test]
    fn an_order_is_priced_from_the_catalogue() {
        let total = price(&[line("tshirt", 2), line("mug", 1)]).unwrap();
        assert_eq!(
            total,
            Total {
                amount: 6200,
                currency: "usd"
            }
        );
    }

    #[test]
    fn bad_orders_are_refused() {
        assert_eq!(price(&[]), Err(PricingError::Empty));
        assert_eq!(
            price(&[line("yacht", 1)]),
            Err(PricingError::UnknownItem("yacht".into()))
        );
        assert_eq!(
            price(&[line("mug", 0)]),
            Err(PricingError::Quantity("mug".into()))
        );
        assert_eq!(
            price(&[line("mug", MAX_QUANTITY + 1)]),
            Err(PricingError::Quantity("mug".into()))
        );
        let many: Vec<_> = (0..=MAX_LINES).map(|_| line("mug", 1)).collect();
        assert_eq!(price(&many), Err(PricingError::TooManyLines));
    }
}
