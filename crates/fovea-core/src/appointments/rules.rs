//! Status transitions and clashes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppointmentStatus {
    Scheduled,
    CheckedIn,
    InProgress,
    Completed,
    Cancelled,
    NoShow,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 6] = [
        AppointmentStatus::Scheduled,
        AppointmentStatus::CheckedIn,
        AppointmentStatus::InProgress,
        AppointmentStatus::Completed,
        AppointmentStatus::Cancelled,
        AppointmentStatus::NoShow,
    ];

    fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Scheduled => "scheduled",
            AppointmentStatus::CheckedIn => "checked in",
            AppointmentStatus::InProgress => "in progress",
            AppointmentStatus::Completed => "completed",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::NoShow => "a no-show",
        }
    }

    /// Whether the appointment still holds its slot. Cancelled and no-show slots are free for someone else.
    pub fn holds_slot(self) -> bool {
        !matches!(
            self,
            AppointmentStatus::Cancelled | AppointmentStatus::NoShow
        )
    }
}

/// Scheduled → Checked-in → In progress → Completed, and Scheduled → Cancelled or No-show. Anything else is refused
/// with a message saying why.
/// The steps clinical work takes an appointment through (checked in → in progress → completed), as far as `to`,
/// each one allowed by [`check_transition`]: the status it ends at, or `None` when the appointment is not on that
/// path (still scheduled, already completed, cancelled) and stays as it is.
pub fn follow_work(current: AppointmentStatus, to: AppointmentStatus) -> Option<AppointmentStatus> {
    let mut at = current;
    for step in [AppointmentStatus::InProgress, AppointmentStatus::Completed] {
        if at == to {
            break;
        }
        if check_transition(at, step).is_ok() {
            at = step;
        }
    }
    (at != current).then_some(at)
}

pub fn check_transition(from: AppointmentStatus, to: AppointmentStatus) -> Result<()> {
    use AppointmentStatus::*;
    let allowed = matches!(
        (from, to),
        (Scheduled, CheckedIn)
            | (CheckedIn, InProgress)
            | (InProgress, Completed)
            | (Scheduled, Cancelled)
            | (Scheduled, NoShow)
    );
    if allowed {
        return Ok(());
    }
    let why = match from {
        Completed | Cancelled | NoShow => format!("the appointment is already {}", from.label()),
        _ if from == to => format!("the appointment is already {}", from.label()),
        _ => format!(
            "an appointment that is {} cannot become {}",
            from.label(),
            to.label()
        ),
    };
    Err(Error::new(
        ErrorCode::Conflict,
        format!("Not possible: {why}."),
    ))
}

/// Two half-open intervals [start, end) overlap; back-to-back appointments do not.
pub fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// An existing booking of the same clinician.
#[derive(Debug, Clone, PartialEq)]
pub struct Booking {
    pub id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: AppointmentStatus,
}

/// The first booking that still holds its slot and overlaps [start, end), ignoring `except` (the appointment being
/// rescheduled).
pub fn find_clash<'a>(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    existing: &'a [Booking],
    except: Option<&str>,
) -> Option<&'a Booking> {
    existing.iter().find(|b| {
        b.status.holds_slot()
            && Some(b.id.as_str()) != except
            && overlaps((start, end), (b.start, b.end))
    })
}

/// Whole minutes spent in the current stage, never negative (a clock set back must not show -3 minutes).
pub fn waiting_minutes(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - since).num_minutes().max(0)
}

#[cfg(test)]
mod tests {
    use super::AppointmentStatus::*;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clinical_work_moves_a_checked_in_appointment_through_in_progress_to_completed_and_nothing_else()
     {
        assert_eq!(follow_work(CheckedIn, InProgress), Some(InProgress));
        assert_eq!(follow_work(CheckedIn, Completed), Some(Completed));
        assert_eq!(follow_work(InProgress, Completed), Some(Completed));
        assert_eq!(follow_work(InProgress, InProgress), None);
        for untouched in [Scheduled, Completed, Cancelled, NoShow] {
            assert_eq!(follow_work(untouched, Completed), None, "{untouched:?}");
        }
    }

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().expect("instant")
    }

    #[test]
    fn every_allowed_and_refused_transition() {
        let allowed = [
            (Scheduled, CheckedIn),
            (CheckedIn, InProgress),
            (InProgress, Completed),
            (Scheduled, Cancelled),
            (Scheduled, NoShow),
        ];
        for from in AppointmentStatus::ALL {
            for to in AppointmentStatus::ALL {
                let res = check_transition(from, to);
                assert_eq!(
                    res.is_ok(),
                    allowed.contains(&(from, to)),
                    "{from:?} -> {to:?}"
                );
                if let Err(e) = res {
                    assert_eq!(e.code, ErrorCode::Conflict);
                    assert!(e.message.starts_with("Not possible: "), "{}", e.message);
                }
            }
        }
        assert_eq!(
            check_transition(Completed, Cancelled)
                .expect_err("done")
                .message,
            "Not possible: the appointment is already completed."
        );
        assert_eq!(
            check_transition(CheckedIn, NoShow)
                .expect_err("arrived")
                .message,
            "Not possible: an appointment that is checked in cannot become a no-show."
        );
    }

    #[test]
    fn overlap_refused_adjacency_allowed_cancelled_frees_the_slot() {
        let b = |id: &str, s: &str, e: &str, status| Booking {
            id: id.into(),
            start: t(s),
            end: t(e),
            status,
        };
        let book = vec![
            b(
                "a",
                "2026-11-25T09:00:00Z",
                "2026-11-25T09:20:00Z",
                Scheduled,
            ),
            b(
                "c",
                "2026-11-25T10:00:00Z",
                "2026-11-25T10:20:00Z",
                Cancelled,
            ),
            b("n", "2026-11-25T11:00:00Z", "2026-11-25T11:20:00Z", NoShow),
        ];
        let clash = |s: &str, e: &str| find_clash(t(s), t(e), &book, None).map(|b| b.id.clone());
        assert_eq!(
            clash("2026-11-25T09:10:00Z", "2026-11-25T09:30:00Z").as_deref(),
            Some("a")
        );
        assert_eq!(
            clash("2026-11-25T08:50:00Z", "2026-11-25T09:30:00Z").as_deref(),
            Some("a"),
            "containing"
        );
        assert_eq!(
            clash("2026-11-25T09:05:00Z", "2026-11-25T09:10:00Z").as_deref(),
            Some("a"),
            "inside"
        );
        assert_eq!(
            clash("2026-11-25T09:20:00Z", "2026-11-25T09:40:00Z"),
            None,
            "right after"
        );
        assert_eq!(
            clash("2026-11-25T08:40:00Z", "2026-11-25T09:00:00Z"),
            None,
            "right before"
        );
        assert_eq!(
            clash("2026-11-25T10:00:00Z", "2026-11-25T10:20:00Z"),
            None,
            "cancelled slot is free"
        );
        assert_eq!(
            clash("2026-11-25T11:00:00Z", "2026-11-25T11:20:00Z"),
            None,
            "no-show slot is free"
        );
        assert_eq!(
            find_clash(
                t("2026-11-25T09:10:00Z"),
                t("2026-11-25T09:30:00Z"),
                &book,
                Some("a")
            ),
            None,
            "itself"
        );
    }

    #[test]
    fn waiting_time_never_negative() {
        assert_eq!(
            waiting_minutes(t("2026-11-25T09:00:00Z"), t("2026-11-25T09:17:59Z")),
            17
        );
        assert_eq!(
            waiting_minutes(t("2026-11-25T09:00:00Z"), t("2026-11-25T08:55:00Z")),
            0
        );
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric_and_matches_minute_sets(a0 in 0i64..200, al in 1i64..60, b0 in 0i64..200, bl in 1i64..60) {
            let base = t("2026-11-25T08:00:00Z");
            let m = |x: i64| base + chrono::Duration::minutes(x);
            let a = (m(a0), m(a0 + al));
            let b = (m(b0), m(b0 + bl));
            prop_assert_eq!(overlaps(a, b), overlaps(b, a));
            let shared = (a0..a0 + al).any(|x| (b0..b0 + bl).contains(&x));
            prop_assert_eq!(overlaps(a, b), shared);
        }
    }
}
