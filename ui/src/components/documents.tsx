import { Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFolder, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";

import { normalizeError, openDocument, printDocument, showDocument } from "../api";
import type { Document } from "../bindings/Document";
import { notifyError } from "./notify";

/** The folder the document was saved in (its whole path when that does not end with its name). */
export function folderOf(document: Document): string {
  const { path, file_name } = document;
  return path.endsWith(file_name) && path.length > file_name.length ? path.slice(0, path.length - file_name.length - 1) : path;
}

/**
 * What can be done with a saved document besides looking at it: print it here, or find it in its folder. The answer to
 * Print is written under the buttons, where the eye already is: a separate notification could wait in the queue
 * behind others and arrive after the person has looked away.
 */
export function DocumentActions({ document }: { document: Document }) {
  const [printing, setPrinting] = useState(false);
  const [answer, setAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  const print = async () => {
    setPrinting(true);
    setAnswer(null);
    try {
      const job = await printDocument(document.path);
      setAnswer({ ok: true, text: `Sent to the printer: ${document.file_name} is printing on ${job.printer}${job.job ? ` (job ${job.job})` : ""}.` });
    } catch (error) {
      setAnswer({ ok: false, text: `Could not print: ${normalizeError(error).message}` });
    } finally {
      setPrinting(false);
    }
  };
  const show = async () => {
    try {
      await showDocument(document.path);
    } catch (error) {
      notifyError(error, "Could not show the folder");
    }
  };
  return (
    <Stack gap={4} mt={6}>
      <Group gap="xs">
        <Button size="xs" leftSection={<IconPrinter size={14} />} loading={printing} onClick={() => void print()} data-testid="document-print">
          Print
        </Button>
        <Button size="xs" variant="default" leftSection={<IconFolder size={14} />} onClick={() => void show()} data-testid="document-show">
          Show in folder
        </Button>
      </Group>
      {answer && (
        <Text size="xs" c={answer.ok ? "teal.8" : "red.8"} role={answer.ok ? "status" : "alert"} data-testid="document-print-answer">
          {answer.text}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Opens a document the core just saved with the system's viewer, and says where it is either way — once — with
 * Print and Show in folder: the file stays in the documents folder whether or not a viewer could open it.
 */
export async function openSavedDocument(document: Document, title: string): Promise<void> {
  try {
    await openDocument(document.path);
    notifications.show({
      color: "teal",
      title,
      message: (
        <Stack gap={0}>
          <Text size="sm">{`${document.file_name}, in ${folderOf(document)}`}</Text>
          <DocumentActions document={document} />
        </Stack>
      ),
      autoClose: 10000,
    });
  } catch (reason) {
    const message = reason instanceof Error ? reason.message : String(reason);
    notifications.show({
      color: "yellow",
      title: `${title}, but it could not be opened`,
      message: (
        <Stack gap={0}>
          <Text size="sm">{`The file is saved at ${document.path}. ${message}`}</Text>
          <DocumentActions document={document} />
        </Stack>
      ),
      autoClose: false,
    });
  }
}
