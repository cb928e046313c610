//! Free text and blank fields in examination forms.

use crate::Result;

/// The trimmed text of a form field, or `None` when nothing (or only spaces) was typed: an empty box means
/// "not recorded", never zero.
pub(crate) fn typed(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// A note of at most `max` characters under the clinic's text rule ([`crate::text`]); line breaks and tabs are kept
/// because examiners write short lists.
pub(crate) fn note(
    field: &str,
    label: &str,
    s: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    crate::text::optional(field, label, s, max, crate::text::Lines::Many)
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
