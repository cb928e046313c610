//! The invoice's arithmetic, pure: no storage, no clock. Every amount is integer minor units; the only roundings are
//! a percentage discount and a line's tax, each rounded half up on its own line. Totals are sums of rounded lines,
//! so the lines a patient reads always add up to the total they pay.
//!
//! Prices are before tax: a line's tax is its rate applied to the line total after discount.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// The most of one thing on a line, and the dearest unit price accepted (a hundred million in major units of a
/// two-decimal currency): far above any clinic's bill, far below where `i64` could overflow.
pub const MAX_QUANTITY: i64 = 10_000;
pub const MAX_UNIT_PRICE_MINOR: i64 = 10_000_000_000;
/// Basis points in one whole: 10,000 bp = 100 %.
pub const BP: i64 = 10_000;

/// A discount as the cashier gives it: an amount off the line, or a percentage of it in basis points (1250 = 12.5 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
#[ts(export)]
pub enum DiscountValue {
    AmountMinor(i64),
    PercentBp(i64),
}

/// The numbers of one line after the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineAmounts {
    /// quantity × unit price.
    pub gross_minor: i64,
    /// The discount, rounded: never more than the gross.
    pub discount_minor: i64,
    /// The line total: gross − discount, never negative.
    pub net_minor: i64,
    /// The line's tax on its total, rounded.
    pub tax_minor: i64,
}

/// An invoice's totals: each the sum of its lines' rounded amounts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Totals {
    pub gross_minor: i64,
    pub discount_minor: i64,
    /// Sum of the line totals (before tax).
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    /// subtotal + tax: what the patient (or payer) owes.
    pub total_minor: i64,
}

/// `amount × bp / 10,000`, rounded half up; amount and bp are never negative here.
pub fn apply_bp(amount: i64, bp: i64) -> i64 {
    let exact = i128::from(amount) * i128::from(bp);
    let rounded = (exact + i128::from(BP / 2)) / i128::from(BP);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// One line's amounts. Refuses (naming `field`) a quantity or price out of range, a negative discount, a discount
/// larger than the line, a percentage above 100 % and a tax rate outside 0–100 %.
pub fn line(
    field: &str,
    quantity: i64,
    unit_price_minor: i64,
    discount: Option<DiscountValue>,
    tax_rate_bp: i64,
) -> Result<LineAmounts> {
    if !(1..=MAX_QUANTITY).contains(&quantity) {
        return Err(Error::validation(
            format!("{field}.quantity"),
            format!("The quantity is a whole number from 1 to {MAX_QUANTITY}."),
        ));
    }
    if !(0..=MAX_UNIT_PRICE_MINOR).contains(&unit_price_minor) {
        return Err(Error::validation(
            format!("{field}.unit_price_minor"),
            "The unit price is out of range.",
        ));
    }
    if !(0..=BP).contains(&tax_rate_bp) {
        return Err(Error::validation(
            format!("{field}.tax_rate_bp"),
            "A tax rate is from 0 to 100 %.",
        ));
    }
    let gross = quantity * unit_price_minor;
    let discount_minor = match discount {
        None => 0,
        Some(DiscountValue::AmountMinor(a)) => {
            if a < 0 {
                return Err(Error::validation(
                    format!("{field}.discount"),
                    "A discount is never negative.",
                ));
            }
            if a > gross {
                return Err(Error::validation(
                    format!("{field}.discount"),
                    "The discount is larger than the line.",
                ));
            }
            a
        }
        Some(DiscountValue::PercentBp(p)) => {
            if !(0..=BP).contains(&p) {
                return Err(Error::validation(
                    format!("{field}.discount"),
                    "A percentage discount is from 0 to 100 %.",
                ));
            }
            apply_bp(gross, p)
        }
    };
    let net = gross - discount_minor;
    Ok(LineAmounts {
        gross_minor: gross,
        discount_minor,
        net_minor: net,
        tax_minor: apply_bp(net, tax_rate_bp),
    })
}

/// The share of a line's gross that a discount takes, in basis points (rounded up, so a limit is never passed by
/// rounding): what the discount limit compares.
pub fn discount_share_bp(a: &LineAmounts) -> i64 {
    if a.gross_minor == 0 {
        return 0;
    }
    let num = i128::from(a.discount_minor) * i128::from(BP);
    let den = i128::from(a.gross_minor);
    i64::try_from((num + den - 1) / den).unwrap_or(BP)
}

/// The totals of rounded lines: sums, nothing rounded again.
pub fn totals<'a>(lines: impl IntoIterator<Item = &'a LineAmounts>) -> Totals {
    lines.into_iter().fold(Totals::default(), |t, l| Totals {
        gross_minor: t.gross_minor + l.gross_minor,
        discount_minor: t.discount_minor + l.discount_minor,
        subtotal_minor: t.subtotal_minor + l.net_minor,
        tax_minor: t.tax_minor + l.tax_minor,
        total_minor: t.total_minor + l.net_minor + l.tax_minor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_per_line() {
        // 3 × 3.33 at 10 % off = 9.99 − 0.999 → 1.00 off; tax 18 % of 8.99 = 1.6182 → 1.62.
        let a = line("l", 3, 333, Some(DiscountValue::PercentBp(1000)), 1800).expect("line");
        assert_eq!(a.gross_minor, 999);
        assert_eq!(a.discount_minor, 100);
        assert_eq!(a.net_minor, 899);
        assert_eq!(a.tax_minor, 162);
        assert_eq!(apply_bp(5, 5000), 3);
        assert_eq!(apply_bp(0, 10000), 0);
    }

    #[test]
    fn refuses_what_would_go_negative() {
        assert!(line("l", 1, 100, Some(DiscountValue::AmountMinor(101)), 0).is_err());
        assert!(line("l", 1, 100, Some(DiscountValue::AmountMinor(-1)), 0).is_err());
        assert!(line("l", 1, 100, Some(DiscountValue::PercentBp(10001)), 0).is_err());
        assert!(line("l", 0, 100, None, 0).is_err());
        assert!(line("l", 1, -1, None, 0).is_err());
    }
}
