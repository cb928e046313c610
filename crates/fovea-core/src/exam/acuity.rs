//! Visual acuity as clinics type it, kept as typed and as one canonical LogMAR so any notation can be shown and
//! trends plotted across clinics and years.
//!
//! **Canonical unit: LogMAR in hundredths** ([`LogMar`], an `i32`). One chart letter is 0.02 LogMAR and one line
//! 0.1, so partial lines (`6/9 -2`) are exact integer additions; published LogMAR values and charts use two
//! decimals; and a Snellen fraction or decimal, whose LogMAR is irrational, is rounded once, at entry, to the
//! nearest 0.01 (a quarter of a letter at worst). Thousandths would only add digits nobody can measure, and make a
//! typed LogMAR `0.30` differ from the `0.301` of `6/12`.
//!
//! **Which notation a bare number is.** `0.5` could be decimal or LogMAR, and `85` could be letters. The caller
//! passes the clinic's default notation for the field as the hint. Without a hint a bare number is decimal acuity;
//! explicit markers always win: `logmar 0.30`, a signed number (`-0.10`, `+0.20`; decimal acuity has no sign),
//! `85 letters`, `N8`.
//!
//! **Display in another notation** ([`LogMar::format_as`]) is exact whenever the notation can say it exactly, so
//! that reading the shown text back gives the same LogMAR:
//! - Snellen: a standard chart line (`6/12`), else the nearest standard line with whole letters within two
//!   letters (`6/9 -2`: worse is minus, as clinics write it), else the exact fraction to at most two decimals
//!   (`6/6.7` for decimal 0.9). Never an approximation marker.
//! - Decimal: the value to two decimals (`0.50`), more only when two would read back differently (`0.316`).
//! - LogMAR: two decimals (`0.30`, `-0.10`).
//! - ETDRS letters and N-point: exact when possible (`70 letters`, `N8`); values between letters or outside the
//!   scale show the nearest with a `~` (`~76 letters`, `~N48`), which parsing refuses, so an approximation is
//!   never stored as a measurement.
//!
//! Near acuity in N-point is converted at the standard 40 cm reading distance with N8 = 1 M unit
//! (LogMAR = log10(N / 3.2)), so near and distance share one axis on a trend chart.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::fixed::{self, NumError};
use crate::{Error, Result};

/// How an acuity is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Notation {
    /// `6/9`, `3/60`: test distance in metres over the line.
    SnellenMetric,
    /// `20/40`: test distance in feet over the line.
    SnellenImperial,
    /// `0.5`: the Snellen fraction as a number.
    Decimal,
    /// `0.30`: log10 of the minimum angle of resolution in minutes of arc.
    Logmar,
    /// `85 letters`: letters read on an ETDRS chart (85 = LogMAR 0.0).
    EtdrsLetters,
    /// `N8`: near print size in points.
    NPoint,
}

/// Vision below the chart, recorded as a category rather than a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OffChart {
    /// Counting fingers, often at a stated distance.
    Cf,
    /// Hand motion.
    Hm,
    /// Perception of light.
    Pl,
    /// No perception of light.
    Npl,
}

/// A LogMAR value, exact to 0.01 (kept as hundredths; see the module documentation for why). JSON carries the
/// plain number, `0.3` for 6/12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(into = "f64", try_from = "f64")]
#[ts(type = "number")]
pub struct LogMar(i32);

/// The best acuity recorded, 6/3 (20/10, decimal 2.0).
const BEST: i32 = -30;
/// The worst LogMAR on a chart scale; anything worse is an off-chart category.
const WORST: i32 = 300;
/// Partial lines larger than this are a different line, not a partial one.
const MAX_PARTIAL_LETTERS: i64 = 5;
const MAX_TEXT: usize = 40;
const EXAMPLES: &str =
    "Type it like 6/9, 20/40, 0.5, logmar 0.30, 85 letters, N8, CF 1m, HM, PL or NPL.";

impl LogMar {
    /// `None` outside −0.30 … 3.00.
    pub fn from_hundredths(hundredths: i32) -> Option<LogMar> {
        (BEST..=WORST)
            .contains(&hundredths)
            .then_some(LogMar(hundredths))
    }

    pub fn hundredths(self) -> i32 {
        self.0
    }

    /// This acuity written in `notation`; see the module documentation for the rules.
    pub fn format_as(self, notation: Notation) -> String {
        let v = i64::from(self.0);
        match notation {
            Notation::SnellenMetric => snellen_text(v, 6, &METRIC_LINES),
            Notation::SnellenImperial => snellen_text(v, 20, &IMPERIAL_LINES),
            Notation::Decimal => decimal_text(v),
            Notation::Logmar => self.to_string(),
            Notation::EtdrsLetters => letters_text(v),
            Notation::NPoint => n_point_text(v),
        }
    }
}

impl fmt::Display for LogMar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&fixed::write(i64::from(self.0), 2))
    }
}

impl From<LogMar> for f64 {
    fn from(v: LogMar) -> f64 {
        fixed::to_f64(i64::from(v.0), 2)
    }
}

impl TryFrom<f64> for LogMar {
    type Error = Error;
    fn try_from(x: f64) -> Result<LogMar> {
        fixed::from_f64(x, 2)
            .and_then(|h| i32::try_from(h).ok())
            .and_then(LogMar::from_hundredths)
            .ok_or_else(|| Error::validation("logmar", "LogMAR is -0.30 to 3.00 in steps of 0.01."))
    }
}

/// One recorded visual acuity: the text as typed, and what it means.
///
/// Either a chart reading (`notation` and `logmar` set) or an off-chart category (`off_chart` set, with
/// `cf_distance_cm` for counting fingers at a distance). Only [`VisualAcuity::parse`] makes one, and reading one
/// back from JSON parses its `text` again, so the parts always agree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(try_from = "StoredAcuity")]
#[ts(export)]
pub struct VisualAcuity {
    text: String,
    notation: Option<Notation>,
    logmar: Option<LogMar>,
    off_chart: Option<OffChart>,
    cf_distance_cm: Option<u16>,
}

/// What is needed to rebuild a [`VisualAcuity`]: everything else is derived from it.
#[derive(Deserialize)]
struct StoredAcuity {
    text: String,
    notation: Option<Notation>,
}

impl TryFrom<StoredAcuity> for VisualAcuity {
    type Error = Error;
    fn try_from(s: StoredAcuity) -> Result<VisualAcuity> {
        let va = VisualAcuity::parse("visual_acuity", &s.text, s.notation)?;
        if va.notation != s.notation {
            return Err(Error::validation(
                "visual_acuity",
                format!(
                    "“{}” is not written in the notation it was stored with.",
                    s.text
                ),
            ));
        }
        Ok(va)
    }
}

impl VisualAcuity {
    /// Reads what staff typed. `hint` is the clinic's usual notation for this field and decides only what a bare
    /// number means (LogMAR, letters or N-point instead of decimal); `field` names the form field in errors.
    pub fn parse(field: &str, text: &str, hint: Option<Notation>) -> Result<VisualAcuity> {
        let typed = text.trim();
        if typed.is_empty() {
            return Err(Error::validation(
                field,
                format!("Visual acuity is empty. {EXAMPLES}"),
            ));
        }
        if typed.chars().count() > MAX_TEXT {
            return Err(Error::validation(
                field,
                format!("That is too long for a visual acuity. {EXAMPLES}"),
            ));
        }
        let reading = read(typed, hint).map_err(|m| Error::validation(field, m))?;
        let mut va = VisualAcuity {
            text: typed.to_string(),
            notation: None,
            logmar: None,
            off_chart: None,
            cf_distance_cm: None,
        };
        match reading {
            Reading::Chart(n, v) => {
                va.notation = Some(n);
                va.logmar = Some(v);
            }
            Reading::OffChart(c, d) => {
                va.off_chart = Some(c);
                va.cf_distance_cm = d;
            }
        }
        Ok(va)
    }

    /// The text as typed (trimmed).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// `None` for off-chart vision.
    pub fn notation(&self) -> Option<Notation> {
        self.notation
    }

    /// The measured LogMAR; `None` for off-chart vision, which has no measured value.
    pub fn logmar(&self) -> Option<LogMar> {
        self.logmar
    }

    pub fn off_chart(&self) -> Option<OffChart> {
        self.off_chart
    }

    /// Counting-fingers distance in centimetres, when one was given.
    pub fn cf_distance_cm(&self) -> Option<u16> {
        self.cf_distance_cm
    }

    /// A LogMAR for averages and plots, where off-chart vision needs a number: CF 1.9, HM 2.3, PL 2.7, NPL 3.0
    /// (Bach; Schulze-Bonsel et al. 2006). Never show it as the patient's acuity.
    pub fn logmar_for_statistics(&self) -> LogMar {
        match (self.logmar, self.off_chart) {
            (Some(v), _) => v,
            (None, Some(OffChart::Cf)) => LogMar(190),
            (None, Some(OffChart::Hm)) => LogMar(230),
            (None, Some(OffChart::Pl)) => LogMar(270),
            (None, Some(OffChart::Npl) | None) => LogMar(300),
        }
    }

    /// This acuity written in `notation` (see [`LogMar::format_as`]); off-chart vision is shown as its category,
    /// whatever the notation (`CF 1m`, `HM`).
    pub fn format_as(&self, notation: Notation) -> String {
        match (self.logmar, self.off_chart) {
            (Some(v), _) => v.format_as(notation),
            (None, Some(c)) => off_chart_text(c, self.cf_distance_cm),
            (None, None) => self.text.clone(),
        }
    }
}

enum Reading {
    Chart(Notation, LogMar),
    OffChart(OffChart, Option<u16>),
}

/// Interprets `typed` (trimmed, non-empty); the error is the message for staff.
fn read(typed: &str, hint: Option<Notation>) -> Result<Reading, String> {
    if typed.contains('~') {
        return Err("Type the acuity measured, not an approximation with ~.".into());
    }
    let s = normalize(typed);
    let tokens = tokens(&s);
    if let Some(r) = off_chart(&tokens) {
        return r;
    }
    if s.contains('/') {
        return snellen(typed, &s);
    }
    let not_acuity = || format!("“{typed}” is not a visual acuity. {EXAMPLES}");
    let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["n", size] => n_point(size),
        ["logmar", number] | [number, "logmar"] => logmar(number),
        [number, "letters" | "letter" | "ltrs" | "l"] => letters(number),
        [number] if number.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c)) => {
            bare_number(number, hint)
        }
        _ => Err(not_acuity()),
    }
}

/// Lower case, one kind of minus and decimal mark, and no dots in abbreviations (`c.f.` is `cf`).
fn normalize(typed: &str) -> String {
    let mut out = String::with_capacity(typed.len());
    let mut prev = ' ';
    for c in typed.to_lowercase().chars() {
        let c = match c {
            '−' | '–' | '—' => '-',
            ',' => '.',
            '@' => ' ',
            c => c,
        };
        if c == '.' && prev.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = c;
    }
    out
}

/// Words split by spaces and at every change between letters and anything else (`cf1m` is `cf 1 m`).
fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in s.split_whitespace() {
        let mut cur = String::new();
        for c in chunk.chars() {
            if let Some(last) = cur.chars().last()
                && last.is_alphabetic() != c.is_alphabetic()
            {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        out.push(cur);
    }
    out
}

/// `None` when the text does not start with an off-chart category.
fn off_chart(tokens: &[String]) -> Option<Result<Reading, String>> {
    let n_words = tokens
        .iter()
        .take_while(|t| t.chars().all(char::is_alphabetic))
        .count();
    let key: String = tokens[..n_words]
        .iter()
        .map(String::as_str)
        .filter(|t| *t != "at")
        .collect();
    let category = match key.as_str() {
        "cf" | "fc" | "cfs" | "countfingers" | "countingfingers" | "fingercounting" => OffChart::Cf,
        "hm" | "hms" | "handmotion" | "handmotions" | "handmovement" | "handmovements" => {
            OffChart::Hm
        }
        "pl" | "lp" | "perceptionoflight" | "lightperception" => OffChart::Pl,
        "npl" | "nlp" | "nopl" | "nolp" | "noperceptionoflight" | "nolightperception" => {
            OffChart::Npl
        }
        _ => return None,
    };
    let rest: Vec<&str> = tokens[n_words..].iter().map(String::as_str).collect();
    Some(match (category, rest.as_slice()) {
        (c, []) | (c @ OffChart::Pl, ["+"]) => Ok(Reading::OffChart(c, None)),
        (OffChart::Cf, distance) => {
            cf_distance(distance).map(|cm| Reading::OffChart(OffChart::Cf, Some(cm)))
        }
        (c, _) => Err(format!(
            "Nothing goes after {}: type it alone.",
            off_chart_text(c, None)
        )),
    })
}

/// Counting fingers is tested from a few centimetres to a few metres; beyond 6 m a chart would be read.
fn cf_distance(tokens: &[&str]) -> Result<u16, String> {
    const HOW: &str =
        "Give the counting-fingers distance with its unit, like CF 1m, CF 50cm or CF 3ft.";
    let [number, unit] = tokens else {
        return Err(HOW.into());
    };
    let Ok(fixed::Typed {
        units: hundredths,
        signed: false,
    }) = fixed::parse(number, 2)
    else {
        return Err(HOW.into());
    };
    let cm = match *unit {
        "m" | "metre" | "metres" | "meter" | "meters" => hundredths,
        "cm" => hundredths / 100,
        "ft" | "feet" | "foot" => (hundredths * 3048 + 5000) / 10_000,
        _ => return Err(HOW.into()),
    };
    if *unit == "cm" && hundredths % 100 != 0 {
        return Err("Give centimetres as a whole number, like CF 50cm.".into());
    }
    u16::try_from(cm)
        .ok()
        .filter(|cm| (5..=600).contains(cm))
        .ok_or_else(|| "Counting fingers is recorded from 5 cm to 6 m.".into())
}

fn off_chart_text(c: OffChart, cf_distance_cm: Option<u16>) -> String {
    match (c, cf_distance_cm) {
        (OffChart::Cf, Some(cm)) if cm % 100 == 0 || cm > 100 && cm % 10 == 0 => {
            format!("CF {}m", fixed::write_short(i64::from(cm), 2))
        }
        (OffChart::Cf, Some(cm)) => format!("CF {cm}cm"),
        (OffChart::Cf, None) => "CF".into(),
        (OffChart::Hm, _) => "HM".into(),
        (OffChart::Pl, _) => "PL".into(),
        (OffChart::Npl, _) => "NPL".into(),
    }
}

/// Standard Snellen chart lines as (test distance, line in hundredths): the traditional 6 m chart, the
/// LogMAR-series 6/7.5, and the reduced test distances used below 6/60.
const METRIC_LINES: [(i64, i64); 16] = [
    (6, 300),
    (6, 400),
    (6, 500),
    (6, 600),
    (6, 750),
    (6, 900),
    (6, 1200),
    (6, 1800),
    (6, 2400),
    (6, 3600),
    (6, 6000),
    (5, 6000),
    (4, 6000),
    (3, 6000),
    (2, 6000),
    (1, 6000),
];

/// Standard lines of a 20 ft chart, in hundredths.
const IMPERIAL_LINES: [(i64, i64); 14] = [
    (20, 1000),
    (20, 1500),
    (20, 2000),
    (20, 2500),
    (20, 3000),
    (20, 4000),
    (20, 5000),
    (20, 6000),
    (20, 7000),
    (20, 8000),
    (20, 10000),
    (20, 15000),
    (20, 20000),
    (20, 40000),
];

/// LogMAR hundredths of `distance/line` (the line given in hundredths). The one place a Snellen fraction
/// becomes LogMAR, used both to read and to write, so the two always agree.
fn snellen_logmar(distance: i64, line_hundredths: i64) -> i64 {
    (100.0 * (line_hundredths as f64 / (distance * 100) as f64).log10()).round() as i64
}

fn snellen(typed: &str, s: &str) -> Result<Reading, String> {
    let how =
        || format!("“{typed}” is not a Snellen fraction; write it like 6/9, 6/12 +1 or 20/40.");
    let (distance, rest) = s.split_once('/').ok_or_else(how)?;
    let (distance, rest) = (distance.trim(), rest.trim_start());
    let split = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let (line, partial) = rest.split_at(split);
    let partial = partial.trim();
    if distance.is_empty() || line.is_empty() {
        return Err(how());
    }
    let (notation, distance) = match fixed::parse(distance, 0) {
        Ok(fixed::Typed {
            units: 20,
            signed: false,
        }) => (Notation::SnellenImperial, 20),
        Ok(fixed::Typed {
            units: d @ 1..=6,
            signed: false,
        }) => (Notation::SnellenMetric, d),
        _ => {
            return Err(
                "The first number of a Snellen fraction is the test distance: 6 (or 1 to 5) metres, or 20 feet."
                    .into(),
            );
        }
    };
    let line = match fixed::parse(line, 2) {
        Ok(t) if t.units > 0 => t.units,
        Ok(_) => {
            return Err("The second number of a Snellen fraction (the line) cannot be 0.".into());
        }
        Err(NumError::TooPrecise) => {
            return Err("Write the Snellen line with at most two decimals, like 6/7.5.".into());
        }
        Err(NumError::NotANumber) => return Err(how()),
    };
    let letters = match partial {
        "" => 0,
        p => match fixed::parse(p, 0) {
            Ok(fixed::Typed {
                units,
                signed: true,
            }) if (1..=MAX_PARTIAL_LETTERS).contains(&units.abs()) => units,
            _ => {
                return Err(format!(
                    "A partial line is -1 to -{MAX_PARTIAL_LETTERS} or +1 to +{MAX_PARTIAL_LETTERS} letters, like 6/9 -2 or 6/12 +1."
                ));
            }
        },
    };
    // Each missed letter (minus) is 0.02 LogMAR worse; each extra letter read (plus) 0.02 better.
    let v = snellen_logmar(distance, line) - 2 * letters;
    chart(notation, v).ok_or_else(|| {
        if v < i64::from(BEST) {
            format!("“{typed}” is better than the best acuity recorded (6/3, 20/10).")
        } else {
            format!("“{typed}” is below the chart scale; record CF, HM, PL or NPL instead.")
        }
    })
}

fn chart(notation: Notation, hundredths: i64) -> Option<Reading> {
    i32::try_from(hundredths)
        .ok()
        .and_then(LogMar::from_hundredths)
        .map(|v| Reading::Chart(notation, v))
}

fn logmar(number: &str) -> Result<Reading, String> {
    match fixed::parse(number, 2) {
        Ok(t) => chart(Notation::Logmar, t.units).ok_or_else(|| {
            "LogMAR runs from -0.30 to 3.00; worse than that is CF, HM, PL or NPL.".into()
        }),
        Err(NumError::TooPrecise) => {
            Err("LogMAR has at most two decimals, like 0.30 or -0.10.".into())
        }
        Err(NumError::NotANumber) => Err(format!(
            "“{number}” is not a LogMAR value; write it like logmar 0.30."
        )),
    }
}

fn letters(number: &str) -> Result<Reading, String> {
    match fixed::parse(number, 0) {
        Ok(fixed::Typed {
            units: l @ 0..=100,
            signed: false,
        }) => chart(Notation::EtdrsLetters, (85 - l) * 2).ok_or_else(String::new),
        _ => Err("ETDRS letters are a whole number from 0 to 100, like 85 letters.".into()),
    }
}

/// Decimal acuity resolution accepted at entry; finer than any chart so that shown decimals read back exactly.
const DECIMAL_SCALE: u32 = 6;

/// LogMAR hundredths of decimal acuity `units / 10^scale` (positive). Shared by reading and writing.
fn decimal_logmar(units: i64, scale: u32) -> i64 {
    (100.0 * (10f64.powi(scale as i32) / units as f64).log10()).round() as i64
}

fn decimal(number: &str) -> Result<Reading, String> {
    const RANGE: &str = "A decimal acuity is more than 0 and at most 2.0, like 1.0 or 0.5.";
    let units = match fixed::parse(number, DECIMAL_SCALE) {
        Ok(t) => t.units,
        Err(_) => return Err(format!("“{number}” is not a decimal acuity. {EXAMPLES}")),
    };
    if units <= 0 {
        return Err(RANGE.into());
    }
    if units > 2 * 10i64.pow(DECIMAL_SCALE) {
        let whole = units % 10i64.pow(DECIMAL_SCALE) == 0;
        return Err(if whole && units <= 100 * 10i64.pow(DECIMAL_SCALE) {
            format!("{RANGE} For ETDRS letters type “{number} letters”.")
        } else {
            format!("{RANGE} For LogMAR type “logmar {number}”.")
        });
    }
    chart(Notation::Decimal, decimal_logmar(units, DECIMAL_SCALE)).ok_or_else(|| {
        "That decimal acuity is below the chart scale; record CF, HM, PL or NPL instead.".into()
    })
}

/// A number with no marker: its sign or the field's usual notation says what it is.
fn bare_number(number: &str, hint: Option<Notation>) -> Result<Reading, String> {
    let signed = matches!(fixed::parse(number, DECIMAL_SCALE), Ok(t) if t.signed);
    let integer = number.bytes().all(|b| b.is_ascii_digit());
    match hint {
        _ if signed => logmar(number),
        Some(Notation::Logmar) => logmar(number),
        Some(Notation::EtdrsLetters) if integer => letters(number),
        Some(Notation::NPoint) if integer => n_point(number),
        _ => decimal(number),
    }
}

/// N-point print sizes found on near charts.
const N_SIZES: [i64; 10] = [5, 6, 8, 10, 12, 14, 18, 24, 36, 48];

/// LogMAR hundredths of print size N`n` at 40 cm, taking N8 as 1 M unit: log10((n / 8) / 0.4).
fn n_logmar(n: i64) -> i64 {
    (100.0 * (n as f64 / 3.2).log10()).round() as i64
}

fn n_point(size: &str) -> Result<Reading, String> {
    match fixed::parse(size, 0) {
        Ok(fixed::Typed {
            units: n @ 5..=48,
            signed: false,
        }) => chart(Notation::NPoint, n_logmar(n)).ok_or_else(String::new),
        _ => Err("Near acuity in N-point is a whole size from N5 to N48, like N8.".into()),
    }
}

fn snellen_text(v: i64, distance: i64, lines: &[(i64, i64)]) -> String {
    let text = |d: i64, line: i64| format!("{d}/{}", fixed::write_short(line, 2));
    let nearest = lines
        .iter()
        .map(|&(d, line)| (d, line, v - snellen_logmar(d, line)))
        .min_by_key(|&(d, line, r)| (r.abs(), snellen_logmar(d, line)));
    if let Some((d, line, r)) = nearest
        && r % 2 == 0
        && r.abs() <= 4
    {
        return match r {
            0 => text(d, line),
            r if r > 0 => format!("{} -{}", text(d, line), r / 2),
            r => format!("{} +{}", text(d, line), -r / 2),
        };
    }
    // Not near a standard line: the exact fraction at the usual test distance, with as few decimals as read back.
    let exact = distance as f64 * 10f64.powf(v as f64 / 100.0);
    for decimals in 0..=2 {
        let step = 10i64.pow(2 - decimals);
        let line = (exact * 10f64.powi(decimals as i32)).round() as i64 * step;
        if line > 0 && snellen_logmar(distance, line) == v {
            return text(distance, line);
        }
    }
    text(distance, (exact * 100.0).round() as i64)
}

fn decimal_text(v: i64) -> String {
    let exact = 10f64.powf(-(v as f64) / 100.0);
    for scale in 2..=DECIMAL_SCALE {
        let units = (exact * 10f64.powi(scale as i32)).round() as i64;
        if units > 0 && decimal_logmar(units, scale) == v {
            return fixed::write(units, scale);
        }
    }
    fixed::write((exact * 1e6).round() as i64, DECIMAL_SCALE)
}

fn letters_text(v: i64) -> String {
    if v % 2 == 0 && (-30..=170).contains(&v) {
        return format!("{} letters", 85 - v / 2);
    }
    // Half a letter rounds to the letter below: an approximation should never flatter the eye.
    let letters = (170 - v).div_euclid(2).clamp(0, 100);
    format!("~{letters} letters")
}

fn n_point_text(v: i64) -> String {
    let n = (3.2 * 10f64.powf(v as f64 / 100.0)).round() as i64;
    if (5..=48).contains(&n) && n_logmar(n) == v {
        return format!("N{n}");
    }
    let nearest = N_SIZES
        .iter()
        .min_by_key(|&&n| (n_logmar(n) - v).abs())
        .copied()
        .unwrap_or(5);
    format!("~N{nearest}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lm(text: &str, hint: Option<Notation>) -> i32 {
        let va = VisualAcuity::parse("va", text, hint).unwrap_or_else(|e| panic!("{text}: {e}"));
        va.logmar()
            .unwrap_or_else(|| panic!("{text} has no LogMAR"))
            .hundredths()
    }

    fn notation(text: &str, hint: Option<Notation>) -> Notation {
        VisualAcuity::parse("va", text, hint)
            .expect(text)
            .notation()
            .expect("chart")
    }

    fn refused(text: &str, hint: Option<Notation>) -> String {
        let e = VisualAcuity::parse("od.va_sc", text, hint)
            .expect_err(&format!("{text} must be refused"));
        assert_eq!(e.field.as_deref(), Some("od.va_sc"));
        assert_eq!(e.code, crate::ErrorCode::Validation);
        e.message
    }

    #[test]
    fn snellen_metric() {
        for (t, v) in [
            ("6/6", 0),
            ("6/9", 18),
            ("6/12", 30),
            ("6/18", 48),
            ("6/24", 60),
            ("6/36", 78),
            ("6/60", 100),
            ("3/60", 130),
            ("1/60", 178),
            ("6/7.5", 10),
            ("6/4", -18),
            ("6/5", -8),
            ("6/3", -30),
            ("4/4", 0),
            (" 6 / 9 ", 18),
        ] {
            assert_eq!(lm(t, None), v, "{t}");
            assert_eq!(notation(t, Some(Notation::Logmar)), Notation::SnellenMetric);
        }
    }

    #[test]
    fn snellen_imperial() {
        for (t, v) in [
            ("20/20", 0),
            ("20/25", 10),
            ("20/30", 18),
            ("20/40", 30),
            ("20/50", 40),
            ("20/70", 54),
            ("20/100", 70),
            ("20/200", 100),
            ("20/400", 130),
            ("20/10", -30),
        ] {
            assert_eq!(lm(t, None), v, "{t}");
            assert_eq!(notation(t, None), Notation::SnellenImperial);
        }
    }

    #[test]
    fn decimal_logmar_letters_and_n_point() {
        assert_eq!(lm("1.0", None), 0);
        assert_eq!(lm("0.5", None), 30);
        assert_eq!(lm("1.2", None), -8);
        assert_eq!(lm("0,5", None), 30);
        assert_eq!(lm("2", None), -30);
        assert_eq!(lm("0.1", Some(Notation::SnellenMetric)), 100);
        assert_eq!(notation("0.5", None), Notation::Decimal);

        assert_eq!(lm("logmar 0.30", None), 30);
        assert_eq!(lm("LogMAR0.3", None), 30);
        assert_eq!(lm("0.30 logMAR", None), 30);
        assert_eq!(lm("-0.10", None), -10);
        assert_eq!(lm("−0.10", None), -10);
        assert_eq!(lm("+0.20", None), 20);
        assert_eq!(lm("0.30", Some(Notation::Logmar)), 30);
        assert_eq!(lm("1", Some(Notation::Logmar)), 100);
        assert_eq!(lm("3.0", Some(Notation::Logmar)), 300);
        assert_eq!(notation("0.30", Some(Notation::Logmar)), Notation::Logmar);

        assert_eq!(lm("85 letters", None), 0);
        assert_eq!(lm("70 Letters", None), 30);
        assert_eq!(lm("55L", None), 60);
        assert_eq!(lm("0 letters", None), 170);
        assert_eq!(lm("100 letters", None), -30);
        assert_eq!(lm("85", Some(Notation::EtdrsLetters)), 0);
        assert_eq!(lm("1.0", Some(Notation::EtdrsLetters)), 0);
        assert_eq!(
            notation("1.0", Some(Notation::EtdrsLetters)),
            Notation::Decimal
        );

        for (t, v) in [
            ("N5", 19),
            ("n6", 27),
            ("N 8", 40),
            ("N10", 49),
            ("N18", 75),
            ("N48", 118),
        ] {
            assert_eq!(lm(t, None), v, "{t}");
            assert_eq!(notation(t, None), Notation::NPoint);
        }
        assert_eq!(lm("8", Some(Notation::NPoint)), 40);
    }

    #[test]
    fn partial_lines_are_whole_letters() {
        assert_eq!(lm("6/9 -2", None), 22);
        assert_eq!(lm("6/9-2", None), 22);
        assert_eq!(lm("6/9 −2", None), 22);
        assert_eq!(lm("6/12 +1", None), 28);
        assert_eq!(lm("6/12+1", None), 28);
        assert_eq!(lm("6/12 + 1", None), 28);
        assert_eq!(lm("20/40-1", None), 32);
        assert_eq!(lm("6/6 +3", None), -6);
        assert_eq!(lm("6/60 -5", None), 110);
        assert!(refused("6/9 -6", None).contains("partial line"));
        assert!(refused("6/9 -0", None).contains("partial line"));
        assert!(refused("6/9 2", None).contains("partial line"));
        assert!(refused("6/9 -2 +1", None).contains("partial line"));
        assert!(refused("6/3 +1", None).contains("better than"));
    }

    #[test]
    fn off_chart_categories() {
        let oc = |t: &str| {
            let va = VisualAcuity::parse("va", t, Some(Notation::Logmar)).expect(t);
            assert_eq!(va.logmar(), None, "{t}");
            assert_eq!(va.notation(), None, "{t}");
            (va.off_chart().expect("off chart"), va.cf_distance_cm())
        };
        assert_eq!(oc("CF"), (OffChart::Cf, None));
        assert_eq!(oc("cf 1m"), (OffChart::Cf, Some(100)));
        assert_eq!(oc("CF 50cm"), (OffChart::Cf, Some(50)));
        assert_eq!(oc("c.f. 2 m"), (OffChart::Cf, Some(200)));
        assert_eq!(oc("C.F.1M"), (OffChart::Cf, Some(100)));
        assert_eq!(oc("CF 0,5m"), (OffChart::Cf, Some(50)));
        assert_eq!(oc("count fingers at 1.5 metres"), (OffChart::Cf, Some(150)));
        assert_eq!(oc("CF @ 3ft"), (OffChart::Cf, Some(91)));
        assert_eq!(oc("FC"), (OffChart::Cf, None));
        assert_eq!(oc("HM"), (OffChart::Hm, None));
        assert_eq!(oc(" h.m. "), (OffChart::Hm, None));
        assert_eq!(oc("Hand movements"), (OffChart::Hm, None));
        assert_eq!(oc("PL"), (OffChart::Pl, None));
        assert_eq!(oc("p l"), (OffChart::Pl, None));
        assert_eq!(oc("LP"), (OffChart::Pl, None));
        assert_eq!(oc("PL+"), (OffChart::Pl, None));
        assert_eq!(oc("NPL"), (OffChart::Npl, None));
        assert_eq!(oc("n.p.l."), (OffChart::Npl, None));
        assert_eq!(oc("NLP"), (OffChart::Npl, None));
        assert_eq!(oc("no PL"), (OffChart::Npl, None));

        assert!(refused("CF 1", None).contains("unit"));
        assert!(refused("CF 10m", None).contains("6 m"));
        assert!(refused("CF 2cm", None).contains("5 cm"));
        assert!(refused("CF 50.5cm", None).contains("whole"));
        assert!(refused("CF -1m", None).contains("unit"));
        assert!(refused("HM 1m", None).contains("Nothing goes after HM"));
        assert!(refused("NPL+", None).contains("Nothing goes after NPL"));
    }

    #[test]
    fn off_chart_statistics_and_display() {
        let va = |t: &str| VisualAcuity::parse("va", t, None).expect(t);
        let stat = |t: &str| va(t).logmar_for_statistics().hundredths();
        assert_eq!(stat("CF 1m"), 190);
        assert_eq!(stat("HM"), 230);
        assert_eq!(stat("PL"), 270);
        assert_eq!(stat("NPL"), 300);
        assert_eq!(stat("6/12"), 30);
        assert_eq!(va("c.f. 1 m").format_as(Notation::SnellenMetric), "CF 1m");
        assert_eq!(va("cf 50 cm").format_as(Notation::Decimal), "CF 50cm");
        assert_eq!(va("cf 1.5m").format_as(Notation::Decimal), "CF 1.5m");
        assert_eq!(va("count fingers").format_as(Notation::Logmar), "CF");
        assert_eq!(va("lp").format_as(Notation::Logmar), "PL");
        assert_eq!(va("nlp").format_as(Notation::Logmar), "NPL");
        assert_eq!(va("hand motion").format_as(Notation::Logmar), "HM");
        assert_eq!(va("  c.f.  ").text(), "c.f.");
    }

    #[test]
    fn nonsense_is_refused_with_a_message_for_staff() {
        assert!(refused("6/0", None).contains("cannot be 0"));
        assert!(refused("7/9", None).contains("test distance"));
        assert!(refused("0/9", None).contains("test distance"));
        assert!(refused("-6/9", None).contains("test distance"));
        assert!(refused("6.5/9", None).contains("test distance"));
        assert!(refused("abc", None).contains("not a visual acuity"));
        assert!(refused("20/", None).contains("Snellen fraction"));
        assert!(refused("/20", None).contains("Snellen fraction"));
        assert!(refused("6/9/12", None).contains("partial line"));
        assert!(refused("6/2", None).contains("better than"));
        assert!(refused("6/9000", None).contains("CF, HM, PL or NPL"));
        assert!(refused("6/7.555", None).contains("two decimals"));
        assert!(refused("logmar 3.1", None).contains("-0.30 to 3.00"));
        assert!(refused("logmar -0.4", None).contains("-0.30 to 3.00"));
        assert!(refused("-0.40", None).contains("-0.30 to 3.00"));
        assert!(refused("0.305", Some(Notation::Logmar)).contains("two decimals"));
        assert!(refused("logmar", None).contains("not a visual acuity"));
        assert!(refused("2.5", None).contains("logmar 2.5"));
        assert!(refused("85", None).contains("85 letters"));
        assert!(refused("0", None).contains("more than 0"));
        assert!(refused("0.0", None).contains("more than 0"));
        assert!(refused("0.0001", None).contains("below the chart"));
        assert!(refused("N3", None).contains("N5 to N48"));
        assert!(refused("N100", None).contains("N5 to N48"));
        assert!(refused("N8.5", None).contains("N5 to N48"));
        assert!(refused("101 letters", None).contains("0 to 100"));
        assert!(refused("-5 letters", None).contains("0 to 100"));
        assert!(refused("", None).contains("empty"));
        assert!(refused("   ", None).contains("empty"));
        assert!(refused(&"6".repeat(41), None).contains("too long"));
        assert!(refused("~6/9", None).contains("approximation"));
        assert!(refused("~70 letters", None).contains("approximation"));
        assert!(refused("6/9 PH", None).contains("partial line"));
    }

    #[test]
    fn shows_logmar_0_30_in_every_notation() {
        let v = LogMar::from_hundredths(30).expect("in range");
        assert_eq!(v.format_as(Notation::SnellenMetric), "6/12");
        assert_eq!(v.format_as(Notation::SnellenImperial), "20/40");
        assert_eq!(v.format_as(Notation::Decimal), "0.50");
        assert_eq!(v.format_as(Notation::Logmar), "0.30");
        assert_eq!(v.format_as(Notation::EtdrsLetters), "70 letters");
        assert_eq!(v.format_as(Notation::NPoint), "~N6");
    }

    #[test]
    fn display_rules_for_values_between_lines() {
        let show = |h: i32, n: Notation| LogMar::from_hundredths(h).expect("in range").format_as(n);
        // Whole letters near a standard line are written as a partial line, worse is minus.
        assert_eq!(show(22, Notation::SnellenMetric), "6/9 -2");
        assert_eq!(show(16, Notation::SnellenMetric), "6/9 +1");
        assert_eq!(show(32, Notation::SnellenImperial), "20/40 -1");
        // Equidistant from two lines: the better line, with letters missed.
        assert_eq!(show(14, Notation::SnellenMetric), "6/7.5 -2");
        // Elsewhere the exact fraction.
        assert_eq!(show(40, Notation::SnellenMetric), "6/15");
        assert_eq!(show(5, Notation::SnellenMetric), "6/6.7");
        assert_eq!(show(200, Notation::SnellenMetric), "6/600");
        assert_eq!(show(300, Notation::SnellenImperial), "20/20000");
        // Decimal: two decimals unless more are needed to read back the same value.
        assert_eq!(show(0, Notation::Decimal), "1.00");
        assert_eq!(show(-30, Notation::Decimal), "2.00");
        assert_eq!(show(50, Notation::Decimal), "0.316");
        assert_eq!(show(-10, Notation::Logmar), "-0.10");
        assert_eq!(show(17, Notation::EtdrsLetters), "~76 letters");
        assert_eq!(show(200, Notation::EtdrsLetters), "~0 letters");
        assert_eq!(show(-29, Notation::EtdrsLetters), "~99 letters");
        assert_eq!(show(40, Notation::NPoint), "N8");
        assert_eq!(show(-30, Notation::NPoint), "~N5");
        assert_eq!(show(300, Notation::NPoint), "~N48");
    }

    #[test]
    fn every_logmar_reads_back_from_its_display() {
        for h in BEST..=WORST {
            for n in [
                Notation::SnellenMetric,
                Notation::SnellenImperial,
                Notation::Decimal,
                Notation::Logmar,
            ] {
                let shown = LogMar(h).format_as(n);
                assert_eq!(lm(&shown, Some(n)), h, "{h} shown as {shown}");
            }
            let letters = LogMar(h).format_as(Notation::EtdrsLetters);
            if h % 2 == 0 && h <= 170 {
                assert_eq!(lm(&letters, None), h, "{letters}");
            } else {
                assert!(letters.starts_with('~'), "{h}: {letters}");
            }
        }
    }

    #[test]
    fn standard_lines_read_back_as_themselves() {
        let lines = METRIC_LINES
            .iter()
            .chain(&IMPERIAL_LINES)
            .map(|&(d, l)| format!("{d}/{}", fixed::write_short(l, 2)));
        for line in lines {
            let va = VisualAcuity::parse("va", &line, None).expect(&line);
            let n = va.notation().expect("chart");
            assert_eq!(va.format_as(n), line);
        }
        for n in N_SIZES {
            let text = format!("N{n}");
            let va = VisualAcuity::parse("va", &text, None).expect(&text);
            assert_eq!(va.format_as(Notation::NPoint), text);
        }
        for text in ["1.00", "0.50", "0.25", "0.10", "0.05"] {
            let va = VisualAcuity::parse("va", text, None).expect(text);
            assert_eq!(va.format_as(Notation::Decimal), text);
        }
    }

    #[test]
    fn json_keeps_text_and_rebuilds_the_rest() {
        let va = VisualAcuity::parse("va", "6/9 -2", None).expect("valid");
        let json = serde_json::to_value(&va).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"text": "6/9 -2", "notation": "snellen_metric", "logmar": 0.22,
                "off_chart": null, "cf_distance_cm": null})
        );
        let back: VisualAcuity = serde_json::from_value(json).expect("read back");
        assert_eq!(back, va);
        let cf = VisualAcuity::parse("va", "CF 1m", None).expect("valid");
        let back: VisualAcuity =
            serde_json::from_value(serde_json::to_value(&cf).expect("json")).expect("read back");
        assert_eq!(back, cf);
        let lm = VisualAcuity::parse("va", "0.30", Some(Notation::Logmar)).expect("valid");
        let back: VisualAcuity =
            serde_json::from_value(serde_json::to_value(&lm).expect("json")).expect("read back");
        assert_eq!(back.logmar(), Some(LogMar(30)));
        let wrong = serde_json::json!({"text": "6/9", "notation": "decimal"});
        assert!(serde_json::from_value::<VisualAcuity>(wrong).is_err());
        assert!(serde_json::from_value::<LogMar>(serde_json::json!(3.5)).is_err());
        assert!(serde_json::from_value::<LogMar>(serde_json::json!(0.305)).is_err());
    }

    fn any_hint() -> impl Strategy<Value = Option<Notation>> {
        prop_oneof![
            Just(None),
            Just(Some(Notation::SnellenMetric)),
            Just(Some(Notation::SnellenImperial)),
            Just(Some(Notation::Decimal)),
            Just(Some(Notation::Logmar)),
            Just(Some(Notation::EtdrsLetters)),
            Just(Some(Notation::NPoint)),
        ]
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>(), hint in any_hint()) {
            let _ = VisualAcuity::parse("va", &s, hint);
        }

        #[test]
        fn parse_never_panics_on_acuity_like_text(
            s in "[ 0-9./+\\-−,a-zA-Z@']{0,16}", hint in any_hint()
        ) {
            if let Ok(va) = VisualAcuity::parse("va", &s, hint) {
                prop_assert_eq!(va.logmar().is_some(), va.off_chart().is_none());
                let json = serde_json::to_value(&va).expect("json");
                prop_assert_eq!(serde_json::from_value::<VisualAcuity>(json).ok(), Some(va.clone()));
                for n in [Notation::SnellenMetric, Notation::Decimal, Notation::EtdrsLetters, Notation::NPoint] {
                    let _ = va.format_as(n);
                }
            }
        }

        #[test]
        fn decimal_round_trips_within_rounding(units in 1_000i64..=2_000_000) {
            // Decimal → LogMAR rounds once, to the nearest hundredth; LogMAR → decimal → LogMAR is exact.
            let typed = fixed::write(units, 6);
            let v = lm(&typed, None);
            let exact = -(units as f64 / 1e6).log10();
            prop_assert!((f64::from(v) / 100.0 - exact).abs() <= 0.005 + 1e-9, "{} → {}", typed, v);
            let shown = LogMar(v).format_as(Notation::Decimal);
            prop_assert_eq!(lm(&shown, None), v);
        }

        #[test]
        fn format_then_parse_is_identity(h in BEST..=WORST, n in any_hint()) {
            let n = n.unwrap_or(Notation::Logmar);
            let shown = LogMar(h).format_as(n);
            if !shown.starts_with('~') {
                prop_assert_eq!(lm(&shown, Some(n)), h);
            }
        }
    }
}
