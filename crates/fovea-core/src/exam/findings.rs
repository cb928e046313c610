//! The other per-eye examination findings: keratometry, corneal thickness, cup-to-disc ratio, slit-lamp and fundus
//! findings by structure, dilation, visual-field and gonioscopy notes.
//!
//! Three states are kept apart because they mean different things in a record and in an audit: a structure
//! looked at and found normal, one found abnormal (with a description), and one not examined. Normal is one
//! click; abnormal needs words. An eye not examined at all is `None` in [`Findings`], not an eye of
//! "not examined" structures, so there is one way to say it.
//!
//! **Central corneal thickness** is accepted from 300 to 900 µm. Normal corneas are about 490–600 µm; post-LASIK
//! and ectatic corneas go down to about 350, oedematous ones (Fuchs, decompensation) up to 800 and more. Outside
//! 300–900 a value is far likelier a slipped digit (`5450`, `54`) than a measurement, and a genuine extreme is
//! better described in the cornea finding than stored as a number every chart and calculator will trust.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fixed;
use super::refraction::{Axis, Dioptres};
use super::text::{note, typed};
use super::{TimeOfDay, field};
use crate::{Error, Result};

const MAX_FINDING: usize = 1000;
const MAX_NOTES: usize = 4000;
const MAX_DRUG: usize = 200;

/// One structure's finding. JSON: `{"status": "normal"}`, `{"status": "abnormal", "text": "…"}`,
/// `{"status": "not_examined"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "status", content = "text", rename_all = "snake_case")]
#[ts(export)]
pub enum Finding {
    Normal,
    /// What was seen, in the examiner's words (at most 1000 characters).
    Abnormal(String),
    #[default]
    NotExamined,
}

impl Finding {
    fn validate(&self, field: &str, label: &str) -> Result<Finding> {
        match self {
            Finding::Abnormal(text) => match note(field, label, Some(text), MAX_FINDING)? {
                Some(t) => Ok(Finding::Abnormal(t)),
                None => Err(Error::validation(
                    field,
                    format!(
                        "Describe what is abnormal ({}), or mark it normal.",
                        label.to_lowercase()
                    ),
                )),
            },
            other => Ok(other.clone()),
        }
    }

    fn examined(&self) -> bool {
        *self != Finding::NotExamined
    }
}

/// Anterior segment findings at the slit lamp.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct SlitLamp {
    pub lids: Finding,
    pub conjunctiva: Finding,
    pub cornea: Finding,
    pub anterior_chamber: Finding,
    pub iris: Finding,
    pub lens: Finding,
}

/// Posterior segment findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct Fundus {
    pub disc: Finding,
    pub macula: Finding,
    pub vessels: Finding,
    pub periphery: Finding,
}

impl SlitLamp {
    /// Every structure normal: the "all normal" button, after which the examiner edits the exceptions.
    pub fn all_normal() -> SlitLamp {
        SlitLamp {
            lids: Finding::Normal,
            conjunctiva: Finding::Normal,
            cornea: Finding::Normal,
            anterior_chamber: Finding::Normal,
            iris: Finding::Normal,
            lens: Finding::Normal,
        }
    }

    fn parts(&self) -> [(&'static str, &'static str, &Finding); 6] {
        [
            ("lids", "Lids", &self.lids),
            ("conjunctiva", "Conjunctiva", &self.conjunctiva),
            ("cornea", "Cornea", &self.cornea),
            (
                "anterior_chamber",
                "Anterior chamber",
                &self.anterior_chamber,
            ),
            ("iris", "Iris", &self.iris),
            ("lens", "Lens", &self.lens),
        ]
    }

    fn validate(&self, eye: &str) -> Result<SlitLamp> {
        let [lids, conjunctiva, cornea, anterior_chamber, iris, lens] =
            check_all(eye, "slit_lamp", self.parts())?;
        Ok(SlitLamp {
            lids,
            conjunctiva,
            cornea,
            anterior_chamber,
            iris,
            lens,
        })
    }
}

impl Fundus {
    /// Every structure normal.
    pub fn all_normal() -> Fundus {
        Fundus {
            disc: Finding::Normal,
            macula: Finding::Normal,
            vessels: Finding::Normal,
            periphery: Finding::Normal,
        }
    }

    fn parts(&self) -> [(&'static str, &'static str, &Finding); 4] {
        [
            ("disc", "Disc", &self.disc),
            ("macula", "Macula", &self.macula),
            ("vessels", "Vessels", &self.vessels),
            ("periphery", "Periphery", &self.periphery),
        ]
    }

    fn validate(&self, eye: &str) -> Result<Fundus> {
        let [disc, macula, vessels, periphery] = check_all(eye, "fundus", self.parts())?;
        Ok(Fundus {
            disc,
            macula,
            vessels,
            periphery,
        })
    }
}

fn check_all<const N: usize>(
    eye: &str,
    section: &str,
    parts: [(&str, &str, &Finding); N],
) -> Result<[Finding; N]> {
    let mut out: [Finding; N] = std::array::from_fn(|_| Finding::NotExamined);
    for (slot, (name, label, finding)) in out.iter_mut().zip(parts) {
        *slot = finding.validate(&field(eye, &format!("{section}.{name}")), label)?;
    }
    Ok(out)
}

/// One keratometry meridian: corneal power and its axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KReading {
    pub power: Dioptres,
    pub axis: Axis,
}

/// K1 (flattest meridian) and K2 (steepest), in dioptres to 0.01 D as keratometers print them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Keratometry {
    pub k1: KReading,
    pub k2: KReading,
}

/// A vertical cup-to-disc ratio, 0.00–1.00 in steps of 0.05, kept in hundredths. JSON carries the number (`0.35`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct CupDisc(u8);

const CUP_DISC_RULE: &str = "Cup-to-disc ratio is from 0 to 1 in steps of 0.05, like 0.3 or 0.35.";

impl CupDisc {
    pub fn hundredths(self) -> u8 {
        self.0
    }

    fn parse(field: &str, text: &str) -> Result<CupDisc> {
        match fixed::parse(text, 2) {
            Ok(fixed::Typed {
                units: h @ 0..=100,
                signed: false,
            }) if h % 5 == 0 => Ok(CupDisc(h as u8)),
            _ => Err(Error::validation(field, CUP_DISC_RULE)),
        }
    }
}

/// As examiners write it: `0.3`, `0.35`, `1.0`.
impl fmt::Display for CupDisc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = fixed::write(i64::from(self.0), 2);
        f.write_str(s.strip_suffix('0').unwrap_or(&s))
    }
}

impl From<CupDisc> for f64 {
    fn from(c: CupDisc) -> f64 {
        fixed::to_f64(i64::from(c.0), 2)
    }
}

impl TryFrom<f64> for CupDisc {
    type Error = Error;
    fn try_from(x: f64) -> Result<CupDisc> {
        fixed::from_f64(x, 2)
            .filter(|h| (0..=100).contains(h) && h % 5 == 0)
            .map(|h| CupDisc(h as u8))
            .ok_or_else(|| Error::validation("cup_disc", CUP_DISC_RULE))
    }
}

/// Pupil dilation: which drops and when, because the time decides when the fundus can be examined and explains
/// a blurred near acuity afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Dilation {
    /// As written, e.g. `tropicamide 1% + phenylephrine 2.5%`.
    pub drug: String,
    pub time: TimeOfDay,
}

/// One eye's findings as typed. Missing structures are "not examined".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct EyeFindingsInput {
    pub k1: Option<String>,
    pub k1_axis: Option<String>,
    pub k2: Option<String>,
    pub k2_axis: Option<String>,
    /// Central corneal thickness, µm.
    pub cct: Option<String>,
    /// Vertical cup-to-disc ratio.
    pub cup_disc: Option<String>,
    pub slit_lamp: SlitLamp,
    pub fundus: Fundus,
    pub dilation_drug: Option<String>,
    /// `HH:MM`.
    pub dilation_time: Option<String>,
    pub visual_field: Option<String>,
    pub gonioscopy: Option<String>,
}

/// One examined eye's findings, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EyeFindings {
    pub keratometry: Option<Keratometry>,
    /// Central corneal thickness, µm.
    pub cct_um: Option<u16>,
    pub cup_disc: Option<CupDisc>,
    pub slit_lamp: SlitLamp,
    pub fundus: Fundus,
    pub dilation: Option<Dilation>,
    pub visual_field: Option<String>,
    pub gonioscopy: Option<String>,
}

/// The findings section of the form: `null` for an eye that was not examined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct FindingsInput {
    pub od: Option<EyeFindingsInput>,
    pub os: Option<EyeFindingsInput>,
}

/// Validated findings; `None` is an eye not examined (which is not the same as normal).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Findings {
    pub od: Option<EyeFindings>,
    pub os: Option<EyeFindings>,
}

/// Checks the right eye, then the left, in form order, and returns the first problem found.
pub fn validate(input: &FindingsInput) -> Result<Findings> {
    let eye = |prefix: &str, i: &Option<EyeFindingsInput>| {
        i.as_ref()
            .map(|i| EyeFindings::validate(prefix, i))
            .transpose()
    };
    Ok(Findings {
        od: eye("od", &input.od)?,
        os: eye("os", &input.os)?,
    })
}

impl EyeFindings {
    /// One examined eye; `eye` (`od`, `os`) prefixes the field names in errors (`od.cct`,
    /// `os.slit_lamp.cornea`). An examined eye must have at least one thing recorded.
    pub fn validate(eye: &str, input: &EyeFindingsInput) -> Result<EyeFindings> {
        let f = |name: &str| field(eye, name);
        let keratometry = keratometry(eye, input)?;
        let cct_um = typed(input.cct.as_deref())
            .map(|t| cct(&f("cct"), t))
            .transpose()?;
        let cup_disc = typed(input.cup_disc.as_deref())
            .map(|t| CupDisc::parse(&f("cup_disc"), t))
            .transpose()?;
        let slit_lamp = input.slit_lamp.validate(eye)?;
        let fundus = input.fundus.validate(eye)?;
        let drug = note(
            &f("dilation_drug"),
            "Dilation drug",
            input.dilation_drug.as_deref(),
            MAX_DRUG,
        )?;
        let time = typed(input.dilation_time.as_deref())
            .map(|t| TimeOfDay::parse(&f("dilation_time"), t))
            .transpose()?;
        let dilation = match (drug, time) {
            (Some(drug), Some(time)) => Some(Dilation { drug, time }),
            (None, None) => None,
            (Some(_), None) => {
                return Err(Error::validation(
                    f("dilation_time"),
                    "Give the time the dilating drops went in (HH:MM).",
                ));
            }
            (None, Some(_)) => {
                return Err(Error::validation(
                    f("dilation_drug"),
                    "Name the dilating drops given at that time.",
                ));
            }
        };
        let findings = EyeFindings {
            keratometry,
            cct_um,
            cup_disc,
            slit_lamp,
            fundus,
            dilation,
            visual_field: note(
                &f("visual_field"),
                "Visual field notes",
                input.visual_field.as_deref(),
                MAX_NOTES,
            )?,
            gonioscopy: note(
                &f("gonioscopy"),
                "Gonioscopy notes",
                input.gonioscopy.as_deref(),
                MAX_NOTES,
            )?,
        };
        if !findings.records_anything() {
            return Err(Error::validation(
                f("slit_lamp"),
                "Nothing is recorded for this eye; record a finding or mark the eye not examined.",
            ));
        }
        Ok(findings)
    }

    fn records_anything(&self) -> bool {
        self.keratometry.is_some()
            || self.cct_um.is_some()
            || self.cup_disc.is_some()
            || self.slit_lamp.parts().iter().any(|p| p.2.examined())
            || self.fundus.parts().iter().any(|p| p.2.examined())
            || self.dilation.is_some()
            || self.visual_field.is_some()
            || self.gonioscopy.is_some()
    }
}

/// Both meridians with their axes, or none: a keratometer always gives the pair.
fn keratometry(eye: &str, input: &EyeFindingsInput) -> Result<Option<Keratometry>> {
    let texts = [&input.k1, &input.k1_axis, &input.k2, &input.k2_axis];
    if texts.iter().all(|t| typed(t.as_deref()).is_none()) {
        return Ok(None);
    }
    let reading = |k: &str, power: &Option<String>, axis: &Option<String>| -> Result<KReading> {
        let f = field(eye, k);
        let label = k.to_uppercase();
        let Some(power) = typed(power.as_deref()) else {
            return Err(Error::validation(
                &f,
                format!("{label} is required with the other keratometry values."),
            ));
        };
        let rule = format!("{label} is in dioptres from 30.00 to 60.00, like 43.25.");
        let power = Dioptres::parse(&f, &label, power)
            .ok()
            .filter(|p| (3000..=6000).contains(&p.hundredths()))
            .ok_or_else(|| Error::validation(&f, rule))?;
        let axis_field = field(eye, &format!("{k}_axis"));
        let Some(axis) = typed(axis.as_deref()) else {
            return Err(Error::validation(
                axis_field,
                format!("{label} needs its axis, a whole number from 1 to 180."),
            ));
        };
        let axis = Axis::parse(&axis_field, axis)?;
        Ok(KReading { power, axis })
    };
    Ok(Some(Keratometry {
        k1: reading("k1", &input.k1, &input.k1_axis)?,
        k2: reading("k2", &input.k2, &input.k2_axis)?,
    }))
}

/// `545`, `545 µm`, `545um`.
fn cct(field: &str, text: &str) -> Result<u16> {
    let lower = text.trim().to_lowercase();
    let number = ["µm", "μm", "um", "microns", "micron"]
        .iter()
        .find_map(|u| lower.strip_suffix(u))
        .unwrap_or(&lower)
        .trim_end();
    match fixed::parse(number, 0) {
        Ok(fixed::Typed {
            units: um @ 300..=900,
            signed: false,
        }) => Ok(um as u16),
        _ => Err(Error::validation(
            field,
            "Central corneal thickness is a whole number of µm from 300 to 900, like 545.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(t: &str) -> Option<String> {
        Some(t.to_string())
    }

    fn field_of(input: EyeFindingsInput) -> String {
        EyeFindings::validate("od", &input)
            .expect_err("must be refused")
            .field
            .expect("field")
    }

    fn with_cornea() -> EyeFindingsInput {
        EyeFindingsInput {
            slit_lamp: SlitLamp {
                cornea: Finding::Normal,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn a_full_eye_validates() {
        let input = EyeFindingsInput {
            k1: s("43.25"),
            k1_axis: s("180"),
            k2: s("44.50 D"),
            k2_axis: s("90"),
            cct: s("545 µm"),
            cup_disc: s("0.35"),
            slit_lamp: SlitLamp {
                lens: Finding::Abnormal("  NS 2+  ".into()),
                ..SlitLamp::all_normal()
            },
            fundus: Fundus::all_normal(),
            dilation_drug: s("tropicamide 1%"),
            dilation_time: s("10:15"),
            visual_field: s("Superior arcuate defect"),
            gonioscopy: s("Open to CBB 360°"),
        };
        let f = EyeFindings::validate("os", &input).expect("valid");
        let k = f.keratometry.expect("k");
        assert_eq!((k.k1.power.hundredths(), k.k1.axis.degrees()), (4325, 180));
        assert_eq!((k.k2.power.hundredths(), k.k2.axis.degrees()), (4450, 90));
        assert_eq!(f.cct_um, Some(545));
        assert_eq!(f.cup_disc.map(|c| c.to_string()).as_deref(), Some("0.35"));
        assert_eq!(f.slit_lamp.lens, Finding::Abnormal("NS 2+".into()));
        assert_eq!(f.slit_lamp.iris, Finding::Normal);
        assert_eq!(
            f.dilation.as_ref().expect("dilated").time.to_string(),
            "10:15"
        );
        let json = serde_json::to_value(&f).expect("json");
        assert_eq!(
            json["slit_lamp"]["lens"],
            serde_json::json!({"status": "abnormal", "text": "NS 2+"})
        );
        assert_eq!(
            json["slit_lamp"]["iris"],
            serde_json::json!({"status": "normal"})
        );
        assert_eq!(json["cup_disc"], serde_json::json!(0.35));
        assert_eq!(
            serde_json::from_value::<EyeFindings>(json).expect("back"),
            f
        );
    }

    #[test]
    fn not_examined_is_not_normal() {
        let input: FindingsInput = serde_json::from_value(serde_json::json!({
            "od": {"fundus": {"disc": {"status": "normal"}}},
            "os": null
        }))
        .expect("json");
        let f = validate(&input).expect("valid");
        assert_eq!(f.os, None);
        let od = f.od.expect("examined");
        assert_eq!(od.fundus.disc, Finding::Normal);
        assert_eq!(od.fundus.macula, Finding::NotExamined);
        assert_eq!(
            serde_json::to_value(&od.fundus.macula).expect("json"),
            serde_json::json!({"status": "not_examined"})
        );
        assert_eq!(field_of(EyeFindingsInput::default()), "od.slit_lamp");
    }

    #[test]
    fn abnormal_needs_words_within_limits() {
        let abnormal = |t: &str| EyeFindingsInput {
            fundus: Fundus {
                macula: Finding::Abnormal(t.into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(field_of(abnormal("  ")), "od.fundus.macula");
        assert_eq!(field_of(abnormal(&"x".repeat(1001))), "od.fundus.macula");
        assert_eq!(field_of(abnormal("drusen\u{0}")), "od.fundus.macula");
        assert!(EyeFindings::validate("od", &abnormal(&"x".repeat(1000))).is_ok());
        let e = EyeFindings::validate("od", &abnormal("")).expect_err("empty");
        assert!(e.message.contains("(macula)"), "{}", e.message);
    }

    #[test]
    fn keratometry_comes_as_a_complete_pair() {
        let k = |k1: &str, a1: &str, k2: &str, a2: &str| EyeFindingsInput {
            k1: s(k1),
            k1_axis: s(a1),
            k2: s(k2),
            k2_axis: s(a2),
            ..Default::default()
        };
        assert!(EyeFindings::validate("od", &k("42", "5", "43.12", "95")).is_ok());
        assert_eq!(field_of(k("42", "5", "", "95")), "od.k2");
        assert_eq!(field_of(k("42", "", "43", "95")), "od.k1_axis");
        assert_eq!(field_of(k("29.99", "5", "43", "95")), "od.k1");
        assert_eq!(field_of(k("42", "5", "60.01", "95")), "od.k2");
        assert_eq!(field_of(k("42", "5", "43", "181")), "od.k2_axis");
        assert_eq!(field_of(k("42", "5", "43.125", "95")), "od.k2");
        assert_eq!(field_of(k("abc", "5", "43", "95")), "od.k1");
    }

    #[test]
    fn cct_cup_disc_and_dilation() {
        let cct = |t: &str| EyeFindingsInput {
            cct: s(t),
            ..Default::default()
        };
        for ok in ["300", "900", "545um", "545 μm", "612 microns"] {
            assert!(EyeFindings::validate("od", &cct(ok)).is_ok(), "{ok}");
        }
        for bad in ["299", "901", "5450", "545.5", "-545", "thin"] {
            assert_eq!(field_of(cct(bad)), "od.cct", "{bad}");
        }
        let cd = |t: &str| EyeFindingsInput {
            cup_disc: s(t),
            ..Default::default()
        };
        for (ok, shown) in [
            ("0.3", "0.3"),
            (".35", "0.35"),
            ("0,4", "0.4"),
            ("1", "1.0"),
            ("0", "0.0"),
        ] {
            let f = EyeFindings::validate("od", &cd(ok)).expect(ok);
            assert_eq!(f.cup_disc.expect("cd").to_string(), shown);
        }
        for bad in ["0.33", "1.05", "-0.3", "0.3.", "half"] {
            assert_eq!(field_of(cd(bad)), "od.cup_disc", "{bad}");
        }
        assert!(serde_json::from_value::<CupDisc>(serde_json::json!(0.33)).is_err());

        let dil = |drug: &str, time: &str| EyeFindingsInput {
            dilation_drug: s(drug),
            dilation_time: s(time),
            ..with_cornea()
        };
        assert_eq!(field_of(dil("tropicamide", "")), "od.dilation_time");
        assert_eq!(field_of(dil("", "10:00")), "od.dilation_drug");
        assert_eq!(field_of(dil("tropicamide", "10h")), "od.dilation_time");
        assert_eq!(field_of(dil(&"t".repeat(201), "10:00")), "od.dilation_drug");
        let notes = EyeFindingsInput {
            gonioscopy: s(&"g".repeat(4001)),
            ..with_cornea()
        };
        assert_eq!(field_of(notes), "od.gonioscopy");
    }

    proptest! {
        #[test]
        fn validate_never_panics(
            texts in proptest::collection::vec(proptest::option::of(any::<String>()), 10),
            abnormal in any::<String>(),
        ) {
            let input = EyeFindingsInput {
                k1: texts[0].clone(),
                k1_axis: texts[1].clone(),
                k2: texts[2].clone(),
                k2_axis: texts[3].clone(),
                cct: texts[4].clone(),
                cup_disc: texts[5].clone(),
                dilation_drug: texts[6].clone(),
                dilation_time: texts[7].clone(),
                visual_field: texts[8].clone(),
                gonioscopy: texts[9].clone(),
                slit_lamp: SlitLamp { iris: Finding::Abnormal(abnormal), ..Default::default() },
                fundus: Fundus::default(),
            };
            let _ = EyeFindings::validate("od", &input);
        }

        #[test]
        fn cup_disc_format_then_parse(step in 0u8..=20) {
            let c = CupDisc(step * 5);
            prop_assert_eq!(CupDisc::parse("cd", &c.to_string()), Ok(c));
        }
    }
}
