//! Generic titled lists (reminder calls, recall lists…).

use crate::fonts::FontStyle;
use crate::layout::{INK, Layout, MUTED, TableColumn, TableSpec};
use crate::{PrintError, TableDocument};

/// Render a list as PDF bytes: letterhead, title, then the table across as many pages as it
/// needs, its header row repeated on each, with "Page N of M" and the footer note on every page.
pub fn table(doc: &TableDocument) -> Result<Vec<u8>, PrintError> {
    let mut page = Layout::new(doc.paper, &doc.title)?;
    let s = page.scale;

    page.clinic_header(&doc.clinic);
    page.paragraph(&doc.title, FontStyle::Bold, s.title, INK, 0.0);
    if let Some(subtitle) = doc.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
        page.gap(1.0);
        page.paragraph(subtitle, FontStyle::Regular, s.body, MUTED, 0.0);
    }
    page.gap(s.body * 0.9);

    // Later pages do not repeat the letterhead, so say whose list this is.
    let head = [doc.clinic.name.trim(), doc.title.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" — ");
    page.set_running_head(Some(format!("{head} (continued)")));

    let spec = TableSpec {
        columns: doc
            .columns
            .iter()
            .map(|c| TableColumn {
                title: c.title.clone(),
                weight: c.width,
                align: c.align,
            })
            .collect(),
        size: s.body - 0.5,
        grid: false,
        zebra: true,
        first_column_bold: false,
        empty_text: Some(doc.empty_text.clone()),
    };
    page.table(&spec, &doc.rows)?;
    page.finish(doc.footer_note.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Align, Column};

    fn doc() -> TableDocument {
        TableDocument {
            title: "Recall list".into(),
            columns: vec![Column {
                title: "Patient".into(),
                width: 1.0,
                align: Align::Left,
            }],
            ..TableDocument::default()
        }
    }

    #[test]
    fn rejects_tables_it_cannot_lay_out() {
        let mut no_columns = doc();
        no_columns.columns.clear();
        assert!(table(&no_columns).is_err());

        let mut bad_width = doc();
        bad_width.columns[0].width = f32::NAN;
        let err = table(&bad_width).expect_err("NaN width");
        assert!(err.message().contains("Patient"), "{err}");

        let mut too_many_cells = doc();
        too_many_cells.rows = vec![vec!["a".into(), "b".into()]];
        assert!(table(&too_many_cells).is_err());
    }

    #[test]
    fn short_rows_are_padded() {
        let mut d = doc();
        d.columns.push(Column {
            title: "Phone".into(),
            width: 1.0,
            align: Align::Right,
        });
        d.rows = vec![vec!["Only a name".into()], vec![]];
        assert!(table(&d).is_ok());
    }
}
