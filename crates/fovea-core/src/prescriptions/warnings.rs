//! What the doctor must see before signing, never silently dropped: a medicine that matches the patient's recorded
//! allergies, the same medicine twice, and a course the prescribed packs will not last. Warnings do not stop a save
//! (the doctor may know better); they come back with every read and save of the prescription.
//!
//! Allergies are free text, so matching is by word: the allergy text and the medicine's generic and brand names are
//! folded (accents, case, punctuation) and compared word by word, and a small table of drug classes links the words
//! people write ("sulfa", "penicillin") to the eye-care medicines of that class. The table is a safety net, not a
//! complete drug-interaction database: a clinic must still read the allergy text.

use std::collections::HashSet;

use serde::Serialize;
use ts_rs::TS;

use super::item::PrescriptionItem;
use super::taper::{self, Pack};
use crate::storage::fold_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PrescriptionWarningKind {
    /// The medicine matches the patient's recorded allergies.
    Allergy,
    /// The same medicine is on two lines.
    Duplicate,
    /// The packs prescribed will not last the course.
    SupplyShort,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrescriptionWarning {
    pub kind: PrescriptionWarningKind,
    /// The line it is about, from 0.
    pub item: usize,
    pub message: String,
}

/// Drug classes as allergies are written, with the medicines of each class an eye clinic prescribes. Folded words.
const CLASSES: &[(&str, &[&str], &[&str])] = &[
    (
        "sulfonamides",
        &[
            "sulfa",
            "sulpha",
            "sulfonamide",
            "sulfonamides",
            "sulphonamide",
            "sulphonamides",
            "sulfas",
        ],
        &[
            "acetazolamide",
            "methazolamide",
            "dorzolamide",
            "brinzolamide",
            "sulfacetamide",
            "sulphacetamide",
        ],
    ),
    (
        "penicillins",
        &["penicillin", "penicillins"],
        &[
            "penicillin",
            "benzylpenicillin",
            "amoxicillin",
            "amoxycillin",
            "ampicillin",
            "flucloxacillin",
            "coamoxiclav",
        ],
    ),
    (
        "cephalosporins",
        &["cephalosporin", "cephalosporins"],
        &[
            "cefuroxime",
            "cefazolin",
            "ceftazidime",
            "cefalexin",
            "cephalexin",
        ],
    ),
    (
        "aminoglycosides",
        &["aminoglycoside", "aminoglycosides"],
        &[
            "gentamicin",
            "tobramycin",
            "neomycin",
            "amikacin",
            "framycetin",
        ],
    ),
    (
        "fluoroquinolones",
        &[
            "quinolone",
            "quinolones",
            "fluoroquinolone",
            "fluoroquinolones",
        ],
        &[
            "ciprofloxacin",
            "ofloxacin",
            "levofloxacin",
            "moxifloxacin",
            "gatifloxacin",
            "besifloxacin",
        ],
    ),
    (
        "tetracyclines",
        &["tetracycline", "tetracyclines"],
        &[
            "tetracycline",
            "doxycycline",
            "minocycline",
            "oxytetracycline",
        ],
    ),
    (
        "macrolides",
        &["macrolide", "macrolides"],
        &["azithromycin", "erythromycin", "clarithromycin"],
    ),
    (
        "anti-inflammatory painkillers (NSAIDs)",
        &["nsaid", "nsaids"],
        &[
            "ketorolac",
            "diclofenac",
            "bromfenac",
            "nepafenac",
            "flurbiprofen",
            "ibuprofen",
        ],
    ),
    (
        "beta blockers",
        &["betablocker", "betablockers"],
        &[
            "timolol",
            "betaxolol",
            "levobunolol",
            "carteolol",
            "metipranolol",
        ],
    ),
];

/// Words of a medicine's name that say nothing about what it is: salts and esters.
const SALTS: &[&str] = &[
    "acetate",
    "sodium",
    "phosphate",
    "hydrochloride",
    "hcl",
    "maleate",
    "tartrate",
    "sulfate",
    "sulphate",
    "potassium",
    "disodium",
    "etabonate",
    "and",
    "with",
];

fn words(s: &str) -> HashSet<String> {
    fold_text(s)
        .split_whitespace()
        .filter(|w| w.len() >= 4)
        .map(|w| {
            w.strip_suffix('s')
                .filter(|_| w.len() > 5)
                .unwrap_or(w)
                .to_string()
        })
        .collect()
}

fn medicine_words(item: &PrescriptionItem) -> HashSet<String> {
    let m = &item.medicine;
    let mut w = words(&m.generic_name);
    if let Some(b) = &m.brand {
        w.extend(words(b));
    }
    w.retain(|x| !SALTS.contains(&x.as_str()));
    w
}

/// Why `item` matches `allergies`, in words, or `None`.
fn allergy_match(allergies: &str, item: &PrescriptionItem) -> Option<String> {
    let recorded = words(allergies);
    let medicine = medicine_words(item);
    if let Some(w) = medicine.iter().find(|w| recorded.contains(*w)) {
        return Some(format!(
            "the recorded allergies mention \u{201c}{w}\u{201d}"
        ));
    }
    let normal = |w: &&str| words(w).into_iter().next().unwrap_or_default();
    CLASSES.iter().find_map(|(class, allergy_words, members)| {
        let written = allergy_words.iter().any(|a| recorded.contains(&normal(a)));
        let member = members.iter().any(|m| medicine.contains(&normal(m)));
        (written && member)
            .then(|| format!("it is one of the {class}, which the recorded allergies mention"))
    })
}

/// The warnings of a prescription. `packs[i]` is the formulary pack of line `i` (None when not listed).
pub fn check(
    items: &[PrescriptionItem],
    allergies: Option<&str>,
    packs: &[Option<Pack<'_>>],
    drops_per_ml: u32,
) -> Vec<PrescriptionWarning> {
    let mut out = Vec::new();
    let allergies = allergies.map(str::trim).filter(|a| !a.is_empty());
    for (i, item) in items.iter().enumerate() {
        let name = &item.medicine.generic_name;
        if let Some(why) = allergies.and_then(|a| allergy_match(a, item)) {
            out.push(PrescriptionWarning {
                kind: PrescriptionWarningKind::Allergy,
                item: i,
                message: format!(
                    "Check the patient's allergies before prescribing {name}: {why} (\u{201c}{}\u{201d}).",
                    allergies.unwrap_or_default()
                ),
            });
        }
        let folded = fold_text(name);
        if let Some(first) = items[..i].iter().position(|other| {
            let same_id = item.medicine.medicine_id.is_some()
                && other.medicine.medicine_id == item.medicine.medicine_id;
            same_id || fold_text(&other.medicine.generic_name) == folded
        }) {
            out.push(PrescriptionWarning {
                kind: PrescriptionWarningKind::Duplicate,
                item: i,
                message: format!(
                    "{name} is on line {} and line {}. If it is for both eyes use one line with both eyes; keep \
                     two lines only when the eyes follow different regimens.",
                    first + 1,
                    i + 1
                ),
            });
        }
        if let Some((needed, held)) = packs
            .get(i)
            .copied()
            .flatten()
            .filter(|p| {
                p.unit == "ml"
                    && item
                        .steps
                        .iter()
                        .all(|s| s.dose.unit == super::DoseUnit::Drop)
            })
            .and_then(|p| taper::shortfall(item, p, drops_per_ml))
        {
            let packs = if item.quantity == 1 {
                "one bottle".to_string()
            } else {
                format!("{} bottles", item.quantity)
            };
            out.push(PrescriptionWarning {
                kind: PrescriptionWarningKind::SupplyShort,
                item: i,
                message: format!(
                    "{packs} of {name} will not last the course: it needs about {needed} drops and {packs} hold \
                     about {held} (at {drops_per_ml} drops per mL). Prescribe more bottles or repeats."
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::Eye;
    use crate::prescriptions::{Dose, DoseUnit, Frequency, PrescribedMedicine, Step};

    fn item(generic: &str, brand: Option<&str>) -> PrescriptionItem {
        PrescriptionItem {
            id: "i".into(),
            medicine: PrescribedMedicine {
                medicine_id: None,
                generic_name: generic.into(),
                brand: brand.map(String::from),
                strength: "1%".into(),
                form: "solution".into(),
            },
            eye: Eye::Od,
            steps: vec![Step {
                dose: Dose {
                    amount_tenths: 10,
                    unit: DoseUnit::Drop,
                },
                frequency: Frequency::FourTimesDaily,
                days: Some(7),
            }],
            quantity: 1,
            repeats: 0,
            from_stock: false,
            instructions: None,
        }
    }

    fn matches(allergies: &str, generic: &str) -> bool {
        allergy_match(allergies, &item(generic, None)).is_some()
    }

    #[test]
    fn allergies_match_by_name_and_by_class() {
        assert!(!matches("Penicillin", "chloramphenicol"));
        assert!(matches("chloramphenicol (rash)", "Chloramphenicol"));
        assert!(matches("Sulfa drugs", "acetazolamide"));
        assert!(matches("sulphonamides", "dorzolamide hydrochloride"));
        assert!(matches("SULFA", "brinzolamide"));
        assert!(!matches("sulfa", "timolol maleate"));
        assert!(matches("penicillins", "amoxicillin"));
        assert!(matches("beta-blockers (asthma)", "timolol maleate"));
        assert!(!matches("No known drug allergies", "prednisolone acetate"));
        // A salt word in common is no match.
        assert!(!matches("sodium", "diclofenac sodium"));
        assert!(allergy_match("Maxidex", &item("dexamethasone", Some("Maxidex"))).is_some());
    }

    #[test]
    fn duplicates_are_found_by_folded_generic_name() {
        let w = check(
            &[
                item("Moxifloxacin", None),
                item("timolol", None),
                item("moxifloxacin ", None),
            ],
            None,
            &[],
            20,
        );
        assert_eq!(w.len(), 1);
        assert_eq!(
            (w[0].kind, w[0].item),
            (PrescriptionWarningKind::Duplicate, 2)
        );
        assert!(
            w[0].message.contains("for both eyes use one line"),
            "{}",
            w[0].message
        );
    }
}
