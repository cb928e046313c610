//! Fovea's desktop app: a window onto `fovea-core`. It holds no rules and no SQL; it only finds the database,
//! guards it against a second app instance, and hands every UI request to [`fovea_core::Fovea::call`].

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod command;
mod database;

use tauri::{Manager, WebviewWindowBuilder};

fn main() {
    let db_path = match database::resolve_path(std::env::args_os().skip(1)) {
        Ok(path) => path,
        Err(message) => {
            eprintln!("fovea-desktop: {message}");
            std::process::exit(2);
        }
    };

    let result = tauri::Builder::default()
        // First, so that a second launch on the same database only focuses the running window and stops before it
        // touches anything. Without a D-Bus session bus the plugin lets every launch through; the lock file below is
        // what then keeps two instances off one database.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(database::instance_id(&db_path))
                .callback(|app, _args, _cwd| focus_main_window(app))
                .build(),
        )
        .invoke_handler(tauri::generate_handler![command::call, command::open_document, command::show_document_in_folder])
        .setup(move |app| {
            let lock = match database::lock(&db_path) {
                Ok(lock) => Some(lock),
                Err(database::LockError::Held) => {
                    let message = format!(
                        "Fovea is already running on this database ({}). Switch to its window, or close it first.",
                        db_path.display()
                    );
                    eprintln!("fovea-desktop: {message}");
                    show_fatal_message(&message);
                    std::process::exit(1);
                }
                // Not being able to create the lock file means the database folder is unusable; opening the
                // database below reports that properly.
                Err(database::LockError::Io(e)) => {
                    eprintln!("fovea-desktop: cannot create the lock file for {}: {e}", db_path.display());
                    None
                }
            };
            app.manage(command::Core::open(&db_path, lock));

            // The window is created only now (it has `"create": false` in tauri.conf.json), so the UI can never
            // call the backend before its state exists.
            let config = app.config().app.windows.first().cloned().ok_or("tauri.conf.json declares no window")?;
            WebviewWindowBuilder::from_config(app, &config)?.build()?;
            Ok(())
        })
        .run(tauri::generate_context!());

    if let Err(e) = result {
        eprintln!("fovea-desktop: could not start: {e}");
        std::process::exit(1);
    }
}

/// Brings the running instance's window to the front when someone launches Fovea again.
fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        // Each step is best effort: a window manager may refuse focus, and there is nobody to tell.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Tells a person who launched the app from a menu (and sees no terminal) why nothing opened.
/// Runs on the main thread inside `setup`, where GTK is already initialised.
#[cfg(target_os = "linux")]
fn show_fatal_message(message: &str) {
    use gtk::prelude::{DialogExt, GtkWindowExt};
    let dialog = gtk::MessageDialog::new(
        None::<&gtk::Window>,
        gtk::DialogFlags::MODAL,
        gtk::MessageType::Error,
        gtk::ButtonsType::Close,
        message,
    );
    dialog.set_title("Fovea");
    dialog.run();
    dialog.close();
}

#[cfg(not(target_os = "linux"))]
fn show_fatal_message(_message: &str) {}
