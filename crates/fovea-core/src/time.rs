//! Time: instants are stored in UTC (RFC 3339); calendar days are the clinic's, in its configured time zone.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Today's date in `time_zone` (an IANA name such as `Europe/London`), or in this PC's zone when unset or unknown.
pub fn today_in(time_zone: Option<&str>, now: DateTime<Utc>) -> NaiveDate {
    match time_zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok()) {
        Some(tz) => now.with_timezone(&tz).date_naive(),
        None => now.with_timezone(&chrono::Local).date_naive(),
    }
}

/// Age in whole years on `today` (someone born on 29 February turns a year older on 1 March in common years).
pub fn age_years(date_of_birth: NaiveDate, today: NaiveDate) -> i32 {
    use chrono::Datelike;
    let mut age = today.year() - date_of_birth.year();
    if (today.month(), today.day()) < (date_of_birth.month(), date_of_birth.day()) {
        age -= 1;
    }
    age.max(0)
}

/// The UTC instant (RFC 3339) at which clinic day `day` starts in `time_zone` (this PC's zone when unset).
pub fn day_start_utc(day: NaiveDate, time_zone: Option<&str>) -> String {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = match time_zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok()) {
        Some(tz) => tz
            .from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
        None => chrono::Local
            .from_local_datetime(&midnight)
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
    };
    utc.unwrap_or_else(|| midnight.and_utc())
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_years(d("1980-05-02"), d("2026-05-01")), 45);
        assert_eq!(age_years(d("1980-05-02"), d("2026-05-02")), 46);
        assert_eq!(age_years(d("2000-02-29"), d("2025-02-28")), 24);
        assert_eq!(age_years(d("2000-02-29"), d("2025-03-01")), 25);
        assert_eq!(age_years(d("2026-01-01"), d("2026-01-01")), 0);
    }

    #[test]
    fn today_follows_the_clinic_zone() {
        let now: DateTime<Utc> = "2026-11-25T23:30:00Z".parse().expect("instant");
        assert_eq!(today_in(Some("Asia/Kolkata"), now), d("2026-11-26"));
        assert_eq!(today_in(Some("America/New_York"), now), d("2026-11-25"));
    }

    #[test]
    fn clinic_days_start_at_local_midnight() {
        assert_eq!(
            day_start_utc(d("2026-11-25"), Some("Asia/Kolkata")),
            "2026-11-24T18:30:00.000Z"
        );
        assert_eq!(
            day_start_utc(d("2026-07-01"), Some("Europe/London")),
            "2026-06-30T23:00:00.000Z"
        );
    }
}
