//! What a doctor types for a prescription line, checked into a [`PrescriptionItem`]: the medicine (copied from the
//! formulary, or typed for one the clinic does not list), the eye, the steps, the quantity and repeats. Every refusal
//! names the field it is about (`items.2.steps.0.days`), and nothing is saved while one remains. Screens that accept
//! the Latin abbreviations (QID, bd, nocte) turn them into a [`Frequency`] with [`Frequency::parse_typed`].

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::item::{Dose, DoseUnit, Frequency, PrescribedMedicine, PrescriptionItem, Step};
use crate::exam::Eye;
use crate::text::{self, Lines};
use crate::{Error, Result};

pub const MAX_ITEMS: usize = 20;
pub const MAX_STEPS: usize = 12;
pub const MAX_DAYS: u32 = 365;
pub const MAX_PACKS: u32 = 99;
pub const MAX_REPEATS: u32 = 12;
pub const MAX_INSTRUCTIONS: usize = 500;
/// Ten drops or tablets at once is already far outside eye care; more is a typing slip.
pub const MAX_DOSE_TENTHS: u32 = 100;

/// Forms a medicine comes in, as the formulary names them.
pub const FORMS: [&str; 8] = [
    "solution",
    "suspension",
    "emulsion",
    "ointment",
    "gel",
    "tablet",
    "capsule",
    "other",
];

/// One line of the prescription form.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrescriptionItemInput {
    /// The line's id from an earlier save, to keep it (dispensing refers to it); `None` for a new line.
    #[serde(default)]
    pub id: Option<String>,
    /// A medicine of the formulary. Without it, the three fields below describe one the clinic does not list.
    #[serde(default)]
    pub medicine_id: Option<String>,
    #[serde(default)]
    pub generic_name: Option<String>,
    #[serde(default)]
    pub strength: Option<String>,
    /// One of [`FORMS`].
    #[serde(default)]
    pub form: Option<String>,
    pub eye: Eye,
    pub steps: Vec<Step>,
    pub quantity: u32,
    #[serde(default)]
    pub repeats: u32,
    /// False when the patient is to buy a stocked medicine elsewhere; a medicine not in the formulary always is.
    #[serde(default)]
    pub from_stock: Option<bool>,
    #[serde(default)]
    pub instructions: Option<String>,
}

/// A formulary medicine as a prescription line needs it.
#[derive(Debug, Clone)]
pub(crate) struct FormularyMedicine {
    pub generic_name: String,
    pub brand: Option<String>,
    pub strength: String,
    pub form: String,
    pub route: String,
    pub pack_size_hundredths: i64,
    pub pack_unit: String,
    pub stocked: bool,
    pub active: bool,
}

pub(crate) fn formulary_medicine(conn: &Connection, id: &str) -> Result<Option<FormularyMedicine>> {
    Ok(conn
        .prepare_cached(
            "SELECT generic_name, brand, strength, form, route, pack_size_hundredths, pack_unit, stocked, active
             FROM medicines WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(FormularyMedicine {
                generic_name: r.get(0)?,
                brand: r.get(1)?,
                strength: r.get(2)?,
                form: r.get(3)?,
                route: r.get(4)?,
                pack_size_hundredths: r.get(5)?,
                pack_unit: r.get(6)?,
                stocked: r.get(7)?,
                active: r.get(8)?,
            })
        })
        .optional()?)
}

/// Validates the lines of a prescription. `existing` is the draft's saved items: a line keeps its id only if the
/// draft has it, and a medicine made inactive since may stay on a line that already had it.
pub fn validate_items(
    conn: &Connection,
    inputs: &[PrescriptionItemInput],
    existing: &[PrescriptionItem],
) -> Result<Vec<PrescriptionItem>> {
    if inputs.len() > MAX_ITEMS {
        return Err(Error::validation(
            "items",
            format!(
                "A prescription holds at most {MAX_ITEMS} medicines; write a second one for the rest."
            ),
        ));
    }
    let mut seen = HashSet::new();
    inputs
        .iter()
        .enumerate()
        .map(|(n, input)| {
            let item = validate_item(conn, n, input, existing)?;
            if !seen.insert(item.id.clone()) {
                return Err(Error::validation(
                    format!("items.{n}.id"),
                    "Two lines carry the same id; reload the prescription and try again.",
                ));
            }
            Ok(item)
        })
        .collect()
}

fn validate_item(
    conn: &Connection,
    n: usize,
    input: &PrescriptionItemInput,
    existing: &[PrescriptionItem],
) -> Result<PrescriptionItem> {
    let field = |f: &str| format!("items.{n}.{f}");
    let kept = match input.id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(existing.iter().find(|e| e.id == id).ok_or_else(|| {
            Error::validation(
                field("id"),
                "This line is no longer in the prescription; reload it and try again.",
            )
        })?),
    };
    let (medicine, oral, from_stock) = match input.medicine_id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => {
            let m = formulary_medicine(conn, id)?.ok_or_else(|| {
                Error::validation(
                    field("medicine_id"),
                    "This medicine is not in the formulary.",
                )
            })?;
            let had_it = kept.is_some_and(|k| k.medicine.medicine_id.as_deref() == Some(id));
            if !m.active && !had_it {
                return Err(Error::validation(
                    field("medicine_id"),
                    "This medicine is no longer used by the clinic; choose another.",
                ));
            }
            let from_stock = match input.from_stock {
                Some(true) if !m.stocked => {
                    return Err(Error::validation(
                        field("from_stock"),
                        "The pharmacy does not stock this medicine; the patient buys it elsewhere.",
                    ));
                }
                Some(f) => f,
                None => m.stocked,
            };
            let oral = match m.route.as_str() {
                "eye" => Some(false),
                "oral" => Some(true),
                _ => None,
            };
            (
                PrescribedMedicine {
                    medicine_id: Some(id.to_string()),
                    generic_name: m.generic_name,
                    brand: m.brand,
                    strength: m.strength,
                    form: m.form,
                },
                oral,
                from_stock,
            )
        }
        _ => {
            if input.from_stock == Some(true) {
                return Err(Error::validation(
                    field("from_stock"),
                    "Only a medicine of the formulary is dispensed from stock; choose it from the list.",
                ));
            }
            let generic_name = text::one_line_collapsed(
                &field("generic_name"),
                "The medicine's name",
                input.generic_name.as_deref().unwrap_or(""),
                120,
            )?
            .ok_or_else(|| {
                Error::validation(
                    field("generic_name"),
                    "Choose a medicine from the formulary or type its generic name.",
                )
            })?;
            let strength = text::optional(
                &field("strength"),
                "The strength",
                input.strength.as_deref(),
                40,
                Lines::One,
            )?
            .ok_or_else(|| {
                Error::validation(
                    field("strength"),
                    "Give the strength, for example 0.5% or 250 mg.",
                )
            })?;
            let form = input
                .form
                .as_deref()
                .map(|f| f.trim().to_lowercase())
                .filter(|f| FORMS.contains(&f.as_str()))
                .ok_or_else(|| {
                    Error::validation(
                        field("form"),
                        "Choose the form: solution, suspension, emulsion, ointment, gel, tablet, capsule or other.",
                    )
                })?;
            let oral = match form.as_str() {
                "tablet" | "capsule" => Some(true),
                "other" => None,
                _ => Some(false),
            };
            (
                PrescribedMedicine {
                    medicine_id: None,
                    generic_name,
                    brand: None,
                    strength,
                    form,
                },
                oral,
                false,
            )
        }
    };
    match (oral, input.eye) {
        (Some(false), Eye::NotApplicable) => {
            return Err(Error::validation(
                field("eye"),
                "Say which eye: right, left or both.",
            ));
        }
        (Some(true), e) if e != Eye::NotApplicable => {
            return Err(Error::validation(
                field("eye"),
                "This medicine is taken by mouth; it is not for an eye.",
            ));
        }
        _ => {}
    }
    let steps = validate_steps(&field("steps"), &input.steps)?;
    if !(1..=MAX_PACKS).contains(&input.quantity) {
        return Err(Error::validation(
            field("quantity"),
            format!("The quantity is a number of packs from 1 to {MAX_PACKS}."),
        ));
    }
    if input.repeats > MAX_REPEATS {
        return Err(Error::validation(
            field("repeats"),
            format!("At most {MAX_REPEATS} repeats."),
        ));
    }
    let instructions = text::optional(
        &field("instructions"),
        "The instructions",
        input.instructions.as_deref(),
        MAX_INSTRUCTIONS,
        Lines::Many,
    )?;
    Ok(PrescriptionItem {
        id: kept.map_or_else(|| Uuid::now_v7().to_string(), |k| k.id.clone()),
        medicine,
        eye: input.eye,
        steps,
        quantity: input.quantity,
        repeats: input.repeats,
        from_stock,
        instructions,
    })
}

/// The steps of a course or a template: at least one, each a dose above zero for 1–365 days; only the last may run
/// on until reviewed. `field` is the steps' path (`items.0.steps`, `steps`).
pub fn validate_steps(field: &str, steps: &[Step]) -> Result<Vec<Step>> {
    if steps.is_empty() {
        return Err(Error::validation(
            field,
            "Give the dose, how often and for how long.",
        ));
    }
    if steps.len() > MAX_STEPS {
        return Err(Error::validation(
            field,
            format!("A taper has at most {MAX_STEPS} steps."),
        ));
    }
    let last = steps.len() - 1;
    for (i, s) in steps.iter().enumerate() {
        if s.dose.amount_tenths == 0 || s.dose.amount_tenths > MAX_DOSE_TENTHS {
            return Err(Error::validation(
                format!("{field}.{i}.dose.amount_tenths"),
                "The dose must be more than nothing and at most 10.",
            ));
        }
        match s.days {
            None if i != last => {
                return Err(Error::validation(
                    format!("{field}.{i}.days"),
                    "Say for how many days; only the last step may continue until reviewed.",
                ));
            }
            Some(d) if !(1..=MAX_DAYS).contains(&d) => {
                return Err(Error::validation(
                    format!("{field}.{i}.days"),
                    format!("A step lasts from 1 to {MAX_DAYS} days."),
                ));
            }
            _ => {}
        }
    }
    Ok(steps.to_vec())
}

/// A frequency with its printed words and the abbreviations a screen accepts for it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FrequencyWords {
    pub frequency: Frequency,
    pub words: String,
    /// Doses a day used for supply sums; `None` when needed.
    pub per_day: Option<u32>,
    pub abbreviations: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DoseUnitWords {
    pub unit: DoseUnit,
    /// How one of it reads: "1 drop", "a 1 cm ribbon".
    pub example: String,
}

/// The words the prescription form offers.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PrescriptionVocabulary {
    pub frequencies: Vec<FrequencyWords>,
    pub dose_units: Vec<DoseUnitWords>,
    pub forms: Vec<String>,
}

/// What each frequency may be typed as, folded (lower case, no dots or spaces, `×` as `x`). "od" is once daily
/// here, as prescribers write it; the printout never uses it.
const TYPED: [(Frequency, &[&str]); 11] = [
    (
        Frequency::OnceDaily,
        &[
            "qd",
            "od",
            "daily",
            "once",
            "oncedaily",
            "1x",
            "1xdaily",
            "mane",
        ],
    ),
    (
        Frequency::TwiceDaily,
        &["bd", "bid", "2x", "2xdaily", "twice", "twicedaily"],
    ),
    (
        Frequency::ThreeTimesDaily,
        &["tds", "tid", "3x", "3xdaily", "threetimesdaily"],
    ),
    (
        Frequency::FourTimesDaily,
        &["qds", "qid", "4x", "4xdaily", "fourtimesdaily"],
    ),
    (
        Frequency::FiveTimesDaily,
        &["5x", "5xdaily", "fivetimesdaily"],
    ),
    (
        Frequency::SixTimesDaily,
        &["6x", "6xdaily", "sixtimesdaily"],
    ),
    (
        Frequency::EveryHour,
        &["q1h", "qh", "1h", "hourly", "everyhour"],
    ),
    (
        Frequency::Every2Hours,
        &["q2h", "2h", "2hourly", "every2hours"],
    ),
    (
        Frequency::Every4Hours,
        &["q4h", "4h", "4hourly", "every4hours"],
    ),
    (
        Frequency::AtBedtime,
        &["nocte", "qhs", "hs", "bedtime", "atbedtime", "atnight"],
    ),
    (
        Frequency::WhenNeeded,
        &["prn", "asneeded", "whenneeded", "asrequired"],
    ),
];

fn fold_typed(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .replace('×', "x")
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '_' | '-'))
        .collect::<String>()
        .replace("/day", "daily")
        .replace("perday", "daily")
        .replace("aday", "daily")
}

impl Frequency {
    /// A frequency as typed on a screen: the words ("four times daily"), the enum's name (`four_times_daily`) or
    /// an abbreviation (QID, qds, 4x, bd, nocte, prn, q2h). `None` when it is none of these.
    pub fn parse_typed(s: &str) -> Option<Frequency> {
        let t = fold_typed(s);
        if t.is_empty() {
            return None;
        }
        TYPED.iter().find_map(|(f, typed)| {
            let words = fold_typed(f.words());
            let name = fold_typed(
                &serde_json::to_string(f)
                    .unwrap_or_default()
                    .replace('"', ""),
            );
            (typed.contains(&t.as_str()) || t == words || t == name).then_some(*f)
        })
    }

    /// The abbreviations a screen accepts for this frequency, as they are usually written.
    pub fn abbreviations(self) -> Vec<String> {
        TYPED
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, typed)| {
                typed
                    .iter()
                    .filter(|t| t.chars().count() <= 5)
                    .map(|t| t.to_uppercase())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub fn vocabulary() -> PrescriptionVocabulary {
    let unit = |unit, amount_tenths| DoseUnitWords {
        unit,
        example: Dose {
            amount_tenths,
            unit,
        }
        .words(),
    };
    PrescriptionVocabulary {
        frequencies: Frequency::ALL
            .iter()
            .map(|f| FrequencyWords {
                frequency: *f,
                words: f.words().to_string(),
                per_day: f.per_day(),
                abbreviations: f.abbreviations(),
            })
            .collect(),
        dose_units: vec![
            unit(DoseUnit::Drop, 10),
            unit(DoseUnit::RibbonCm, 10),
            unit(DoseUnit::Tablet, 10),
            unit(DoseUnit::Capsule, 10),
            unit(DoseUnit::Application, 10),
        ],
        forms: FORMS.iter().map(|f| f.to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_frequencies_are_understood() {
        for (typed, f) in [
            ("QID", Frequency::FourTimesDaily),
            ("q.d.s.", Frequency::FourTimesDaily),
            ("4x", Frequency::FourTimesDaily),
            ("4× daily", Frequency::FourTimesDaily),
            ("4x/day", Frequency::FourTimesDaily),
            ("bd", Frequency::TwiceDaily),
            ("BID", Frequency::TwiceDaily),
            ("tds", Frequency::ThreeTimesDaily),
            ("nocte", Frequency::AtBedtime),
            ("qhs", Frequency::AtBedtime),
            ("PRN", Frequency::WhenNeeded),
            ("q2h", Frequency::Every2Hours),
            ("every 4 hours", Frequency::Every4Hours),
            ("once daily", Frequency::OnceDaily),
            ("five_times_daily", Frequency::FiveTimesDaily),
            ("every hour while awake", Frequency::EveryHour),
        ] {
            assert_eq!(Frequency::parse_typed(typed), Some(f), "{typed}");
        }
        for junk in ["", "  ", "sometimes", "7x", "q3h"] {
            assert_eq!(Frequency::parse_typed(junk), None, "{junk}");
        }
    }

    #[test]
    fn every_frequency_reads_back_from_its_words_and_abbreviations() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::parse_typed(f.words()), Some(f));
            for a in f.abbreviations() {
                assert_eq!(Frequency::parse_typed(&a), Some(f), "{a}");
            }
        }
    }

    #[test]
    fn only_the_last_step_may_run_on() {
        let step = |days| Step {
            dose: Dose {
                amount_tenths: 10,
                unit: DoseUnit::Drop,
            },
            frequency: Frequency::OnceDaily,
            days,
        };
        assert!(validate_steps("steps", &[step(Some(7)), step(None)]).is_ok());
        let e = validate_steps("steps", &[step(None), step(Some(7))]).expect_err("refused");
        assert_eq!(e.field.as_deref(), Some("steps.0.days"));
        let e = validate_steps("steps", &[step(Some(366))]).expect_err("refused");
        assert_eq!(e.field.as_deref(), Some("steps.0.days"));
        let e = validate_steps("steps", &[step(Some(0))]).expect_err("refused");
        assert_eq!(e.field.as_deref(), Some("steps.0.days"));
        assert!(validate_steps("steps", &[]).is_err());
    }
}
