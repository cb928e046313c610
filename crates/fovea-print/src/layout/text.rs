//! Measuring and breaking text into lines by the font's glyph advances.

use crate::fonts::Face;

/// Break `text` into lines no wider than `max_width` points at `size`.
///
/// `text` must already be sanitised for `face`. Newlines start a new line (an empty line is
/// kept, so paragraphs stay apart); runs of spaces collapse; a word wider than the line — a URL,
/// a long drug name, a pasted code — is broken between characters rather than overflowing the
/// page. Every returned line measures at most `max_width`, unless a single character is wider.
pub fn wrap(face: &Face, text: &str, size: f32, max_width: f32) -> Vec<String> {
    let space = face.char_width(' ', size);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0_f32;
        for word in paragraph.split_whitespace() {
            let word_width = face.text_width(word, size);
            if !line.is_empty() && line_width + space + word_width <= max_width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= max_width {
                line.push_str(word);
                line_width = word_width;
            } else {
                let mut pieces = break_word(face, word, size, max_width);
                // The last piece stays open so the next word can join it.
                let last = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
                line_width = face.text_width(&last, size);
                line = last;
            }
        }
        lines.push(line);
    }
    lines
}

/// Split one over-long word into pieces that each fit `max_width` (at least one character per
/// piece, so this always makes progress).
fn break_word(face: &Face, word: &str, size: f32, max_width: f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut width = 0.0_f32;
    for ch in word.chars() {
        let w = face.char_width(ch, size);
        if !piece.is_empty() && width + w > max_width {
            pieces.push(std::mem::take(&mut piece));
            width = 0.0;
        }
        piece.push(ch);
        width += w;
    }
    pieces.push(piece);
    pieces
}

/// Shorten `text` with a trailing "…" until it fits `max_width` (for one-line slots such as the
/// footer, where wrapping would push into the margin).
pub fn ellipsize(face: &Face, text: &str, size: f32, max_width: f32) -> String {
    if face.text_width(text, size) <= max_width {
        return text.to_owned();
    }
    let ellipsis = '…';
    let budget = max_width - face.char_width(ellipsis, size);
    let mut out = String::new();
    let mut width = 0.0_f32;
    for ch in text.chars() {
        let w = face.char_width(ch, size);
        if width + w > budget {
            break;
        }
        out.push(ch);
        width += w;
    }
    let trimmed_len = out.trim_end().len();
    out.truncate(trimmed_len);
    out.push(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    fn face() -> &'static Face {
        &fonts().expect("fonts parse").regular
    }

    #[test]
    fn wrapped_lines_never_exceed_the_width() {
        let f = face();
        let text = "Progressive lenses, anti-reflective coating, photochromic grey. \
                    Patient prefers a large frame for reading.\n\nSecond paragraph after a blank line. \
                    Averyveryveryveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaces ends.";
        for max in [40.0, 80.0, 150.0, 400.0] {
            let lines = wrap(f, text, 10.0, max);
            for line in &lines {
                assert!(
                    f.text_width(line, 10.0) <= max + 0.01,
                    "{line:?} wider than {max}"
                );
            }
            // Nothing is lost: the words come back in order.
            let rejoined: String = lines.concat().split_whitespace().collect();
            let original: String = text.split_whitespace().collect();
            assert_eq!(rejoined, original);
        }
        let lines = wrap(f, "a\n\nb", 10.0, 100.0);
        assert_eq!(lines, vec!["a", "", "b"]);
    }

    #[test]
    fn wrap_handles_degenerate_input() {
        let f = face();
        assert_eq!(wrap(f, "", 10.0, 100.0), vec![String::new()]);
        assert_eq!(wrap(f, "   ", 10.0, 100.0), vec![String::new()]);
        // A width narrower than one glyph still makes progress, one character per line.
        assert_eq!(wrap(f, "WW", 10.0, 1.0), vec!["W", "W"]);
    }

    #[test]
    fn ellipsize_fits() {
        let f = face();
        let long = "Reference V-2026-000123 for a very long footer that cannot possibly fit";
        let short = ellipsize(f, long, 8.0, 100.0);
        assert!(short.ends_with('…'));
        assert!(f.text_width(&short, 8.0) <= 100.0);
        assert_eq!(ellipsize(f, "short", 8.0, 100.0), "short");
    }
}
