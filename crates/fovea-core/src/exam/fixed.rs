//! Exact decimal numbers as staff type them, and as JSON carries them.
//!
//! Clinical values have a fixed resolution (a quarter dioptre, a tenth of a mmHg), so they are kept as integer
//! counts of that unit. Parsing goes straight from the typed digits to the integer, never through a float, so
//! `-1.25` can be checked for a 0.25 step exactly.

/// What went wrong reading a number; the caller words the message for its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumError {
    /// Not a number at all (letters, two decimal marks, nothing typed).
    NotANumber,
    /// More non-zero decimals than the value's unit can hold (`1.255` dioptres).
    TooPrecise,
}

/// A typed number as a count of `10^-scale` units, with whether a sign was typed (a leading sign tells LogMAR
/// from decimal acuity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Typed {
    pub units: i64,
    pub signed: bool,
}

/// Digits before the decimal mark; more is never a clinical value, and this keeps the arithmetic from overflowing.
const MAX_INT_DIGITS: usize = 7;
/// Typed decimals beyond the unit are allowed only as zeros (`1.250`); this bounds how many.
const MAX_DECIMALS: usize = 8;

/// Reads `text` (already trimmed) as `units` of `10^-scale`: `"1.25"` at scale 2 is 125. Accepts one optional sign
/// (`+`, `-`, or the typographic minus `−` that word processors substitute), `.` or `,` as the decimal mark
/// (`0,5` in much of Europe), and ASCII digits only.
pub(crate) fn parse(text: &str, scale: u32) -> Result<Typed, NumError> {
    let (negative, signed, body) = match text.chars().next() {
        Some('+') => (false, true, &text[1..]),
        Some('-') => (true, true, &text[1..]),
        Some('−') => (true, true, &text['−'.len_utf8()..]),
        _ => (false, false, text),
    };
    let body = body.trim_start();
    let (int, frac) = match body.find(['.', ',']) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty())
        || !all_digits(int)
        || !all_digits(frac)
        || int.len() > MAX_INT_DIGITS
        || frac.len() > MAX_DECIMALS
    {
        return Err(NumError::NotANumber);
    }
    let scale = scale as usize;
    if frac.len() > scale && frac[scale..].bytes().any(|b| b != b'0') {
        return Err(NumError::TooPrecise);
    }
    let mut units: i64 = 0;
    for b in int.bytes() {
        units = units * 10 + i64::from(b - b'0');
    }
    for i in 0..scale {
        let d = frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
        units = units * 10 + d;
    }
    Ok(Typed {
        units: if negative { -units } else { units },
        signed,
    })
}

/// `units` of `10^-scale` written out with exactly `scale` decimals and a `-` when negative: `(-125, 2)` is `-1.25`.
pub(crate) fn write(units: i64, scale: u32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    if scale == 0 {
        return format!("{sign}{abs}");
    }
    let div = 10u64.pow(scale);
    format!(
        "{sign}{}.{:0width$}",
        abs / div,
        abs % div,
        width = scale as usize
    )
}

/// Like [`write`] but without trailing zero decimals: `(750, 2)` is `7.5`, `(1200, 2)` is `12`.
pub(crate) fn write_short(units: i64, scale: u32) -> String {
    let s = write(units, scale);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A JSON number as `units` of `10^-scale`, or `None` when it is not on that grid (or not a plain finite number).
/// JSON numbers are binary floats, so "on the grid" allows for the float's own rounding.
pub(crate) fn from_f64(x: f64, scale: u32) -> Option<i64> {
    let scaled = x * 10f64.powi(scale as i32);
    if !scaled.is_finite() || scaled.abs() > 1e12 {
        return None;
    }
    let r = scaled.round();
    ((scaled - r).abs() < 1e-6).then_some(r as i64)
}

/// `units` of `10^-scale` as the nearest float, which prints back as the short decimal (`-125, 2` is `-1.25`).
pub(crate) fn to_f64(units: i64, scale: u32) -> f64 {
    units as f64 / 10f64.powi(scale as i32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(s: &str, scale: u32) -> Result<i64, NumError> {
        parse(s, scale).map(|t| t.units)
    }

    #[test]
    fn reads_typed_numbers_exactly() {
        assert_eq!(units("1.25", 2), Ok(125));
        assert_eq!(units("-0.5", 2), Ok(-50));
        assert_eq!(units("−1.00", 2), Ok(-100));
        assert_eq!(units("+ 2", 2), Ok(200));
        assert_eq!(units(".5", 2), Ok(50));
        assert_eq!(units("5.", 2), Ok(500));
        assert_eq!(units("0,75", 2), Ok(75));
        assert_eq!(units("1.2500", 2), Ok(125));
        assert_eq!(units("15", 0), Ok(15));
        assert!(parse("+1", 2).expect("number").signed);
        assert!(!parse("1", 2).expect("number").signed);
        assert_eq!(units("1.255", 2), Err(NumError::TooPrecise));
        for bad in [
            "", "-", ".", "1.2.3", "1e3", "abc", "١٢", "12345678", "--1", "1 2",
        ] {
            assert_eq!(units(bad, 2), Err(NumError::NotANumber), "{bad}");
        }
    }

    #[test]
    fn writes_fixed_and_short_forms() {
        assert_eq!(write(-125, 2), "-1.25");
        assert_eq!(write(5, 2), "0.05");
        assert_eq!(write(0, 2), "0.00");
        assert_eq!(write(155, 1), "15.5");
        assert_eq!(write(7, 0), "7");
        assert_eq!(write_short(750, 2), "7.5");
        assert_eq!(write_short(1200, 2), "12");
        assert_eq!(write_short(-30, 2), "-0.3");
    }

    #[test]
    fn json_numbers_land_on_the_grid_or_are_refused() {
        assert_eq!(from_f64(0.3, 2), Some(30));
        assert_eq!(from_f64(-1.25, 2), Some(-125));
        assert_eq!(from_f64(15.5, 1), Some(155));
        assert_eq!(from_f64(0.305, 2), None);
        assert_eq!(from_f64(f64::NAN, 2), None);
        assert_eq!(from_f64(f64::INFINITY, 2), None);
        assert_eq!(from_f64(1e300, 2), None);
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>(), scale in 0u32..7) {
            let _ = parse(&s, scale);
        }

        #[test]
        fn write_then_parse_is_identity(u in -10_000_000i64..10_000_000, scale in 0u32..4) {
            prop_assert_eq!(units(&write(u, scale), scale), Ok(u));
            prop_assert_eq!(units(&write_short(u, scale), scale), Ok(u));
            prop_assert_eq!(from_f64(to_f64(u, scale), scale), Some(u));
        }
    }
}
