//! Stripe's test cards and what the simulator does with each, plus card-detail validation.

use serde_json::{json, Value};

/// Succeeds without authentication.
pub const CARD_SUCCEEDS: &str = "4242424242424242";
/// Requires 3-D Secure authentication (`requires_action`) unless set up for off-session use.
pub const CARD_REQUIRES_3DS: &str = "4000002500003155";
/// Requires 3-D Secure authentication on every transaction, a setup included.
pub const CARD_ALWAYS_AUTHENTICATES: &str = "4000002760003184";
/// Declined: `card_declined` / `insufficient_funds`.
pub const CARD_INSUFFICIENT_FUNDS: &str = "4000000000009995";
/// Declined: `card_declined` / `generic_decline`.
pub const CARD_GENERIC_DECLINE: &str = "4000000000000002";

/// What confirming a PaymentIntent or a SetupIntent with a card does (Stripe's testing docs,
/// "Cards" and "Authentication and setup").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The payment goes through.
    Succeeds,
    /// The customer must authenticate first.
    RequiresAction,
    /// The issuer declines.
    Declined {
        /// Stripe's `decline_code`.
        decline_code: &'static str,
        /// Stripe's message for it.
        message: &'static str,
    },
}

/// The outcome for a card number (digits only).
pub fn outcome(number: &str) -> Outcome {
    match number {
        CARD_REQUIRES_3DS | CARD_ALWAYS_AUTHENTICATES => Outcome::RequiresAction,
        CARD_INSUFFICIENT_FUNDS => Outcome::Declined {
            decline_code: "insufficient_funds",
            message: "Your card has insufficient funds.",
        },
        CARD_GENERIC_DECLINE => Outcome::Declined {
            decline_code: "generic_decline",
            message: "Your card was declined.",
        },
        _ => Outcome::Succeeds,
    }
}

/// The card network, from the number's prefix.
pub fn brand(number: &str) -> &'static str {
    let prefix = |n: usize| {
        number
            .get(..n)
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    if number.starts_with('4') {
        "visa"
    } else if (51..=55).contains(&prefix(2)) || (2221..=2720).contains(&prefix(4)) {
        "mastercard"
    } else if prefix(2) == 34 || prefix(2) == 37 {
        "amex"
    } else if prefix(4) == 6011 || prefix(2) == 65 {
        "discover"
    } else {
        "unknown"
    }
}

/// Whether the digits pass the Luhn check.
pub fn luhn(number: &str) -> bool {
    let mut sum = 0;
    for (i, c) in number.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// Validated card details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Digits only.
    pub number: String,
    /// 1–12.
    pub exp_month: u32,
    /// Four digits.
    pub exp_year: u32,
}

/// A card detail Stripe would refuse: `(code, message, param)`.
pub type CardProblem = (&'static str, &'static str, &'static str);

/// Validates raw card fields the way Stripe.js and Stripe would; `today` is `(year, month)`.
pub fn validate(
    number: &str,
    exp_month: &str,
    exp_year: &str,
    cvc: &str,
    today: (u32, u32),
) -> Result<Card, CardProblem> {
    let number: String = number.chars().filter(|c| *c != ' ').collect();
    if !(12..=19).contains(&number.len()) || !luhn(&number) {
        return Err((
            "incorrect_number",
            "Your card number is incorrect.",
            "payment_method_data[card][number]",
        ));
    }
    let exp_month = exp_month
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=12).contains(m))
        .ok_or((
            "invalid_expiry_month",
            "Your card's expiration month is invalid.",
            "payment_method_data[card][exp_month]",
        ))?;
    let year_problem = (
        "invalid_expiry_year",
        "Your card's expiration year is invalid.",
        "payment_method_data[card][exp_year]",
    );
    let exp_year = match exp_year.parse::<u32>() {
        Ok(y) if y < 100 => y + 2000,
        Ok(y) if (1000..10000).contains(&y) => y,
        _ => return Err(year_problem),
    };
    if (exp_year, exp_month) < today || exp_year > today.0 + 50 {
        return Err(year_problem);
    }
    if !(3..=4).contains(&cvc.len()) || !cvc.chars().all(|c| c.is_ascii_digit()) {
        return Err((
            "invalid_cvc",
            "Your card's security code is invalid.",
            "payment_method_data[card][cvc]",
        ));
    }
    Ok(Card {
        number,
        exp_month,
        exp_year,
    })
}

impl Card {
    /// The `card` hash of a PaymentMethod / payment method preview.
    pub fn to_json(&self) -> Value {
        json!({
            "brand": brand(&self.number),
            "checks": {
                "address_line1_check": null,
                "address_postal_code_check": null,
                "cvc_check": "unchecked"
            },
            "country": "US",
            "display_brand": brand(&self.number),
            "exp_month": self.exp_month,
            "exp_year": self.exp_year,
            "funding": "credit",
            "last4": &self.number[self.number.len() - 4..],
            "networks": {"available": [brand(&self.number)], "preferred": null},
            "wallet": null
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_pass_luhn_and_map_to_their_outcomes() {
        for number in [
            CARD_SUCCEEDS,
            CARD_REQUIRES_3DS,
            CARD_ALWAYS_AUTHENTICATES,
            CARD_INSUFFICIENT_FUNDS,
            CARD_GENERIC_DECLINE,
        ] {
            assert!(luhn(number), "{number}");
            assert_eq!(brand(number), "visa");
        }
        assert_eq!(outcome(CARD_REQUIRES_3DS), Outcome::RequiresAction);
        assert_eq!(outcome(CARD_ALWAYS_AUTHENTICATES), Outcome::RequiresAction);
        assert_eq!(outcome("5555555555554444"), Outcome::Succeeds);
        assert_eq!(brand("5555555555554444"), "mastercard");
    }

    #[test]
    fn bad_card_details_are_refused_with_stripes_codes() {
        let today = (2026, 3);
        let ok = validate("4242 4242 4242 4242", "12", "34", "123", today).unwrap();
        assert_eq!(ok.exp_year, 2034);
        let code = |r: Result<Card, CardProblem>| r.unwrap_err().0;
        assert_eq!(
            code(validate("4242424242424241", "12", "34", "123", today)),
            "incorrect_number"
        );
        assert_eq!(
            code(validate(CARD_SUCCEEDS, "13", "34", "123", today)),
            "invalid_expiry_month"
        );
        assert_eq!(
            code(validate(CARD_SUCCEEDS, "2", "2026", "123", today)),
            "invalid_expiry_year"
        );
        assert_eq!(
            code(validate(CARD_SUCCEEDS, "12", "34", "12", today)),
            "invalid_cvc"
        );
    }
}
