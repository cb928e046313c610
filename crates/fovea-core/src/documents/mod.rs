//! Printed documents are saved as PDF files in a `documents/` folder beside the database, one subfolder per month,
//! so the clinic keeps a copy of what it handed out and the desktop app opens the file with the system viewer.

pub mod ops;
pub mod printing;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::clinic::PaperSize;
use crate::{Error, Fovea, Result};
use fovea_print::{ClinicHeader, Paper};
use rusqlite::Connection;

/// A document written to disk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Document {
    /// Absolute path of the PDF.
    pub path: String,
    pub file_name: String,
    pub bytes: u32,
}

/// The folder documents are saved under: `<folder of the database>/documents`.
pub fn folder(fovea: &Fovea) -> PathBuf {
    let db = std::path::absolute(fovea.path()).unwrap_or_else(|_| fovea.path().to_path_buf());
    db.parent()
        .map_or_else(|| PathBuf::from("documents"), |p| p.join("documents"))
}

/// Whether `path` names a PDF inside the documents folder (after resolving `..` and links), so the desktop app only
/// ever opens files Fovea wrote.
pub fn is_document(fovea: &Fovea, path: &Path) -> bool {
    let (Ok(root), Ok(file)) = (folder(fovea).canonicalize(), path.canonicalize()) else {
        return false;
    };
    file.starts_with(&root)
        && file.is_file()
        && file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("csv"))
}

/// Keeps file names portable: letters, digits, dashes and underscores; accents folded, the rest dropped.
fn safe_name(s: &str) -> String {
    let folded = deunicode::deunicode(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if (c.is_whitespace() || matches!(c, '.' | '/' | '\\')) && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "document".into()
    } else {
        out
    }
}

/// Writes `bytes` as `<documents>/<YYYY-MM>/<stem>.pdf` (a numbered suffix if the name is taken): to a temporary
/// file first, synced and renamed, so a crash never leaves half a PDF under the final name.
pub fn save(fovea: &Fovea, stem: &str, bytes: &[u8]) -> Result<Document> {
    save_as(fovea, stem, "pdf", bytes)
}

/// [`save`] with another extension (`csv` for a report exported for spreadsheets).
pub fn save_as(fovea: &Fovea, stem: &str, ext: &str, bytes: &[u8]) -> Result<Document> {
    let month = fovea.now().format("%Y-%m").to_string();
    let dir = folder(fovea).join(month);
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::storage(format!(
            "Cannot create the documents folder {}: {e}",
            dir.display()
        ))
    })?;
    let stem = safe_name(stem);
    let mut name = format!("{stem}.{ext}");
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("{stem}-{n}.{ext}");
    }
    let path = dir.join(&name);
    let tmp = dir.join(format!(".{name}.part"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::storage(format!("Cannot save {}: {e}", path.display()))
    })?;
    Ok(Document {
        path: path.display().to_string(),
        file_name: name,
        bytes: bytes.len() as u32,
    })
}

/// The clinic's letterhead and paper size from its settings.
pub fn letterhead(conn: &Connection) -> Result<(ClinicHeader, Paper)> {
    let s = crate::clinic::load_settings(conn)?;
    let paper = match s.paper_size {
        PaperSize::A4 => Paper::A4,
        PaperSize::A5 => Paper::A5,
        PaperSize::Letter => Paper::Letter,
    };
    Ok((
        ClinicHeader {
            name: s.clinic_name,
            address: s.address,
            phone: s.phone,
            registration: s.registration,
        },
        paper,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_portable() {
        assert_eq!(
            safe_name("Spectacle Rx Zoë Łukasiewicz R1-000042"),
            "Spectacle-Rx-Zoe-Lukasiewicz-R1-000042"
        );
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("???"), "document");
    }
}
