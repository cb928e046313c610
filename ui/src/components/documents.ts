import { notifications } from "@mantine/notifications";

import { openDocument } from "../api";
import type { Document } from "../bindings/Document";

/** The folder the document was saved in (its whole path when that does not end with its name). */
export function folderOf(document: Document): string {
  const { path, file_name } = document;
  return path.endsWith(file_name) && path.length > file_name.length ? path.slice(0, path.length - file_name.length - 1) : path;
}

/**
 * Opens a document the core just saved with the system's viewer, and says where it is either way: the file stays
 * in the documents folder whether or not a viewer could open it.
 */
export async function openSavedDocument(document: Document, title: string): Promise<void> {
  try {
    await openDocument(document.path);
    notifications.show({
      color: "teal",
      title,
      message: `${document.file_name}, in ${folderOf(document)}`,
      autoClose: 8000,
    });
  } catch (reason) {
    const message = reason instanceof Error ? reason.message : String(reason);
    notifications.show({
      color: "yellow",
      title: `${title}, but it could not be opened`,
      message: `The file is saved at ${document.path}. ${message}`,
      autoClose: false,
    });
  }
}
