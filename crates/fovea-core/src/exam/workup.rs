//! The optometry work-up as one form: visual acuity, refractions, pressure and findings, per eye. The form arrives
//! as typed text and is validated section by section into exact values; what the screen shows beside it (spherical
//! equivalents, the other cylinder form, pressure flags, acuity in the clinic's notation) is derived here too, so
//! the clinical arithmetic has one home.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::acuity::{Notation, VisualAcuity};
use super::findings::{self, Findings, FindingsInput};
use super::iop::{Iop, IopFlags, IopInput};
use super::refraction::{
    self, CylinderForm, Refraction, RefractionInput, RefractionKind, ZeroStyle,
};
use super::text::note;
use crate::{Error, Result};

/// One eye's acuities as typed; blank means not measured.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct EyeAcuityInput {
    /// Distance, unaided.
    pub sc: Option<String>,
    /// Distance, with the patient's own glasses or contact lenses.
    pub cc: Option<String>,
    /// Distance, through a pinhole.
    pub ph: Option<String>,
    /// Distance, best corrected after refraction.
    pub bcva: Option<String>,
    /// Near, unaided and corrected.
    pub near_sc: Option<String>,
    pub near_cc: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct AcuityInput {
    pub od: EyeAcuityInput,
    pub os: EyeAcuityInput,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EyeAcuity {
    pub sc: Option<VisualAcuity>,
    pub cc: Option<VisualAcuity>,
    pub ph: Option<VisualAcuity>,
    pub bcva: Option<VisualAcuity>,
    pub near_sc: Option<VisualAcuity>,
    pub near_cc: Option<VisualAcuity>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Acuity {
    pub od: EyeAcuity,
    pub os: EyeAcuity,
}

/// The work-up form as the screen sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct WorkupInput {
    pub acuity: AcuityInput,
    /// At most one of each kind.
    pub refractions: Vec<RefractionInput>,
    /// Absent when pressure was not measured.
    pub iop: Option<IopInput>,
    pub findings: FindingsInput,
    pub notes: Option<String>,
    /// Sections filled by "copy from last visit" (for example `current_glasses`), shown marked as copied until
    /// the examiner changes them.
    pub copied: Vec<String>,
}

/// A validated work-up, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Workup {
    pub acuity: Acuity,
    pub refractions: Vec<Refraction>,
    pub iop: Option<Iop>,
    pub findings: Findings,
    pub notes: Option<String>,
    pub copied: Vec<String>,
}

/// Autorefraction, retinoscopy, subjective, cycloplegic, current glasses, final.
const REFRACTION_KINDS: usize = 6;

/// Sections that may be copied from the last visit.
pub const COPYABLE: &[&str] = &["current_glasses", "history"];

fn acuity_eye(eye: &str, input: &EyeAcuityInput, hint: Notation) -> Result<EyeAcuity> {
    let one = |name: &str, text: &Option<String>, hint: Notation| {
        super::text::typed(text.as_deref())
            .map(|t| VisualAcuity::parse(&format!("{eye}.{name}"), t, Some(hint)))
            .transpose()
    };
    Ok(EyeAcuity {
        sc: one("va_sc", &input.sc, hint)?,
        cc: one("va_cc", &input.cc, hint)?,
        ph: one("va_ph", &input.ph, hint)?,
        bcva: one("bcva", &input.bcva, hint)?,
        // A bare number in a near box is an N-point size.
        near_sc: one("near_sc", &input.near_sc, Notation::NPoint)?,
        near_cc: one("near_cc", &input.near_cc, Notation::NPoint)?,
    })
}

impl Workup {
    /// Validates the whole form in screen order (acuity, refractions, pressure, findings) and returns the first
    /// problem with its field name. Refraction fields are prefixed by their kind: `subjective.od.sphere`.
    pub fn validate(input: &WorkupInput, notation: Notation) -> Result<Workup> {
        let acuity = Acuity {
            od: acuity_eye("od", &input.acuity.od, notation)?,
            os: acuity_eye("os", &input.acuity.os, notation)?,
        };
        // One of each kind, and the form may send a blank row per kind; more is not a form.
        crate::text::at_most(
            "refractions",
            &input.refractions,
            2 * REFRACTION_KINDS,
            "refractions, one of each kind",
        )?;
        let mut refractions: Vec<Refraction> = Vec::new();
        for r in &input.refractions {
            let prefix = kind_name(r.kind);
            if refractions.iter().any(|x| x.kind == r.kind) {
                return Err(Error::validation(
                    format!("{prefix}.od.sphere"),
                    "This kind of refraction is already in the form.",
                ));
            }
            let blank = r.od == Default::default()
                && r.os == Default::default()
                && super::text::typed(r.pd.as_deref()).is_none();
            if blank {
                continue;
            }
            let v = refraction::validate(r).map_err(|e| Error {
                field: e.field.map(|f| format!("{prefix}.{f}")),
                ..e
            })?;
            refractions.push(v);
        }
        let iop = match &input.iop {
            Some(i) if Iop::entered(i) => Some(Iop::validate(i)?),
            _ => None,
        };
        let findings = findings::validate(&input.findings)?;
        let notes = note("notes", "Notes", input.notes.as_deref(), 4000)?;
        crate::text::at_most(
            "copied",
            &input.copied,
            2 * COPYABLE.len(),
            "copied sections",
        )?;
        let mut copied = Vec::new();
        for c in &input.copied {
            if !COPYABLE.contains(&c.as_str()) {
                return Err(Error::validation(
                    "copied",
                    format!("“{c}” is not a section that can be copied."),
                ));
            }
            if !copied.contains(c) {
                copied.push(c.clone());
            }
        }
        Ok(Workup {
            acuity,
            refractions,
            iop,
            findings,
            notes,
            copied,
        })
    }

    pub fn refraction(&self, kind: RefractionKind) -> Option<&Refraction> {
        self.refractions.iter().find(|r| r.kind == kind)
    }

    /// Whether anything at all was recorded.
    pub fn is_empty(&self) -> bool {
        self == &Workup::default()
    }
}

pub fn kind_name(kind: RefractionKind) -> &'static str {
    match kind {
        RefractionKind::Autorefraction => "autorefraction",
        RefractionKind::Retinoscopy => "retinoscopy",
        RefractionKind::Subjective => "subjective",
        RefractionKind::Cycloplegic => "cycloplegic",
        RefractionKind::CurrentGlasses => "current_glasses",
        RefractionKind::Final => "final",
    }
}

/// What the screen shows beside one eye's refraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EyeRefractionView {
    /// `-1.00 / -0.50 × 090` in minus- and plus-cylinder form.
    pub minus_form: String,
    pub plus_form: String,
    pub spherical_equivalent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RefractionView {
    pub kind: RefractionKind,
    pub od: Option<EyeRefractionView>,
    pub os: Option<EyeRefractionView>,
}

/// One eye's acuities written in the clinic's notation (off-chart vision as its category).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EyeAcuityView {
    pub sc: Option<String>,
    pub cc: Option<String>,
    pub ph: Option<String>,
    pub bcva: Option<String>,
    pub near_sc: Option<String>,
    pub near_cc: Option<String>,
    /// LogMAR of each distance acuity, for tooltips and charts.
    pub bcva_logmar: Option<String>,
}

/// Values derived from a work-up for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WorkupDerived {
    pub acuity_od: EyeAcuityView,
    pub acuity_os: EyeAcuityView,
    pub refractions: Vec<RefractionView>,
    pub iop_flags: Option<IopFlags>,
}

fn eye_view(a: &EyeAcuity, notation: Notation) -> EyeAcuityView {
    let show = |v: &Option<VisualAcuity>| v.as_ref().map(|v| v.format_as(notation));
    let near = |v: &Option<VisualAcuity>| v.as_ref().map(|v| v.format_as(Notation::NPoint));
    EyeAcuityView {
        sc: show(&a.sc),
        cc: show(&a.cc),
        ph: show(&a.ph),
        bcva: show(&a.bcva),
        near_sc: near(&a.near_sc),
        near_cc: near(&a.near_cc),
        bcva_logmar: a.bcva.as_ref().map(|v| v.format_as(Notation::Logmar)),
    }
}

pub fn derive(w: &Workup, notation: Notation) -> WorkupDerived {
    let eye = |e: &Option<refraction::EyeRefraction>| {
        e.as_ref().map(|e| EyeRefractionView {
            minus_form: e
                .in_form(CylinderForm::Minus)
                .sphero_cylinder(ZeroStyle::Plano),
            plus_form: e
                .in_form(CylinderForm::Plus)
                .sphero_cylinder(ZeroStyle::Plano),
            spherical_equivalent: e.spherical_equivalent().to_string(),
        })
    };
    WorkupDerived {
        acuity_od: eye_view(&w.acuity.od, notation),
        acuity_os: eye_view(&w.acuity.os, notation),
        refractions: w
            .refractions
            .iter()
            .map(|r| RefractionView {
                kind: r.kind,
                od: eye(&r.od),
                os: eye(&r.os),
            })
            .collect(),
        iop_flags: w.iop.as_ref().map(Iop::flags),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::refraction::EyeRefractionInput;

    fn rx(kind: RefractionKind, sphere: &str, cyl: &str, axis: &str) -> RefractionInput {
        RefractionInput {
            kind,
            od: EyeRefractionInput {
                sphere: Some(sphere.into()),
                cylinder: Some(cyl.into()),
                axis: Some(axis.into()),
                ..Default::default()
            },
            os: EyeRefractionInput::default(),
            pd: None,
        }
    }

    #[test]
    fn field_errors_name_the_refraction_kind_and_eye() {
        let input = WorkupInput {
            refractions: vec![rx(RefractionKind::Subjective, "-1.00", "-0.50", "")],
            ..Default::default()
        };
        let e = Workup::validate(&input, Notation::SnellenMetric).expect_err("axis missing");
        assert_eq!(e.field.as_deref(), Some("subjective.od.axis"));
        let input = WorkupInput {
            acuity: AcuityInput {
                os: EyeAcuityInput {
                    sc: Some("7/9".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
            ..Default::default()
        };
        let e = Workup::validate(&input, Notation::SnellenMetric).expect_err("bad acuity");
        assert_eq!(e.field.as_deref(), Some("os.va_sc"));
    }

    #[test]
    fn duplicate_kinds_and_unknown_copied_sections_are_refused_blank_refractions_dropped() {
        let twice = WorkupInput {
            refractions: vec![
                rx(RefractionKind::Final, "-1.00", "", ""),
                rx(RefractionKind::Final, "-2.00", "", ""),
            ],
            ..Default::default()
        };
        assert!(Workup::validate(&twice, Notation::SnellenMetric).is_err());
        let blank = WorkupInput {
            refractions: vec![RefractionInput {
                kind: RefractionKind::Autorefraction,
                od: Default::default(),
                os: Default::default(),
                pd: None,
            }],
            ..Default::default()
        };
        let w = Workup::validate(&blank, Notation::SnellenMetric).expect("blank is fine");
        assert!(w.refractions.is_empty() && w.is_empty());
        let copied = WorkupInput {
            copied: vec!["diagnoses".into()],
            ..Default::default()
        };
        assert_eq!(
            Workup::validate(&copied, Notation::SnellenMetric)
                .expect_err("not copyable")
                .field
                .as_deref(),
            Some("copied")
        );
    }

    #[test]
    fn derived_values_show_both_cylinder_forms_and_the_same_spherical_equivalent() {
        let input = WorkupInput {
            acuity: AcuityInput {
                od: EyeAcuityInput {
                    bcva: Some("20/40".into()),
                    near_cc: Some("N6".into()),
                    ..Default::default()
                },
                ..Default::default()
            },
            refractions: vec![rx(RefractionKind::Final, "+1.00", "-0.50", "90")],
            ..Default::default()
        };
        let w = Workup::validate(&input, Notation::SnellenMetric).expect("valid");
        let d = derive(&w, Notation::SnellenMetric);
        assert_eq!(d.acuity_od.bcva.as_deref(), Some("6/12"));
        assert_eq!(d.acuity_od.bcva_logmar.as_deref(), Some("0.30"));
        assert_eq!(d.acuity_od.near_cc.as_deref(), Some("N6"));
        let od = d.refractions[0].od.as_ref().expect("od");
        assert_eq!(od.minus_form, "+1.00 / -0.50 × 090");
        assert_eq!(od.plus_form, "+0.50 / +0.50 × 180");
        assert_eq!(od.spherical_equivalent, "+0.75");
    }
}
