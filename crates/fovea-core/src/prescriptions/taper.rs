//! A course in dates: an item's steps laid out from the day it starts (the visit's day), and how many days the
//! packs prescribed last. The printout's day-by-day schedule and the "one bottle will not last" warning both come
//! from here, so paper and screen always agree.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::item::{DoseUnit, PrescriptionItem, Step};
use crate::exam::Eye;

/// One step in dates: from and to both inclusive; `to` is `None` for a last step that runs on until reviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CourseStep {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub step: Step,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CourseSchedule {
    pub rows: Vec<CourseStep>,
    /// Days of the whole course; `None` when the last step runs on until reviewed.
    pub total_days: Option<u32>,
}

/// Lays the steps out from `start`, the first day of the course. A step of 7 days starting on the 1st runs to the
/// 7th and the next starts on the 8th.
pub fn expand(steps: &[Step], start: NaiveDate) -> CourseSchedule {
    let mut rows = Vec::with_capacity(steps.len());
    let mut from = start;
    let mut total: Option<u32> = Some(0);
    for s in steps {
        match s.days {
            Some(d) => {
                let to = from
                    .checked_add_days(Days::new(u64::from(d.saturating_sub(1))))
                    .unwrap_or(from);
                rows.push(CourseStep {
                    from,
                    to: Some(to),
                    step: *s,
                });
                from = to.succ_opt().unwrap_or(to);
                total = total.map(|t| t.saturating_add(d));
            }
            None => {
                rows.push(CourseStep {
                    from,
                    to: None,
                    step: *s,
                });
                total = None;
            }
        }
    }
    CourseSchedule {
        rows,
        total_days: total,
    }
}

/// What one pack holds, from the formulary: `pack_size_hundredths` of `pack_unit` (500 ml = 5 mL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pack<'a> {
    pub size_hundredths: i64,
    pub unit: &'a str,
}

/// Hundredths of a dose unit the prescribed packs hold, when the pack's unit and the dose's unit can be compared
/// (drops from a bottle in mL at `drops_per_ml`; tablets or capsules from a strip or box of them).
fn supply_hundredths(item: &PrescriptionItem, pack: Pack<'_>, drops_per_ml: u32) -> Option<u64> {
    let unit = item.steps.first()?.dose.unit;
    if item.steps.iter().any(|s| s.dose.unit != unit) {
        return None;
    }
    let size = u64::try_from(pack.size_hundredths).ok()?;
    let per_pack = match (unit, pack.unit) {
        (DoseUnit::Drop, "ml") => size.checked_mul(u64::from(drops_per_ml))?,
        (DoseUnit::Tablet, "tablets") | (DoseUnit::Capsule, "capsules") => size,
        _ => return None,
    };
    per_pack.checked_mul(u64::from(item.quantity))
}

/// Hundredths of a dose unit used each day of a step: the dose times the doses a day, times two for drops in both
/// eyes. `None` for "when needed", which has no count.
fn daily_hundredths(item: &PrescriptionItem, step: &Step) -> Option<u64> {
    let per_day = step.frequency.per_day()?;
    let eyes = match (step.dose.unit, item.eye) {
        (DoseUnit::Drop | DoseUnit::RibbonCm | DoseUnit::Application, Eye::Ou) => 2,
        _ => 1,
    };
    Some(u64::from(step.dose.amount_tenths) * 10 * u64::from(per_day) * eyes)
}

/// Days the packs of the first supply last at the prescribed use, counted whole days from the start; `None` when
/// it cannot be told (ointment by the cm, a "when needed" step, a medicine not in the formulary). A supply that
/// outlasts a fixed course reports the course's length; one that runs on until reviewed lasts until it is used up.
pub fn days_of_supply(item: &PrescriptionItem, pack: Pack<'_>, drops_per_ml: u32) -> Option<u32> {
    let mut left = supply_hundredths(item, pack, drops_per_ml)?;
    let mut days: u32 = 0;
    for s in &item.steps {
        let daily = daily_hundredths(item, s)?;
        if daily == 0 {
            return None;
        }
        // The last step without an end runs on until the supply is gone.
        let step_days = u64::from(s.days.unwrap_or(u32::MAX));
        let covered = (left / daily).min(step_days);
        days = days.saturating_add(u32::try_from(covered).unwrap_or(u32::MAX));
        if covered < step_days {
            return Some(days);
        }
        left -= covered * daily;
    }
    Some(days)
}

/// Whether `total_days` of use needs more than the prescribed packs hold: (needed, held), in whole units.
pub fn shortfall(item: &PrescriptionItem, pack: Pack<'_>, drops_per_ml: u32) -> Option<(u64, u64)> {
    let held = supply_hundredths(item, pack, drops_per_ml)?;
    let mut needed: u64 = 0;
    for s in &item.steps {
        let days = s.days?;
        needed = needed.checked_add(daily_hundredths(item, s)?.checked_mul(u64::from(days))?)?;
    }
    (needed > held).then_some((needed.div_ceil(100), held / 100))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prescriptions::item::{Dose, Frequency, PrescribedMedicine};

    fn step(frequency: Frequency, days: Option<u32>) -> Step {
        Step {
            dose: Dose {
                amount_tenths: 10,
                unit: DoseUnit::Drop,
            },
            frequency,
            days,
        }
    }

    fn item(eye: Eye, steps: Vec<Step>, quantity: u32) -> PrescriptionItem {
        PrescriptionItem {
            id: "i".into(),
            medicine: PrescribedMedicine {
                medicine_id: Some("m".into()),
                generic_name: "prednisolone acetate".into(),
                brand: None,
                strength: "1%".into(),
                form: "suspension".into(),
            },
            eye,
            steps,
            quantity,
            repeats: 0,
            from_stock: true,
            instructions: None,
        }
    }

    const BOTTLE_5ML: Pack<'static> = Pack {
        size_hundredths: 500,
        unit: "ml",
    };

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_taper_expands_into_consecutive_dated_steps() {
        let s = expand(
            &[
                step(Frequency::FourTimesDaily, Some(7)),
                step(Frequency::ThreeTimesDaily, Some(7)),
                step(Frequency::TwiceDaily, Some(7)),
                step(Frequency::OnceDaily, Some(7)),
            ],
            d("2026-02-25"),
        );
        let dates: Vec<_> = s.rows.iter().map(|r| (r.from, r.to)).collect();
        assert_eq!(
            dates,
            [
                (d("2026-02-25"), Some(d("2026-03-03"))),
                (d("2026-03-04"), Some(d("2026-03-10"))),
                (d("2026-03-11"), Some(d("2026-03-17"))),
                (d("2026-03-18"), Some(d("2026-03-24"))),
            ]
        );
        assert_eq!(s.total_days, Some(28));
        let open = expand(
            &[
                step(Frequency::TwiceDaily, Some(1)),
                step(Frequency::OnceDaily, None),
            ],
            d("2026-12-31"),
        );
        assert_eq!(open.rows[0].to, Some(d("2026-12-31")));
        assert_eq!(open.rows[1].from, d("2027-01-01"));
        assert_eq!(open.rows[1].to, None);
        assert_eq!(open.total_days, None);
    }

    #[test]
    fn days_of_supply_follow_the_taper_and_both_eyes() {
        // 5 mL at 20 drops/mL = 100 drops. 4+3+2+1 drops a day for a week each = 70 drops for one eye.
        let taper = vec![
            step(Frequency::FourTimesDaily, Some(7)),
            step(Frequency::ThreeTimesDaily, Some(7)),
            step(Frequency::TwiceDaily, Some(7)),
            step(Frequency::OnceDaily, Some(7)),
        ];
        let one_eye = item(Eye::Od, taper.clone(), 1);
        assert_eq!(days_of_supply(&one_eye, BOTTLE_5ML, 20), Some(28));
        assert_eq!(shortfall(&one_eye, BOTTLE_5ML, 20), None);
        // Both eyes: 140 drops; 56 in the first week, 42 in the second: 98 after 14 days, 2 left = 0 more days
        // at 4 drops a day.
        let both = item(Eye::Ou, taper, 1);
        assert_eq!(days_of_supply(&both, BOTTLE_5ML, 20), Some(14));
        assert_eq!(shortfall(&both, BOTTLE_5ML, 20), Some((140, 100)));
        let two = PrescriptionItem {
            quantity: 2,
            ..both
        };
        assert_eq!(shortfall(&two, BOTTLE_5ML, 20), None);
        // Running on until reviewed: once daily from 100 drops.
        let open = item(Eye::Os, vec![step(Frequency::OnceDaily, None)], 1);
        assert_eq!(days_of_supply(&open, BOTTLE_5ML, 20), Some(100));
        assert_eq!(shortfall(&open, BOTTLE_5ML, 20), None);
        let prn = item(Eye::Os, vec![step(Frequency::WhenNeeded, Some(7))], 1);
        assert_eq!(days_of_supply(&prn, BOTTLE_5ML, 20), None);
        let ointment = Pack {
            size_hundredths: 350,
            unit: "g",
        };
        assert_eq!(days_of_supply(&one_eye, ointment, 20), None);
    }

    #[test]
    fn tablets_count_from_the_box() {
        let mut i = item(
            Eye::NotApplicable,
            vec![Step {
                dose: Dose {
                    amount_tenths: 20,
                    unit: DoseUnit::Tablet,
                },
                frequency: Frequency::TwiceDaily,
                days: Some(10),
            }],
            1,
        );
        let box_of_28 = Pack {
            size_hundredths: 2800,
            unit: "tablets",
        };
        assert_eq!(days_of_supply(&i, box_of_28, 20), Some(7));
        assert_eq!(shortfall(&i, box_of_28, 20), Some((40, 28)));
        i.quantity = 2;
        assert_eq!(days_of_supply(&i, box_of_28, 20), Some(10));
    }
}
