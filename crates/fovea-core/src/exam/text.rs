//! Free text and blank fields in examination forms.

use crate::{Error, Result};

/// The trimmed text of a form field, or `None` when nothing (or only spaces) was typed: an empty box means
/// "not recorded", never zero.
pub(crate) fn typed(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// A note of at most `max` characters, trimmed; `None` when blank. Line breaks and tabs are kept (examiners write
/// short lists), other control characters are refused because they come from bad pastes, not from people.
pub(crate) fn note(
    field: &str,
    label: &str,
    s: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    let Some(s) = typed(s) else {
        return Ok(None);
    };
    if s.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("{label} is too long (at most {max} characters)."),
        ));
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Error::validation(
            field,
            format!("{label} contains control characters."),
        ));
    }
    Ok(Some(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_is_absent_and_notes_are_bounded() {
        assert_eq!(typed(Some("  ")), None);
        assert_eq!(typed(None), None);
        assert_eq!(typed(Some(" 12 ")), Some("12"));
        assert_eq!(
            note("f", "Note", Some(" a\nb "), 10),
            Ok(Some("a\nb".into()))
        );
        assert_eq!(note("f", "Note", Some(""), 10), Ok(None));
        let e = note("f", "Note", Some("abcdefghijk"), 10).expect_err("too long");
        assert_eq!(e.field.as_deref(), Some("f"));
        assert!(note("f", "Note", Some("a\u{7}b"), 10).is_err());
        assert!(note("f", "Note", Some(&"é".repeat(10)), 10).is_ok());
    }
}
