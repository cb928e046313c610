//! Taper templates the clinic keeps ("After cataract surgery"): a name, an optional suggested medicine and the
//! steps. Applying one is the screen's work: it copies the steps (and the medicine, if any) into a line, per eye
//! when the two eyes follow different regimens, and the line is then validated like any other — so there is no
//! "apply" operation that could drift from what the form shows.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::item::Step;
use super::validate::{self, formulary_medicine};
use crate::catalog::Ctx;
use crate::sync::tables::TAPER_TEMPLATES;
use crate::text::{self};
use crate::{Error, Result};

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TaperTemplate {
    pub id: String,
    pub name: String,
    pub medicine_id: Option<String>,
    /// The suggested medicine's words ("prednisolone acetate 1% suspension"), for the picker.
    pub medicine_name: Option<String>,
    pub steps: Vec<Step>,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct TaperTemplatesRequest {
    /// Also the inactive ones (to edit or restore them).
    #[serde(default)]
    pub include_inactive: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveTaperTemplateRequest {
    /// The template to change; `None` for a new one.
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
    #[serde(default)]
    pub medicine_id: Option<String>,
    pub steps: Vec<Step>,
    /// False retires it (templates are never deleted).
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

pub fn list(conn: &Connection, include_inactive: bool) -> Result<Vec<TaperTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.name, t.medicine_id, m.generic_name, m.strength, m.form, t.steps, t.active
         FROM taper_templates t LEFT JOIN medicines m ON m.id = t.medicine_id
         WHERE t.active = 1 OR ?1
         ORDER BY t.name COLLATE NOCASE, t.id",
    )?;
    let rows = stmt.query_map([include_inactive], |r| {
        let parts: [Option<String>; 3] = [r.get(3)?, r.get(4)?, r.get(5)?];
        let name = parts[0].is_some().then(|| {
            parts
                .iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        });
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            name,
            r.get::<_, String>(6)?,
            r.get::<_, bool>(7)?,
        ))
    })?;
    rows.map(|row| {
        let (id, name, medicine_id, medicine_name, steps, active) = row?;
        let steps: Vec<Step> = serde_json::from_str(&steps)
            .map_err(|e| Error::storage(format!("A stored taper template cannot be read: {e}")))?;
        Ok(TaperTemplate {
            id,
            name,
            medicine_id,
            medicine_name,
            steps,
            active,
        })
    })
    .collect()
}

pub fn templates(cx: &Ctx<'_>, req: &TaperTemplatesRequest) -> Result<Vec<TaperTemplate>> {
    cx.read(|conn| list(conn, req.include_inactive))
}

/// Adds a template or changes one (its name, medicine, steps, or retiring it).
pub fn save_template(cx: &Ctx<'_>, req: &SaveTaperTemplateRequest) -> Result<TaperTemplate> {
    let name = text::one_line_collapsed("name", "The template's name", &req.name, 120)?
        .ok_or_else(|| Error::validation("name", "Give the template a name."))?;
    let steps = validate::validate_steps("steps", &req.steps)?;
    let id = cx.write(|w| {
        let conn = w.tx();
        let medicine_id = req
            .medicine_id
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty());
        if let Some(m) = medicine_id
            && formulary_medicine(conn, m)?.is_none()
        {
            return Err(Error::validation(
                "medicine_id",
                "This medicine is not in the formulary.",
            ));
        }
        let mut f = Map::new();
        f.insert("name".into(), json!(name));
        f.insert("medicine_id".into(), json!(medicine_id));
        f.insert(
            "steps".into(),
            json!(serde_json::to_string(&steps).map_err(|e| Error::storage(e.to_string()))?),
        );
        f.insert("active".into(), json!(req.active));
        f.insert("updated_at".into(), json!(w.stamp()));
        match req.id.as_deref() {
            Some(id) => {
                let known: Option<String> = conn
                    .query_row("SELECT id FROM taper_templates WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .optional()?;
                if known.is_none() {
                    return Err(Error::not_found("No such taper template."));
                }
                w.update(TAPER_TEMPLATES, id, &f)?;
                Ok(id.to_string())
            }
            None => {
                let id = Uuid::now_v7().to_string();
                f.insert("created_at".into(), json!(w.stamp()));
                w.insert(TAPER_TEMPLATES, &id, &f)?;
                Ok(id)
            }
        }
    })?;
    cx.read(|conn| {
        list(conn, true)?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| Error::storage("The saved taper template cannot be read back."))
    })
}
