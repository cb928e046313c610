//! A whole demo clinic, as `fovea demo seed` makes it: set up (if the database is new) with one staff account per
//! role, then patients, past visits with signed examinations and an appointment book around today. Everything goes
//! through the catalog's operations as the signed-in administrator, so permissions and the audit trail apply
//! exactly as for a person; the front doors only show progress and the report.

use super::ops::{
    AddStaff, SeedAppointments, SeedAppointmentsRequest, SeedHistory, SeedHistoryRequest,
    SeedPatients, SeedPatientsRequest,
};
use crate::accounts::Role;
use crate::accounts::ops::{ListUsers, ListUsersRequest, SignIn, SignInRequest};
use crate::catalog::Empty;
use crate::clinic::ClinicSettings;
use crate::prescriptions::ops::SaveTemplate;
use crate::prescriptions::templates::SaveTaperTemplateRequest;
use crate::prescriptions::{Dose, DoseUnit, Frequency, Step};
use crate::workstation::ops::{NewAdmin, Setup, SetupRequest};
use crate::{Fovea, Result};

/// Patients per `demo.seed_patients` call and visits per `demo.seed_history` call: each is one transaction, small
/// enough that the app beside it waits only briefly for the write lock.
const PATIENTS_PER_CALL: usize = 1000;
const VISITS_PER_CALL: u32 = 5000;

/// What to add.
#[derive(Debug, Clone)]
pub struct DemoPlan {
    pub patients: usize,
    /// The same seed gives the same clinic.
    pub seed: u64,
    /// Days of past attendances before today, and of bookings after it.
    pub days_back: u32,
    pub days_ahead: u32,
    /// Past visits with signed examinations over three years; `None`: one per patient.
    pub past_visits: Option<u32>,
}

/// What was added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub patients: usize,
    pub past_visits: u32,
    pub appointments: u32,
    /// The book and the past visits were skipped: the clinic has no active doctor (or no clinician at all).
    pub skipped_without_clinicians: bool,
}

/// Sets up a new database as a demo clinic, workstation R1, whose administrator is `username`, and adds one staff
/// account per role with the same password (see [`super::DEMO_STAFF`]).
pub fn set_up(fovea: &Fovea, username: &str, password: &str) -> Result<()> {
    let clinic = ClinicSettings {
        address: Some("12 Harbour Road".into()),
        registration: Some("Registered company no. 654321 · VAT no. IE 6543210K".into()),
        ..ClinicSettings::named("Fovea Demo Eye Clinic")
    };
    let admin = NewAdmin::new(username, "Demo Administrator", password);
    // A demo from the start, so demo data is accepted from then on.
    let request = SetupRequest {
        demo: true,
        ..SetupRequest::new(clinic, "R1", admin)
    };
    fovea.run::<Setup>(None, request)?;
    let token = sign_in(fovea, username, password)?;
    fovea.run::<AddStaff>(Some(&token), Empty {})?;
    super::seed_stock(fovea)?;
    super::seed_prices(fovea, &token)?;
    let doctor = sign_in(fovea, "doctor", password)?;
    fovea.run::<SaveTemplate>(Some(&doctor), after_cataract_surgery(fovea)?)?;
    Ok(())
}

/// The taper most eye clinics start with, so the demo doctor applies a template in one click.
fn after_cataract_surgery(fovea: &Fovea) -> Result<SaveTaperTemplateRequest> {
    let prednisolone: Option<String> = fovea.read(|c| {
        Ok(c.query_row(
            "SELECT id FROM medicines WHERE generic_name = 'prednisolone acetate' AND active = 1
             ORDER BY created_at LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok())
    })?;
    let step = |frequency, days| Step {
        dose: Dose {
            amount_tenths: 10,
            unit: DoseUnit::Drop,
        },
        frequency,
        days: Some(days),
    };
    Ok(SaveTaperTemplateRequest {
        id: None,
        name: "After cataract surgery (prednisolone 1%)".into(),
        medicine_id: prednisolone,
        steps: vec![
            step(Frequency::FourTimesDaily, 7),
            step(Frequency::ThreeTimesDaily, 7),
            step(Frequency::TwiceDaily, 7),
            step(Frequency::OnceDaily, 7),
        ],
        active: true,
    })
}

/// Signs in for seeding and returns the session token.
pub fn sign_in(fovea: &Fovea, username: &str, password: &str) -> Result<String> {
    let request = SignInRequest {
        username: username.into(),
        password: password.into(),
    };
    Ok(fovea.run::<SignIn>(None, request)?.token)
}

/// Adds `plan` as the holder of `session`; `progress(done, total)` after each batch of patients.
pub fn seed(
    fovea: &Fovea,
    session: &str,
    plan: &DemoPlan,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<DemoReport> {
    let mut report = DemoReport::default();
    let mut chunk_seed = plan.seed;
    while report.patients < plan.patients {
        let count = (plan.patients - report.patients).min(PATIENTS_PER_CALL);
        let request = SeedPatientsRequest {
            count: count as u32,
            seed: chunk_seed,
        };
        fovea.run::<SeedPatients>(Some(session), request)?;
        report.patients += count;
        chunk_seed = chunk_seed.wrapping_add(1);
        progress(report.patients, plan.patients);
    }

    let staff = fovea.run::<ListUsers>(
        Some(session),
        ListUsersRequest {
            include_inactive: false,
        },
    )?;
    let has = |role: Role| staff.iter().any(|u| u.roles.contains(&role));
    let doctor = has(Role::Doctor);
    let clinician = doctor || has(Role::Optometrist);
    let wanted_visits = plan.past_visits.unwrap_or(plan.patients as u32);
    let wanted_days = plan.days_back + plan.days_ahead;
    report.skipped_without_clinicians =
        (wanted_visits > 0 && !doctor) || (wanted_days > 0 && !clinician);

    let mut left = if doctor { wanted_visits } else { 0 };
    let mut history_seed = plan.seed;
    while left > 0 {
        let visits = left.min(VISITS_PER_CALL);
        let request = SeedHistoryRequest {
            visits,
            years: 3,
            seed: history_seed,
        };
        fovea.run::<SeedHistory>(Some(session), request)?;
        report.past_visits += visits;
        left -= visits;
        history_seed = history_seed.wrapping_add(1);
    }

    if clinician && wanted_days > 0 {
        let request = SeedAppointmentsRequest {
            days_back: plan.days_back,
            days_ahead: plan.days_ahead,
            seed: plan.seed,
        };
        report.appointments = fovea.run::<SeedAppointments>(Some(session), request)?.added;
    }
    Ok(report)
}
