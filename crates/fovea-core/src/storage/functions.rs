//! SQL functions registered on every connection. The schema's triggers call them to keep the local search indexes
//! (names, phone digits) in step with the replicated rows, so no code path can forget to update an index.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

/// Folds a name for matching: transliterated to ASCII, lower case, apostrophes dropped (`O'Brien` → `obrien`), other
/// punctuation a separator. Hyphenated or apostrophised words also yield their parts, so `Jean-Pierre` matches both
/// `jeanpierre` and `pierre`.
pub fn fold_text(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for word in ascii.split_whitespace() {
        let joined: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if joined.is_empty() {
            continue;
        }
        let parts: Vec<&str> = word
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() > 1 {
            out.extend(parts.iter().map(|p| p.to_string()));
        }
        out.push(joined);
    }
    out.join(" ")
}

/// The digits of a phone number, last digit first, so that "ends with" becomes an indexable prefix match.
pub fn reversed_digits(s: &str) -> String {
    s.chars().rev().filter(|c| c.is_ascii_digit()).collect()
}

/// Name particles that people write as a separate word (`Ó Briain`, `van der Berg`) but often type joined to the
/// next word (`obriain`, `vanderberg`), as `O'Brien` is typed `obrien`. Folded, so `Ó` is `o` and `Ní` is `ni`.
const PARTICLES: &[&str] = &[
    "o", "mac", "mc", "ni", "nic", "van", "von", "de", "da", "di", "du", "del", "della", "le",
    "la", "ter", "ten", "der", "den",
];

/// The distinct folded words of a name, plus each particle joined to the word after it (`o briain` also gives
/// `obriain`; `van der berg` gives `vander`, `derberg` and `vanderberg`).
pub fn name_tokens(first: &str, last: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for part in [first, last] {
        let words: Vec<String> = fold_text(part)
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        for i in 0..words.len() {
            // A run of particles and the word after it: `van der berg` -> `vander`, `vanderberg`.
            let mut joined = words[i].clone();
            for j in i..words.len().saturating_sub(1) {
                if !PARTICLES.contains(&words[j].as_str()) {
                    break;
                }
                joined.push_str(&words[j + 1]);
                tokens.push(joined.clone());
            }
        }
        tokens.extend(words);
    }
    tokens.sort();
    tokens.dedup();
    tokens
}

/// How names sort in search results: folded last name, then first name (`Müller` sorts as `muller`).
pub fn sort_key(first: &str, last: &str) -> String {
    format!("{} {}", fold_text(last), fold_text(first))
}

/// The clinic day of an RFC 3339 instant in an IANA time zone (`2026-03-10T23:30:00Z` in Asia/Kolkata is
/// `2026-03-11`); no zone, or one not known, counts in UTC; text that is not an instant keeps its first ten
/// characters. Deterministic: the zone is an argument, so the report tables can be kept by triggers.
pub fn local_day(instant: &str, zone: Option<&str>) -> String {
    let tz = zone
        .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
        .unwrap_or(chrono_tz::UTC);
    chrono::DateTime::parse_from_rfc3339(instant).map_or_else(
        |_| instant.chars().take(10).collect(),
        |t| t.with_timezone(&tz).date_naive().to_string(),
    )
}

pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("fovea_name_tokens", 2, flags, |ctx| {
        let (first, last): (Option<String>, Option<String>) = (ctx.get(0)?, ctx.get(1)?);
        let tokens = name_tokens(
            first.as_deref().unwrap_or(""),
            last.as_deref().unwrap_or(""),
        );
        Ok(serde_json::Value::from(tokens).to_string())
    })?;
    conn.create_scalar_function("fovea_sort_key", 2, flags, |ctx| {
        let (first, last): (Option<String>, Option<String>) = (ctx.get(0)?, ctx.get(1)?);
        Ok(sort_key(
            first.as_deref().unwrap_or(""),
            last.as_deref().unwrap_or(""),
        ))
    })?;
    conn.create_scalar_function("fovea_fold", 1, flags, |ctx| {
        let s: Option<String> = ctx.get(0)?;
        Ok(s.map(|s| fold_text(&s)).unwrap_or_default())
    })?;
    conn.create_scalar_function("fovea_reversed_digits", 1, flags, |ctx| {
        let s: Option<String> = ctx.get(0)?;
        Ok(s.map(|s| reversed_digits(&s)).unwrap_or_default())
    })?;
    conn.create_scalar_function("fovea_local_day", 2, flags, |ctx| {
        let (instant, zone): (Option<String>, Option<String>) = (ctx.get(0)?, ctx.get(1)?);
        Ok(instant.map(|i| local_day(&i, zone.as_deref())))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_falls_on_the_clinics_own_day() {
        assert_eq!(
            local_day("2026-03-10T23:30:00.000Z", Some("Asia/Kolkata")),
            "2026-03-11"
        );
        assert_eq!(
            local_day("2026-03-10T23:30:00.000Z", Some("Europe/Dublin")),
            "2026-03-10"
        );
        // Summer time: 23:30 UTC is 00:30 in Dublin the next day.
        assert_eq!(
            local_day("2026-07-10T23:30:00.000Z", Some("Europe/Dublin")),
            "2026-07-11"
        );
        assert_eq!(
            local_day("2026-03-10T02:00:00.000Z", Some("America/New_York")),
            "2026-03-09"
        );
        assert_eq!(local_day("2026-03-10T23:30:00.000Z", None), "2026-03-10");
        assert_eq!(
            local_day("2026-03-10T23:30:00.000Z", Some("Mars/Olympus")),
            "2026-03-10"
        );
        assert_eq!(local_day("not a time", Some("UTC")), "not a time");
    }

    #[test]
    fn folds_accents_case_and_apostrophes() {
        assert_eq!(fold_text("José Müller"), "jose muller");
        assert_eq!(fold_text("O'Brien"), "o brien obrien");
        assert_eq!(
            fold_text("Jean-Pierre  Łukasz"),
            "jean pierre jeanpierre lukasz"
        );
        assert_eq!(fold_text("Ngọc Ánh"), "ngoc anh");
        assert_eq!(fold_text(" -- "), "");
    }

    #[test]
    fn particles_are_also_indexed_joined_to_the_next_word() {
        assert_eq!(
            name_tokens("Seán", "Ó Briain"),
            ["briain", "o", "obriain", "sean"]
        );
        assert_eq!(
            name_tokens("Anouk", "van der Berg"),
            [
                "anouk",
                "berg",
                "der",
                "derberg",
                "van",
                "vander",
                "vanderberg"
            ]
        );
        // Only within one name: a first name ending in a particle-like word is not joined to the last name.
        assert_eq!(name_tokens("Ann Le", "Roux"), ["ann", "le", "roux"]);
        assert_eq!(name_tokens("Mac", ""), ["mac"]);
    }

    #[test]
    fn reverses_only_digits() {
        assert_eq!(
            reversed_digits("+44 (20) 7946-0958"),
            "85906497024 4".replace(' ', "")
        );
        assert_eq!(reversed_digits("abc"), "");
    }
}
