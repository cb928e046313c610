//! A small page-layout toolkit on top of printpdf's operation lists.
//!
//! Documents (spectacle prescriptions, lists, later medication prescriptions, invoices and
//! receipts) are written top to bottom against a [`Layout`]: it keeps a y-cursor, wraps text by
//! the font's real glyph advances, breaks pages (repeating a table's header row), and at the end
//! stamps every page with a footer ("Page N of M" is only known then) and serialises the PDF.
//!
//! Coordinates inside this module are points measured from the *top* edge of the page, the way a
//! document is read; they are flipped to PDF's bottom-up space only when an operation is emitted.

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, OffsetDateTime, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
    WindingOrder,
};

use crate::fonts::{Face, FontStyle, Fonts, fonts};
use crate::{ClinicHeader, Paper, PrintError};

mod grid;
mod text;

pub use grid::{TableColumn, TableSpec};
pub use text::{ellipsize, wrap};

/// Line height as a multiple of the font size: roomy enough for accents above capitals (`Ó`).
const LEADING: f32 = 1.3;

/// Near-black for body text: softer than pure black on paper, still fully legible.
pub const INK: Color = Color::Greyscale(Greyscale {
    percent: 0.1,
    icc_profile: None,
});
/// Labels, captions and footers.
pub const MUTED: Color = Color::Greyscale(Greyscale {
    percent: 0.4,
    icc_profile: None,
});
/// Hairlines between table rows.
pub const HAIRLINE: Color = Color::Greyscale(Greyscale {
    percent: 0.72,
    icc_profile: None,
});
/// Table header background.
pub const HEADER_FILL: Color = Color::Greyscale(Greyscale {
    percent: 0.9,
    icc_profile: None,
});
/// Every other table row, so a long list can be followed across the page.
pub const ZEBRA_FILL: Color = Color::Greyscale(Greyscale {
    percent: 0.965,
    icc_profile: None,
});
/// The clinic's name and the rule under the header: one quiet colour, prints fine in grey too.
pub const ACCENT: Color = Color::Rgb(Rgb {
    r: 0.05,
    g: 0.30,
    b: 0.42,
    icc_profile: None,
});

/// A draft's diagonal mark: pale enough to read the page through, dark enough to survive a photocopy.
pub const WATERMARK: Color = Color::Rgb(Rgb {
    r: 0.86,
    g: 0.62,
    b: 0.62,
    icc_profile: None,
});

/// Font sizes and margins for one paper size, in points.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Body text.
    pub body: f32,
    /// Captions, footers, notes under tables.
    pub small: f32,
    /// The clinic's name.
    pub clinic: f32,
    /// The document title.
    pub title: f32,
    /// Left and right margin.
    pub margin_x: f32,
    /// Top margin.
    pub margin_top: f32,
    /// Bottom margin (below the footer).
    pub margin_bottom: f32,
}

impl Scale {
    /// A5 is a half sheet: smaller type and margins keep a prescription on one page without
    /// making it look cramped; A4 and Letter share one scale.
    pub fn for_paper(paper: Paper) -> Self {
        const MM: f32 = 72.0 / 25.4;
        match paper {
            Paper::A5 => Self {
                body: 8.5,
                small: 7.0,
                clinic: 13.0,
                title: 11.5,
                margin_x: 12.0 * MM,
                margin_top: 11.0 * MM,
                margin_bottom: 9.0 * MM,
            },
            Paper::A4 | Paper::Letter => Self {
                body: 10.0,
                small: 8.0,
                clinic: 16.0,
                title: 14.0,
                margin_x: 18.0 * MM,
                margin_top: 16.0 * MM,
                margin_bottom: 12.0 * MM,
            },
        }
    }
}

/// The height of one line of text at `size`.
pub fn line_height(size: f32) -> f32 {
    size * LEADING
}

/// The prescriber's block under the signature line.
#[derive(Debug, Clone, Default)]
pub struct SignatureSpec {
    /// Printed in bold right under the line.
    pub name: String,
    /// Further lines (specialization, licence number), regular weight.
    pub details: Vec<String>,
    /// A smaller grey line at the end (for example an electronic-signature statement).
    pub note: Option<String>,
}

/// A document being laid out: pages of operations plus the cursor.
pub struct Layout {
    fonts: &'static Fonts,
    title: String,
    regular: FontId,
    bold: FontId,
    doc: PdfDocument,
    width: f32,
    height: f32,
    /// Type sizes and margins for this paper.
    pub scale: Scale,
    pages: Vec<Vec<Op>>,
    /// Distance from the top of the page to where the next block starts.
    y: f32,
    /// Printed small at the top of pages after the first, so a loose sheet can be placed.
    running_head: Option<String>,
    /// Printed large across every page, under the content (a draft's "not valid" mark).
    watermark: Option<String>,
    /// Small pages (labels) have no footer rule or reference, only "<word> N of M" when there are several.
    compact_footer: Option<String>,
}

impl Layout {
    /// Start a document titled `title` (stored in the PDF's metadata) on `paper`.
    pub fn new(paper: Paper, title: &str) -> Result<Self, PrintError> {
        let (width, height) = paper.size_pt();
        Self::build(width, height, Scale::for_paper(paper), title)
    }

    /// Start a document on pages of their own size (labels), `width_mm` × `height_mm`, set in `scale`. Its
    /// footer is compact: with `count_word`, one line "`count_word` N of M" printed when there are several pages;
    /// without, none at all (the caller lays a single page out first and sees from [`Layout::page_count`]
    /// whether the count is needed).
    pub fn with_size(
        width_mm: f32,
        height_mm: f32,
        scale: Scale,
        count_word: Option<&str>,
        title: &str,
    ) -> Result<Self, PrintError> {
        const MM: f32 = 72.0 / 25.4;
        let mut layout = Self::build(width_mm * MM, height_mm * MM, scale, title)?;
        layout.compact_footer = Some(count_word.unwrap_or_default().to_owned());
        Ok(layout)
    }

    /// Pages laid out so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn build(width: f32, height: f32, scale: Scale, title: &str) -> Result<Self, PrintError> {
        let fonts = fonts()?;
        let mut doc = PdfDocument::new(title);
        doc.metadata.info.creator = "Fovea".to_owned();
        doc.metadata.info.producer = "Fovea (printpdf)".to_owned();
        // printpdf defaults these to 1970, which a PDF viewer's "Properties" would show.
        let now = OffsetDateTime::now();
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        doc.metadata.info.metadata_date = now;
        let regular = doc.add_font(&fonts.regular.parsed);
        let bold = doc.add_font(&fonts.bold.parsed);
        Ok(Self {
            fonts,
            title: title.to_owned(),
            regular,
            bold,
            doc,
            width,
            height,
            scale,
            pages: vec![Vec::new()],
            y: scale.margin_top,
            running_head: None,
            watermark: None,
            compact_footer: None,
        })
    }

    /// The face for `style`, for measuring.
    pub fn face(&self, style: FontStyle) -> &'static Face {
        self.fonts.face(style)
    }

    /// Left edge of the content area.
    pub fn left(&self) -> f32 {
        self.scale.margin_x
    }

    /// Width of the content area.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * self.scale.margin_x
    }

    /// Height reserved at the bottom of every page for the footer (rule + two small lines).
    fn footer_height(&self) -> f32 {
        match self.compact_footer.as_deref() {
            Some("") => 0.0,
            Some(_) => line_height(self.scale.small),
            None => 6.0 + 2.0 * line_height(self.scale.small),
        }
    }

    /// Lowest y the content may reach before the footer.
    fn content_bottom(&self) -> f32 {
        let gap = if self.compact_footer.is_some() {
            1.0
        } else {
            6.0
        };
        self.height - self.scale.margin_bottom - self.footer_height() - gap
    }

    /// Where content starts on a page after the first (below the running head, if any).
    fn page_top(&self) -> f32 {
        match self.running_head {
            Some(_) => self.scale.margin_top + line_height(self.scale.small) + 8.0,
            None => self.scale.margin_top,
        }
    }

    /// Set a line to print at the top of every following page (e.g. "Clinic — Recall list").
    /// Print `text` diagonally across every page (set before [`Layout::finish`]).
    pub fn set_watermark(&mut self, text: Option<String>) {
        self.watermark = text;
    }

    /// The watermark's operations for one page: bold text along the diagonal from bottom left to top right,
    /// centred, as wide as most of the diagonal.
    fn watermark_ops(&self, text: &str) -> Vec<Op> {
        let face = self.face(FontStyle::Bold);
        let text = face.sanitize(text);
        let angle = self.height.atan2(self.width);
        let diagonal = self.width.hypot(self.height);
        let unit = face.text_width(&text, 1.0).max(1.0);
        let size = (0.75 * diagonal / unit).min(96.0);
        let half = face.text_width(&text, size) / 2.0;
        let (sin, cos) = angle.sin_cos();
        // PDF space (from the bottom): start so the text's middle, raised by half its cap height, is the centre.
        let lift = face.ascent(size) * 0.35;
        let x = self.width / 2.0 - half * cos + lift * sin;
        let y = self.height / 2.0 - half * sin - lift * cos;
        vec![
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(self.font_id(FontStyle::Bold)),
                size: Pt(size),
            },
            Op::SetFillColor { col: WATERMARK },
            Op::SetTextMatrix {
                matrix: printpdf::TextMatrix::Raw([cos, sin, -sin, cos, x, y]),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text)],
            },
            Op::EndTextSection,
        ]
    }

    pub fn set_running_head(&mut self, head: Option<String>) {
        self.running_head = head;
    }

    /// Move the cursor down by `h` points.
    pub fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// Start a new page, drawing the running head if one is set.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.scale.margin_top;
        if let Some(head) = self.running_head.clone() {
            let size = self.scale.small;
            let face = self.face(FontStyle::Regular);
            let text = ellipsize(face, &face.sanitize(&head), size, self.content_width());
            let baseline = self.y + face.ascent(size);
            self.text(
                self.left(),
                baseline,
                &text,
                FontStyle::Regular,
                size,
                MUTED,
            );
            self.y += line_height(size) + 2.0;
            let (x1, x2, y) = (self.left(), self.left() + self.content_width(), self.y);
            self.hline(x1, x2, y, 0.5, HAIRLINE);
            self.y = self.page_top();
        }
    }

    /// Make sure `h` points fit below the cursor, breaking the page if they do not (and if a
    /// fresh page would help). Returns whether a page was started.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > self.content_bottom() && self.y > self.page_top() + 0.5 {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn font_id(&self, style: FontStyle) -> FontId {
        match style {
            FontStyle::Regular => self.regular.clone(),
            FontStyle::Bold => self.bold.clone(),
        }
    }

    /// Draw one line of already-sanitised text with its baseline `baseline` points below the top
    /// of the page. Low level: no wrapping, no page breaking.
    pub fn text(
        &mut self,
        x: f32,
        baseline: f32,
        text: &str,
        style: FontStyle,
        size: f32,
        color: Color,
    ) {
        if text.is_empty() {
            return;
        }
        let font = PdfFontHandle::External(self.font_id(style));
        let y = self.height - baseline;
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont {
                font,
                size: Pt(size),
            },
            Op::SetFillColor { col: color },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// A horizontal line from `x1` to `x2` at `y` (from the top).
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, color: Color) {
        self.line((x1, y), (x2, y), thickness, color);
    }

    /// A vertical line at `x` from `y1` to `y2` (from the top).
    pub fn vline(&mut self, x: f32, y1: f32, y2: f32, thickness: f32, color: Color) {
        self.line((x, y1), (x, y2), thickness, color);
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32, color: Color) {
        let h = self.height;
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(h - y),
            },
            bezier: false,
        };
        let line = Line {
            points: vec![point(from), point(to)],
            is_closed: false,
        };
        self.ops().extend([
            Op::SetOutlineColor { col: color },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line },
        ]);
    }

    /// A filled rectangle whose top-left corner is `(x, y)` (from the top).
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Color) {
        let rectangle = Rect {
            x: Pt(x),
            y: Pt(self.height - y - h),
            width: Pt(w),
            height: Pt(h),
            mode: Some(PaintMode::Fill),
            winding_order: Some(WindingOrder::NonZero),
        };
        self.ops().extend([
            Op::SetFillColor { col: color },
            Op::DrawRectangle { rectangle },
        ]);
    }

    /// A full-width rule at the cursor; the cursor moves below it by `after`.
    pub fn rule(&mut self, thickness: f32, color: Color, after: f32) {
        let (x1, x2, y) = (self.left(), self.left() + self.content_width(), self.y);
        self.hline(x1, x2, y, thickness, color);
        self.y += after;
    }

    /// Wrap `text` (any string: it is sanitised here) to `max_width` in `style` at `size`.
    pub fn wrap(&self, text: &str, style: FontStyle, size: f32, max_width: f32) -> Vec<String> {
        let face = self.face(style);
        wrap(face, &face.sanitize(text), size, max_width)
    }

    /// A paragraph across the content width, indented by `indent`, breaking pages between lines.
    /// Blank lines inside `text` are kept; blank lines around it are not, and empty text takes
    /// no space.
    pub fn paragraph(
        &mut self,
        text: &str,
        style: FontStyle,
        size: f32,
        color: Color,
        indent: f32,
    ) {
        // Leading and trailing blank lines (a pasted "Name\r\n") would only print as gaps.
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let width = self.content_width() - indent;
        let lh = line_height(size);
        let ascent = self.face(style).ascent(size);
        for line in self.wrap(text, style, size, width) {
            self.ensure(lh);
            let baseline = self.y + ascent;
            self.text(
                self.left() + indent,
                baseline,
                &line,
                style,
                size,
                color.clone(),
            );
            self.y += lh;
        }
    }

    /// The clinic's letterhead: name (bold, large), address lines, phone, and an accent rule.
    pub fn clinic_header(&mut self, clinic: &ClinicHeader) {
        let s = self.scale;
        self.paragraph(&clinic.name, FontStyle::Bold, s.clinic, ACCENT, 0.0);
        self.gap(1.0);
        if let Some(address) = clinic.address.as_deref().filter(|a| !a.trim().is_empty()) {
            // Clinics type addresses with blank lines or trailing spaces; print only real lines.
            let lines: Vec<&str> = address
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            self.paragraph(
                &lines.join("\n"),
                FontStyle::Regular,
                s.small + 0.5,
                MUTED,
                0.0,
            );
        }
        if let Some(phone) = clinic.phone.as_deref().filter(|p| !p.trim().is_empty()) {
            self.paragraph(
                &format!("Phone: {}", phone.trim()),
                FontStyle::Regular,
                s.small + 0.5,
                MUTED,
                0.0,
            );
        }
        if let Some(reg) = clinic
            .registration
            .as_deref()
            .filter(|r| !r.trim().is_empty())
        {
            let lines: Vec<&str> = reg
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            self.paragraph(
                &lines.join("\n"),
                FontStyle::Regular,
                s.small + 0.5,
                MUTED,
                0.0,
            );
        }
        self.gap(4.0);
        self.rule(1.2, ACCENT, s.body * 1.4);
    }

    /// Label/value pairs in two columns (labels grey, values in `value_style`); values wrap.
    pub fn key_values(&mut self, rows: &[(&str, String)], value_style: FontStyle) {
        let size = self.scale.body;
        let lh = line_height(size);
        let label_face = self.face(FontStyle::Regular);
        let label_width = rows
            .iter()
            .map(|(label, _)| label_face.text_width(&label_face.sanitize(label), size))
            .fold(0.0_f32, f32::max);
        // Labels never take more than a third of the width, however long a caller makes them.
        let label_col = (label_width + 12.0).min(self.content_width() / 3.0);
        let value_width = self.content_width() - label_col;
        for (label, value) in rows {
            let label_text = ellipsize(
                label_face,
                &label_face.sanitize(label),
                size,
                label_col - 6.0,
            );
            let lines = self.wrap(value, value_style, size, value_width);
            for (i, line) in lines.iter().enumerate() {
                self.ensure(lh);
                let baseline = self.y + self.face(value_style).ascent(size);
                if i == 0 {
                    self.text(
                        self.left(),
                        baseline,
                        &label_text,
                        FontStyle::Regular,
                        size,
                        MUTED,
                    );
                }
                self.text(
                    self.left() + label_col,
                    baseline,
                    line,
                    value_style,
                    size,
                    INK,
                );
                self.y += lh;
            }
        }
    }

    /// Label/amount pairs flush right, as under an invoice's lines: labels grey, amounts in ink, the rows in `bold`
    /// (the total) bold with a rule above; kept together on one page.
    pub fn totals(&mut self, rows: &[(String, String)], bold: &[usize]) {
        let size = self.scale.body;
        let lh = line_height(size) + 1.0;
        self.ensure(lh * rows.len() as f32 + 4.0);
        let right = self.left() + self.content_width();
        let amount_col = self.content_width() * 0.18;
        let label_right = right - amount_col - 8.0;
        for (i, (label, amount)) in rows.iter().enumerate() {
            let style = if bold.contains(&i) {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            };
            if bold.contains(&i) {
                self.hline(label_right - amount_col, right, self.y + 0.5, 0.6, MUTED);
                self.y += 2.0;
            }
            let baseline = self.y + self.face(style).ascent(size);
            let face = self.face(style);
            let label = face.sanitize(label);
            let amount = face.sanitize(amount);
            let lw = face.text_width(&label, size);
            let aw = face.text_width(&amount, size);
            let label_color = if bold.contains(&i) { INK } else { MUTED };
            self.text(label_right - lw, baseline, &label, style, size, label_color);
            self.text(right - aw, baseline, &amount, style, size, INK);
            self.y += lh;
        }
    }

    /// A signature line on the right half of the page with the prescriber's name and details
    /// under it; kept together on one page, with room above the line to sign by hand.
    pub fn signature(&mut self, spec: &SignatureSpec) {
        let s = self.scale;
        let width = (self.content_width() * 0.48).max(150.0_f32.min(self.content_width()));
        let x = self.left() + self.content_width() - width;
        let name_lines = self.wrap(&spec.name, FontStyle::Bold, s.body, width);
        let detail_lines: Vec<String> = spec
            .details
            .iter()
            .flat_map(|d| self.wrap(d, FontStyle::Regular, s.body, width))
            .collect();
        let note_lines = spec
            .note
            .as_deref()
            .map(|n| self.wrap(n, FontStyle::Regular, s.small, width))
            .unwrap_or_default();
        let room_to_sign = s.body * 3.6;
        let h = room_to_sign
            + 4.0
            + (name_lines.len() + detail_lines.len()) as f32 * line_height(s.body)
            + note_lines.len() as f32 * line_height(s.small);
        self.ensure(h);
        self.y += room_to_sign;
        self.hline(x, x + width, self.y, 0.8, INK);
        self.y += 4.0;
        let lines = name_lines
            .iter()
            .map(|l| (l, FontStyle::Bold, s.body, INK))
            .chain(
                detail_lines
                    .iter()
                    .map(|l| (l, FontStyle::Regular, s.body, INK)),
            )
            .chain(
                note_lines
                    .iter()
                    .map(|l| (l, FontStyle::Regular, s.small, MUTED)),
            );
        for (line, style, size, color) in lines {
            let baseline = self.y + self.face(style).ascent(size);
            self.text(x, baseline, line, style, size, color);
            self.y += line_height(size);
        }
    }

    /// Stamp every page with the footer (`left` text — a reference or a note, shortened to two
    /// lines — and "Page N of M"), then serialise the PDF with fonts subset to the glyphs used.
    pub fn finish(mut self, left: Option<&str>) -> Result<Vec<u8>, PrintError> {
        let total = self.pages.len();
        let size = self.scale.small;
        let face = self.face(FontStyle::Regular);
        let lh = line_height(size);
        let widest_page_label = face.text_width(&format!("Page {total} of {total}"), size);
        let left_room = self.content_width() - widest_page_label - 18.0;
        let mut left_lines = left
            .map(|t| wrap(face, &face.sanitize(t), size, left_room))
            .unwrap_or_default();
        if left_lines.len() > 2 {
            let rest = left_lines[1..].join(" ");
            left_lines.truncate(1);
            left_lines.push(ellipsize(face, &rest, size, left_room));
        }
        let pages = std::mem::take(&mut self.pages);
        let top = self.height - self.scale.margin_bottom - self.footer_height();
        let mut out = Vec::with_capacity(total);
        for (n, ops) in pages.into_iter().enumerate() {
            // Under everything else on the page, so the content stays readable on top of it.
            let ops = match self.watermark.as_deref() {
                Some(mark) => self.watermark_ops(mark).into_iter().chain(ops).collect(),
                None => ops,
            };
            self.pages = vec![ops];
            let (x1, x2) = (self.left(), self.left() + self.content_width());
            if let Some(word) = self.compact_footer.clone() {
                if total > 1 && !word.is_empty() {
                    let label = format!("{word} {} of {total}", n + 1);
                    let x = x2 - face.text_width(&label, size);
                    self.text(
                        x,
                        top + face.ascent(size),
                        &label,
                        FontStyle::Regular,
                        size,
                        MUTED,
                    );
                }
                let ops = self.pages.pop().unwrap_or_default();
                out.push(self.page(ops));
                continue;
            }
            self.hline(x1, x2, top, 0.5, HAIRLINE);
            let first_baseline = top + 6.0 + face.ascent(size);
            for (i, line) in left_lines.iter().enumerate() {
                self.text(
                    x1,
                    first_baseline + i as f32 * lh,
                    line,
                    FontStyle::Regular,
                    size,
                    MUTED,
                );
            }
            let label = format!("Page {} of {total}", n + 1);
            let x = x2 - face.text_width(&label, size);
            self.text(x, first_baseline, &label, FontStyle::Regular, size, MUTED);
            let ops = self.pages.pop().unwrap_or_default();
            out.push(self.page(ops));
        }
        let mut warnings = Vec::new();
        let options = PdfSaveOptions {
            subset_fonts: true,
            ..PdfSaveOptions::default()
        };
        let bytes = self.doc.with_pages(out).save(&options, &mut warnings);
        // printpdf reports problems as warnings and writes the file anyway. A failed subset is
        // harmless (it embeds the whole font: bigger, still correct); any other error (a font
        // without data, a colour out of range) means a broken document, which must not reach a
        // patient.
        let errors: Vec<&str> = warnings
            .iter()
            .filter(|w| w.severity == PdfParseErrorSeverity::Error)
            .map(|w| w.msg.as_str())
            .filter(|m| {
                !m.starts_with("Failed to subset font")
                    && !m.starts_with("Failed to parse subset font")
            })
            .collect();
        if !errors.is_empty() {
            return Err(PrintError::new(format!(
                "could not write the PDF for \"{}\": {}",
                self.title,
                errors.join("; ")
            )));
        }
        if bytes.is_empty() {
            return Err(PrintError::new(format!(
                "could not write the PDF for \"{}\"",
                self.title
            )));
        }
        Ok(bytes)
    }

    fn page(&self, ops: Vec<Op>) -> PdfPage {
        // Built from points, not printpdf's millimetre constructor, so the MediaBox is exactly
        // the paper's standard size in points (595.28 × 841.89 for A4, 612 × 792 for Letter).
        let size = Rect::from_wh(Pt(self.width), Pt(self.height));
        PdfPage {
            media_box: size.clone(),
            trim_box: size.clone(),
            crop_box: size,
            ops,
        }
    }
}
