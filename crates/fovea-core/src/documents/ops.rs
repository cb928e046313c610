//! Printing operations: the printers this workstation can use, its choice, and printing a saved document.

use serde::Deserialize;
use ts_rs::TS;

use super::printing::{self, PrintJob, Printers};
use crate::Error;
use crate::catalog::{Empty, area_operations, op};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ChoosePrinterRequest {
    /// A printer from `documents.printers`; none prints on the system's default printer.
    pub printer: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrintDocumentRequest {
    /// The document's path, as saving it answered.
    pub path: String,
}

op! {
    ListPrinters = "documents.printers", SignedIn,
    summary: "The printers CUPS knows on this computer, the system's default, and this workstation's choice.",
    label: "Listed the printers",
    fn(cx, _: Empty) -> Printers {
        let chosen = cx.read(printing::chosen)?;
        Ok(cx.fovea.cups().printers(chosen))
    }
}

op! {
    ChoosePrinter = "documents.choose_printer", ManageWorkstation,
    summary: "Choose the printer this workstation prints on (none: the system's default).",
    label: "Chose the workstation's printer",
    fn(cx, req: ChoosePrinterRequest) -> Printers {
        let printer = req
            .printer
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(printing::valid_printer_name)
            .transpose()?;
        if let Some(p) = &printer {
            let known = cx.fovea.cups().printers(None);
            if known.problem.is_none() && !known.printers.contains(p) {
                return Err(Error::validation(
                    "printer",
                    format!("There is no printer called {p} on this computer; choose one from the list."),
                ));
            }
        }
        cx.note_detail(format!(
            "printer: {}",
            printer.as_deref().unwrap_or("the system's default")
        ));
        cx.write(|w| printing::choose(w.tx(), printer.as_deref()))?;
        let chosen = cx.read(printing::chosen)?;
        Ok(cx.fovea.cups().printers(chosen))
    }
}

op! {
    PrintDocument = "documents.print", SignedIn,
    summary: "Print a document Fovea saved on this workstation's printer, through CUPS.",
    label: "Printed a document",
    fn(cx, req: PrintDocumentRequest) -> PrintJob {
        let path = std::path::PathBuf::from(&req.path);
        if !super::is_document(cx.fovea, &path) {
            return Err(Error::validation("path", "This is not a document Fovea saved."));
        }
        let title = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Fovea document".into());
        let printer = cx.read(printing::chosen)?;
        let job = cx.fovea.cups().print(&path, printer.as_deref(), &title)?;
        cx.note_detail(format!("{title} on {}", job.printer));
        Ok(job)
    }
}

area_operations! {
    ListPrinters,
    ChoosePrinter,
    PrintDocument,
}
