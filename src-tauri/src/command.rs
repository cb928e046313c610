//! The app's only command. Every operation's name, request, response and permission live in fovea-core's catalog.

use std::path::Path;
use std::sync::Arc;

use fovea_core::{Error, Fovea};
use serde_json::Value;

use crate::database::DbLock;

/// What the window serves: the open database, or the reason it could not be opened. In the second case the UI still
/// loads and every call returns that reason, so the person sees it instead of a window that vanished.
pub struct Core {
    fovea: Result<Arc<Fovea>, Error>,
    /// Kept for the life of the app; dropping it would let a second instance in.
    _lock: Option<DbLock>,
}

impl Core {
    pub fn open(db_path: &Path, lock: Option<DbLock>) -> Core {
        let fovea = Fovea::open(db_path).map(Arc::new).map_err(|e| {
            let path = db_path.display().to_string();
            // Say which file, unless the core's message already does.
            let message = if e.message.contains(&path) {
                e.message
            } else {
                format!("Cannot open the database {path}: {}", e.message)
            };
            eprintln!("fovea-desktop: {message}");
            // Whatever went wrong, from the UI's side it is the database that cannot be used.
            Error::storage(message)
        });
        if fovea.is_ok() {
            eprintln!("fovea-desktop: serving {}", db_path.display());
        }
        Core { fovea, _lock: lock }
    }
}

/// Runs one catalog operation on behalf of the holder of `session` (the token `auth.sign_in` returned, kept in the
/// UI's memory). Core calls block on SQLite, so they run on the blocking pool, never on the main (UI event loop)
/// thread.
#[tauri::command]
pub async fn call(
    core: tauri::State<'_, Core>,
    op: String,
    request: Value,
    session: Option<String>,
) -> Result<Value, Error> {
    let fovea = core.fovea.clone()?;
    tauri::async_runtime::spawn_blocking(move || fovea.call(session.as_deref(), &op, request))
        .await
        .map_err(|e| Error::storage(format!("The operation stopped unexpectedly: {e}")))?
}

/// Opens a PDF that Fovea saved (a prescription, a list) with the system's viewer. Only files inside the database's
/// `documents/` folder are opened, so the window cannot be used to launch anything else.
#[tauri::command]
pub async fn open_document(core: tauri::State<'_, Core>, path: String) -> Result<(), Error> {
    let fovea = core.fovea.clone()?;
    let path = std::path::PathBuf::from(path);
    if !fovea_core::documents::is_document(&fovea, &path) {
        return Err(Error::bad_request("This is not a document Fovea saved."));
    }
    // The UI already says where the file is; the launcher's own words repeat the path, so they go to the log.
    tauri_plugin_opener::open_path(path.display().to_string(), None::<&str>).map_err(|e| {
        eprintln!("fovea-desktop: could not open {}: {e}", path.display());
        Error::storage(
            "No program could open it: install a PDF viewer, or use Print or Show in folder.",
        )
    })
}

/// Shows a document Fovea saved in the system's file manager, selected, so it can be copied or attached. Same
/// check as `open_document`.
#[tauri::command]
pub async fn show_document_in_folder(
    core: tauri::State<'_, Core>,
    path: String,
) -> Result<(), Error> {
    let fovea = core.fovea.clone()?;
    let path = std::path::PathBuf::from(path);
    if !fovea_core::documents::is_document(&fovea, &path) {
        return Err(Error::bad_request("This is not a document Fovea saved."));
    }
    tauri_plugin_opener::reveal_item_in_dir(&path).map_err(|e| {
        eprintln!("fovea-desktop: could not show {}: {e}", path.display());
        Error::storage("No file manager could show it on this computer.")
    })
}
