//! A believable demo clinic: patients with names from many cultures (accents included), realistic ages for an eye
//! clinic, phone numbers and some clinical background. Deterministic for a given seed, so benchmarks are repeatable.

mod appointments;
mod history;
mod names;
pub mod ops;
mod prices;
pub mod seed;
mod stock;

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::accounts::{self, ClinicianProfile, Role};
use crate::patients::{Sex, ValidPatient, insert_patient};
use crate::sync::Writer;
use crate::{Error, Fovea, Result, clinic, workstation};
pub use appointments::seed_appointments;
pub use history::seed_history;
pub use prices::seed_prices;
pub use stock::seed_stock;

/// The clinic setting that makes a clinic a demo: written once, at set-up, and never changed (a trigger refuses).
pub const DEMO_CLINIC: &str = "demo_clinic";

/// Whether this clinic was set up as a demo. Only a demo clinic takes demo data: in a real one, made-up signed
/// examinations in real doctors' names would be indistinguishable from the record.
pub fn is_demo(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(clinic::get(conn, DEMO_CLINIC)?.as_deref() == Some("true"))
}

/// Marks the clinic being set up as a demo (inside the set-up transaction only).
pub(crate) fn mark_demo(w: &Writer<'_>) -> Result<()> {
    clinic::set(w, DEMO_CLINIC, "true")
}

/// One staff account per role for a demo clinic, all with `password`, so each role's view can be tried.
pub const DEMO_STAFF: &[(&str, &str, Role)] = &[
    ("doctor", "Dr Amara Okafor", Role::Doctor),
    ("optom", "Siobhán Byrne", Role::Optometrist),
    ("reception", "Lucía Fernández", Role::Receptionist),
    ("pharmacy", "Rahul Iyer", Role::Pharmacist),
    ("cashier", "Zofia Nowak", Role::Cashier),
];

/// Adds the demo staff with `password` (at set-up of a demo clinic).
pub fn add_staff(w: &Writer<'_>, password: &str) -> Result<()> {
    add_staff_with_hash(w, &accounts::password::hash(password)?)
}

/// Adds the demo staff sharing an existing password hash (the administrator's), skipping names already taken.
pub fn add_staff_with_hash(w: &Writer<'_>, phc: &str) -> Result<()> {
    for (i, (username, name, role)) in DEMO_STAFF.iter().enumerate() {
        if accounts::id_by_username(w.tx(), username)?.is_some() {
            continue;
        }
        let profile = matches!(role, Role::Doctor | Role::Optometrist).then(|| ClinicianProfile {
            specialization: Some(
                if *role == Role::Doctor {
                    "Ophthalmologist"
                } else {
                    "Optometrist"
                }
                .into(),
            ),
            licence_number: Some(format!("DEMO-{:05}", 10_000 + i * 137)),
            signature_text: Some(format!(
                "{name}, {}",
                if *role == Role::Doctor {
                    "FRCOphth"
                } else {
                    "MCOptom"
                }
            )),
        });
        accounts::create_with_hash(w, username, name, &[*role], phc, profile.as_ref())?;
    }
    Ok(())
}

/// Patients written per transaction: large enough to be fast, small enough to show progress.
const BATCH: usize = 500;

/// Adds `count` demo patients through the normal write path (so they replicate like any other), calling
/// `progress(done, count)` after each batch. The workstation must be set up.
pub fn seed_patients(
    fovea: &Fovea,
    count: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut done = 0;
    while done < count {
        let n = BATCH.min(count - done);
        fovea.write(|w| {
            let code = workstation::code(w.tx())?.ok_or_else(|| {
                Error::conflict("Set up this workstation before adding demo patients.")
            })?;
            let today = clinic::locale(w.tx(), w.now())?.today;
            for _ in 0..n {
                insert_patient(w, &code, &patient(&mut rng, today))?;
            }
            Ok(())
        })?;
        done += n;
        progress(done, count);
    }
    Ok(())
}

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// One demo patient. Eye clinics see mostly older adults, plus children for squint and glasses.
pub fn patient(rng: &mut StdRng, today: NaiveDate) -> ValidPatient {
    let culture = &names::CULTURES[rng.random_range(0..names::CULTURES.len())];
    let sex = if rng.random_bool(0.52) {
        Sex::Female
    } else {
        Sex::Male
    };
    let first = match sex {
        Sex::Female => pick(rng, culture.female),
        _ => pick(rng, culture.male),
    };
    // Two family names (Spanish custom, or double-barrelled) for some, so a demo clinic repeats names less.
    let last = if rng.random_bool(culture.double_surnames) {
        let (a, b) = (pick(rng, culture.last), pick(rng, culture.last));
        if a == b {
            a.to_string()
        } else {
            format!("{a}{}{b}", culture.surname_joiner)
        }
    } else {
        pick(rng, culture.last).to_string()
    };
    let last = last.as_str();
    let age_years: u64 = match rng.random_range(0..100) {
        0..=11 => rng.random_range(1..16),
        12..=34 => rng.random_range(16..45),
        35..=84 => rng.random_range(45..80),
        _ => rng.random_range(80..100),
    };
    let dob = today
        .checked_sub_days(Days::new(age_years * 365 + rng.random_range(0..365)))
        .unwrap_or(today);
    let phone = format!(
        "{} {:03} {:04}",
        culture.phone_prefix,
        rng.random_range(100..1000),
        rng.random_range(0..10000)
    );
    let mut phones = vec![phone];
    if rng.random_bool(0.15) {
        phones.push(format!(
            "0{} {:03} {:04}",
            rng.random_range(20..90),
            rng.random_range(100..1000),
            rng.random_range(0..10000)
        ));
    }
    let email = rng.random_bool(0.4).then(|| {
        format!(
            "{}.{}{}@example.com",
            deunicode::deunicode(first)
                .to_lowercase()
                .replace([' ', '\''], ""),
            deunicode::deunicode(last)
                .to_lowercase()
                .replace([' ', '\''], ""),
            rng.random_range(1..100)
        )
    });
    let history = pick(rng, names::HISTORIES);
    let allergy = pick(rng, names::ALLERGIES);
    ValidPatient {
        first_name: first.to_string(),
        last_name: last.to_string(),
        date_of_birth: dob,
        sex,
        phones,
        email,
        address: Some(format!(
            "{} {}, {}",
            rng.random_range(1..250),
            pick(rng, names::STREETS),
            culture.city
        )),
        national_id: None,
        medical_history: (!history.is_empty()).then(|| history.to_string()),
        allergies: (!allergy.is_empty()).then(|| allergy.to_string()),
        current_medications: None,
        emergency_contact_name: rng
            .random_bool(0.6)
            .then(|| format!("{} {}", pick(rng, culture.female), last)),
        emergency_contact_phone: None,
        usual_clinician_id: None,
    }
}
