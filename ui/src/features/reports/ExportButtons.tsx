import { Button, Group } from "@mantine/core";
import { IconFileSpreadsheet, IconFileTypePdf } from "@tabler/icons-react";

import { useExportReport } from "../../api/billingAdminQueries";
import type { ExportFormat } from "../../bindings/ExportFormat";
import type { ExportReportRequest } from "../../bindings/ExportReportRequest";
import { openSavedDocument } from "../../components/documents";
import { notifyError } from "../../components/notify";

/**
 * "Save PDF" and "Save CSV" for a report as the screen shows it (the same period or day), saved by the core in the
 * documents folder and opened. `request` is null while the screen has no period to save.
 */
export function ExportButtons({ request, title, testId }: { request: Omit<ExportReportRequest, "format"> | null; title: string; testId: string }) {
  const save = useExportReport();
  const run = (format: ExportFormat) => {
    if (request === null) return;
    save.mutate(
      { ...request, format },
      {
        onSuccess: (document) => void openSavedDocument(document, `${title} saved as ${format === "pdf" ? "PDF" : "CSV"}`),
        onError: (error) => notifyError(error, `Could not save ${title.toLowerCase()}`),
      },
    );
  };
  const pending = (format: ExportFormat) => save.isPending && save.variables?.format === format;
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileTypePdf size={16} />}
        disabled={request === null || (save.isPending && !pending("pdf"))}
        loading={pending("pdf")}
        onClick={() => run("pdf")}
        data-testid={`${testId}-pdf`}
      >
        Save PDF
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconFileSpreadsheet size={16} />}
        disabled={request === null || (save.isPending && !pending("csv"))}
        loading={pending("csv")}
        onClick={() => run("csv")}
        data-testid={`${testId}-csv`}
      >
        Save CSV
      </Button>
    </Group>
  );
}
