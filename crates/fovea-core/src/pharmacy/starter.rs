//! The starter formulary every new clinic begins with: common ophthalmic medicines by generic name, with typical
//! packs and the usual discard-after-opening, unpriced. A starting point for the clinic to edit, not advice. The ids
//! are fixed so the list is the same rows on every clinic's first workstation.

use super::formulary::{self, Form, PackUnit, Route, ValidMedicine};
use crate::Result;
use crate::sync::Writer;

struct Starter {
    generic: &'static str,
    strength: &'static str,
    form: Form,
    route: Route,
    pack_hundredths: i64,
    unit: PackUnit,
    use_within_days: Option<i64>,
}

const fn drops(generic: &'static str, strength: &'static str, form: Form, ml: i64) -> Starter {
    Starter {
        generic,
        strength,
        form,
        route: Route::Eye,
        pack_hundredths: ml * 100,
        unit: PackUnit::Ml,
        use_within_days: Some(28),
    }
}

const fn eye_ointment(generic: &'static str, strength: &'static str, hundredths_g: i64) -> Starter {
    Starter {
        generic,
        strength,
        form: Form::Ointment,
        route: Route::Eye,
        pack_hundredths: hundredths_g,
        unit: PackUnit::G,
        use_within_days: Some(28),
    }
}

use Form::{Emulsion, Solution, Suspension};

const LIST: &[Starter] = &[
    drops("chloramphenicol", "0.5%", Solution, 10),
    drops("moxifloxacin", "0.5%", Solution, 5),
    drops("ofloxacin", "0.3%", Solution, 5),
    drops("prednisolone acetate", "1%", Suspension, 5),
    drops("dexamethasone", "0.1%", Solution, 5),
    drops("loteprednol etabonate", "0.5%", Suspension, 5),
    drops("fluorometholone", "0.1%", Suspension, 5),
    drops("ketorolac", "0.5%", Solution, 5),
    drops("nepafenac", "0.1%", Suspension, 5),
    drops("timolol", "0.5%", Solution, 5),
    drops("latanoprost", "0.005%", Solution, 3),
    drops("bimatoprost", "0.01%", Solution, 3),
    drops("brimonidine", "0.2%", Solution, 5),
    drops("dorzolamide", "2%", Solution, 5),
    drops("brinzolamide", "1%", Suspension, 5),
    Starter {
        generic: "acetazolamide",
        strength: "250 mg",
        form: Form::Tablet,
        route: Route::Oral,
        pack_hundredths: 11200,
        unit: PackUnit::Tablets,
        use_within_days: None,
    },
    drops("atropine", "1%", Solution, 5),
    drops("cyclopentolate", "1%", Solution, 5),
    drops("tropicamide", "1%", Solution, 5),
    drops("carboxymethylcellulose (lubricant)", "0.5%", Solution, 10),
    drops("sodium hyaluronate (lubricant)", "0.1%", Solution, 10),
    eye_ointment("aciclovir", "3%", 450),
    eye_ointment("chloramphenicol", "1%", 400),
    drops("tobramycin + dexamethasone", "0.3% + 0.1%", Suspension, 5),
    drops("olopatadine", "0.1%", Solution, 5),
    drops("ciclosporin", "0.1%", Emulsion, 3),
];

/// The fixed id of the starter list's `n`th medicine (a UUIDv7 shape with a zero clock: it sorts before any
/// medicine the clinic adds).
pub fn starter_id(n: usize) -> String {
    format!("00000000-0000-7000-8000-{:012}", n + 1)
}

/// How many medicines the starter list has.
pub fn len() -> usize {
    LIST.len()
}

/// Adds the starter list to the formulary (at clinic set-up), skipping any of its rows already there.
pub fn insert(w: &Writer<'_>) -> Result<()> {
    for (n, s) in LIST.iter().enumerate() {
        let id = starter_id(n);
        let exists: bool = w
            .tx()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM medicines WHERE id = ?1)")?
            .query_row([&id], |r| r.get(0))?;
        if exists {
            continue;
        }
        let m = ValidMedicine {
            generic_name: s.generic.to_string(),
            brand: None,
            strength: s.strength.to_string(),
            form: s.form,
            route: s.route,
            pack_size_hundredths: s.pack_hundredths,
            pack_unit: s.unit,
            stocked: true,
            reorder_level: 0,
            price_minor: None,
            use_within_days: s.use_within_days,
            active: true,
        };
        formulary::insert(w, &id, &m, true)?;
    }
    Ok(())
}
