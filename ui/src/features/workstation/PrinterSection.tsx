import { Alert, Button, Card, Group, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconPrinter } from "@tabler/icons-react";
import { useState } from "react";

import { useChoosePrinter, usePrinters } from "../../api";
import type { Printers } from "../../bindings/Printers";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";

const SYSTEM_DEFAULT = "";

/** Which printer this workstation's Print buttons send documents to (its own choice; other workstations keep theirs). */
export function PrinterSection() {
  const printers = usePrinters();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="printer-settings">
      <Title order={3} mb={4}>
        Printer
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Print buttons send prescriptions and lists straight to this printer. Each workstation chooses its own.
      </Text>
      {printers.isError ? (
        <ErrorAlert error={printers.error} title="Could not list the printers" onRetry={() => void printers.refetch()} />
      ) : printers.data === undefined ? (
        <Skeleton height={60} />
      ) : (
        <PrinterForm key={printers.data.chosen ?? SYSTEM_DEFAULT} printers={printers.data} />
      )}
    </Card>
  );
}

function PrinterForm({ printers }: { printers: Printers }) {
  const choose = useChoosePrinter();
  const [value, setValue] = useState(printers.chosen ?? SYSTEM_DEFAULT);
  const defaultLabel = printers.system_default ? `The system's default (${printers.system_default})` : "The system's default printer";
  const options = [
    { value: SYSTEM_DEFAULT, label: defaultLabel },
    ...printers.printers.map((p) => ({ value: p, label: p })),
    // A printer chosen earlier that CUPS no longer lists stays visible, so the choice can be seen and changed.
    ...(printers.chosen && !printers.printers.includes(printers.chosen) ? [{ value: printers.chosen, label: `${printers.chosen} (not found)` }] : []),
  ];
  const save = () =>
    choose.mutate(value === SYSTEM_DEFAULT ? null : value, {
      onSuccess: (saved) => notifySuccess("Printer saved", `Documents print on ${saved.chosen ?? "the system's default printer"}.`),
    });
  return (
    <Stack gap="sm">
      {printers.problem && (
        <Alert color="yellow" variant="light" icon={<IconPrinter size={18} />} data-testid="printer-problem">
          {printers.problem}
        </Alert>
      )}
      <Group align="flex-end">
        <Select
          label="Print on"
          data={options}
          value={value}
          onChange={(next) => {
            setValue(next ?? SYSTEM_DEFAULT);
            choose.reset();
          }}
          allowDeselect={false}
          error={choose.error?.message}
          w={360}
          data-testid="printer-select"
        />
        <Button onClick={save} loading={choose.isPending} disabled={value === (printers.chosen ?? SYSTEM_DEFAULT)} data-testid="printer-save">
          Save printer
        </Button>
      </Group>
    </Stack>
  );
}
