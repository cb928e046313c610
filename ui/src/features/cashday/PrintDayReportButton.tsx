import { Button, type ButtonProps } from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";

import { usePrintCashUp } from "../../api/billingAdminQueries";
import type { CashUp } from "../../bindings/CashUp";
import { openSavedDocument } from "../../components/documents";
import { notifyError } from "../../components/notify";

/** Saves a closed day's report as a PDF and opens it, with Print beside its notice. */
export function PrintDayReportButton({ report, label = "Print day report", testId = "day-report-print", ...rest }: { report: CashUp; label?: string; testId?: string } & ButtonProps) {
  const print = usePrintCashUp();
  return (
    <Button
      leftSection={<IconPrinter size={16} />}
      loading={print.isPending}
      onClick={() =>
        print.mutate(report.id, {
          onSuccess: (document) => void openSavedDocument(document, `Day report ${report.number} saved`),
          onError: (error) => notifyError(error, "Could not print the day report"),
        })
      }
      data-testid={testId}
      {...rest}
    >
      {label}
    </Button>
  );
}
