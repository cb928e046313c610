//! Patient search: a pure plan of what the query means, then indexed SQL for each part.
//!
//! The query may be an MRN (`R1-000042`, `r1-42`), phone digits (the last 6 or more, punctuation ignored), a date of
//! birth (ISO or the clinic's format) or name fragments in any order, accent- and case-insensitive, optionally with a
//! date of birth among them. Results: exact MRN first, then names matching every fragment as a whole word, then
//! names matching as prefixes; alphabetical within each group.

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};

use super::{
    MatchKind, PatientSummary, SearchPatientsRequest, SearchPatientsResponse,
    service::summary_from_row,
};
use crate::Result;
use crate::clinic::Locale;
use crate::storage::{fold_text, reversed_digits};

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;
/// Fewer trailing digits than this match too many numbers to be useful.
pub const MIN_PHONE_DIGITS: usize = 6;

/// What a search query asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchPlan {
    /// The MRN in its canonical form, when the query is shaped like one.
    pub mrn: Option<String>,
    /// The phone digits reversed (so "ends with" is an index prefix), when the query is a phone number.
    pub phone_suffix: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Folded name fragments, each of which must start a word of the name.
    pub name_tokens: Vec<String>,
}

impl SearchPlan {
    pub fn is_empty(&self) -> bool {
        *self == SearchPlan::default()
    }
}

/// Works out what `query` means. Pure, so its rules are tested without a database.
pub fn plan_search(query: &str, locale: &Locale) -> SearchPlan {
    let q = query.trim();
    let mut plan = SearchPlan::default();
    if q.is_empty() {
        return plan;
    }
    if let Some(mrn) = canonical_mrn(q) {
        plan.mrn = Some(mrn);
        return plan;
    }
    if let Ok(d) = locale.date_format.parse(q) {
        plan.date_of_birth = Some(d);
        return plan;
    }
    if q.chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        let rev = reversed_digits(q);
        if rev.len() >= MIN_PHONE_DIGITS {
            plan.phone_suffix = Some(rev);
        } else {
            // Too few digits to mean a phone number; a name never contains digits, so match nothing.
            plan.name_tokens.push(rev.chars().rev().collect());
        }
        return plan;
    }
    for token in q.split_whitespace() {
        match locale.date_format.parse(token) {
            Ok(d) if plan.date_of_birth.is_none() => plan.date_of_birth = Some(d),
            _ => plan.name_tokens.extend(
                fold_text(token)
                    .split(' ')
                    .filter(|t| !t.is_empty())
                    .map(String::from),
            ),
        }
    }
    plan.name_tokens.dedup();
    plan
}

/// `R1-000042`, `r1-42` and `R1000042` all mean `R1-000042`.
fn canonical_mrn(q: &str) -> Option<String> {
    let (code, number) = match q.split_once('-') {
        Some((c, n)) => (c, n),
        None => {
            let split = q.len().checked_sub(6)?;
            (q.get(..split)?, q.get(split..)?)
        }
    };
    let code_ok = (1..=4).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code.chars().all(|c| c.is_ascii_alphanumeric());
    let number_ok = (1..=7).contains(&number.len()) && number.chars().all(|c| c.is_ascii_digit());
    if !(code_ok && number_ok) {
        return None;
    }
    let n: u64 = number.parse().ok()?;
    Some(format!("{}-{n:06}", code.to_ascii_uppercase()))
}

const SUMMARY_COLUMNS: &str =
    "p.id, p.mrn, p.first_name, p.last_name, p.date_of_birth, p.sex, p.phones, p.archived";

/// One SQL statement of a search and what its rows matched on. Results of earlier steps rank first.
#[derive(Debug, Clone)]
pub struct SqlStep {
    pub sql: String,
    pub params: Vec<rusqlite::types::Value>,
    pub matched_by: MatchKind,
}

/// The statements a search runs, in rank order, each already limited to `limit` rows. Pure: the benchmark runs
/// these same statements raw to compare with the service.
pub fn sql_steps(plan: &SearchPlan, include_archived: bool, limit: usize) -> Vec<SqlStep> {
    use rusqlite::types::Value as V;
    let archived = if include_archived {
        ""
    } else {
        " AND p.archived = 0"
    };
    let mut steps = Vec::new();
    let mut step = |sql: String, params: Vec<V>, matched_by: MatchKind| {
        // Twice the limit: a name can match one fragment with two of its words (`o`, `obrien`).
        steps.push(SqlStep {
            sql: format!("{sql} LIMIT {}", limit * 2),
            params,
            matched_by,
        });
    };
    if plan.is_empty() {
        step(
            format!(
                "SELECT {SUMMARY_COLUMNS} FROM patients p WHERE 1 = 1{archived} ORDER BY p.created_at DESC"
            ),
            vec![],
            MatchKind::Name,
        );
    }
    if let Some(mrn) = &plan.mrn {
        step(
            format!("SELECT {SUMMARY_COLUMNS} FROM patients p WHERE p.mrn = ?1{archived}"),
            vec![V::Text(mrn.clone())],
            MatchKind::Mrn,
        );
    }
    if let Some(rev) = &plan.phone_suffix {
        step(
            format!(
                "SELECT {SUMMARY_COLUMNS} FROM patients p
                 WHERE p.rowid IN (SELECT patient_rowid FROM patient_phones
                                   WHERE reversed_digits >= ?1 AND reversed_digits < ?1 || ':'){archived}
                 ORDER BY fovea_sort_key(p.first_name, p.last_name)"
            ),
            vec![V::Text(rev.clone())],
            MatchKind::Phone,
        );
    }
    let dob = plan.date_of_birth.map(|d| V::Text(d.to_string()));
    if plan.name_tokens.is_empty() {
        if let Some(dob) = dob {
            step(
                format!(
                    "SELECT {SUMMARY_COLUMNS} FROM patients p
                     WHERE p.date_of_birth = ?1{archived} ORDER BY fovea_sort_key(p.first_name, p.last_name)"
                ),
                vec![dob],
                MatchKind::DateOfBirth,
            );
        }
    } else {
        // The longest fragment is the most selective: its index range drives, already in (word, name) order.
        // Every other fragment must start a word of the same name; the index row carries the folded name
        // (`sort_key` holds every word), so that check needs no further lookup.
        let mut tokens = plan.name_tokens.clone();
        tokens.sort_by_key(|t| std::cmp::Reverse(t.len()));
        let dob_sql = if dob.is_some() {
            " AND p.date_of_birth = ?"
        } else {
            ""
        };
        // Whole-word matches first, then prefix matches. Tokens hold only [a-z0-9] (no LIKE wildcards), and `{`
        // sorts right after `z`.
        for prefix in [false, true] {
            let mut params = vec![V::Text(tokens[0].clone())];
            let mut sql = format!(
                "SELECT {SUMMARY_COLUMNS} FROM patient_name_tokens d JOIN patients p ON p.rowid = d.patient_rowid WHERE "
            );
            if prefix {
                sql.push_str("d.token >= ?1 AND d.token < ?1 || '{'");
            } else {
                sql.push_str("d.token = ?1");
            }
            for t in &tokens[1..] {
                let pattern = if prefix {
                    format!("% {t}%")
                } else {
                    format!("% {t} %")
                };
                sql.push_str(" AND ' ' || d.sort_key || ' ' LIKE ?");
                params.push(V::Text(pattern));
            }
            params.extend(dob.clone());
            sql.push_str(&format!("{dob_sql}{archived} ORDER BY d.token, d.sort_key"));
            step(sql, params, MatchKind::Name);
        }
    }
    steps
}

/// Runs the search on `conn`: each step in rank order, skipping patients an earlier step found.
pub(crate) fn run(
    conn: &Connection,
    req: &SearchPatientsRequest,
    locale: &Locale,
) -> Result<SearchPatientsResponse> {
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let plan = plan_search(&req.query, locale);
    let mut results: Vec<PatientSummary> = Vec::new();
    for step in sql_steps(&plan, req.include_archived, limit) {
        if results.len() >= limit {
            break;
        }
        let mut stmt = conn.prepare_cached(&step.sql)?;
        let rows = stmt.query_map(params_from_iter(step.params), |r| {
            summary_from_row(r, locale.today, step.matched_by)
        })?;
        for row in rows {
            let row = row?;
            if results.len() < limit && !results.iter().any(|s| s.id == row.id) {
                results.push(row);
            }
        }
    }
    Ok(SearchPatientsResponse {
        total_shown: results.len() as u32,
        results,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::DateFormat;

    fn plan(q: &str) -> SearchPlan {
        plan_search(
            q,
            &Locale {
                date_format: DateFormat::DMY,
                today: "2026-11-25".parse().expect("date"),
            },
        )
    }

    #[test]
    fn mrn_shapes() {
        for q in ["R1-000042", "r1-42", "R1000042", " r1-0042 "] {
            assert_eq!(plan(q).mrn.as_deref(), Some("R1-000042"), "{q}");
        }
        assert_eq!(plan("OPT2-7").mrn.as_deref(), Some("OPT2-000007"));
        assert_eq!(plan("Smith-Jones").mrn, None);
        assert_eq!(plan("1R-000042").mrn, None);
    }

    #[test]
    fn phone_digits_ignore_punctuation() {
        assert_eq!(plan("7946 0958").phone_suffix.as_deref(), Some("85906497"));
        assert_eq!(
            plan("+44 (20) 7946-0958").phone_suffix.as_deref(),
            Some("859064970244")
        );
        assert_eq!(plan("0958").phone_suffix, None);
    }

    #[test]
    fn dates_in_iso_or_clinic_format() {
        let d: NaiveDate = "1980-05-02".parse().expect("date");
        assert_eq!(plan("1980-05-02").date_of_birth, Some(d));
        assert_eq!(plan("02/05/1980").date_of_birth, Some(d));
        let p = plan("muller 02/05/1980");
        assert_eq!(
            (p.date_of_birth, p.name_tokens),
            (Some(d), vec!["muller".to_string()])
        );
    }

    #[test]
    fn names_are_folded_fragments() {
        assert_eq!(plan("  José   MÜLLER ").name_tokens, vec!["jose", "muller"]);
        assert_eq!(plan("obrien").name_tokens, vec!["obrien"]);
        assert_eq!(plan("O'Brien").name_tokens, vec!["o", "brien", "obrien"]);
        assert!(plan("").is_empty());
        assert!(plan("   ").is_empty());
    }
}
