//! Demo data through the catalog, so the CLI adds it as a signed-in, audited administrator.

use serde::Deserialize;
use ts_rs::TS;

use crate::audit::Outcome;
use crate::catalog::{Ctx, Empty, area_operations, op};
use crate::{Error, Result};

/// Demo data goes into demo clinics only, whoever asks; a refusal is in the trail with what was asked.
fn demo_clinic_only(cx: &Ctx<'_>, asked: String) -> Result<()> {
    if cx.read(super::is_demo)? {
        return Ok(());
    }
    cx.note_detail(format!("refused, not a demo clinic: {asked}"));
    cx.audit(Outcome::Failed)?;
    Err(Error::conflict(
        "This clinic was not set up as a demo, so it takes no demo data: made-up records would mix with real \
         patients'. Try Fovea on a new database instead (fovea demo seed --db /tmp/demo.db).",
    ))
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SeedPatientsRequest {
    /// 1 to 10,000 per call.
    pub count: u32,
    /// The same seed gives the same patients.
    pub seed: u64,
}

op! {
    SeedPatients = "demo.seed_patients", ManageSettings,
    summary: "Add believable demo patients (names from many cultures, realistic ages and phones).",
    label: "Added demo patients",
    fn(cx, req: SeedPatientsRequest) -> Empty {
        if !(1..=10_000).contains(&req.count) {
            return Err(Error::validation(
                "count",
                "Add 1 to 10,000 demo patients per call.",
            ));
        }
        demo_clinic_only(cx, format!("{} demo patients", req.count))?;
        cx.note_detail(format!("added {} demo patients (seed {})", req.count, req.seed));
        super::seed_patients(cx.fovea, req.count as usize, req.seed, &mut |_, _| {})?;
        Ok(Empty {})
    }
}

op! {
    AddStaff = "demo.add_staff", ManageUsers,
    summary: "Add one demo staff account per role, with the caller's password.",
    label: "Added the demo staff",
    fn(cx, _: Empty) -> Empty {
        let me = cx
            .user
            .clone()
            .ok_or_else(|| Error::permission_denied("Sign in first."))?;
        demo_clinic_only(cx, "demo staff accounts".into())?;
        cx.note_detail("added demo staff accounts");
        cx.write(|w| {
            let phc = crate::accounts::stored_hash(w.tx(), &me.id)?;
            super::add_staff_with_hash(w, &phc)
        })?;
        Ok(Empty {})
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SeedAppointmentsRequest {
    /// Clinic days of past attendances before today (0 to 400).
    pub days_back: u32,
    /// Clinic days of bookings after today (0 to 120).
    pub days_ahead: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, serde::Serialize, TS)]
#[ts(export)]
pub struct SeedAppointmentsResponse {
    pub added: u32,
}

op! {
    SeedAppointments = "demo.seed_appointments", ManageSettings,
    summary: "Fill the demo book: past attendances, today's patients on the board and bookings ahead.",
    label: "Added demo appointments",
    fn(cx, req: SeedAppointmentsRequest) -> SeedAppointmentsResponse {
        if req.days_back > 400 {
            return Err(Error::validation("days_back", "Go back at most 400 days."));
        }
        if req.days_ahead > 120 {
            return Err(Error::validation(
                "days_ahead",
                "Book at most 120 days ahead.",
            ));
        }
        demo_clinic_only(
            cx,
            format!("demo appointments {} days back, {} ahead", req.days_back, req.days_ahead),
        )?;
        let added = super::seed_appointments(
            cx.fovea,
            req.days_back,
            req.days_ahead,
            req.seed,
            &mut |_, _| {},
        )?;
        cx.note_detail(format!("added {added} demo appointments"));
        Ok(SeedAppointmentsResponse {
            added: added as u32,
        })
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SeedHistoryRequest {
    /// Past visits with a signed examination to add (1 to 20,000 per call).
    pub visits: u32,
    /// Spread over this many past years (1 to 20).
    pub years: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, serde::Serialize, TS)]
#[ts(export)]
pub struct SeedHistoryResponse {
    /// Charted values written (acuity, pressure, cup-to-disc per eye).
    pub values: u32,
}

op! {
    SeedHistory = "demo.seed_history", ManageSettings,
    summary: "Add past visits with signed examinations (work-up, diagnoses) for demo patients' charts.",
    label: "Added demo past visits",
    fn(cx, req: SeedHistoryRequest) -> SeedHistoryResponse {
        if !(1..=20_000).contains(&req.visits) {
            return Err(Error::validation(
                "visits",
                "Add 1 to 20,000 past visits per call.",
            ));
        }
        if !(1..=20).contains(&req.years) {
            return Err(Error::validation(
                "years",
                "Spread them over 1 to 20 years.",
            ));
        }
        demo_clinic_only(cx, format!("{} demo past visits", req.visits))?;
        let values = super::seed_history(
            cx.fovea,
            req.visits as usize,
            req.years,
            req.seed,
            &mut |_, _| {},
        )?;
        cx.note_detail(format!(
            "added {} demo past visits with signed examinations ({values} charted values)",
            req.visits
        ));
        Ok(SeedHistoryResponse {
            values: values as u32,
        })
    }
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    SeedPatients,
    AddStaff,
    SeedAppointments,
    SeedHistory,
}
