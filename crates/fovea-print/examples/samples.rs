//! Writes sample PDFs to a folder (default `print-samples`) for looking at:
//! `cargo run --example samples -- /tmp/samples && pdftoppm -png -r 80 /tmp/samples/rx-a4.pdf out`.

#[path = "../tests/common/mod.rs"]
mod common;

use fovea_print::{Paper, PrintError, spectacle_rx, table};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "print-samples".into()),
    );
    std::fs::create_dir_all(&dir)?;
    let write =
        |name: &str, pdf: Result<Vec<u8>, PrintError>| -> Result<(), Box<dyn std::error::Error>> {
            let pdf = pdf?;
            println!("{name}: {} bytes", pdf.len());
            std::fs::write(dir.join(name), pdf)?;
            Ok(())
        };
    for (paper, name) in [
        (Paper::A4, "rx-a4.pdf"),
        (Paper::A5, "rx-a5.pdf"),
        (Paper::Letter, "rx-letter.pdf"),
    ] {
        write(name, spectacle_rx(&common::rx(paper)))?;
    }
    let mut long = common::rx(Paper::A5);
    long.notes = Some(common::long_notes());
    write("rx-a5-long-notes.pdf", spectacle_rx(&long))?;
    let mut sparse = common::rx(Paper::A4);
    sparse.os = Default::default();
    sparse.binocular_pd = None;
    sparse.notes = None;
    sparse.expires_on = None;
    sparse.clinic.address = None;
    if let fovea_print::Authorisation::Signed(p) = &mut sparse.authorisation {
        p.signature_text = None;
    }
    sparse.patient.full_name = "Emoji 🚑 Test ❤️ 😀".into();
    write("rx-a4-sparse.pdf", spectacle_rx(&sparse))?;
    let mut draft = common::rx(Paper::A4);
    draft.authorisation = fovea_print::Authorisation::Draft;
    write("rx-a4-draft.pdf", spectacle_rx(&draft))?;
    let mut hostile = common::rx(Paper::A5);
    let endless = "x".repeat(400);
    hostile.patient.full_name = format!("Emoji 🚑 Smith {endless}");
    hostile.clinic.name = "👁️ Clinic\tName\r\n".into();
    hostile.od.sphere = "+1.25 🙂".into();
    hostile.notes = Some(format!("{endless}\n\n\u{7}\u{200D}{endless}"));
    hostile.reference = Some(endless.repeat(3));
    write("rx-a5-hostile.pdf", spectacle_rx(&hostile))?;
    write("rx-empty.pdf", spectacle_rx(&Default::default()))?;
    write("list-120.pdf", table(&common::reminder_list(120)))?;
    let mut a5_list = common::reminder_list(30);
    a5_list.paper = Paper::A5;
    write("list-a5.pdf", table(&a5_list))?;
    write("list-empty.pdf", table(&common::reminder_list(0)))?;
    Ok(())
}
