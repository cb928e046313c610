//! The doctor's consultation: complaint, history, findings summary, diagnoses (ICD-10 with an eye each), plan and
//! follow-up. Diagnosis codes come from the shipped list only, and a code whose own words name an eye must agree
//! with the eye chosen, so "left eye" never prints beside a right-eye code.

use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Eye;
use super::icd10;
use super::text::note;
use crate::dates::DateFormat;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DiagnosisInput {
    /// ICD-10-CM code, with or without the dot.
    pub code: String,
    pub eye: Eye,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Diagnosis {
    /// Dotted, as printed: `H40.1131`.
    pub code: String,
    pub description: String,
    pub eye: Eye,
    pub note: Option<String>,
}

/// When the patient should come back: an interval from the visit, or a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[ts(export)]
pub enum FollowUpInput {
    Weeks {
        count: u32,
    },
    Months {
        count: u32,
    },
    /// ISO or the clinic's date format.
    Date {
        date: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ConsultationInput {
    pub complaint: Option<String>,
    pub ocular_history: Option<String>,
    pub medical_history: Option<String>,
    pub family_history: Option<String>,
    pub findings_summary: Option<String>,
    pub diagnoses: Vec<DiagnosisInput>,
    pub plan: Option<String>,
    pub follow_up: Option<FollowUpInput>,
    pub notes: Option<String>,
    /// Sections filled by "copy from last visit" (`history`).
    pub copied: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Consultation {
    pub complaint: Option<String>,
    pub ocular_history: Option<String>,
    pub medical_history: Option<String>,
    pub family_history: Option<String>,
    pub findings_summary: Option<String>,
    pub diagnoses: Vec<Diagnosis>,
    pub plan: Option<String>,
    /// ISO date the patient is due back, and how it was asked for (`in 3 months`).
    pub follow_up_on: Option<String>,
    pub follow_up_text: Option<String>,
    pub notes: Option<String>,
    pub copied: Vec<String>,
}

const MAX_DIAGNOSES: usize = 12;

fn eye_word(eye: Eye) -> &'static str {
    match eye {
        Eye::Od => "right eye (OD)",
        Eye::Os => "left eye (OS)",
        Eye::Ou => "both eyes (OU)",
        Eye::NotApplicable => "no particular eye",
    }
}

/// Checks one diagnosis: a known, specific code, and an eye that agrees with the code's own laterality.
pub fn diagnosis(i: usize, d: &DiagnosisInput) -> Result<Diagnosis> {
    let field = |name: &str| format!("diagnoses.{i}.{name}");
    let code = icd10::lookup(&d.code).ok_or_else(|| {
        Error::validation(
            field("code"),
            format!(
                "“{}” is not in the ICD-10 list; search by code or words.",
                d.code.trim()
            ),
        )
    })?;
    if !code.billable {
        return Err(Error::validation(
            field("code"),
            format!(
                "{} groups more specific codes; choose one of them.",
                code.code
            ),
        ));
    }
    if let Some(hint) = icd10::laterality_hint(code.code)
        && hint != d.eye
    {
        return Err(Error::validation(
            field("eye"),
            format!(
                "{} is coded for the {}; choose that eye or the code for the {}.",
                code.code,
                eye_word(hint),
                eye_word(d.eye)
            ),
        ));
    }
    Ok(Diagnosis {
        code: code.code.to_string(),
        description: code.description.to_string(),
        eye: d.eye,
        note: note(&field("note"), "The note", d.note.as_deref(), 500)?,
    })
}

impl Consultation {
    /// Validates the form; `visit_day` is the clinic day of the visit, from which intervals count.
    pub fn validate(
        input: &ConsultationInput,
        visit_day: NaiveDate,
        format: DateFormat,
    ) -> Result<Consultation> {
        let text =
            |field: &str, label: &str, s: &Option<String>| note(field, label, s.as_deref(), 4000);
        if input.diagnoses.len() > MAX_DIAGNOSES {
            return Err(Error::validation(
                "diagnoses",
                format!("Record at most {MAX_DIAGNOSES} diagnoses."),
            ));
        }
        let mut diagnoses: Vec<Diagnosis> = Vec::new();
        for (i, d) in input.diagnoses.iter().enumerate() {
            let d = diagnosis(i, d)?;
            if diagnoses.iter().any(|x| x.code == d.code && x.eye == d.eye) {
                return Err(Error::validation(
                    format!("diagnoses.{i}.code"),
                    format!("{} is already listed for this eye.", d.code),
                ));
            }
            diagnoses.push(d);
        }
        let (follow_up_on, follow_up_text) = match &input.follow_up {
            None => (None, None),
            Some(f) => {
                let (day, text) = follow_up(f, visit_day, format)?;
                (Some(day.to_string()), Some(text))
            }
        };
        crate::text::at_most("copied", &input.copied, 16, "copied sections")?;
        let mut copied = Vec::new();
        for c in &input.copied {
            if c != "history" {
                return Err(Error::validation(
                    "copied",
                    format!("“{c}” is not a section that can be copied."),
                ));
            }
            if !copied.contains(c) {
                copied.push(c.clone());
            }
        }
        Ok(Consultation {
            complaint: text("complaint", "The presenting complaint", &input.complaint)?,
            ocular_history: text("ocular_history", "Ocular history", &input.ocular_history)?,
            medical_history: text("medical_history", "Medical history", &input.medical_history)?,
            family_history: text("family_history", "Family history", &input.family_history)?,
            findings_summary: text(
                "findings_summary",
                "The summary of findings",
                &input.findings_summary,
            )?,
            diagnoses,
            plan: text("plan", "The plan", &input.plan)?,
            follow_up_on,
            follow_up_text,
            notes: text("notes", "Notes", &input.notes)?,
            copied,
        })
    }

    /// The codes, space-separated, for lists that show diagnoses without reading the whole record.
    pub fn codes(&self) -> String {
        self.diagnoses
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The follow-up day and how it was asked for. Intervals run 1–104 weeks or 1–36 months from the visit; a date
/// must fall after the visit and within three years.
pub fn follow_up(
    f: &FollowUpInput,
    visit_day: NaiveDate,
    format: DateFormat,
) -> Result<(NaiveDate, String)> {
    let field = "follow_up";
    let day = match f {
        FollowUpInput::Weeks { count } => {
            if !(1..=104).contains(count) {
                return Err(Error::validation(field, "Follow up in 1 to 104 weeks."));
            }
            let unit = if *count == 1 { "week" } else { "weeks" };
            return Ok((
                visit_day + Duration::weeks(*count as i64),
                format!("in {count} {unit}"),
            ));
        }
        FollowUpInput::Months { count } => {
            if !(1..=36).contains(count) {
                return Err(Error::validation(field, "Follow up in 1 to 36 months."));
            }
            let unit = if *count == 1 { "month" } else { "months" };
            let day = visit_day
                .checked_add_months(Months::new(*count))
                .ok_or_else(|| Error::validation(field, "That date is out of range."))?;
            return Ok((day, format!("in {count} {unit}")));
        }
        FollowUpInput::Date { date } => format
            .parse(date)
            .map_err(|m| Error::validation(field, m))?,
    };
    if day <= visit_day {
        return Err(Error::validation(
            field,
            "The follow-up date must be after the visit.",
        ));
    }
    if day > visit_day + Duration::days(3 * 366) {
        return Err(Error::validation(field, "Follow up within three years."));
    }
    Ok((day, format!("on {}", format.format(day))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
    }

    fn dx(code: &str, eye: Eye) -> DiagnosisInput {
        DiagnosisInput {
            code: code.into(),
            eye,
            note: None,
        }
    }

    #[test]
    fn diagnoses_must_be_known_specific_and_on_the_coded_eye() {
        let ok = diagnosis(0, &dx("h25.11", Eye::Od)).expect("right eye cataract");
        assert_eq!(ok.code, "H25.11");
        assert!(
            ok.description.to_lowercase().contains("right"),
            "{}",
            ok.description
        );
        let e = diagnosis(0, &dx("H25.11", Eye::Os)).expect_err("wrong eye");
        assert_eq!(e.field.as_deref(), Some("diagnoses.0.eye"));
        assert!(e.message.contains("right eye"), "{}", e.message);
        let e = diagnosis(1, &dx("H99.99", Eye::Od)).expect_err("unknown");
        assert_eq!(e.field.as_deref(), Some("diagnoses.1.code"));
        let e = diagnosis(0, &dx("H40", Eye::Ou)).expect_err("heading");
        assert!(e.message.contains("more specific"), "{}", e.message);
        // Out-of-chapter codes eye clinics use.
        assert!(diagnosis(0, &dx("Z96.1", Eye::Od)).is_ok());
    }

    #[test]
    fn follow_up_intervals_and_dates() {
        let f = DateFormat::DMY;
        assert_eq!(
            follow_up(&FollowUpInput::Weeks { count: 6 }, day(), f).expect("weeks"),
            (
                NaiveDate::from_ymd_opt(2027, 1, 6).expect("d"),
                "in 6 weeks".into()
            )
        );
        assert_eq!(
            follow_up(&FollowUpInput::Months { count: 3 }, day(), f)
                .expect("months")
                .0
                .to_string(),
            "2027-02-25"
        );
        let (d, text) = follow_up(
            &FollowUpInput::Date {
                date: "01/03/2027".into(),
            },
            day(),
            f,
        )
        .expect("date");
        assert_eq!(
            (d.to_string(), text.as_str()),
            ("2027-03-01".into(), "on 01/03/2027")
        );
        for bad in [
            FollowUpInput::Weeks { count: 0 },
            FollowUpInput::Months { count: 37 },
            FollowUpInput::Date {
                date: "2026-11-25".into(),
            },
            FollowUpInput::Date {
                date: "2031-01-01".into(),
            },
            FollowUpInput::Date {
                date: "tomorrow".into(),
            },
        ] {
            let e = follow_up(&bad, day(), f).expect_err("refused");
            assert_eq!(e.field.as_deref(), Some("follow_up"));
        }
    }

    #[test]
    fn the_same_code_twice_on_one_eye_is_refused() {
        let input = ConsultationInput {
            diagnoses: vec![dx("H25.11", Eye::Od), dx("H25.11", Eye::Od)],
            ..Default::default()
        };
        let e = Consultation::validate(&input, day(), DateFormat::DMY).expect_err("twice");
        assert_eq!(e.field.as_deref(), Some("diagnoses.1.code"));
    }
}
