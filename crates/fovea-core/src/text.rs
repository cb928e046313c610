//! The one rule for free text that staff type and the clinic keeps: names, addresses, reasons, notes, findings.
//!
//! Text is trimmed, bounded per field, and refused when it holds characters no person types: control characters
//! (they come from bad pastes and scripts, and break printing and exports) and the bidirectional overrides and
//! isolates, which make a stored text read differently from what it holds (U+202E can turn "exe.doc" around).
//! Multi-line fields keep line breaks and tabs; Windows line ends become plain line breaks.

use crate::{Error, Result};

/// Whether a field is one line (a name, a reason) or may hold several (an address, a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    One,
    Many,
}

/// The bidirectional embeddings, overrides and isolates. The plain direction marks (U+200E, U+200F, U+061C) stay
/// allowed: Arabic and Hebrew writers use them and they cannot reorder text around them.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The trimmed text of `s` after the rule, or `None` when nothing (or only spaces) was typed.
pub(crate) fn optional(
    field: &str,
    label: &str,
    s: Option<&str>,
    max: usize,
    lines: Lines,
) -> Result<Option<String>> {
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let s = if lines == Lines::Many && s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s.to_string()
    };
    if s.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("{label} is too long (at most {max} characters)."),
        ));
    }
    refuse_hidden(field, label, &s, |c| {
        lines == Lines::Many && (c == '\n' || c == '\t')
    })?;
    Ok(Some(s))
}

/// Refuses the first control character that `allowed` does not let through, and any direction control.
fn refuse_hidden(field: &str, label: &str, s: &str, allowed: impl Fn(char) -> bool) -> Result<()> {
    if let Some(c) = s.chars().find(|c| c.is_control() && !allowed(*c)) {
        let message = match c {
            '\n' | '\r' | '\t' if !allowed('\n') => format!("{label} must fit on one line."),
            _ => format!(
                "{label} contains an invisible control character (U+{:04X}), probably from a paste; type it again.",
                c as u32
            ),
        };
        return Err(Error::validation(field, message));
    }
    if let Some(c) = s.chars().find(|c| is_bidi_control(*c)) {
        return Err(Error::validation(
            field,
            format!(
                "{label} contains an invisible text-direction character (U+{:04X}) that can disguise what it says; type it again.",
                c as u32
            ),
        ));
    }
    Ok(())
}

/// One line with runs of spaces collapsed to one, as names are kept ("Anna  Maria" is "Anna Maria"). Control
/// characters are refused before the collapse would hide them.
pub(crate) fn one_line_collapsed(
    field: &str,
    label: &str,
    s: &str,
    max: usize,
) -> Result<Option<String>> {
    // Tabs and line breaks in a pasted name are whitespace a person cannot see: tidied, not refused.
    refuse_hidden(field, label, s, char::is_whitespace)?;
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    optional(field, label, Some(&collapsed), max, Lines::One)
}

/// Refuses a list in a request longer than any form can make: the list is refused before any of it is read.
pub(crate) fn at_most<T>(field: &str, list: &[T], max: usize, what: &str) -> Result<()> {
    if list.len() > max {
        return Err(Error::validation(
            field,
            format!("Give at most {max} {what}."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Result<Option<String>> {
        optional("f", "Reason", Some(s), 10, Lines::One)
    }
    fn many(s: &str) -> Result<Option<String>> {
        optional("f", "Note", Some(s), 10, Lines::Many)
    }

    #[test]
    fn trims_and_treats_blank_as_absent() {
        assert_eq!(one("  "), Ok(None));
        assert_eq!(optional("f", "R", None, 10, Lines::One), Ok(None));
        assert_eq!(one(" ok "), Ok(Some("ok".into())));
        assert_eq!(many(" a\r\nb\tc "), Ok(Some("a\nb\tc".into())));
    }

    #[test]
    fn bounds_length_in_characters() {
        assert!(one(&"é".repeat(10)).is_ok());
        let e = one(&"é".repeat(11)).expect_err("too long");
        assert_eq!(e.field.as_deref(), Some("f"));
        assert!(e.message.contains("at most 10"), "{}", e.message);
    }

    #[test]
    fn refuses_control_and_direction_characters() {
        for bad in ["a\0b", "a\u{1b}[2Jb", "a\u{7f}", "a\u{85}b", "a\rb"] {
            assert!(one(bad).is_err(), "{bad:?} on one line");
            assert!(many(bad).is_err(), "{bad:?} in a note");
        }
        for bad in ["a\nb", "a\tb"] {
            assert!(one(bad).is_err(), "{bad:?} on one line");
            assert!(many(bad).is_ok(), "{bad:?} in a note");
        }
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}',
        ] {
            assert!(many(&format!("a{c}b")).is_err(), "U+{:04X}", c as u32);
        }
        assert!(
            one("שלום\u{200F}").is_ok(),
            "a direction mark is writing, not a trick"
        );
    }

    #[test]
    fn names_collapse_spaces_but_keep_the_rule() {
        assert_eq!(
            one_line_collapsed("f", "Name", " Anna \t Maria\n", 20),
            Ok(Some("Anna Maria".into()))
        );
        assert!(one_line_collapsed("f", "Name", "An\0na", 20).is_err());
        assert!(one_line_collapsed("f", "Name", "Anna\u{202E}", 20).is_err());
        assert!(one_line_collapsed("f", "Name", &"a ".repeat(15), 20).is_err());
    }

    #[test]
    fn lists_are_bounded() {
        assert!(at_most("breaks", &[1, 2, 3], 3, "breaks").is_ok());
        let e = at_most("breaks", &[1, 2, 3, 4], 3, "breaks").expect_err("too many");
        assert_eq!(e.field.as_deref(), Some("breaks"));
    }
}
