//! The spectacle prescription: the visit's final refraction in the clinic's printed cylinder form. Before the record
//! is signed it prints as a draft, marked not valid and with no signature block; once signed, the prescriber is the
//! clinician who signed (or, where the clinic says optometrists issue them, the optometrist who recorded the work-up).

use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

use super::record::parse_stored;
use super::refraction::{CylinderForm, EyeRefraction, RefractionKind, ZeroStyle};
use super::settings;
use super::workup::Workup;
use crate::catalog::{Ctx, area_operations, op};
use crate::clinic;
use crate::documents::{self, Document};
use crate::{Error, Result};
use fovea_print::{Authorisation, PatientLine, Prescriber, RxEye, SpectacleRx};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SpectacleRxRequest {
    pub visit_id: String,
    /// Lens notes printed under the table (varifocals, coatings...).
    #[serde(default)]
    pub notes: Option<String>,
}

const DASH: &str = "";

fn eye(e: &Option<EyeRefraction>, form: CylinderForm) -> RxEye {
    let Some(e) = e.map(|e| e.in_form(form)) else {
        return RxEye::default();
    };
    RxEye {
        sphere: e.sphere.format(ZeroStyle::Plano),
        cylinder: e
            .cylinder
            .map_or(DASH.into(), |c| c.power.format(ZeroStyle::Numeric)),
        axis: e.cylinder.map_or(DASH.into(), |c| c.axis.to_string()),
        add: e.add.map_or(DASH.into(), |a| a.to_string()),
        prism: e.prism.map_or(DASH.into(), |p| p.to_string()),
        pd: e.pd.map_or(DASH.into(), |p| p.to_string()),
    }
}

fn prescriber(conn: &Connection, user_id: &str) -> Result<Prescriber> {
    let u = crate::accounts::load(conn, user_id)?;
    let profile = u.profile.unwrap_or_default();
    Ok(Prescriber {
        full_name: u.full_name,
        specialization: profile.specialization,
        licence_number: profile.licence_number,
        signature_text: profile.signature_text,
    })
}

/// Renders the visit's final refraction as a PDF in the documents folder.
pub fn spectacle_rx(cx: &Ctx<'_>, req: &SpectacleRxRequest) -> Result<Document> {
    let notes = super::text::note("notes", "Lens notes", req.notes.as_deref(), 600)?;
    let doc = cx.read(|conn| {
        /// Who and what the prescription is printed from.
        struct Source {
            patient_id: String,
            day: String,
            workup: Option<String>,
            workup_by: Option<String>,
            signed_by: Option<String>,
        }
        let row = conn
            .query_row(
                "SELECT patient_id, clinic_day, workup, workup_by, signed_by FROM examinations
                 WHERE visit_id = ?1",
                [&req.visit_id],
                |r| {
                    Ok(Source {
                        patient_id: r.get(0)?,
                        day: r.get(1)?,
                        workup: r.get(2)?,
                        workup_by: r.get(3)?,
                        signed_by: r.get(4)?,
                    })
                },
            )
            .optional()?;
        let Some(Source {
            patient_id,
            day,
            workup,
            workup_by,
            signed_by,
        }) = row
        else {
            return Err(Error::conflict("This visit has no work-up to print from."));
        };
        cx.note_patient(&patient_id);
        let w: Workup = parse_stored(&workup)?
            .ok_or_else(|| Error::conflict("This visit has no work-up to print from."))?;
        let rx = w.refraction(RefractionKind::Final).ok_or_else(|| {
            Error::conflict("The work-up has no final refraction; record one to print glasses.")
        })?;
        let locale = clinic::locale(conn, cx.now())?;
        let s = settings::load(conn)?;
        let patient = crate::patients::load(conn, &patient_id, &locale)?;
        let day: NaiveDate = day
            .parse()
            .map_err(|_| Error::storage("A visit has an unreadable clinic day."))?;
        // Only a signed record makes a prescription; until then the printout is a draft with nobody's name on it.
        let authorisation = match signed_by {
            None => Authorisation::Draft,
            Some(signer) => {
                let optometrist = workup_by.as_deref().filter(|id| {
                    s.spectacle_rx_by_optometrist
                        && crate::accounts::load(conn, id)
                            .is_ok_and(|u| u.roles.contains(&crate::accounts::Role::Optometrist))
                });
                Authorisation::Signed(prescriber(conn, optometrist.unwrap_or(&signer))?)
            }
        };
        let (clinic, paper) = documents::letterhead(conn)?;
        let fmt = |d: NaiveDate| locale.date_format.format(d);
        let dob = patient
            .date_of_birth
            .parse::<NaiveDate>()
            .map(fmt)
            .unwrap_or(patient.date_of_birth.clone());
        Ok(SpectacleRx {
            clinic,
            paper,
            patient: PatientLine {
                full_name: format!("{} {}", patient.first_name, patient.last_name),
                date_of_birth: dob,
                age: Some(format!("{} years", patient.age_years)),
                mrn: patient.mrn.clone(),
            },
            authorisation,
            issued_on: fmt(day),
            expires_on: (s.rx_expiry_months > 0)
                .then(|| day.checked_add_months(Months::new(s.rx_expiry_months)))
                .flatten()
                .map(fmt),
            od: eye(&rx.od, s.cylinder_form),
            os: eye(&rx.os, s.cylinder_form),
            binocular_pd: rx.pd.map(|p| p.to_string()),
            cylinder_form: match s.cylinder_form {
                CylinderForm::Minus => "Minus cylinder form".into(),
                CylinderForm::Plus => "Plus cylinder form".into(),
            },
            notes,
            reference: Some(format!("{} · visit of {}", patient.mrn, fmt(day))),
        })
    })?;
    let bytes = fovea_print::spectacle_rx(&doc).map_err(|e| Error::storage(e.to_string()))?;
    documents::save(
        cx.fovea,
        // The MRN and the kind, never the patient's name: file names show in recent-file lists and backups.
        &if doc.authorisation == Authorisation::Draft {
            format!("Spectacle Rx draft {}", doc.patient.mrn)
        } else {
            format!("Spectacle Rx {}", doc.patient.mrn)
        },
        &bytes,
    )
}

op! {
    PrintSpectacleRx = "print.spectacle_rx", ReadClinical,
    summary: "Save the spectacle prescription of a visit's final refraction as a PDF in the documents folder.",
    label: "Printed a spectacle prescription",
    fn(cx, r: SpectacleRxRequest) -> crate::documents::Document {
        spectacle_rx(cx, &r)
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    PrintSpectacleRx,
}
