//! The formulary: the medicines the clinic prescribes, stocked or bought elsewhere. Searched by name prefix through
//! the folded-word index the schema keeps (`medicine_tokens`), each result with what the pharmacy can offer now, so
//! the prescribing picker shows stock on hand and the nearest usable expiry.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::ledger;
use crate::catalog::Ctx;
use crate::storage::fold_text;
use crate::sync::Writer;
use crate::sync::tables::MEDICINES;
use crate::text::{self, Lines};
use crate::{Error, Result, clinic};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

/// What the shipped starter list is, said wherever its rows are shown.
pub const STARTER_NOTE: &str = "From Fovea's starter list: a starting point for the clinic to review and edit, \
     not prescribing advice.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Form {
    Solution,
    Suspension,
    Emulsion,
    Ointment,
    Gel,
    Tablet,
    Capsule,
    Other,
}

/// How the medicine is given; an `eye` medicine's prescription lines name an eye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Route {
    Eye,
    Oral,
    Skin,
    Other,
}

/// The unit a pack's size is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PackUnit {
    Ml,
    G,
    Tablets,
    Capsules,
    Units,
}

impl PackUnit {
    fn words(self) -> &'static str {
        match self {
            PackUnit::Ml => "mL",
            PackUnit::G => "g",
            PackUnit::Tablets => "tablets",
            PackUnit::Capsules => "capsules",
            PackUnit::Units => "units",
        }
    }
}

/// "5 mL", "3.5 g", "10 tablets".
pub fn pack_words(hundredths: i64, unit: PackUnit) -> String {
    let whole = hundredths / 100;
    let frac = hundredths % 100;
    let size = match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    };
    format!("{size} {}", unit.words())
}

/// A medicine as typed in the formulary form.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MedicineInput {
    /// "prednisolone acetate"
    pub generic_name: String,
    pub brand: Option<String>,
    /// As printed: "1%", "0.5%", "250 mg".
    pub strength: String,
    pub form: Form,
    pub route: Route,
    /// Hundredths of the unit: 500 is a 5 mL bottle, 1000 a strip of 10 tablets.
    pub pack_size_hundredths: i64,
    pub pack_unit: PackUnit,
    /// False: prescribed here, bought elsewhere.
    pub stocked: bool,
    /// Packs; 0 for no reorder warning.
    pub reorder_level: i64,
    /// Per pack, integer minor units of the clinic's currency; `None`: not priced.
    pub price_minor: Option<i64>,
    /// Discard this many days after opening (drops: usually 28).
    pub use_within_days: Option<i64>,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveMedicineRequest {
    /// Absent: a new medicine.
    pub id: Option<String>,
    pub medicine: MedicineInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MedicineRequest {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SearchMedicinesRequest {
    /// Words of the generic or brand name, each the start of a word (accents and case ignored); words with a digit
    /// match the start of the strength. Empty: every medicine.
    pub query: String,
    #[serde(default)]
    pub include_inactive: bool,
    pub limit: Option<u32>,
}

/// A formulary entry with what the pharmacy can offer of it today.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Medicine {
    pub id: String,
    pub generic_name: String,
    pub brand: Option<String>,
    pub strength: String,
    pub form: Form,
    pub route: Route,
    pub pack_size_hundredths: i64,
    pub pack_unit: PackUnit,
    /// "5 mL"
    pub pack: String,
    pub stocked: bool,
    pub reorder_level: i64,
    pub price_minor: Option<i64>,
    pub use_within_days: Option<i64>,
    pub starter: bool,
    /// For rows of the starter list: that it is a starting point, not advice.
    pub starter_note: Option<String>,
    pub active: bool,
    /// Packs in batches that may be offered today (not expired, not quarantined).
    pub on_hand: i64,
    /// The earliest expiry among those batches (`None`: none, or none with an expiry).
    pub nearest_expiry: Option<NaiveDate>,
    /// Nothing usable: no stock, or only expired or quarantined stock.
    pub out_of_stock: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SearchMedicinesResponse {
    pub results: Vec<Medicine>,
}

/// A medicine after validation, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMedicine {
    pub generic_name: String,
    pub brand: Option<String>,
    pub strength: String,
    pub form: Form,
    pub route: Route,
    pub pack_size_hundredths: i64,
    pub pack_unit: PackUnit,
    pub stocked: bool,
    pub reorder_level: i64,
    pub price_minor: Option<i64>,
    pub use_within_days: Option<i64>,
    pub active: bool,
}

/// Checks the form: names required, a pack bigger than nothing, no negative levels or prices.
pub fn validate(m: &MedicineInput) -> Result<ValidMedicine> {
    let generic_name = text::one_line_collapsed(
        "medicine.generic_name",
        "The generic name",
        &m.generic_name,
        120,
    )?
    .ok_or_else(|| {
        Error::validation(
            "medicine.generic_name",
            "Enter the medicine's generic name.",
        )
    })?;
    if fold_text(&generic_name).is_empty() {
        return Err(Error::validation(
            "medicine.generic_name",
            "The generic name needs at least one letter or digit.",
        ));
    }
    let brand = match &m.brand {
        Some(b) => text::one_line_collapsed("medicine.brand", "The brand", b, 120)?,
        None => None,
    };
    let strength = text::one_line_collapsed("medicine.strength", "The strength", &m.strength, 40)?
        .unwrap_or_default();
    if !(1..=10_000_000).contains(&m.pack_size_hundredths) {
        return Err(Error::validation(
            "medicine.pack_size_hundredths",
            "Enter the size of one pack (more than zero).",
        ));
    }
    if !(0..=100_000).contains(&m.reorder_level) {
        return Err(Error::validation(
            "medicine.reorder_level",
            "The reorder level is a number of packs, 0 to 100,000.",
        ));
    }
    if m.price_minor
        .is_some_and(|p| !(0..=1_000_000_000).contains(&p))
    {
        return Err(Error::validation(
            "medicine.price_minor",
            "The price per pack cannot be negative.",
        ));
    }
    if m.use_within_days.is_some_and(|d| !(1..=3650).contains(&d)) {
        return Err(Error::validation(
            "medicine.use_within_days",
            "Use within is a number of days after opening, 1 to 3,650.",
        ));
    }
    Ok(ValidMedicine {
        generic_name,
        brand,
        strength,
        form: m.form,
        route: m.route,
        pack_size_hundredths: m.pack_size_hundredths,
        pack_unit: m.pack_unit,
        stocked: m.stocked,
        reorder_level: m.reorder_level,
        price_minor: m.price_minor,
        use_within_days: m.use_within_days,
        active: m.active,
    })
}

fn same_key(s: &str) -> String {
    s.to_lowercase().split_whitespace().collect()
}

/// Refuses a second entry of the same generic, strength and form (another brand of one medicine is the same line
/// of the formulary).
fn refuse_duplicate(conn: &Connection, m: &ValidMedicine, except: Option<&str>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, generic_name, strength, active FROM medicines WHERE form = ?1 AND id IS NOT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![m.form, except], |r| {
        Ok((
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    let generic = fold_text(&m.generic_name);
    for row in rows {
        let (g, s, active) = row?;
        if fold_text(&g) == generic && same_key(&s) == same_key(&m.strength) {
            return Err(Error::validation(
                "medicine.generic_name",
                format!(
                    "The formulary already has {g} {s} ({}){}; edit that entry instead.",
                    form_words(m.form),
                    if active { "" } else { ", made inactive" }
                ),
            ));
        }
    }
    Ok(())
}

pub fn form_words(f: Form) -> &'static str {
    match f {
        Form::Solution => "solution",
        Form::Suspension => "suspension",
        Form::Emulsion => "emulsion",
        Form::Ointment => "ointment",
        Form::Gel => "gel",
        Form::Tablet => "tablet",
        Form::Capsule => "capsule",
        Form::Other => "other form",
    }
}

fn fields(m: &ValidMedicine) -> Map<String, serde_json::Value> {
    let mut f = Map::new();
    f.insert("generic_name".into(), json!(m.generic_name));
    f.insert("brand".into(), json!(m.brand));
    f.insert("strength".into(), json!(m.strength));
    f.insert("form".into(), json!(m.form));
    f.insert("route".into(), json!(m.route));
    f.insert("pack_size_hundredths".into(), json!(m.pack_size_hundredths));
    f.insert("pack_unit".into(), json!(m.pack_unit));
    f.insert("stocked".into(), json!(m.stocked));
    f.insert("reorder_level".into(), json!(m.reorder_level));
    f.insert("price_minor".into(), json!(m.price_minor));
    f.insert("use_within_days".into(), json!(m.use_within_days));
    f.insert("active".into(), json!(m.active));
    f
}

/// Inserts a medicine with a given id (the starter list's are fixed). No duplicate check: callers validate.
pub(crate) fn insert(w: &Writer<'_>, id: &str, m: &ValidMedicine, starter: bool) -> Result<()> {
    let mut f = fields(m);
    f.insert("starter".into(), json!(starter));
    f.insert("created_at".into(), json!(w.stamp()));
    f.insert("updated_at".into(), json!(w.stamp()));
    w.insert(MEDICINES, id, &f)
}

/// Creates or updates a formulary entry; refuses a duplicate of (generic name, strength, form).
pub fn save(cx: &Ctx<'_>, req: &SaveMedicineRequest) -> Result<Medicine> {
    let m = validate(&req.medicine)?;
    let id = cx.write(|w| {
        refuse_duplicate(w.tx(), &m, req.id.as_deref())?;
        match &req.id {
            None => {
                let id = Uuid::now_v7().to_string();
                insert(w, &id, &m, false)?;
                Ok(id)
            }
            Some(id) => {
                let old = load_row(w.tx(), id)?
                    .ok_or_else(|| Error::not_found("There is no such medicine."))?;
                let mut changed = Map::new();
                let new = fields(&m);
                let before = fields(&old);
                for (k, v) in new {
                    if before.get(&k) != Some(&v) {
                        changed.insert(k, v);
                    }
                }
                if !changed.is_empty() {
                    changed.insert("updated_at".into(), json!(w.stamp()));
                }
                w.update(MEDICINES, id, &changed)?;
                Ok(id.clone())
            }
        }
    })?;
    get(cx, &id)
}

const COLUMNS: &str = "m.id, m.generic_name, m.brand, m.strength, m.form, m.route, m.pack_size_hundredths, \
     m.pack_unit, m.stocked, m.reorder_level, m.price_minor, m.use_within_days, m.starter, m.active";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, ValidMedicine, bool)> {
    Ok((
        r.get(0)?,
        ValidMedicine {
            generic_name: r.get(1)?,
            brand: r.get(2)?,
            strength: r.get(3)?,
            form: r.get(4)?,
            route: r.get(5)?,
            pack_size_hundredths: r.get(6)?,
            pack_unit: r.get(7)?,
            stocked: r.get(8)?,
            reorder_level: r.get(9)?,
            price_minor: r.get(10)?,
            use_within_days: r.get(11)?,
            active: r.get(13)?,
        },
        r.get(12)?,
    ))
}

fn load_row(conn: &Connection, id: &str) -> Result<Option<ValidMedicine>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM medicines m WHERE m.id = ?1"
        ))?
        .query_row([id], from_row)
        .optional()?
        .map(|(_, m, _)| m))
}

fn with_stock(
    conn: &Connection,
    id: String,
    m: ValidMedicine,
    starter: bool,
    today: NaiveDate,
) -> Result<Medicine> {
    let offer = ledger::offerable_batches(conn, &id, today)?;
    let on_hand: i64 = offer.iter().map(|b| b.on_hand).sum();
    Ok(Medicine {
        pack: pack_words(m.pack_size_hundredths, m.pack_unit),
        nearest_expiry: offer.iter().find_map(|b| b.expires_on),
        out_of_stock: on_hand <= 0,
        on_hand,
        id,
        generic_name: m.generic_name,
        brand: m.brand,
        strength: m.strength,
        form: m.form,
        route: m.route,
        pack_size_hundredths: m.pack_size_hundredths,
        pack_unit: m.pack_unit,
        stocked: m.stocked,
        reorder_level: m.reorder_level,
        price_minor: m.price_minor,
        use_within_days: m.use_within_days,
        starter,
        starter_note: starter.then(|| STARTER_NOTE.to_string()),
        active: m.active,
    })
}

/// One medicine with its stock today; `not_found` for an unknown id.
pub fn get(cx: &Ctx<'_>, id: &str) -> Result<Medicine> {
    cx.read(|conn| {
        let today = clinic::locale(conn, cx.now())?.today;
        let (id, m, starter) = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM medicines m WHERE m.id = ?1"
            ))?
            .query_row([id], from_row)
            .optional()?
            .ok_or_else(|| Error::not_found("There is no such medicine."))?;
        with_stock(conn, id, m, starter, today)
    })
}

/// The SQL a search runs and its parameters. Each name word must start some folded word of the generic or brand
/// name (`medicine_tokens`); a word with a digit must start the strength.
pub fn search_sql(
    query: &str,
    include_inactive: bool,
    limit: usize,
) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value as V;
    let mut sql = format!("SELECT {COLUMNS} FROM medicines m WHERE 1 = 1");
    let mut params = Vec::new();
    if !include_inactive {
        sql.push_str(" AND m.active = 1");
    }
    for word in query.split_whitespace() {
        if word.chars().any(|c| c.is_ascii_digit()) {
            let w: String = word
                .to_lowercase()
                .chars()
                .filter(|c| !matches!(c, '%' | '_' | '\\'))
                .collect();
            params.push(V::Text(format!("{w}%")));
            sql.push_str(&format!(
                " AND replace(lower(m.strength), ' ', '') LIKE ?{}",
                params.len()
            ));
            continue;
        }
        for token in fold_text(word).split(' ').filter(|t| !t.is_empty()) {
            // Tokens hold only [a-z0-9], and `{` sorts right after `z`: a prefix is a range of the index.
            params.push(V::Text(token.to_string()));
            let n = params.len();
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM medicine_tokens t WHERE t.medicine_rowid = m.rowid \
                   AND t.token >= ?{n} AND t.token < ?{n} || '{{')"
            ));
        }
    }
    sql.push_str(&format!(
        " ORDER BY m.active DESC, lower(m.generic_name), m.strength, m.id LIMIT {limit}"
    ));
    (sql, params)
}

/// Finds medicines by name prefix (accent- and case-blind), active ones unless asked, each with its stock today.
pub fn search(cx: &Ctx<'_>, req: &SearchMedicinesRequest) -> Result<SearchMedicinesResponse> {
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    text::optional("query", "The search", Some(&req.query), 200, Lines::One)?;
    cx.read(|conn| {
        let today = clinic::locale(conn, cx.now())?.today;
        let (sql, params) = search_sql(&req.query, req.include_inactive, limit);
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(params), from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let results = rows
            .into_iter()
            .map(|(id, m, starter)| with_stock(conn, id, m, starter, today))
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchMedicinesResponse { results })
    })
}

/// A medicine's name as lists print it: "timolol 0.5% solution".
pub fn display_name(generic: &str, strength: &str, form: Form) -> String {
    [generic, strength, form_words(form)]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_in_words() {
        assert_eq!(pack_words(500, PackUnit::Ml), "5 mL");
        assert_eq!(pack_words(350, PackUnit::G), "3.5 g");
        assert_eq!(pack_words(1025, PackUnit::Ml), "10.25 mL");
        assert_eq!(pack_words(2800, PackUnit::Tablets), "28 tablets");
    }

    #[test]
    fn search_words_become_index_ranges() {
        let (sql, params) = search_sql("Prédni 1%", false, 10);
        assert_eq!(params.len(), 2);
        assert!(sql.contains("medicine_tokens"), "{sql}");
        assert!(sql.contains("m.active = 1"), "{sql}");
        assert_eq!(params[0], rusqlite::types::Value::Text("predni".into()));
        assert_eq!(params[1], rusqlite::types::Value::Text("1%".into()));
    }
}
