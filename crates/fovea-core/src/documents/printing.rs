//! Printing a saved document straight to paper through CUPS (`lp`), on the printer this workstation chose (or the
//! system's default). The choice is the workstation's own — the consulting room prints on its printer, reception on
//! its own — so it lives in `workstation_settings`, which never syncs.

use std::path::{Path, PathBuf};
use std::process::Command;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::{Error, Result};

const PRINTER: &str = "printer";

/// The printers CUPS knows on this computer, and which one Fovea prints on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Printers {
    /// Queue names as CUPS lists them (`lpstat -e`).
    pub printers: Vec<String>,
    /// The system's default printer, when one is set.
    pub system_default: Option<String>,
    /// The printer this workstation chose; none: the system's default.
    pub chosen: Option<String>,
    /// Why no printer can be listed (CUPS missing), for the settings screen to say.
    pub problem: Option<String>,
}

/// A print job handed to CUPS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PrintJob {
    /// The printer it went to, or "the default printer".
    pub printer: String,
    /// CUPS's job id (`Reception-12`), when it said one.
    pub job: Option<String>,
}

/// Where the CUPS commands are: on the PATH, or in a folder tests choose.
#[derive(Debug, Clone, Default)]
pub struct Cups {
    pub dir: Option<PathBuf>,
}

impl Cups {
    fn command(&self, name: &str) -> Command {
        Command::new(
            self.dir
                .as_ref()
                .map_or_else(|| PathBuf::from(name), |d| d.join(name)),
        )
    }

    fn run(&self, name: &str, args: &[&str]) -> Result<String> {
        let out = self.command(name).args(args).output().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::conflict(
                    "Printing needs CUPS (the lp command), which is not installed on this computer. Open the PDF \
                     and print it from the viewer, or ask IT to install CUPS (apt install cups-client).",
                )
            } else {
                Error::storage(format!("Could not run {name}: {e}"))
            }
        })?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
            return Err(Error::conflict(format!(
                "The printer system refused: {}",
                if why.is_empty() {
                    "no reason given"
                } else {
                    &why
                }
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Every queue and the default, as `lpstat` reports them.
    pub fn printers(&self, chosen: Option<String>) -> Printers {
        let listed = self.run("lpstat", &["-e"]);
        let problem = listed.as_ref().err().map(|e| e.message.clone());
        let printers = listed
            .map(|out| {
                out.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        // "system default destination: Reception" (no default: an error, or "no system default destination").
        let system_default = self.run("lpstat", &["-d"]).ok().and_then(|out| {
            out.split_once("destination:")
                .map(|(_, name)| name.trim().to_string())
                .filter(|n| !n.is_empty())
        });
        Printers {
            printers,
            system_default,
            chosen,
            problem,
        }
    }

    /// Sends `file` to `printer` (none: the system's default), titled `title` in the printer's queue.
    pub fn print(&self, file: &Path, printer: Option<&str>, title: &str) -> Result<PrintJob> {
        let file = file
            .to_str()
            .ok_or_else(|| Error::storage("The document's path is not valid text."))?;
        let mut args = Vec::new();
        if let Some(p) = printer {
            args.extend(["-d", p]);
        }
        // `--`: whatever the file is called, lp never reads it as an option.
        args.extend(["-t", title, "--", file]);
        let out = self.run("lp", &args)?;
        // "request id is Reception-12 (1 file(s))"
        let job = out
            .split_once("request id is ")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .map(String::from);
        Ok(PrintJob {
            printer: printer.map_or_else(|| "the default printer".to_string(), String::from),
            job,
        })
    }
}

/// A CUPS queue name: what `lp -d` accepts (no spaces, slashes or `#`, at most 127 characters).
pub fn valid_printer_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > 127
        || name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '#' | '\\'))
    {
        return Err(Error::validation(
            "printer",
            "Choose a printer from the list (a printer's name has no spaces, slashes or #).",
        ));
    }
    Ok(name.to_string())
}

/// The printer this workstation chose, if any.
pub fn chosen(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM workstation_settings WHERE key = ?1",
            [PRINTER],
            |r| r.get(0),
        )
        .optional()?)
}

/// Chooses this workstation's printer (none: the system's default). Local: it does not sync.
pub fn choose(conn: &Connection, printer: Option<&str>) -> Result<()> {
    match printer {
        Some(p) => conn.execute(
            "INSERT INTO workstation_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [PRINTER, p],
        )?,
        None => conn.execute("DELETE FROM workstation_settings WHERE key = ?1", [PRINTER])?,
    };
    Ok(())
}
