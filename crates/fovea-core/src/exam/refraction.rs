//! Refraction and spectacle prescriptions: sphere, cylinder and axis, near addition, prism, pupillary distance.
//!
//! The form sends each field as typed ([`EyeRefractionInput`]); [`validate`] returns exact values or the first
//! problem, naming the field (`od.sphere`, `os.axis`, `pd`). A blank field is "not recorded".
//!
//! **Units.** Lens powers are hundredths of a dioptre in an `i32` ([`Dioptres`]): every value a clinic writes
//! (steps of 0.25) is exact, and so is the check that it *is* a multiple of 0.25. The spherical equivalent
//! (sphere + cylinder / 2) can land on eighths (−1.125), which hundredths cannot hold, so it has its own unit,
//! thousandths ([`SphericalEquivalent`]). Prism is in hundredths of a prism dioptre in steps of **0.25 Δ**: prism
//! is usually prescribed in 0.5 Δ steps, but a total prism split between the two eyes (1.5 Δ as 0.75 Δ each) needs
//! quarters. PD is in tenths of a millimetre, in 0.5 mm steps.
//!
//! **Ranges** (sphere ±30 D, cylinder ±15 D) are plausibility limits for typed entries. A stored refraction may be
//! shown in the other cylinder form ([`EyeRefraction::in_form`]), where the sphere can exceed them; that is the
//! same lens and is never re-checked.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fixed::{self, NumError};
use super::{field, text::typed};
use crate::{Error, Result};

/// A lens power, exact to 0.01 D. JSON carries the plain number (`-1.25`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct Dioptres(i32);

/// How a zero power is printed; clinics differ, so it is a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ZeroStyle {
    /// `plano`
    Plano,
    /// `0.00`
    Numeric,
}

impl Dioptres {
    pub const ZERO: Dioptres = Dioptres(0);

    pub fn from_hundredths(hundredths: i32) -> Dioptres {
        Dioptres(hundredths)
    }

    pub fn hundredths(self) -> i32 {
        self.0
    }

    /// A typed power: `+1.25`, `-0.5`, `1`, `−1.00`, `+1.25DS`, `-0.75 DC`, `plano`, `pl`, `0`. Exact to 0.01 D;
    /// the step and range of each field are checked by [`validate`].
    pub fn parse(field: &str, label: &str, text: &str) -> Result<Dioptres> {
        let lower = text.trim().to_lowercase();
        if matches!(lower.as_str(), "plano" | "pl" | "pl.") {
            return Ok(Dioptres::ZERO);
        }
        let number = ["ds", "dc", "d"]
            .iter()
            .find_map(|unit| lower.strip_suffix(unit))
            .unwrap_or(&lower)
            .trim_end();
        match fixed::parse(number, 2) {
            Ok(t) => i32::try_from(t.units)
                .map(Dioptres)
                .map_err(|_| Error::validation(field, format!("{label} is far too large."))),
            Err(NumError::TooPrecise) => Err(Error::validation(
                field,
                format!("{label} has at most two decimals, like -1.25."),
            )),
            Err(NumError::NotANumber) => Err(Error::validation(
                field,
                format!(
                    "{label} is a power in dioptres, like +1.25, -0.50 or plano; “{}” is not.",
                    text.trim()
                ),
            )),
        }
    }

    /// Signed with two decimals (`+1.25`, `-0.50`); zero as `plano` or `0.00`. [`Display`](fmt::Display) is
    /// the numeric style.
    pub fn format(self, zero: ZeroStyle) -> String {
        match (self.0, zero) {
            (0, ZeroStyle::Plano) => "plano".into(),
            (0, ZeroStyle::Numeric) => "0.00".into(),
            (h, _) if h > 0 => format!("+{}", fixed::write(i64::from(h), 2)),
            (h, _) => fixed::write(i64::from(h), 2),
        }
    }

    fn checked(
        self,
        field: &str,
        label: &str,
        range: std::ops::RangeInclusive<i32>,
        step: i32,
    ) -> Result<Dioptres> {
        if !range.contains(&self.0) {
            let (lo, hi) = (Dioptres(*range.start()), Dioptres(*range.end()));
            return Err(Error::validation(
                field,
                format!("{label} is from {lo} to {hi} D."),
            ));
        }
        if self.0 % step != 0 {
            return Err(Error::validation(
                field,
                format!("{label} goes in steps of 0.25 D, like -1.25 or +0.50."),
            ));
        }
        Ok(self)
    }
}

impl fmt::Display for Dioptres {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format(ZeroStyle::Numeric))
    }
}

impl From<Dioptres> for f64 {
    fn from(d: Dioptres) -> f64 {
        fixed::to_f64(i64::from(d.0), 2)
    }
}

impl TryFrom<f64> for Dioptres {
    type Error = Error;
    fn try_from(x: f64) -> Result<Dioptres> {
        fixed::from_f64(x, 2)
            .and_then(|h| i32::try_from(h).ok())
            .map(Dioptres)
            .ok_or_else(|| Error::validation("dioptres", "A power is in dioptres to two decimals."))
    }
}

/// A cylinder axis in whole degrees, 1–180 (0 is written 180). JSON carries the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "u16", try_from = "u16")]
#[ts(type = "number")]
pub struct Axis(u16);

const AXIS_RULE: &str = "Axis is a whole number from 1 to 180.";

impl Axis {
    /// `None` above 180; 0 becomes 180, the same meridian.
    pub fn new(degrees: u16) -> Option<Axis> {
        match degrees {
            0 => Some(Axis(180)),
            1..=180 => Some(Axis(degrees)),
            _ => None,
        }
    }

    pub fn degrees(self) -> u16 {
        self.0
    }

    /// `90`, `090`, `×90`, `x 90`, `90°`, `0` (= 180).
    pub fn parse(field: &str, text: &str) -> Result<Axis> {
        let s = text.trim();
        let s = s
            .strip_prefix(['×', 'x', 'X', '@'])
            .unwrap_or(s)
            .trim_start();
        let s = s.strip_suffix('°').unwrap_or(s).trim_end();
        match fixed::parse(s, 0) {
            Ok(fixed::Typed {
                units,
                signed: false,
            }) => u16::try_from(units).ok().and_then(Axis::new),
            _ => None,
        }
        .ok_or_else(|| Error::validation(field, AXIS_RULE))
    }

    /// The other principal meridian, 90° away, as transposition needs.
    fn perpendicular(self) -> Axis {
        if self.0 <= 90 {
            Axis(self.0 + 90)
        } else {
            Axis(self.0 - 90)
        }
    }
}

/// Three digits, as prescriptions print it after `×` (`090`).
impl fmt::Display for Axis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}", self.0)
    }
}

impl From<Axis> for u16 {
    fn from(a: Axis) -> u16 {
        a.0
    }
}

impl TryFrom<u16> for Axis {
    type Error = Error;
    fn try_from(d: u16) -> Result<Axis> {
        match d {
            1..=180 => Ok(Axis(d)),
            _ => Err(Error::validation("axis", AXIS_RULE)),
        }
    }
}

/// A non-zero cylinder and its axis: one cannot be recorded without the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Cylinder {
    pub power: Dioptres,
    pub axis: Axis,
}

/// Which sign of cylinder a refraction is written with; the same lens either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CylinderForm {
    Minus,
    Plus,
}

/// Prism base direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PrismBase {
    /// Base in (towards the nose).
    Bi,
    /// Base out.
    Bo,
    /// Base up.
    Bu,
    /// Base down.
    Bd,
}

impl PrismBase {
    /// `BI`, `base in`, `in`, `b.i.` and so on.
    fn read(text: &str) -> Option<PrismBase> {
        let key: String = text
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        match key.as_str() {
            "bi" | "basein" | "in" => Some(PrismBase::Bi),
            "bo" | "baseout" | "out" => Some(PrismBase::Bo),
            "bu" | "baseup" | "up" => Some(PrismBase::Bu),
            "bd" | "basedown" | "down" => Some(PrismBase::Bd),
            _ => None,
        }
    }
}

impl fmt::Display for PrismBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PrismBase::Bi => "BI",
            PrismBase::Bo => "BO",
            PrismBase::Bu => "BU",
            PrismBase::Bd => "BD",
        })
    }
}

/// A prism power, exact to 0.01 prism dioptre (entered in 0.25 Δ steps). JSON carries the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct PrismDioptres(i32);

impl PrismDioptres {
    pub fn hundredths(self) -> i32 {
        self.0
    }
}

impl From<PrismDioptres> for f64 {
    fn from(p: PrismDioptres) -> f64 {
        fixed::to_f64(i64::from(p.0), 2)
    }
}

impl TryFrom<f64> for PrismDioptres {
    type Error = Error;
    fn try_from(x: f64) -> Result<PrismDioptres> {
        fixed::from_f64(x, 2)
            .and_then(|h| i32::try_from(h).ok())
            .filter(|h| *h > 0)
            .map(PrismDioptres)
            .ok_or_else(|| Error::validation("prism", PRISM_RULE))
    }
}

/// Two decimals, as powers are printed (`1.50`).
impl fmt::Display for PrismDioptres {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::write(i64::from(self.0), 2))
    }
}

/// A prism with its base; one is never recorded without the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Prism {
    pub amount: PrismDioptres,
    pub base: PrismBase,
}

/// `1.50Δ BI`
impl fmt::Display for Prism {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Δ {}", self.amount, self.base)
    }
}

const PRISM_RULE: &str = "Prism is from 0.25 to 20 prism dioptres in steps of 0.25, like 1.5 or 2.";

/// A pupillary distance, exact to 0.1 mm (entered in 0.5 mm steps). JSON carries the number of millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct Pd(u16);

impl Pd {
    pub fn tenths_mm(self) -> u16 {
        self.0
    }

    /// `62`, `62.5`, `62 mm`; `range` in tenths of a millimetre.
    fn parse(
        field: &str,
        label: &str,
        text: &str,
        range: std::ops::RangeInclusive<u16>,
    ) -> Result<Pd> {
        let lower = text.trim().to_lowercase();
        let number = lower.strip_suffix("mm").unwrap_or(&lower).trim_end();
        let (lo, hi) = (range.start() / 10, range.end() / 10);
        let rule = || {
            Error::validation(
                field,
                format!(
                    "{label} is in millimetres from {lo} to {hi}, in steps of 0.5, like {lo}.5."
                ),
            )
        };
        match fixed::parse(number, 1) {
            Ok(fixed::Typed {
                units,
                signed: false,
            }) => u16::try_from(units)
                .ok()
                .filter(|t| range.contains(t) && t % 5 == 0)
                .map(Pd)
                .ok_or_else(rule),
            _ => Err(rule()),
        }
    }
}

/// Millimetres without a trailing `.0` (`62`, `62.5`).
impl fmt::Display for Pd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::write_short(i64::from(self.0), 1))
    }
}

impl From<Pd> for f64 {
    fn from(p: Pd) -> f64 {
        fixed::to_f64(i64::from(p.0), 1)
    }
}

impl TryFrom<f64> for Pd {
    type Error = Error;
    fn try_from(x: f64) -> Result<Pd> {
        fixed::from_f64(x, 1)
            .and_then(|t| u16::try_from(t).ok())
            .map(Pd)
            .ok_or_else(|| Error::validation("pd", "PD is in millimetres to one decimal."))
    }
}

/// Sphere + cylinder / 2, exact to 0.001 D because half a quarter-dioptre cylinder is an eighth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct SphericalEquivalent(i32);

impl SphericalEquivalent {
    pub fn thousandths(self) -> i32 {
        self.0
    }
}

/// Signed, two decimals unless the value needs three (`-1.25`, `-1.125`, `0.00`).
impl fmt::Display for SphericalEquivalent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = i64::from(self.0);
        let s = if t % 10 == 0 {
            fixed::write(t / 10, 2)
        } else {
            fixed::write(t, 3)
        };
        if t > 0 {
            write!(f, "+{s}")
        } else {
            f.write_str(&s)
        }
    }
}

impl From<SphericalEquivalent> for f64 {
    fn from(s: SphericalEquivalent) -> f64 {
        fixed::to_f64(i64::from(s.0), 3)
    }
}

impl TryFrom<f64> for SphericalEquivalent {
    type Error = Error;
    fn try_from(x: f64) -> Result<SphericalEquivalent> {
        fixed::from_f64(x, 3)
            .and_then(|t| i32::try_from(t).ok())
            .map(SphericalEquivalent)
            .ok_or_else(|| Error::validation("spherical_equivalent", "Not a dioptre value."))
    }
}

/// Which measurement a refraction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RefractionKind {
    Autorefraction,
    Retinoscopy,
    /// Manifest (subjective) refraction.
    Subjective,
    Cycloplegic,
    /// Lensometry of the glasses the patient wears.
    CurrentGlasses,
    /// What is prescribed.
    Final,
}

/// One eye's refraction as typed, one text per form field; blank or missing means not recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct EyeRefractionInput {
    pub sphere: Option<String>,
    pub cylinder: Option<String>,
    pub axis: Option<String>,
    pub add: Option<String>,
    /// Prism dioptres; may carry its base (`2 BI`) when `prism_base` is blank.
    pub prism: Option<String>,
    pub prism_base: Option<String>,
    /// Monocular PD, mm.
    pub pd: Option<String>,
}

/// One eye's refraction, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EyeRefraction {
    /// Zero is plano.
    pub sphere: Dioptres,
    pub cylinder: Option<Cylinder>,
    pub add: Option<Dioptres>,
    pub prism: Option<Prism>,
    /// Monocular PD.
    pub pd: Option<Pd>,
}

/// A refraction as the form sends it: both eyes and the binocular PD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RefractionInput {
    pub kind: RefractionKind,
    #[serde(default)]
    pub od: EyeRefractionInput,
    #[serde(default)]
    pub os: EyeRefractionInput,
    /// Binocular PD, mm.
    #[serde(default)]
    pub pd: Option<String>,
}

/// A validated refraction. An eye that was not refracted is `None` (a single-eye refraction is allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Refraction {
    pub kind: RefractionKind,
    pub od: Option<EyeRefraction>,
    pub os: Option<EyeRefraction>,
    /// Binocular PD.
    pub pd: Option<Pd>,
}

/// Checks both eyes in form order (right eye first) and returns the first problem found.
pub fn validate(input: &RefractionInput) -> Result<Refraction> {
    let od = EyeRefraction::validate("od", &input.od)?;
    let os = EyeRefraction::validate("os", &input.os)?;
    let pd = typed(input.pd.as_deref())
        .map(|t| Pd::parse("pd", "Binocular PD", t, 400..=800))
        .transpose()?;
    if od.is_none() && os.is_none() {
        return Err(Error::validation(
            "od.sphere",
            "Enter the refraction of at least one eye.",
        ));
    }
    Ok(Refraction {
        kind: input.kind,
        od,
        os,
        pd,
    })
}

impl EyeRefraction {
    /// One eye's fields; `eye` (`od`, `os`) prefixes the field names in errors. `None` when every field is blank.
    pub fn validate(eye: &str, input: &EyeRefractionInput) -> Result<Option<EyeRefraction>> {
        let f = |name: &str| field(eye, name);
        let texts = [
            &input.sphere,
            &input.cylinder,
            &input.axis,
            &input.add,
            &input.prism,
            &input.prism_base,
            &input.pd,
        ];
        if texts.iter().all(|t| typed(t.as_deref()).is_none()) {
            return Ok(None);
        }
        let sphere = match typed(input.sphere.as_deref()) {
            Some(t) => Dioptres::parse(&f("sphere"), "Sphere", t)?.checked(
                &f("sphere"),
                "Sphere",
                -3000..=3000,
                25,
            )?,
            None => {
                return Err(Error::validation(
                    f("sphere"),
                    "Sphere is required; type plano (or 0) if there is none.",
                ));
            }
        };
        let cylinder_power = typed(input.cylinder.as_deref())
            .map(|t| {
                Dioptres::parse(&f("cylinder"), "Cylinder", t)?.checked(
                    &f("cylinder"),
                    "Cylinder",
                    -1500..=1500,
                    25,
                )
            })
            .transpose()?;
        let axis = typed(input.axis.as_deref())
            .map(|t| Axis::parse(&f("axis"), t))
            .transpose()?;
        let cylinder = match (cylinder_power.filter(|c| c.0 != 0), axis) {
            (Some(power), Some(axis)) => Some(Cylinder { power, axis }),
            (Some(_), None) => {
                return Err(Error::validation(
                    f("axis"),
                    "Axis is required with a cylinder: a whole number from 1 to 180.",
                ));
            }
            (None, Some(_)) if cylinder_power.is_some() => {
                return Err(Error::validation(
                    f("axis"),
                    "A zero cylinder has no axis; clear the axis.",
                ));
            }
            (None, Some(_)) => {
                return Err(Error::validation(
                    f("axis"),
                    "An axis goes with a cylinder; enter the cylinder or clear the axis.",
                ));
            }
            (None, None) => None,
        };
        let add = typed(input.add.as_deref())
            .map(|t| {
                let add = Dioptres::parse(&f("add"), "ADD", t)?;
                if add.0 <= 0 {
                    return Err(Error::validation(
                        f("add"),
                        "ADD is positive, from +0.25 to +4.00; leave it blank if there is none.",
                    ));
                }
                add.checked(&f("add"), "ADD", 25..=400, 25)
            })
            .transpose()?;
        let prism = prism(eye, input)?;
        let pd = typed(input.pd.as_deref())
            .map(|t| Pd::parse(&f("pd"), "Monocular PD", t, 200..=400))
            .transpose()?;
        Ok(Some(EyeRefraction {
            sphere,
            cylinder,
            add,
            prism,
            pd,
        }))
    }

    /// The same lens in the other cylinder form: sphere + cylinder, cylinder negated, axis turned 90°.
    pub fn transposed(&self) -> EyeRefraction {
        let Some(c) = self.cylinder else {
            return *self;
        };
        EyeRefraction {
            sphere: Dioptres(self.sphere.0 + c.power.0),
            cylinder: Some(Cylinder {
                power: Dioptres(-c.power.0),
                axis: c.axis.perpendicular(),
            }),
            ..*self
        }
    }

    /// This refraction written with `form` cylinder (a clinic prints one form); a sphere is unchanged.
    pub fn in_form(&self, form: CylinderForm) -> EyeRefraction {
        match (self.cylinder, form) {
            (Some(c), CylinderForm::Minus) if c.power.0 > 0 => self.transposed(),
            (Some(c), CylinderForm::Plus) if c.power.0 < 0 => self.transposed(),
            _ => *self,
        }
    }

    /// Sphere + cylinder / 2; the same in both cylinder forms.
    pub fn spherical_equivalent(&self) -> SphericalEquivalent {
        let cyl = self.cylinder.map_or(0, |c| c.power.0);
        SphericalEquivalent(self.sphere.0 * 10 + cyl * 5)
    }

    /// Sphere, cylinder and axis as printed: `-1.00 / -0.50 × 090`, or `+2.25 DS` for a sphere alone.
    pub fn sphero_cylinder(&self, zero: ZeroStyle) -> String {
        let sphere = self.sphere.format(zero);
        match self.cylinder {
            Some(c) => format!("{sphere} / {} × {}", c.power.format(zero), c.axis),
            None => format!("{sphere} DS"),
        }
    }
}

/// The prism and its base, which may be typed in the prism field (`2 BI`) or in its own.
fn prism(eye: &str, input: &EyeRefractionInput) -> Result<Option<Prism>> {
    let f = |name: &str| field(eye, name);
    let base_field = typed(input.prism_base.as_deref())
        .map(|t| {
            PrismBase::read(t).ok_or_else(|| {
                Error::validation(f("prism_base"), "Prism base is BI, BO, BU or BD.")
            })
        })
        .transpose()?;
    let Some(text) = typed(input.prism.as_deref()) else {
        return match base_field {
            Some(_) => Err(Error::validation(
                f("prism_base"),
                "A prism base goes with a prism; enter the prism or clear the base.",
            )),
            None => Ok(None),
        };
    };
    let lower = text.to_lowercase();
    let end = lower
        .find(|c: char| !(c.is_ascii_digit() || ".,+- ".contains(c)))
        .unwrap_or(lower.len());
    let (number, rest) = lower.split_at(end);
    let rest = rest.trim_start();
    let rest = ["δ", "∆", "^", "pd", "p.d."]
        .iter()
        .find_map(|mark| rest.strip_prefix(mark))
        .unwrap_or(rest)
        .trim();
    let base_typed = match rest {
        "" => None,
        r => Some(PrismBase::read(r).ok_or_else(|| Error::validation(f("prism"), PRISM_RULE))?),
    };
    let amount = match fixed::parse(number.trim(), 2) {
        Ok(fixed::Typed {
            units,
            signed: false,
        }) if units == 0 || (25..=2000).contains(&units) && units % 25 == 0 => units,
        _ => return Err(Error::validation(f("prism"), PRISM_RULE)),
    };
    if amount == 0 {
        return match base_field.or(base_typed) {
            Some(_) => Err(Error::validation(
                f("prism_base"),
                "A prism base goes with a prism; enter the prism or clear the base.",
            )),
            None => Ok(None),
        };
    }
    let base = match (base_typed, base_field) {
        (Some(a), Some(b)) if a != b => {
            return Err(Error::validation(
                f("prism_base"),
                format!("The prism says {a} but the base says {b}; keep one."),
            ));
        }
        (Some(b), _) | (None, Some(b)) => b,
        (None, None) => {
            return Err(Error::validation(
                f("prism_base"),
                "Give the prism base: BI, BO, BU or BD.",
            ));
        }
    };
    Ok(Some(Prism {
        amount: PrismDioptres(amount as i32),
        base,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eye(sphere: &str, cylinder: &str, axis: &str) -> EyeRefractionInput {
        let t = |s: &str| (!s.is_empty()).then(|| s.to_string());
        EyeRefractionInput {
            sphere: t(sphere),
            cylinder: t(cylinder),
            axis: t(axis),
            ..Default::default()
        }
    }

    fn ok(input: EyeRefractionInput) -> EyeRefraction {
        EyeRefraction::validate("od", &input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
            .expect("recorded")
    }

    fn refused(eye_prefix: &str, input: EyeRefractionInput) -> (String, String) {
        let e = EyeRefraction::validate(eye_prefix, &input).expect_err("must be refused");
        (e.field.expect("field"), e.message)
    }

    fn d(h: i32) -> Dioptres {
        Dioptres(h)
    }

    #[test]
    fn powers_parse_as_typed() {
        let p = |s: &str| Dioptres::parse("f", "Sphere", s).map(Dioptres::hundredths);
        assert_eq!(p("+1.25"), Ok(125));
        assert_eq!(p("-0.5"), Ok(-50));
        assert_eq!(p("1"), Ok(100));
        assert_eq!(p("plano"), Ok(0));
        assert_eq!(p("PL"), Ok(0));
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("−1.00"), Ok(-100));
        assert_eq!(p("+1.25DS"), Ok(125));
        assert_eq!(p("-0.75 DC"), Ok(-75));
        assert_eq!(p(" -2,50 D "), Ok(-250));
        assert!(
            p("1.255")
                .expect_err("3 decimals")
                .message
                .contains("two decimals")
        );
        assert!(p("abc").expect_err("text").message.contains("“abc” is not"));
        assert!(p("").is_err());
        assert!(p("+-1").is_err());
    }

    #[test]
    fn powers_format_signed_with_two_decimals() {
        assert_eq!(d(125).format(ZeroStyle::Numeric), "+1.25");
        assert_eq!(d(-50).format(ZeroStyle::Plano), "-0.50");
        assert_eq!(d(0).format(ZeroStyle::Plano), "plano");
        assert_eq!(d(0).format(ZeroStyle::Numeric), "0.00");
        assert_eq!(d(-1075).to_string(), "-10.75");
    }

    #[test]
    fn a_full_eye_validates() {
        let input = EyeRefractionInput {
            sphere: Some("-1.00".into()),
            cylinder: Some("-0.50".into()),
            axis: Some("×090".into()),
            add: Some("+2.00".into()),
            prism: Some("1.5".into()),
            prism_base: Some("base in".into()),
            pd: Some("31.5 mm".into()),
        };
        let r = ok(input);
        assert_eq!(r.sphere, d(-100));
        assert_eq!(
            r.cylinder,
            Some(Cylinder {
                power: d(-50),
                axis: Axis(90)
            })
        );
        assert_eq!(r.add, Some(d(200)));
        assert_eq!(
            r.prism,
            Some(Prism {
                amount: PrismDioptres(150),
                base: PrismBase::Bi
            })
        );
        assert_eq!(r.pd, Some(Pd(315)));
        assert_eq!(r.sphero_cylinder(ZeroStyle::Plano), "-1.00 / -0.50 × 090");
        assert_eq!(r.prism.expect("prism").to_string(), "1.50Δ BI");
        assert_eq!(r.pd.expect("pd").to_string(), "31.5");
    }

    #[test]
    fn blank_eye_is_not_recorded_and_sphere_is_required_otherwise() {
        assert_eq!(
            EyeRefraction::validate("os", &eye("", " ", "")).expect("ok"),
            None
        );
        let (f, m) = refused("os", eye("", "-0.50", "90"));
        assert_eq!(f, "os.sphere");
        assert!(m.contains("plano"), "{m}");
        let r = ok(eye("plano", "", ""));
        assert_eq!(r.sphere, Dioptres::ZERO);
        assert_eq!(r.sphero_cylinder(ZeroStyle::Plano), "plano DS");
        assert_eq!(r.sphero_cylinder(ZeroStyle::Numeric), "0.00 DS");
    }

    #[test]
    fn steps_and_ranges() {
        assert_eq!(refused("od", eye("-1.10", "", "")).0, "od.sphere");
        assert!(
            refused("od", eye("-1.10", "", ""))
                .1
                .contains("steps of 0.25")
        );
        assert!(
            refused("od", eye("+30.25", "", ""))
                .1
                .contains("-30.00 to +30.00")
        );
        assert!(ok(eye("-30", "", "")).sphere == d(-3000));
        assert_eq!(refused("od", eye("0", "-0.3", "90")).0, "od.cylinder");
        assert!(
            refused("od", eye("0", "-15.25", "90"))
                .1
                .contains("-15.00 to +15.00")
        );
        assert!(ok(eye("0", "+15", "1")).cylinder.is_some());
    }

    #[test]
    fn axis_goes_with_a_cylinder() {
        let (f, m) = refused("os", eye("-1", "-0.5", ""));
        assert_eq!(f, "os.axis");
        assert!(m.contains("required"), "{m}");
        let (f, m) = refused("os", eye("-1", "", "90"));
        assert_eq!(f, "os.axis");
        assert!(m.contains("enter the cylinder"), "{m}");
        let (_, m) = refused("os", eye("-1", "0.00", "90"));
        assert!(m.contains("zero cylinder"), "{m}");
        assert_eq!(ok(eye("-1", "0", "")).cylinder, None);
        for bad in ["181", "90.5", "-5", "abc", "x", "1000000000"] {
            let (f, m) = refused("od", eye("-1", "-1", bad));
            assert_eq!((f.as_str(), m.as_str()), ("od.axis", AXIS_RULE), "{bad}");
        }
        let axis = |t: &str| ok(eye("-1", "-1", t)).cylinder.expect("cyl").axis.degrees();
        assert_eq!(axis("0"), 180);
        assert_eq!(axis("180"), 180);
        assert_eq!(axis("x 5"), 5);
        assert_eq!(axis("045°"), 45);
        assert_eq!(Axis(5).to_string(), "005");
    }

    #[test]
    fn add_prism_and_pd() {
        let with = |f: fn(&mut EyeRefractionInput)| {
            let mut i = eye("+1", "", "");
            f(&mut i);
            EyeRefraction::validate("od", &i)
        };
        assert_eq!(
            with(|i| i.add = Some("2.5".into()))
                .expect("ok")
                .expect("eye")
                .add,
            Some(d(250))
        );
        for bad in ["0", "-1.00", "+4.25", "+2.10"] {
            let mut i = eye("+1", "", "");
            i.add = Some(bad.into());
            let e = EyeRefraction::validate("od", &i).expect_err(bad);
            assert_eq!(e.field.as_deref(), Some("od.add"), "{bad}");
        }
        let prism = |p: &str, b: &str| {
            let mut i = eye("+1", "", "");
            i.prism = Some(p.into());
            i.prism_base = Some(b.into());
            EyeRefraction::validate("od", &i).map(|r| r.and_then(|r| r.prism))
        };
        let pr = |h: i32, base| {
            Some(Prism {
                amount: PrismDioptres(h),
                base,
            })
        };
        assert_eq!(prism("2", "BO"), Ok(pr(200, PrismBase::Bo)));
        assert_eq!(prism("0.75Δ", "b.u."), Ok(pr(75, PrismBase::Bu)));
        assert_eq!(prism("2 BI", ""), Ok(pr(200, PrismBase::Bi)));
        assert_eq!(prism("3∆ base down", " "), Ok(pr(300, PrismBase::Bd)));
        assert_eq!(prism("20pd out", "BO"), Ok(pr(2000, PrismBase::Bo)));
        assert_eq!(prism("0", ""), Ok(None));
        assert_eq!(prism("", ""), Ok(None));
        let field_of = |p: &str, b: &str| prism(p, b).expect_err("refused").field.expect("field");
        assert_eq!(field_of("2", ""), "od.prism_base");
        assert_eq!(field_of("", "BI"), "od.prism_base");
        assert_eq!(field_of("0", "BI"), "od.prism_base");
        assert_eq!(field_of("2 BI", "BO"), "od.prism_base");
        assert_eq!(field_of("2", "sideways"), "od.prism_base");
        assert_eq!(field_of("20.25", "BI"), "od.prism");
        assert_eq!(field_of("1.1", "BI"), "od.prism");
        assert_eq!(field_of("-1", "BI"), "od.prism");
        assert_eq!(field_of("2 left", ""), "od.prism");

        let pd = |t: &str| {
            let mut i = eye("+1", "", "");
            i.pd = Some(t.into());
            EyeRefraction::validate("os", &i).map(|r| r.and_then(|r| r.pd))
        };
        assert_eq!(pd("32"), Ok(Some(Pd(320))));
        assert_eq!(pd("32.5mm"), Ok(Some(Pd(325))));
        for bad in ["19.5", "40.5", "32.2", "64", "-31"] {
            assert_eq!(pd(bad).expect_err(bad).field.as_deref(), Some("os.pd"));
        }
    }

    #[test]
    fn whole_refraction() {
        let input = RefractionInput {
            kind: RefractionKind::Subjective,
            od: eye("-2.00", "-0.75", "180"),
            os: EyeRefractionInput::default(),
            pd: Some("63".into()),
        };
        let r = validate(&input).expect("valid");
        assert_eq!(r.pd, Some(Pd(630)));
        assert!(r.od.is_some() && r.os.is_none());
        let e = validate(&RefractionInput {
            pd: Some("90".into()),
            ..input.clone()
        })
        .expect_err("pd");
        assert_eq!(e.field.as_deref(), Some("pd"));
        assert!(e.message.contains("40 to 80"), "{}", e.message);
        let e = validate(&RefractionInput {
            od: EyeRefractionInput::default(),
            ..input.clone()
        })
        .expect_err("no eye");
        assert_eq!(e.field.as_deref(), Some("od.sphere"));
        let json = serde_json::json!({"kind": "final", "os": {"sphere": "+1.00", "axis": "90"}});
        let input: RefractionInput = serde_json::from_value(json).expect("json");
        assert_eq!(
            validate(&input).expect_err("axis").field.as_deref(),
            Some("os.axis")
        );
        assert!(
            serde_json::from_value::<RefractionInput>(
                serde_json::json!({"kind": "final", "bogus": 1})
            )
            .is_err()
        );
    }

    #[test]
    fn transposition_and_spherical_equivalent() {
        let r = ok(eye("+1.00", "-0.75", "30"));
        let t = r.transposed();
        assert_eq!(t.sphero_cylinder(ZeroStyle::Numeric), "+0.25 / +0.75 × 120");
        assert_eq!(t.transposed(), r);
        assert_eq!(r.spherical_equivalent().to_string(), "+0.625");
        assert_eq!(t.spherical_equivalent(), r.spherical_equivalent());
        assert_eq!(r.in_form(CylinderForm::Minus), r);
        assert_eq!(r.in_form(CylinderForm::Plus), t);
        assert_eq!(t.in_form(CylinderForm::Minus), r);
        let r = ok(eye("-2.00", "-1.00", "180"));
        assert_eq!(r.transposed().cylinder.expect("cyl").axis, Axis(90));
        assert_eq!(r.spherical_equivalent().to_string(), "-2.50");
        assert_eq!(
            ok(eye("0", "", "")).spherical_equivalent().to_string(),
            "0.00"
        );
    }

    #[test]
    fn json_carries_plain_numbers() {
        let r = ok(EyeRefractionInput {
            add: Some("+2.25".into()),
            pd: Some("31.5".into()),
            ..eye("-1.25", "-0.50", "5")
        });
        let json = serde_json::to_value(r).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"sphere": -1.25, "cylinder": {"power": -0.5, "axis": 5}, "add": 2.25,
                "prism": null, "pd": 31.5})
        );
        assert_eq!(
            serde_json::from_value::<EyeRefraction>(json).expect("back"),
            r
        );
        assert!(serde_json::from_value::<Axis>(serde_json::json!(0)).is_err());
        assert!(serde_json::from_value::<Dioptres>(serde_json::json!(1.255)).is_err());
        assert!(serde_json::from_value::<PrismDioptres>(serde_json::json!(-1)).is_err());
    }

    fn quarter(lo: i32, hi: i32) -> impl Strategy<Value = Dioptres> {
        (lo / 25..=hi / 25).prop_map(|q| Dioptres(q * 25))
    }

    fn any_eye() -> impl Strategy<Value = EyeRefraction> {
        (
            quarter(-3000, 3000),
            proptest::option::of((quarter(-1500, 1500), 1u16..=180)),
        )
            .prop_map(|(sphere, cyl)| EyeRefraction {
                sphere,
                cylinder: cyl.filter(|(p, _)| p.0 != 0).map(|(power, axis)| Cylinder {
                    power,
                    axis: Axis(axis),
                }),
                add: None,
                prism: None,
                pd: None,
            })
    }

    proptest! {
        #[test]
        fn transposing_twice_is_identity(r in any_eye()) {
            prop_assert_eq!(r.transposed().transposed(), r);
            prop_assert_eq!(r.transposed().spherical_equivalent(), r.spherical_equivalent());
            let minus = r.in_form(CylinderForm::Minus);
            prop_assert!(minus.cylinder.is_none_or(|c| c.power.0 < 0));
            prop_assert_eq!(minus.in_form(CylinderForm::Plus).in_form(CylinderForm::Minus), minus);
        }

        #[test]
        fn format_then_parse_is_identity(r in any_eye(), plano in any::<bool>()) {
            let zero = if plano { ZeroStyle::Plano } else { ZeroStyle::Numeric };
            let input = EyeRefractionInput {
                sphere: Some(r.sphere.format(zero)),
                cylinder: r.cylinder.map(|c| c.power.format(zero)),
                axis: r.cylinder.map(|c| c.axis.to_string()),
                ..Default::default()
            };
            prop_assert_eq!(EyeRefraction::validate("od", &input), Ok(Some(r)));
        }

        #[test]
        fn validate_never_panics(
            texts in proptest::collection::vec(proptest::option::of(any::<String>()), 7),
        ) {
            let input = EyeRefractionInput {
                sphere: texts[0].clone(),
                cylinder: texts[1].clone(),
                axis: texts[2].clone(),
                add: texts[3].clone(),
                prism: texts[4].clone(),
                prism_base: texts[5].clone(),
                pd: texts[6].clone(),
            };
            let _ = EyeRefraction::validate("od", &input);
        }

        #[test]
        fn refraction_like_text_never_panics(
            texts in proptest::collection::vec("[ 0-9.,+\\-−xX×°ΔδBIOUDbioudplanmPL]{0,10}", 7),
        ) {
            let input = EyeRefractionInput {
                sphere: Some(texts[0].clone()),
                cylinder: Some(texts[1].clone()),
                axis: Some(texts[2].clone()),
                add: Some(texts[3].clone()),
                prism: Some(texts[4].clone()),
                prism_base: Some(texts[5].clone()),
                pd: Some(texts[6].clone()),
            };
            if let Ok(Some(r)) = EyeRefraction::validate("od", &input) {
                prop_assert_eq!(r.transposed().transposed(), r);
            }
        }
    }
}
