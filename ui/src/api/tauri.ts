import { invoke } from "@tauri-apps/api/core";

import type { Transport } from "./transport";

/** The real backend: the single `call` command of the Tauri shell. */
export const tauriTransport: Transport = (op, request, session) => invoke("call", { op, request, session });

/** The desktop shell's `open_document` command: opens a PDF from the documents folder with the system's viewer. */
export const tauriOpenDocument = async (path: string): Promise<void> => {
  await invoke("open_document", { path });
};

/** The desktop shell's `show_document_in_folder` command: the file manager, with the PDF selected. */
export const tauriShowDocument = async (path: string): Promise<void> => {
  await invoke("show_document_in_folder", { path });
};
