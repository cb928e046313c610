//! The ICD-10-CM codes an eye clinic diagnoses with: chapter VII (H00–H59) and the eye families outside it
//! (diabetic retinopathy, intraocular lens, eye examination, ocular injuries, congenital eye anomalies).
//!
//! The list is the CDC's tabular list (US government work, public domain), cut down by `dev/icd10/extract.py` to
//! `data/icd10_eye.tsv` and compiled into the program, so diagnosis coding works offline and every workstation
//! has the same list. It is read once, on first use.
//!
//! Search is a linear scan over about 4,000 entries with each description folded (accents and case) ahead of
//! time: well under a millisecond, so no index is needed.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{area_operations, op};

use super::Eye;

const DATA: &str = include_str!("../../data/icd10_eye.tsv");

/// One code of the list. Serialized for the UI only: a stored diagnosis keeps its own code and description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Icd10Code {
    /// Dotted, as printed: `H40.1131`.
    pub code: &'static str,
    pub description: &'static str,
    /// Whether the code can be reported; headings (`H40.11`) group more specific codes and cannot.
    pub billable: bool,
}

struct Entry {
    code: Icd10Code,
    /// Upper case without the dot (`H401131`), for lookup and prefix search.
    key: String,
    /// The description folded to lower-case ASCII words, with a space before each (` primary open angle`), so
    /// "some word starts with w" is `contains(" w")`.
    words: String,
}

fn catalog() -> &'static [Entry] {
    static CATALOG: OnceLock<Vec<Entry>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut entries: Vec<Entry> = DATA.lines().filter_map(entry).collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        entries
    })
}

fn entry(line: &'static str) -> Option<Entry> {
    let mut parts = line.split('\t');
    let (code, description, billable) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || code.is_empty() || description.is_empty() {
        return None;
    }
    let billable = match billable {
        "1" => true,
        "0" => false,
        _ => return None,
    };
    Some(Entry {
        code: Icd10Code {
            code,
            description,
            billable,
        },
        key: code_key(code),
        words: fold_words(description)
            .iter()
            .map(|w| format!(" {w}"))
            .collect(),
    })
}

/// A code as typed, upper case and without the dot: `h40.1` is `H401`.
fn code_key(code: &str) -> String {
    code.trim()
        .chars()
        .filter(|c| *c != '.')
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Lower-case ASCII words: `Sjögren's` is `sjogren`, `s`.
fn fold_words(text: &str) -> Vec<String> {
    deunicode::deunicode(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a query word is a code (`H40`, `h40.11`, `E11.35`) rather than a word of a description.
fn looks_like_code(word: &str) -> bool {
    let key = code_key(word);
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(a), Some(d)) if a.is_ascii_alphabetic() && d.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The code, typed with or without its dot, in any case.
pub fn lookup(code: &str) -> Option<Icd10Code> {
    let key = code_key(code);
    let entries = catalog();
    entries
        .binary_search_by(|e| e.key.as_str().cmp(&key))
        .ok()
        .map(|i| entries[i].code)
}

/// Codes matching every word of `query`, at most `limit`. A word that looks like a code (`h401`, `H40.1`) matches
/// codes starting with it; any other word must start some word of the description, in any order, ignoring case
/// and accents (`glauc open` finds the open-angle glaucomas). Billable codes come first, then shorter (more
/// general) codes, then in code order, so the codes a clinic can actually use head the list.
pub fn search(query: &str, limit: usize) -> Vec<Icd10Code> {
    let mut codes = Vec::new();
    let mut words = Vec::new();
    for w in query.split_whitespace() {
        if looks_like_code(w) {
            codes.push(code_key(w));
        } else {
            words.extend(fold_words(w).into_iter().map(|w| format!(" {w}")));
        }
    }
    if codes.is_empty() && words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&Entry> = catalog()
        .iter()
        .filter(|e| codes.iter().all(|c| e.key.starts_with(c.as_str())))
        .filter(|e| words.iter().all(|w| e.words.contains(w.as_str())))
        .collect();
    found.sort_by(|a, b| {
        (!a.code.billable, a.key.len(), &a.key).cmp(&(!b.code.billable, b.key.len(), &b.key))
    });
    found.into_iter().take(limit).map(|e| e.code).collect()
}

/// The eye a code names, to pre-fill the diagnosis's eye field; the eye is always stored on its own.
///
/// Read from the CDC description (`…, right eye`, `… left upper eyelid`, `…, bilateral`), not from the code's
/// last character. The rule "last character 1 right, 2 left, 3 bilateral, 9 unspecified" holds for most eye codes
/// but not all: eyelid codes use 1–3 for the right eye's lids and 4–6 for the left's, and glaucoma, macular
/// degeneration and vein occlusion codes end in a 7th character for the stage (`H40.1131` is bilateral, mild).
/// `None` for an unspecified eye, a code without laterality, a heading, or a code not in the list.
pub fn laterality_hint(code: &str) -> Option<Eye> {
    let key = code_key(code);
    let entries = catalog();
    let e = &entries[entries
        .binary_search_by(|e| e.key.as_str().cmp(&key))
        .ok()?];
    let has = |w: &str| e.words.split(' ').any(|x| x == w);
    match (has("bilateral"), has("right"), has("left")) {
        (true, _, _) | (false, true, true) => Some(Eye::Ou),
        (false, true, false) => Some(Eye::Od),
        (false, false, true) => Some(Eye::Os),
        (false, false, false) => None,
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Icd10SearchRequest {
    /// A code (`H40.1`, `h401`) or words in any order (`glauc open`).
    pub query: String,
    /// 1 to 100; 20 when absent.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Icd10SearchResponse {
    pub codes: Vec<Icd10Code>,
}

op! {
    SearchIcd10 = "icd10.search", ReadClinical,
    summary: "Search the ICD-10 list shipped with Fovea by code or words.",
    label: "Searched ICD-10 codes",
    fn(_, r: Icd10SearchRequest) -> Icd10SearchResponse {
        let limit = r.limit.unwrap_or(20).clamp(1, 100) as usize;
        Ok(Icd10SearchResponse {
            codes: search(&r.query, limit),
        })
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    SearchIcd10,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes(found: &[Icd10Code]) -> Vec<&'static str> {
        found.iter().map(|c| c.code).collect()
    }

    #[test]
    fn every_line_of_the_file_is_an_entry() {
        let lines = DATA.lines().count();
        assert_eq!(catalog().len(), lines, "a malformed line was skipped");
        let h = catalog().iter().filter(|e| e.key.starts_with('H')).count();
        let other = lines - h;
        println!(
            "ICD-10-CM codes shipped: {h} in H00-H59, {other} outside the chapter, {lines} in all"
        );
        assert_eq!(h, DATA.lines().filter(|l| l.starts_with('H')).count());
        // Pinned so a regenerated file is a visible change: update with the numbers extract.py prints.
        assert_eq!((h, other), (3465, 601));
        assert!(
            catalog()
                .iter()
                .filter(|e| e.key.starts_with('H'))
                .all(|e| e.key.get(1..3).is_some_and(|n| n <= "59")),
            "chapter VII only, not the ear chapter"
        );
        let keys: std::collections::HashSet<&str> =
            catalog().iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys.len(), lines, "codes are unique");
    }

    #[test]
    fn lookup_with_or_without_the_dot() {
        let c = lookup("H40.1131").expect("POAG");
        assert_eq!(
            c.description,
            "Primary open-angle glaucoma, bilateral, mild stage"
        );
        assert!(c.billable);
        assert_eq!(lookup("h401131"), Some(c));
        assert_eq!(lookup(" H40.1131 "), Some(c));
        assert!(!lookup("H40.11").expect("heading").billable);
        assert!(lookup("E11.3513").is_some());
        assert!(lookup("Z96.1").expect("IOL").billable);
        assert!(lookup("Z98.83").is_some());
        assert!(lookup("S05.01XA").is_some());
        assert!(lookup("T15.01XA").is_some());
        assert!(lookup("Q12.0").is_some());
        assert_eq!(lookup("H60.0"), None, "the ear chapter is not shipped");
        assert_eq!(lookup("E11.9"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("glaucoma"), None);
    }

    #[test]
    fn search_by_code_prefix() {
        let dotted = search("H40.1", 1000);
        assert_eq!(codes(&dotted), codes(&search("h401", 1000)));
        assert!(!dotted.is_empty());
        assert!(dotted.iter().all(|c| c.code.starts_with("H40.1")));
        let first_heading = dotted
            .iter()
            .position(|c| !c.billable)
            .expect("headings too");
        assert!(
            dotted[first_heading..].iter().all(|c| !c.billable),
            "billable first"
        );
        let billable = &dotted[..first_heading];
        assert!(
            billable
                .windows(2)
                .all(|w| w[0].code.len() <= w[1].code.len()),
            "shorter first"
        );
        assert_eq!(search("H40.1", 5).len(), 5);
        let dr = search("e11.35", 3);
        assert!(
            dr.iter()
                .all(|c| c.billable && c.code.starts_with("E11.35")),
            "{dr:?}"
        );
    }

    #[test]
    fn search_by_words_in_any_order() {
        let found = search("glauc open", 200);
        assert!(codes(&found).contains(&"H40.1131"));
        assert!(codes(&found).contains(&"H40.10X0"));
        for c in &found {
            let d = c.description.to_lowercase();
            assert!(
                d.contains("glauc") && d.contains("open"),
                "{}",
                c.description
            );
        }
        assert_eq!(codes(&search("open glauc", 200)), codes(&found));
        assert_eq!(codes(&search("GLAUC Open", 200)), codes(&found));
        // Accents are folded on both sides.
        assert!(codes(&search("sjögren", 20)).contains(&"H16.221"));
        assert!(codes(&search("sjogren right", 20)).contains(&"H16.221"));
        // Words must start a word, not sit inside one.
        assert!(search("laucoma", 10).is_empty());
        assert!(codes(&search("diabetic macular edema proliferative", 50)).contains(&"E11.3513"));
        assert!(codes(&search("cataract extraction status", 10)).contains(&"Z98.41"));
        assert!(
            codes(&search("H40 open angle", 50))
                .iter()
                .all(|c| c.starts_with("H40"))
        );
        assert!(search("", 10).is_empty());
        assert!(search("  ", 10).is_empty());
        assert!(search("zzzz", 10).is_empty());
        assert!(search("glaucoma", 0).is_empty());
        assert_eq!(search("eye", 10).len(), 10);
    }

    #[test]
    fn laterality_comes_from_the_description() {
        assert_eq!(laterality_hint("H40.1131"), Some(Eye::Ou));
        assert_eq!(laterality_hint("H40.1111"), Some(Eye::Od));
        assert_eq!(laterality_hint("H40.1121"), Some(Eye::Os));
        assert_eq!(laterality_hint("H40.1191"), None);
        assert_eq!(laterality_hint("H25.11"), Some(Eye::Od));
        assert_eq!(laterality_hint("h25.12"), Some(Eye::Os));
        assert_eq!(laterality_hint("H25.13"), Some(Eye::Ou));
        assert_eq!(laterality_hint("H25.10"), None);
        // Eyelids: 4 is the left upper lid.
        assert_eq!(laterality_hint("H00.014"), Some(Eye::Os));
        assert_eq!(laterality_hint("H00.012"), Some(Eye::Od));
        assert_eq!(laterality_hint("E11.3513"), Some(Eye::Ou));
        assert_eq!(laterality_hint("S05.01XA"), Some(Eye::Od));
        assert_eq!(laterality_hint("H54.0X34"), Some(Eye::Ou));
        assert_eq!(laterality_hint("H53.461"), Some(Eye::Ou));
        assert_eq!(laterality_hint("Z96.1"), None);
        assert_eq!(laterality_hint("H40.11"), None);
        assert_eq!(laterality_hint("H40.9"), None);
        assert_eq!(laterality_hint("X99"), None);
    }

    #[test]
    fn the_last_character_rule_would_mislead() {
        let naive = |key: &str| -> Option<Eye> {
            let key = if key.len() == 7 && key.ends_with(|c: char| c.is_ascii_alphabetic()) {
                key[..6].trim_end_matches('X')
            } else {
                key
            };
            match key.chars().last() {
                _ if key.len() <= 3 => None,
                Some('1') => Some(Eye::Od),
                Some('2') => Some(Eye::Os),
                Some('3') => Some(Eye::Ou),
                _ => None,
            }
        };
        let wrong = catalog()
            .iter()
            .filter(|e| e.code.billable)
            .filter(|e| {
                let hint = laterality_hint(e.code.code);
                hint.is_some() && naive(&e.key).is_some_and(|n| Some(n) != hint)
            })
            .count();
        println!(
            "billable codes whose last character names a different eye than the description: {wrong}"
        );
        assert!(wrong > 100);
    }

    proptest! {
        #[test]
        fn search_and_lookup_never_panic(q in any::<String>(), limit in 0usize..50) {
            prop_assert!(search(&q, limit).len() <= limit);
            let _ = lookup(&q);
            let _ = laterality_hint(&q);
        }
    }
}
