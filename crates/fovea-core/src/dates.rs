//! The clinic's date format: how dates are typed and shown. ISO `YYYY-MM-DD` is always accepted as well.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Day-month-year (`25/11/2026`), month-day-year (`11/25/2026`) or ISO year-month-day (`2026-11-25`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[ts(export)]
pub enum DateFormat {
    #[default]
    DMY,
    MDY,
    YMD,
}

impl DateFormat {
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::DMY => "DD/MM/YYYY",
            DateFormat::MDY => "MM/DD/YYYY",
            DateFormat::YMD => "YYYY-MM-DD",
        }
    }

    pub fn from_setting(s: &str) -> Option<Self> {
        match s {
            "DMY" => Some(DateFormat::DMY),
            "MDY" => Some(DateFormat::MDY),
            "YMD" => Some(DateFormat::YMD),
            _ => None,
        }
    }

    pub fn as_setting(self) -> &'static str {
        match self {
            DateFormat::DMY => "DMY",
            DateFormat::MDY => "MDY",
            DateFormat::YMD => "YMD",
        }
    }

    pub fn format(self, d: NaiveDate) -> String {
        match self {
            DateFormat::DMY => d.format("%d/%m/%Y").to_string(),
            DateFormat::MDY => d.format("%m/%d/%Y").to_string(),
            DateFormat::YMD => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Parses a date typed as ISO `YYYY-MM-DD` or in this format, with `/`, `.` or `-` between the parts.
    /// Two-digit years are refused: `02/05/80` could be 1980 or 2080.
    pub fn parse(self, s: &str) -> Result<NaiveDate, String> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!(
                "Use the format {} (or YYYY-MM-DD).",
                self.pattern()
            ));
        }
        let num = |p: &str| p.parse::<u32>().unwrap_or(0);
        let (y, m, d) = if parts[0].len() == 4 {
            (parts[0], parts[1], parts[2])
        } else {
            match self {
                DateFormat::DMY => (parts[2], parts[1], parts[0]),
                DateFormat::MDY => (parts[2], parts[0], parts[1]),
                DateFormat::YMD => return Err(format!("Use the format {}.", self.pattern())),
            }
        };
        if y.len() != 4 {
            return Err("Write the year with four digits.".into());
        }
        if m.len() > 2 || d.len() > 2 {
            return Err(format!(
                "Use the format {} (or YYYY-MM-DD).",
                self.pattern()
            ));
        }
        NaiveDate::from_ymd_opt(num(y) as i32, num(m), num(d))
            .ok_or_else(|| format!("{s} is not a calendar date."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn parses_each_format_and_iso() {
        assert_eq!(DateFormat::DMY.parse("02/05/1980"), Ok(d("1980-05-02")));
        assert_eq!(DateFormat::DMY.parse("2.5.1980"), Ok(d("1980-05-02")));
        assert_eq!(DateFormat::MDY.parse("05/02/1980"), Ok(d("1980-05-02")));
        assert_eq!(DateFormat::YMD.parse("1980-05-02"), Ok(d("1980-05-02")));
        for f in [DateFormat::DMY, DateFormat::MDY, DateFormat::YMD] {
            assert_eq!(f.parse(" 1980-05-02 "), Ok(d("1980-05-02")));
            assert_eq!(f.parse(&f.format(d("2001-12-31"))), Ok(d("2001-12-31")));
        }
    }

    #[test]
    fn refuses_nonsense() {
        assert!(DateFormat::DMY.parse("31/02/1980").is_err());
        assert!(DateFormat::DMY.parse("02/05/80").is_err());
        assert!(DateFormat::DMY.parse("tomorrow").is_err());
        assert!(DateFormat::DMY.parse("1/2/3/4").is_err());
        assert!(DateFormat::DMY.parse("").is_err());
        assert!(DateFormat::YMD.parse("02/05/1980").is_err());
        assert!(DateFormat::DMY.parse("002/05/1980").is_err());
    }
}
