//! Amounts of money as people read them. Every amount is held as integer minor units of the clinic's currency;
//! how many digits follow the decimal point is the currency's own (ISO 4217: two for EUR, none for JPY, three for
//! KWD), so a yen clinic never prints "1234.00" and a dinar clinic never loses its fils.

use rusqlite::Connection;

use crate::Result;

/// The clinic's currency and how its amounts are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 code, such as EUR.
    pub code: String,
    /// Digits after the decimal point.
    pub digits: u32,
}

impl Currency {
    /// The currency for an ISO 4217 code; a code the standard does not know (or one without minor units, such as
    /// XAU) keeps two digits, the most common case.
    pub fn of(code: &str) -> Currency {
        let code = code.trim().to_ascii_uppercase();
        let digits = iso_currency::Currency::from_code(&code)
            .and_then(|c| c.exponent())
            .map_or(2, u32::from);
        Currency { code, digits }
    }

    /// Whether the code is one ISO 4217 lists.
    pub fn is_known(code: &str) -> bool {
        iso_currency::Currency::from_code(code.trim()).is_some()
    }

    /// A plain decimal ("-1234.50", "1234" for yen), which spreadsheets read as a number.
    pub fn plain(&self, minor: i64) -> String {
        decimal(minor, self.digits, false)
    }

    /// Grouped for reading on paper and on screen ("1,234.50").
    pub fn grouped(&self, minor: i64) -> String {
        decimal(minor, self.digits, true)
    }

    /// With its code, for a sentence ("EUR 1,234.50").
    pub fn words(&self, minor: i64) -> String {
        format!("{} {}", self.code, self.grouped(minor))
    }
}

/// The clinic's currency as its settings say.
pub fn clinic_currency(conn: &Connection) -> Result<Currency> {
    let code = crate::clinic::get(conn, crate::clinic::settings::CURRENCY)?
        .unwrap_or_else(|| "EUR".into());
    Ok(Currency::of(&code))
}

fn decimal(minor: i64, digits: u32, group: bool) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    let scale = 10u64.pow(digits);
    let whole = (m / scale).to_string();
    let whole = if group { grouped_digits(&whole) } else { whole };
    if digits == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{:0width$}",
            m % scale,
            width = digits as usize
        )
    }
}

fn grouped_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_currency_keeps_its_own_minor_digits() {
        assert_eq!(Currency::of("EUR").plain(123_456), "1234.56");
        assert_eq!(Currency::of("eur").grouped(123_456), "1,234.56");
        assert_eq!(Currency::of("JPY").grouped(1_234_567), "1,234,567");
        assert_eq!(Currency::of("KWD").plain(1_234), "1.234");
        assert_eq!(Currency::of("INR").words(-105), "INR -1.05");
        assert_eq!(Currency::of("EUR").plain(5), "0.05");
        assert_eq!(Currency::of("EUR").plain(0), "0.00");
        assert_eq!(Currency::of("QQQ").digits, 2);
        assert!(Currency::is_known("GBP"));
        assert!(!Currency::is_known("QQQ"));
        assert_eq!(
            Currency::of("EUR").grouped(i64::MIN),
            "-92,233,720,368,547,758.08"
        );
    }

    proptest! {
        /// What is printed reads back as the same number of minor units, whatever the currency's digits.
        #[test]
        fn printed_amounts_read_back(minor in -10_000_000_000i64..10_000_000_000, code in prop::sample::select(vec!["EUR", "JPY", "KWD", "INR"])) {
            let c = Currency::of(code);
            let plain = c.plain(minor);
            let back: i64 = plain.replace('.', "").parse().expect("a number");
            prop_assert_eq!(back, minor);
            prop_assert_eq!(c.grouped(minor).replace(',', ""), plain);
        }
    }
}
