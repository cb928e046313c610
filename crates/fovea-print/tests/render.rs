//! End-to-end checks on the produced PDFs, read back with poppler's `pdftotext` (what a clinic's
//! PDF viewer sees) and `lopdf` (the page boxes).

mod common;

use std::io::Write;
use std::process::Command;

use fovea_print::{Authorisation, Paper, SpectacleRx, TableDocument, spectacle_rx, table};

/// Text of the PDF as poppler extracts it; pages are separated by form feeds.
fn pdftotext(pdf: &[u8], args: &[&str]) -> String {
    let mut file = tempfile::Builder::new()
        .suffix(".pdf")
        .tempfile()
        .expect("temp file");
    file.write_all(pdf).expect("write temp pdf");
    let output = match Command::new("pdftotext")
        .args(args)
        .arg(file.path())
        .arg("-")
        .output()
    {
        Ok(output) => output,
        Err(e) => panic!(
            "these tests need `pdftotext` from poppler-utils (apt-get install poppler-utils) to read \
             the PDFs back; running it failed: {e}"
        ),
    };
    assert!(
        output.status.success(),
        "pdftotext rejected the PDF: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("pdftotext prints UTF-8")
}

fn pages(text: &str) -> Vec<&str> {
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Width and height in points of every page's MediaBox.
fn media_boxes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf parses the PDF");
    doc.get_pages()
        .values()
        .map(|&id| {
            let mut dict = doc.get_dictionary(id).expect("page dictionary");
            // MediaBox may be inherited from the page tree.
            let array = loop {
                if let Ok(obj) = dict.get(b"MediaBox") {
                    break doc
                        .dereference(obj)
                        .expect("MediaBox")
                        .1
                        .as_array()
                        .expect("array")
                        .clone();
                }
                let parent = dict
                    .get(b"Parent")
                    .and_then(lopdf::Object::as_reference)
                    .expect("MediaBox or Parent");
                dict = doc.get_dictionary(parent).expect("parent dictionary");
            };
            let n: Vec<f32> = array
                .iter()
                .map(|o| o.as_float().expect("number"))
                .collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// Every word pdftotext finds, with its right edge, and the page widths (`pdftotext -bbox`).
fn word_boxes(pdf: &[u8]) -> (Vec<f32>, Vec<(usize, String, f32)>) {
    let html = pdftotext(pdf, &["-bbox"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        let end = start + tag[start..].find('"').expect("closing quote");
        tag[start..end].parse().expect("number")
    };
    let mut widths = Vec::new();
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            widths.push(attr(line, "width"));
        } else if line.starts_with("<word ") {
            let text = line
                .split('>')
                .nth(1)
                .unwrap_or("")
                .trim_end_matches("</word")
                .to_owned();
            words.push((widths.len() - 1, text, attr(line, "xMax")));
        }
    }
    (widths, words)
}

#[test]
fn prescription_text_survives_extraction() {
    let pdf = spectacle_rx(&common::rx(Paper::A4)).expect("renders");
    let text = pdftotext(&pdf, &[]);
    for expected in [
        "Zoë Łukasiewicz-Ó Briain",
        "Hauptstraße 12",
        "Augenklinik am Fluss",
        "R1-000123",
        "Spectacle prescription",
        "+1.25",
        "-2.75",
        "OD (right)",
        "OS (left)",
        "Licence no. LÄK-BY 0456789",
        "Valid until 12/03/2028",
        "Dr. Małgorzata Nowak-Schäfer",
        "04/07/1961 (age 64)",
        "Binocular PD: 63.5 mm",
        "minus cylinder",
        "Reference: V-2026-000481",
        "Page 1 of 1",
        "—",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(pages(&text).len(), 1);
}

#[test]
fn a_draft_says_so_in_its_title_and_across_every_page_and_carries_no_signature() {
    let mut doc = common::rx(Paper::A4);
    doc.authorisation = Authorisation::Draft;
    // Long notes: the draft mark must be on the second sheet too.
    doc.notes = Some("Anti-reflective coating, photochromic lenses. ".repeat(120));
    let pdf = spectacle_rx(&doc).expect("renders");
    let text = pdftotext(&pdf, &[]);
    // In content order (-raw) the diagonal watermark comes first on every sheet, one glyph per line: read it
    // without the line breaks.
    let raw: String = pdftotext(&pdf, &["-raw"])
        .chars()
        .filter(|c| *c == '\u{c}' || !c.is_whitespace())
        .collect();
    let sheets = pages(&raw);
    assert!(sheets.len() >= 2, "the long notes should need two sheets");
    for (n, sheet) in sheets.iter().enumerate() {
        assert!(
            sheet.contains("DRAFT—NOTVALIDASAPRESCRIPTION"),
            "sheet {} has no draft mark:\n{sheet}",
            n + 1
        );
    }
    assert!(text.contains("The examination is not signed."), "{text}");
    for absent in [
        "Dr. Małgorzata Nowak-Schäfer",
        "Licence no.",
        "Signed electronically",
    ] {
        assert!(
            !text.contains(absent),
            "a draft printed {absent:?}:\n{text}"
        );
    }
    let info = pdfinfo_title(&pdf);
    assert!(info.contains("DRAFT"), "PDF title: {info}");

    // Signed, the same prescription has its prescriber and no draft mark.
    let signed = pdftotext(&spectacle_rx(&common::rx(Paper::A4)).expect("renders"), &[]);
    assert!(signed.contains("Dr. Małgorzata Nowak-Schäfer"));
    assert!(!signed.contains("DRAFT"), "{signed}");
}

/// The PDF's title as `pdfinfo` reads it.
fn pdfinfo_title(pdf: &[u8]) -> String {
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(pdf).expect("write");
    let out = Command::new("pdfinfo")
        .arg(file.path())
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.starts_with("Title:"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn page_size_follows_the_paper() {
    for (paper, (w, h)) in [
        (Paper::A4, (595.28, 841.89)),
        (Paper::A5, (419.53, 595.28)),
        (Paper::Letter, (612.0, 792.0)),
    ] {
        let pdf = spectacle_rx(&common::rx(paper)).expect("renders");
        let boxes = media_boxes(&pdf);
        assert_eq!(boxes.len(), 1, "{paper:?}: the prescription fits one page");
        let (bw, bh) = boxes[0];
        assert!(
            (bw - w).abs() < 0.05 && (bh - h).abs() < 0.05,
            "{paper:?}: MediaBox {bw}×{bh}, expected {w}×{h}"
        );
        let text = pdftotext(&pdf, &[]);
        assert!(
            text.contains("Zoë Łukasiewicz-Ó Briain") && text.contains("Licence no."),
            "{paper:?}:\n{text}"
        );
    }
}

#[test]
fn one_page_prescription_is_small_because_fonts_are_subset() {
    let pdf = spectacle_rx(&common::rx(Paper::A4)).expect("renders");
    // Each whole DejaVu face is over 700 KB; the subsets are a few tens of KB.
    assert!(pdf.len() < 120_000, "prescription is {} bytes", pdf.len());
}

#[test]
fn long_notes_wrap_inside_the_margins() {
    for paper in [Paper::A5, Paper::A4, Paper::Letter] {
        let mut rx = common::rx(paper);
        rx.notes = Some(common::long_notes());
        let pdf = spectacle_rx(&rx).expect("renders");
        let (widths, words) = word_boxes(&pdf);
        assert!(!words.is_empty());
        for (page, word, x_max) in &words {
            // The side margins are 12 mm (34 pt) on A5 and 18 mm on A4/Letter: nothing may reach
            // into the outer 30 pt.
            assert!(
                *x_max <= widths[*page] - 30.0,
                "{paper:?}: {word:?} ends at {x_max} on a {}-pt page",
                widths[*page]
            );
        }
        let text = pdftotext(&pdf, &[]);
        // The over-long word is broken, not dropped: its pieces are all there.
        let squashed: String = text.split_whitespace().collect();
        assert!(squashed.contains("SupercalifragilisticexpialidociousAntireflectiveHydrophobicOleophobicCoatingWithoutSpaces"));
        assert!(
            text.contains("Valid until 12/03/2028"),
            "{paper:?}: later content still printed"
        );
    }
}

#[test]
fn long_table_spans_pages_and_repeats_its_header() {
    let doc = common::reminder_list(120);
    let pdf = table(&doc).expect("renders");
    let text = pdftotext(&pdf, &[]);
    let pages = pages(&text);
    let n = pages.len();
    assert!(n >= 3, "120 rows on A4 should take several pages, got {n}");
    assert_eq!(media_boxes(&pdf).len(), n);
    for (i, page) in pages.iter().enumerate() {
        for header in ["Time", "Patient", "MRN", "Phone", "Doctor", "Notes"] {
            assert!(
                page.contains(header),
                "page {} lacks header {header:?}:\n{page}",
                i + 1
            );
        }
        assert!(
            page.contains(&format!("Page {} of {n}", i + 1)),
            "page {} footer:\n{page}",
            i + 1
        );
        assert!(page.contains("Printed 12/03/2026 17:05 by reception (R1)"));
        if i > 0 {
            assert!(page.contains("(continued)"), "page {} running head", i + 1);
        }
    }
    assert!(pages[0].contains("Page 1 of"));
    // Every row is printed exactly once.
    for i in 0..120 {
        let mrn = format!("R1-{:06}", 1000 + i);
        assert_eq!(text.matches(&mrn).count(), 1, "{mrn}");
    }
    let (widths, words) = word_boxes(&pdf);
    assert!(
        words.iter().all(|(p, _, x)| *x <= widths[*p] - 30.0),
        "table stays inside the margins"
    );
}

#[test]
fn empty_table_prints_the_empty_text() {
    let pdf = table(&common::reminder_list(0)).expect("renders");
    let text = pdftotext(&pdf, &[]);
    assert!(
        text.contains("No reminder calls are due tomorrow."),
        "{text}"
    );
    assert!(
        text.contains("Patient") && text.contains("Page 1 of 1"),
        "{text}"
    );
}

#[test]
fn empty_documents_render() {
    let pdf = spectacle_rx(&SpectacleRx::default()).expect("empty prescription");
    assert!(pdftotext(&pdf, &[]).contains("Spectacle prescription"));
    let mut doc = TableDocument {
        columns: common::reminder_list(0).columns,
        ..TableDocument::default()
    };
    doc.rows = vec![vec![String::new(); 6], vec![]];
    let pdf = table(&doc).expect("empty list");
    assert!(pdftotext(&pdf, &[]).contains("Page 1 of 1"));
}

#[test]
fn hostile_text_prints_without_panicking() {
    let endless = "x".repeat(3000);
    let mut rx = common::rx(Paper::A5);
    rx.patient.full_name = format!("Emoji 🚑 Smith {endless}");
    rx.clinic.name = "👁️ Clinic\tName\r\n".into();
    rx.clinic.address = Some("\n\n   \n".into());
    rx.od.sphere = "+1.25 🙂".into();
    rx.notes = Some(format!("{endless}\n\n\u{7}\u{200D}{endless}"));
    rx.reference = Some(endless.clone());
    let pdf = spectacle_rx(&rx).expect("renders");
    let text = pdftotext(&pdf, &[]);
    assert!(
        text.contains("Emoji ? Smith"),
        "missing glyphs print as '?':\n{text}"
    );
    assert!(text.contains("+1.25 ?"));
    let (widths, words) = word_boxes(&pdf);
    assert!(
        words.iter().all(|(p, _, x)| *x <= widths[*p] - 30.0),
        "long words are broken inside the margins"
    );

    let mut list = common::reminder_list(3);
    list.rows[1][1] = endless.repeat(5);
    list.rows[2][5] = "🚑🚑🚑".into();
    let pdf = table(&list).expect("renders");
    let text = pdftotext(&pdf, &[]);
    assert!(text.contains("???"));
    assert!(
        text.contains("R1-001002"),
        "the row after a page-long cell still prints"
    );
}
