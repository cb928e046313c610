//! The embedded fonts and their metrics.
//!
//! DejaVu Sans covers Latin (including Polish, Czech, Turkish, Vietnamese…), Greek and Cyrillic,
//! so a patient's name prints as typed; the PDF's built-in Helvetica cannot even print `ł`.
//! The fonts are parsed once per process (parsing costs far more than rendering a page) and only
//! the glyphs a document uses are embedded (printpdf subsets them on save).

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::PrintError;

const REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// What a character the font cannot draw prints as: visible, so a reader sees something is
/// missing, and present in every font.
pub(crate) const FALLBACK: char = '?';

/// Weight of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontStyle {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// One parsed face with the numbers layout needs, in font units.
#[derive(Debug)]
pub struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    ascender: f32,
}

impl Face {
    fn parse(bytes: &[u8], name: &str) -> Result<Self, PrintError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
            PrintError::new(format!("the embedded font {name} could not be read"))
        })?;
        let metrics = &parsed.pdf_font_metrics;
        let units_per_em = if metrics.units_per_em == 0 {
            1000.0
        } else {
            f32::from(metrics.units_per_em)
        };
        let ascender = f32::from(metrics.ascender);
        Ok(Self {
            parsed,
            units_per_em,
            ascender,
        })
    }

    /// The glyph for `ch`, if the font has a real one (glyph 0 is the "missing" box).
    fn glyph(&self, ch: char) -> Option<u16> {
        self.parsed
            .lookup_glyph_index(u32::from(ch))
            .filter(|&gid| gid != 0)
    }

    /// Whether `ch` can be drawn with this face.
    pub fn has_char(&self, ch: char) -> bool {
        self.glyph(ch).is_some()
    }

    /// Advance width of `ch` at `size` points, as the PDF viewer will place it (printpdf writes
    /// the same hmtx advances into the font's `/W` array and applies no kerning).
    pub fn char_width(&self, ch: char, size: f32) -> f32 {
        let gid = self.glyph(ch).or_else(|| self.glyph(FALLBACK)).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(gid)) * size / self.units_per_em
    }

    /// Width of `text` at `size` points. Expects text already passed through [`Face::sanitize`].
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.char_width(ch, size)).sum()
    }

    /// Distance from the baseline up to the top of the tallest glyphs, in points.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascender * size / self.units_per_em
    }

    /// Make `text` printable with this face on one line: tabs become spaces, other control
    /// characters and invisible joiners are dropped, and anything the font has no glyph for
    /// (an emoji, a rare script) becomes [`FALLBACK`] instead of an invisible box or an error.
    /// Newlines are kept; the wrapper splits on them.
    pub fn sanitize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for ch in text.chars() {
            match ch {
                '\n' => out.push('\n'),
                '\t' => out.push(' '),
                '\r' => {}
                c if c.is_control() => {}
                // Zero-width joiners and emoji variation selectors: they only modify the
                // character before them, which is already replaced when it is missing.
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' => {}
                c if self.has_char(c) => out.push(c),
                _ => out.push(FALLBACK),
            }
        }
        out
    }
}

/// The two faces every document uses.
#[derive(Debug)]
pub struct Fonts {
    /// DejaVu Sans.
    pub regular: Face,
    /// DejaVu Sans Bold.
    pub bold: Face,
}

impl Fonts {
    /// The face for `style`.
    pub fn face(&self, style: FontStyle) -> &Face {
        match style {
            FontStyle::Regular => &self.regular,
            FontStyle::Bold => &self.bold,
        }
    }
}

static FONTS: OnceLock<Result<Fonts, PrintError>> = OnceLock::new();

/// The embedded fonts, parsed on first use and shared by every later document.
pub fn fonts() -> Result<&'static Fonts, PrintError> {
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: Face::parse(REGULAR_TTF, "DejaVu Sans")?,
                bold: Face::parse(BOLD_TTF, "DejaVu Sans Bold")?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_accented_names_and_replaces_emoji() {
        let fonts = fonts().expect("fonts parse");
        let name = "Zoë Łukasiewicz-Ó Briain, Straße, Øre, Ğül, Đặng";
        assert_eq!(fonts.regular.sanitize(name), name);
        assert_eq!(fonts.bold.sanitize(name), name);
        // DejaVu has a few emoji (😀) but not most (🚑, 🙂).
        assert_eq!(fonts.regular.sanitize("ok 🚑 🙂 😀 ok"), "ok ? ? 😀 ok");
        assert_eq!(fonts.regular.sanitize("❤\u{FE0F}"), "❤");
        assert_eq!(fonts.regular.sanitize("a\tb\r\nc\u{7}"), "a b\nc");
    }

    #[test]
    fn widths_come_from_glyph_advances() {
        let fonts = fonts().expect("fonts parse");
        let r = &fonts.regular;
        // DejaVu Sans is proportional: "i" is much narrower than "W", and bold is wider.
        assert!(r.text_width("iiii", 10.0) < r.text_width("WWWW", 10.0) / 2.0);
        assert!(fonts.bold.text_width("Patient", 10.0) > r.text_width("Patient", 10.0));
        // Width scales linearly with size.
        let w10 = r.text_width("Sphere", 10.0);
        let w20 = r.text_width("Sphere", 20.0);
        assert!((w20 - 2.0 * w10).abs() < 0.001);
        assert_eq!(r.text_width("", 10.0), 0.0);
        assert!(r.ascent(10.0) > 8.0);
    }
}
