//! Intraocular pressure: per eye in mmHg, with the tonometer used and the time of day, because pressure varies
//! through the day and between methods, and a reading is only comparable with its method and hour.
//!
//! Pressures are kept in tenths of a mmHg ([`Mmhg`]): tonometers show whole numbers or one decimal (iCare,
//! averaged Goldmann readings), and thresholds such as "above 21" must compare exactly.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fixed;
use super::text::{note, typed};
use super::{TimeOfDay, field};
use crate::{Error, Result};

/// A pressure, exact to 0.1 mmHg. JSON carries the plain number (`15.5`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct Mmhg(u16);

/// A measured pressure is 1–80 mmHg: 0 is not a reading (an eye that cannot be measured is "not recordable", with
/// its reason), and above 80 no tonometer reads, so it is a typo.
const MIN_TENTHS: u16 = 10;
const MAX_TENTHS: u16 = 800;
/// The upper end of the statistical normal band, 10–21 mmHg.
const HIGH_ABOVE: u16 = 210;
/// A difference between the eyes above this is flagged.
const ASYMMETRY_ABOVE: u16 = 50;
const RULE: &str = "Pressure is in mmHg from 1 to 80, a whole number or one decimal, like 15 or 15.5. If it cannot be measured, mark the eye not recordable and say why.";
/// The longest reason an eye's pressure was not recordable.
const REASON_MAX: usize = 200;

impl Mmhg {
    pub fn tenths(self) -> u16 {
        self.0
    }

    /// `15`, `15.5`, `15 mmHg`.
    pub fn parse(field: &str, text: &str) -> Result<Mmhg> {
        let lower = text.trim().to_lowercase();
        let number = lower.strip_suffix("mmhg").unwrap_or(&lower).trim_end();
        match fixed::parse(number, 1) {
            Ok(fixed::Typed {
                units,
                signed: false,
            }) => u16::try_from(units)
                .ok()
                .filter(|t| (MIN_TENTHS..=MAX_TENTHS).contains(t))
                .map(Mmhg),
            _ => None,
        }
        .ok_or_else(|| Error::validation(field, RULE))
    }
}

/// Whole numbers without a decimal (`15`, `15.5`).
impl fmt::Display for Mmhg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::write_short(i64::from(self.0), 1))
    }
}

impl From<Mmhg> for f64 {
    fn from(p: Mmhg) -> f64 {
        fixed::to_f64(i64::from(p.0), 1)
    }
}

/// Reads stored records, which are read as they were saved: a work-up saved before 0 was refused keeps its 0 (a
/// signed record never changes), while new input goes through [`Mmhg::parse`].
impl TryFrom<f64> for Mmhg {
    type Error = Error;
    fn try_from(x: f64) -> Result<Mmhg> {
        fixed::from_f64(x, 1)
            .and_then(|t| u16::try_from(t).ok())
            .filter(|t| *t <= MAX_TENTHS)
            .map(Mmhg)
            .ok_or_else(|| Error::validation("iop", RULE))
    }
}

/// The tonometer. Readings from different methods are not interchangeable (rebound and air-puff read differently
/// from Goldmann, all depend on corneal thickness), so trends should compare like with like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IopMethod {
    /// Goldmann applanation, the reference method.
    Goldmann,
    /// Non-contact (air-puff).
    NonContact,
    /// iCare rebound.
    Icare,
    Tonopen,
    /// Perkins hand-held applanation.
    Perkins,
    Other,
}

/// The IOP section of the form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IopInput {
    #[serde(default)]
    pub od: Option<String>,
    #[serde(default)]
    pub os: Option<String>,
    pub method: IopMethod,
    /// `HH:MM`. Optional so that a reading copied from an old record is not given an invented time; the form
    /// fills in the current time for a live measurement.
    #[serde(default)]
    pub time: Option<String>,
    /// The right eye's pressure could not be measured (a scarred or oedematous cornea, a patient who cannot be
    /// examined); then `od` stays blank and `od_not_recordable_reason` says why.
    #[serde(default)]
    pub od_not_recordable: bool,
    #[serde(default)]
    pub od_not_recordable_reason: Option<String>,
    #[serde(default)]
    pub os_not_recordable: bool,
    #[serde(default)]
    pub os_not_recordable_reason: Option<String>,
}

/// A validated IOP measurement of one or both eyes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Iop {
    pub od: Option<Mmhg>,
    pub os: Option<Mmhg>,
    pub method: IopMethod,
    pub time: Option<TimeOfDay>,
    /// Why the right eye's pressure was not recordable; set only when `od` is `None`. Records saved before this
    /// state existed read as `None`.
    #[serde(default)]
    pub od_not_recordable: Option<String>,
    #[serde(default)]
    pub os_not_recordable: Option<String>,
}

/// Hints for the doctor, never a diagnosis: a pressure above the normal band (21 mmHg), and a difference of more
/// than 5 mmHg between the eyes. Thin corneas, the method and the time of day all change what a number means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IopFlags {
    pub od_high: bool,
    pub os_high: bool,
    pub asymmetric: bool,
}

impl Iop {
    /// Each eye is a pressure, or not recordable with a reason, or not measured; at least one eye is one of the
    /// first two. Errors name `od.iop`, `od.iop_reason` (and the same for `os`) or `iop_time`.
    pub fn validate(input: &IopInput) -> Result<Iop> {
        let eye = |e: &str,
                   t: &Option<String>,
                   not_recordable: bool,
                   reason: &Option<String>|
         -> Result<(Option<Mmhg>, Option<String>)> {
            let value = typed(t.as_deref());
            if !not_recordable {
                let p = value
                    .map(|t| Mmhg::parse(&field(e, "iop"), t))
                    .transpose()?;
                return Ok((p, None));
            }
            if value.is_some() {
                return Err(Error::validation(
                    field(e, "iop"),
                    "This eye is marked not recordable; clear the pressure or the mark.",
                ));
            }
            let reason = note(
                &field(e, "iop_reason"),
                "The reason",
                reason.as_deref(),
                REASON_MAX,
            )?
            .ok_or_else(|| {
                Error::validation(
                    field(e, "iop_reason"),
                    "Say why the pressure was not recordable, like “scarred cornea”.",
                )
            })?;
            Ok((None, Some(reason)))
        };
        let (od, od_not_recordable) = eye(
            "od",
            &input.od,
            input.od_not_recordable,
            &input.od_not_recordable_reason,
        )?;
        let (os, os_not_recordable) = eye(
            "os",
            &input.os,
            input.os_not_recordable,
            &input.os_not_recordable_reason,
        )?;
        if od.is_none()
            && os.is_none()
            && od_not_recordable.is_none()
            && os_not_recordable.is_none()
        {
            return Err(Error::validation(
                "od.iop",
                "Enter the pressure of at least one eye.",
            ));
        }
        let time = typed(input.time.as_deref())
            .map(|t| TimeOfDay::parse("iop_time", t))
            .transpose()?;
        Ok(Iop {
            od,
            os,
            method: input.method,
            time,
            od_not_recordable,
            os_not_recordable,
        })
    }

    /// Whether the form's pressure section holds anything: a typed pressure or an eye marked not recordable.
    pub fn entered(input: &IopInput) -> bool {
        typed(input.od.as_deref()).is_some()
            || typed(input.os.as_deref()).is_some()
            || input.od_not_recordable
            || input.os_not_recordable
    }

    pub fn flags(&self) -> IopFlags {
        let high = |p: Option<Mmhg>| p.is_some_and(|p| p.0 > HIGH_ABOVE);
        IopFlags {
            od_high: high(self.od),
            os_high: high(self.os),
            asymmetric: match (self.od, self.os) {
                (Some(a), Some(b)) => a.0.abs_diff(b.0) > ASYMMETRY_ABOVE,
                _ => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(od: &str, os: &str) -> IopInput {
        let t = |s: &str| (!s.is_empty()).then(|| s.to_string());
        IopInput {
            od: t(od),
            os: t(os),
            method: IopMethod::Goldmann,
            time: Some("09:30".into()),
            od_not_recordable: false,
            od_not_recordable_reason: None,
            os_not_recordable: false,
            os_not_recordable_reason: None,
        }
    }

    fn flags(od: &str, os: &str) -> IopFlags {
        Iop::validate(&input(od, os)).expect("valid").flags()
    }

    #[test]
    fn pressures_parse_to_tenths() {
        let p = |s: &str| Mmhg::parse("od.iop", s).map(Mmhg::tenths);
        assert_eq!(p("15"), Ok(150));
        assert_eq!(p("15.5"), Ok(155));
        assert_eq!(p(" 21 mmHg "), Ok(210));
        assert_eq!(p("1"), Ok(10));
        assert_eq!(p("80"), Ok(800));
        assert_eq!(p("18,5"), Ok(185));
        for bad in [
            "0", "0.0", "0.9", "80.1", "81", "-1", "15.25", "abc", "", "+15", "1e2",
        ] {
            let e = Mmhg::parse("od.iop", bad).expect_err(bad);
            assert_eq!(
                (e.field.as_deref(), e.message.as_str()),
                (Some("od.iop"), RULE)
            );
        }
        assert_eq!(Mmhg(155).to_string(), "15.5");
        assert_eq!(Mmhg(150).to_string(), "15");
    }

    #[test]
    fn validates_eyes_method_and_time() {
        let iop = Iop::validate(&input("14", "")).expect("one eye is enough");
        assert_eq!((iop.od, iop.os), (Some(Mmhg(140)), None));
        assert_eq!(iop.time.map(|t| t.to_string()).as_deref(), Some("09:30"));
        let e = Iop::validate(&input("", " ")).expect_err("no eye");
        assert_eq!(e.field.as_deref(), Some("od.iop"));
        let e = Iop::validate(&input("14", "99")).expect_err("too high");
        assert_eq!(e.field.as_deref(), Some("os.iop"));
        let e = Iop::validate(&IopInput {
            time: Some("25:00".into()),
            ..input("14", "15")
        })
        .expect_err("time");
        assert_eq!(e.field.as_deref(), Some("iop_time"));
        let untimed = Iop::validate(&IopInput {
            time: None,
            ..input("14", "15")
        })
        .expect("time is optional");
        assert_eq!(untimed.time, None);
        let json = serde_json::json!({"od": "22", "method": "non_contact", "time": "14:05"});
        let iop = Iop::validate(&serde_json::from_value(json).expect("json")).expect("valid");
        assert_eq!(iop.method, IopMethod::NonContact);
        assert_eq!(
            serde_json::to_value(iop).expect("json"),
            serde_json::json!({"od": 22.0, "os": null, "method": "non_contact", "time": "14:05",
                "od_not_recordable": null, "os_not_recordable": null})
        );
    }

    #[test]
    fn zero_is_refused_and_not_recordable_needs_a_reason() {
        for bad in ["0", "81"] {
            let e = Iop::validate(&input(bad, "15")).expect_err(bad);
            assert_eq!(e.field.as_deref(), Some("od.iop"), "{bad}");
        }
        for good in ["1", "80"] {
            assert!(Iop::validate(&input("15", good)).is_ok(), "{good}");
        }
        let scarred = IopInput {
            od_not_recordable: true,
            od_not_recordable_reason: Some("  scarred cornea ".into()),
            ..input("", "16")
        };
        let iop = Iop::validate(&scarred).expect("not recordable with a reason");
        assert_eq!(iop.od, None);
        assert_eq!(iop.od_not_recordable.as_deref(), Some("scarred cornea"));
        assert_eq!(iop.flags(), IopFlags::default());
        let alone = Iop::validate(&IopInput {
            os: None,
            ..scarred.clone()
        })
        .expect("one eye not recordable is a pressure section");
        assert_eq!((alone.od, alone.os), (None, None));
        for reason in [None, Some(" ".to_string())] {
            let e = Iop::validate(&IopInput {
                od_not_recordable_reason: reason,
                ..scarred.clone()
            })
            .expect_err("no reason");
            assert_eq!(e.field.as_deref(), Some("od.iop_reason"));
        }
        let e = Iop::validate(&IopInput {
            od: Some("12".into()),
            ..scarred.clone()
        })
        .expect_err("both a pressure and not recordable");
        assert_eq!(e.field.as_deref(), Some("od.iop"));
        let e = Iop::validate(&IopInput {
            os_not_recordable: true,
            ..input("14", "")
        })
        .expect_err("left eye without a reason");
        assert_eq!(e.field.as_deref(), Some("os.iop_reason"));
        // A record saved with 0 before it was refused is still read as it was.
        let old: Iop = serde_json::from_value(
            serde_json::json!({"od": 0.0, "os": 14.0, "method": "goldmann", "time": null}),
        )
        .expect("stored record");
        assert_eq!((old.od, old.od_not_recordable), (Some(Mmhg(0)), None));
    }

    #[test]
    fn flags_are_strictly_above_the_thresholds() {
        assert_eq!(flags("21", "21"), IopFlags::default());
        assert_eq!(
            flags("21.1", "17"),
            IopFlags {
                od_high: true,
                os_high: false,
                asymmetric: false
            }
        );
        assert!(!flags("10", "15").asymmetric);
        assert!(flags("10", "15.1").asymmetric);
        assert!(flags("30", "10.5").asymmetric);
        assert_eq!(
            flags("", "35"),
            IopFlags {
                od_high: false,
                os_high: true,
                asymmetric: false
            }
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = Mmhg::parse("od.iop", &s);
        }

        #[test]
        fn format_then_parse_is_identity(t in MIN_TENTHS..=MAX_TENTHS) {
            prop_assert_eq!(Mmhg::parse("od.iop", &Mmhg(t).to_string()), Ok(Mmhg(t)));
        }
    }
}
