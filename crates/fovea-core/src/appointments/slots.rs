//! Bookable slots of a clinic day. Working hours are wall-clock times in the clinic's time zone; each slot is
//! turned into a UTC instant on its own day, so a daylight-saving change neither removes nor repeats a slot.

use chrono::offset::LocalResult;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

/// A clinician's hours on one weekday: from `start` to `end`, minus `breaks` (wall-clock times).
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub breaks: Vec<(NaiveTime, NaiveTime)>,
}

/// The slots of `length` on clinic day `date` in `tz`, in order, as UTC intervals. A slot whose wall-clock start
/// does not exist (skipped by a spring-forward change) is left out; one whose start happens twice (autumn) is
/// offered once, at its first occurrence. After a break, slots start again at its end; none runs past `end`.
pub fn day_slots(
    date: NaiveDate,
    tz: chrono_tz::Tz,
    hours: &WorkingHours,
    length: Duration,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut slots = Vec::new();
    if length <= Duration::zero() {
        return slots;
    }
    let mut t = hours.start;
    loop {
        let (end, wrapped) = t.overflowing_add_signed(length);
        if wrapped != 0 || end > hours.end {
            break;
        }
        // A slot that would run into a break starts again when the break ends (always later than `t`).
        if let Some((_, break_end)) = hours.breaks.iter().find(|(bs, be)| t < *be && *bs < end) {
            t = *break_end;
            continue;
        }
        let start = match tz.from_local_datetime(&date.and_time(t)) {
            LocalResult::Single(s) => Some(s),
            LocalResult::Ambiguous(first, _) => Some(first),
            LocalResult::None => None,
        };
        if let Some(s) = start {
            let s = s.with_timezone(&Utc);
            slots.push((s, s + length));
        }
        t = end;
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("time")
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    const LONDON: chrono_tz::Tz = chrono_tz::Europe::London;

    #[test]
    fn breaks_and_the_end_of_the_day_are_respected() {
        let hours = WorkingHours {
            start: hm(9, 0),
            end: hm(12, 0),
            breaks: vec![(hm(10, 30), hm(10, 45))],
        };
        let slots = day_slots(day("2026-11-25"), LONDON, &hours, Duration::minutes(20));
        let starts: Vec<String> = slots
            .iter()
            .map(|(s, _)| s.format("%H:%M").to_string())
            .collect();
        // 10:20-10:40 would run into the break, so slots start again at 10:45; 11:45 would run past noon.
        assert_eq!(
            starts,
            vec![
                "09:00", "09:20", "09:40", "10:00", "10:45", "11:05", "11:25"
            ]
        );
    }

    #[test]
    fn a_normal_clinic_day_is_the_same_on_daylight_saving_days() {
        let hours = WorkingHours {
            start: hm(9, 0),
            end: hm(17, 0),
            breaks: vec![(hm(13, 0), hm(14, 0))],
        };
        for d in ["2026-03-29", "2026-10-25", "2026-11-25"] {
            let slots = day_slots(day(d), LONDON, &hours, Duration::minutes(30));
            assert_eq!(slots.len(), 14, "{d}");
            for (s, e) in &slots {
                assert_eq!(*e - *s, Duration::minutes(30));
                assert_eq!(s.with_timezone(&LONDON).date_naive(), day(d));
            }
        }
        // Summer time: 09:00 in London is 08:00 UTC.
        let summer = day_slots(day("2026-03-29"), LONDON, &hours, Duration::minutes(30));
        assert_eq!(summer[0].0.format("%H:%M").to_string(), "08:00");
    }

    #[test]
    fn the_change_hours_neither_lose_existing_slots_nor_repeat_any() {
        let night = WorkingHours {
            start: hm(0, 0),
            end: hm(4, 0),
            breaks: vec![],
        };
        // Spring forward: 01:00-02:00 does not exist, so its two slots are not offered; all others are.
        let spring = day_slots(day("2026-03-29"), LONDON, &night, Duration::minutes(30));
        let local: Vec<String> = spring
            .iter()
            .map(|(s, _)| s.with_timezone(&LONDON).format("%H:%M").to_string())
            .collect();
        assert_eq!(
            local,
            vec!["00:00", "00:30", "02:00", "02:30", "03:00", "03:30"]
        );
        // Fall back: 01:00-02:00 happens twice; each wall-clock slot is offered once.
        let autumn = day_slots(day("2026-10-25"), LONDON, &night, Duration::minutes(30));
        let local: Vec<String> = autumn
            .iter()
            .map(|(s, _)| s.with_timezone(&LONDON).format("%H:%M").to_string())
            .collect();
        assert_eq!(
            local,
            vec![
                "00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30"
            ]
        );
        for slots in [&spring, &autumn] {
            assert!(
                slots.windows(2).all(|w| w[0].1 <= w[1].0),
                "in order, never overlapping"
            );
        }
    }

    #[test]
    fn nonsense_lengths_give_no_slots() {
        let hours = WorkingHours {
            start: hm(9, 0),
            end: hm(10, 0),
            breaks: vec![],
        };
        assert!(day_slots(day("2026-11-25"), LONDON, &hours, Duration::zero()).is_empty());
        assert!(day_slots(day("2026-11-25"), LONDON, &hours, Duration::minutes(90)).is_empty());
        let late = WorkingHours {
            start: hm(23, 0),
            end: hm(23, 59),
            breaks: vec![],
        };
        assert_eq!(
            day_slots(day("2026-11-25"), LONDON, &late, Duration::minutes(30)).len(),
            1,
            "no wrap past midnight"
        );
    }
}
