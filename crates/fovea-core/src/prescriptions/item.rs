//! A medication prescription's item as stored and as every later step reads it (dispensing, labels, the printout,
//! billing, the FHIR export). Validation of what a doctor types lives in `validate.rs`; this file only says what a
//! valid item is and how it reads in words. Paper never carries OD/OS/OU or QD (ISMP error-prone abbreviations).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::exam::Eye;

/// How often a step is taken. Screens may accept the Latin abbreviations as input; paper always says the words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Frequency {
    OnceDaily,
    TwiceDaily,
    ThreeTimesDaily,
    FourTimesDaily,
    FiveTimesDaily,
    SixTimesDaily,
    EveryHour,
    Every2Hours,
    Every4Hours,
    AtBedtime,
    WhenNeeded,
}

impl Frequency {
    pub const ALL: [Frequency; 11] = [
        Frequency::OnceDaily,
        Frequency::TwiceDaily,
        Frequency::ThreeTimesDaily,
        Frequency::FourTimesDaily,
        Frequency::FiveTimesDaily,
        Frequency::SixTimesDaily,
        Frequency::EveryHour,
        Frequency::Every2Hours,
        Frequency::Every4Hours,
        Frequency::AtBedtime,
        Frequency::WhenNeeded,
    ];

    /// Doses a day, for days of supply; the hourly ones over 16 waking hours. `None` when needed: no count.
    pub fn per_day(self) -> Option<u32> {
        Some(match self {
            Frequency::OnceDaily | Frequency::AtBedtime => 1,
            Frequency::TwiceDaily => 2,
            Frequency::ThreeTimesDaily => 3,
            Frequency::FourTimesDaily | Frequency::Every4Hours => 4,
            Frequency::FiveTimesDaily => 5,
            Frequency::SixTimesDaily => 6,
            Frequency::Every2Hours => 8,
            Frequency::EveryHour => 16,
            Frequency::WhenNeeded => return None,
        })
    }

    /// As printed.
    pub fn words(self) -> &'static str {
        match self {
            Frequency::OnceDaily => "once daily",
            Frequency::TwiceDaily => "twice daily",
            Frequency::ThreeTimesDaily => "three times daily",
            Frequency::FourTimesDaily => "four times daily",
            Frequency::FiveTimesDaily => "five times daily",
            Frequency::SixTimesDaily => "six times daily",
            Frequency::EveryHour => "every hour while awake",
            Frequency::Every2Hours => "every 2 hours while awake",
            Frequency::Every4Hours => "every 4 hours while awake",
            Frequency::AtBedtime => "at bedtime",
            Frequency::WhenNeeded => "when needed",
        }
    }
}

/// What one dose is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DoseUnit {
    Drop,
    /// Ointment or gel squeezed as a ribbon, in centimetres.
    RibbonCm,
    Tablet,
    Capsule,
    /// A thin layer (skin or lid-margin ointment).
    Application,
}

/// One dose: an amount in tenths (10 = one drop; 5 = half a centimetre of ribbon) and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Dose {
    pub amount_tenths: u32,
    pub unit: DoseUnit,
}

impl Dose {
    fn amount(self) -> String {
        let (whole, tenth) = (self.amount_tenths / 10, self.amount_tenths % 10);
        if tenth == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{tenth}")
        }
    }

    /// "1 drop", "2 drops", "a 1 cm ribbon", "1 tablet", "a thin layer".
    pub fn words(self) -> String {
        let one = self.amount_tenths == 10;
        let n = self.amount();
        match self.unit {
            DoseUnit::Drop if one => "1 drop".into(),
            DoseUnit::Drop => format!("{n} drops"),
            DoseUnit::RibbonCm => format!("a {n} cm ribbon"),
            DoseUnit::Tablet if one => "1 tablet".into(),
            DoseUnit::Tablet => format!("{n} tablets"),
            DoseUnit::Capsule if one => "1 capsule".into(),
            DoseUnit::Capsule => format!("{n} capsules"),
            DoseUnit::Application => "a thin layer".into(),
        }
    }
}

/// One step of a course: this dose this often for this many days. A plain course has one step; a taper several,
/// taken in order. Only the last step may have no duration (continue until reviewed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Step {
    pub dose: Dose,
    pub frequency: Frequency,
    pub days: Option<u32>,
}

/// The medicine as prescribed, copied from the formulary when the item is written so the signed prescription and
/// its printout never change when the formulary is edited later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrescribedMedicine {
    /// The formulary's medicine; `None` for one the clinic does not list.
    pub medicine_id: Option<String>,
    pub generic_name: String,
    pub brand: Option<String>,
    pub strength: String,
    /// As the formulary names it: `solution`, `ointment`, `tablet`…
    pub form: String,
}

/// One item of a signed (or draft) prescription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrescriptionItem {
    /// UUIDv7, kept across saves of the draft; dispensing refers to it.
    pub id: String,
    pub medicine: PrescribedMedicine,
    /// The eye treated; `not_applicable` for a medicine that is not put in an eye (tablets).
    pub eye: Eye,
    /// At least one step, in order.
    pub steps: Vec<Step>,
    /// Packs for the first supply.
    pub quantity: u32,
    /// Further supplies allowed after the first.
    pub repeats: u32,
    /// The pharmacy dispenses it from stock; false when the patient buys it elsewhere.
    pub from_stock: bool,
    pub instructions: Option<String>,
}

impl PrescriptionItem {
    /// The most that may ever be handed over: the first supply and every repeat.
    pub fn packs_allowed(&self) -> u32 {
        self.quantity.saturating_mul(self.repeats.saturating_add(1))
    }

    /// "prednisolone acetate 1% suspension" as a line reads before its directions.
    pub fn medicine_words(&self) -> String {
        let m = &self.medicine;
        [
            m.generic_name.as_str(),
            m.strength.as_str(),
            m.form.as_str(),
        ]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// The directions in words, without abbreviations: "1 drop in the right eye four times daily for 7 days,
    /// then 1 drop three times daily for 7 days". Eye-less medicines say "take" ("1 tablet twice daily").
    pub fn directions(&self) -> String {
        // "in the right eye", but "in both eyes".
        let place = eye_words(self.eye).map(|e| match self.eye {
            Eye::Ou => format!(" in {e}"),
            _ => format!(" in the {e}"),
        });
        self.steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut out = s.dose.words();
                if let (0, Some(p)) = (i, &place) {
                    out.push_str(p);
                }
                out.push(' ');
                out.push_str(s.frequency.words());
                match s.days {
                    Some(1) => out.push_str(" for 1 day"),
                    Some(d) => out.push_str(&format!(" for {d} days")),
                    None if self.steps.len() > 1 => out.push_str(" until reviewed"),
                    None => {}
                }
                out
            })
            .collect::<Vec<_>>()
            .join(", then ")
    }
}

/// The eye in words, as paper says it; `None` when the item is not for an eye.
pub fn eye_words(eye: Eye) -> Option<&'static str> {
    match eye {
        Eye::Od => Some("right eye"),
        Eye::Os => Some("left eye"),
        Eye::Ou => Some("both eyes"),
        Eye::NotApplicable => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drop_step(frequency: Frequency, days: Option<u32>) -> Step {
        Step {
            dose: Dose {
                amount_tenths: 10,
                unit: DoseUnit::Drop,
            },
            frequency,
            days,
        }
    }

    fn item(eye: Eye, steps: Vec<Step>) -> PrescriptionItem {
        PrescriptionItem {
            id: "i".into(),
            medicine: PrescribedMedicine {
                medicine_id: None,
                generic_name: "prednisolone acetate".into(),
                brand: None,
                strength: "1%".into(),
                form: "suspension".into(),
            },
            eye,
            steps,
            quantity: 1,
            repeats: 2,
            from_stock: true,
            instructions: None,
        }
    }

    #[test]
    fn a_taper_reads_in_words_with_the_eye_once() {
        let i = item(
            Eye::Od,
            vec![
                drop_step(Frequency::FourTimesDaily, Some(7)),
                drop_step(Frequency::ThreeTimesDaily, Some(7)),
                drop_step(Frequency::OnceDaily, None),
            ],
        );
        assert_eq!(
            i.directions(),
            "1 drop in the right eye four times daily for 7 days, then 1 drop three times daily for 7 days, \
             then 1 drop once daily until reviewed"
        );
        assert_eq!(i.medicine_words(), "prednisolone acetate 1% suspension");
        assert_eq!(i.packs_allowed(), 3);
    }

    #[test]
    fn no_abbreviation_reaches_the_words() {
        for f in Frequency::ALL {
            for eye in [Eye::Od, Eye::Os, Eye::Ou, Eye::NotApplicable] {
                let d = item(eye, vec![drop_step(f, Some(1))]).directions();
                for bad in ["OD", "OS", "OU", "QD", "qhs", "BID", "TDS", "PRN"] {
                    assert!(!d.contains(bad), "{d}");
                }
            }
        }
    }

    #[test]
    fn tablets_and_ribbons_read_naturally() {
        let tablets = Dose {
            amount_tenths: 20,
            unit: DoseUnit::Tablet,
        };
        assert_eq!(tablets.words(), "2 tablets");
        let ribbon = Dose {
            amount_tenths: 5,
            unit: DoseUnit::RibbonCm,
        };
        assert_eq!(ribbon.words(), "a 0.5 cm ribbon");
    }
}
