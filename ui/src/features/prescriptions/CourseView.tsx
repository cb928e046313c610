import { Alert, Badge, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";

import { useClinic } from "../../app/clinic";
import type { Frequency } from "../../bindings/Frequency";
import type { PrescriptionLine } from "../../bindings/PrescriptionLine";
import type { PrescriptionView } from "../../bindings/PrescriptionView";
import type { PrescriptionVocabulary } from "../../bindings/PrescriptionVocabulary";
import type { PrescriptionWarning } from "../../bindings/PrescriptionWarning";
import { formatDate } from "../../lib/dates";
import { eyeLabel } from "./rxForm";

/** A saved line's warnings, from the core, beside the line they are about. */
export function Warnings({ warnings }: { warnings: PrescriptionWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Stack gap={4}>
      {warnings.map((w, i) => (
        <Alert
          key={`${w.kind}-${i}`}
          color={w.kind === "allergy" ? "red" : "orange"}
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={18} />}
          data-testid="med-warning"
          data-kind={w.kind}
        >
          <Text size="sm" fw={w.kind === "allergy" ? 700 : 500}>
            {w.message}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

/** The course in dates, as the core lays it out from the visit's day, and how long the first supply lasts. */
export function Course({ line, vocabulary, n }: { line: PrescriptionLine; vocabulary: PrescriptionVocabulary; n: number }) {
  const info = useClinic();
  const words = (f: Frequency) => vocabulary.frequencies.find((x) => x.frequency === f)?.words ?? f;
  const rows = line.schedule.rows;
  return (
    <Stack gap={4} data-testid={`med-course-${n}`}>
      <Text size="sm" data-testid={`med-directions-${n}`}>
        <Text span fw={600}>
          Directions:{" "}
        </Text>
        {line.directions}
      </Text>
      {rows.length > 1 && (
        <Table fz="sm" withTableBorder verticalSpacing={2} data-testid={`med-schedule-${n}`} maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>How often</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={`${r.from}-${i}`} data-testid="med-schedule-row">
                <Table.Td>{formatDate(r.from, info.date_format)}</Table.Td>
                <Table.Td>{r.to ? formatDate(r.to, info.date_format) : "until reviewed"}</Table.Td>
                <Table.Td>{words(r.step.frequency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {line.schedule.total_days !== null && rows.length > 1 && (
        <Text size="xs" c="dimmed">
          {line.schedule.total_days} days in all.
        </Text>
      )}
      {line.days_of_supply !== null && (
        <Text size="xs" c="dimmed" data-testid={`med-supply-${n}`}>
          The first supply lasts about {line.days_of_supply} {line.days_of_supply === 1 ? "day" : "days"} at this use.
        </Text>
      )}
    </Stack>
  );
}

/** The signed (or not editable) prescription: each line in words with its course and warnings. */
export function PrescriptionReadOnly({ view, vocabulary }: { view: PrescriptionView; vocabulary: PrescriptionVocabulary }) {
  if (view.lines.length === 0)
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid="med-none">
        No medicine prescribed.
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="med-read-only">
      {view.lines.map((l, n) => (
        <Paper key={l.item.id} withBorder radius="sm" p="sm" data-testid={`med-line-${n}`}>
          <Stack gap={4}>
            <Group gap="xs">
              <Text fw={700} tt="uppercase" size="sm">
                {[l.item.medicine.generic_name, l.item.medicine.strength, l.item.medicine.form].join(" ")}
              </Text>
              <Badge variant="light">{eyeLabel(l.item.eye)}</Badge>
              {!l.item.from_stock && (
                <Badge variant="light" color="gray">
                  Bought elsewhere
                </Badge>
              )}
            </Group>
            <Course line={l} vocabulary={vocabulary} n={n} />
            <Text size="sm">
              Quantity: {l.item.quantity} {l.item.quantity === 1 ? "pack" : "packs"} · Repeats: {l.item.repeats}
              {l.item.instructions ? ` · ${l.item.instructions}` : ""}
            </Text>
            <Warnings warnings={view.warnings.filter((w) => w.item === n)} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

