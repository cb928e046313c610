fn main() {
    // Declaring the app's commands makes them permission-gated like plugin commands: a window can call `call` only
    // because capabilities/default.json grants `allow-call` (and `allow-open-document` for saved PDFs).
    let manifest = tauri_build::AppManifest::new().commands(&["call", "open_document"]);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        // A build script reports failure by panicking; this message is what the developer sees.
        panic!("tauri-build failed: {e:#}");
    }
}
