import { Button, Card, Collapse, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconChevronDown, IconChevronUp } from "@tabler/icons-react";
import { useState } from "react";

import { usePatientAccess } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import { formatInstant } from "../../lib/dates";
import { OutcomeBadge } from "./AuditPage";
import { operationLabel } from "./operationLabels";

/**
 * "Who opened this record": recent audit entries about one patient, collapsed. Only users whose permissions include
 * read_audit ask: the core refuses anyone else, and writes each refusal into the audit trail. Hidden if it refuses
 * anyway (a role changed since sign-in).
 */
export function PatientAccessPanel({ patientId }: { patientId: string }) {
  const info = useClinic();
  const mayAsk = useCan("read_audit");
  const access = usePatientAccess(patientId, mayAsk);
  const [opened, setOpened] = useState(false);

  if (!mayAsk) return null;
  if (access.isError && access.error.code === "permission_denied") return null;
  if (!access.isError && access.data === undefined) return null;

  const entries = access.data?.entries ?? [];
  const latest = entries[0];
  let summary: string;
  if (access.isError) summary = `Could not read who opened it: ${access.error.message}`;
  else if (latest === undefined) summary = "Nobody has opened it yet.";
  else {
    summary = `Last: ${formatInstant(latest.at, info.date_format)} by ${latest.username ?? "unknown"} on ${latest.workstation}. ${entries.length} recent ${entries.length === 1 ? "entry" : "entries"}.`;
  }

  return (
    <Card withBorder radius="md" padding="lg" data-testid="patient-access">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Title order={4}>Who opened this record</Title>
          <Text size="sm" c={access.isError ? "red" : "dimmed"}>
            {summary}
          </Text>
        </Stack>
        {entries.length > 0 && (
          <Button
            variant="subtle"
            size="compact-sm"
            rightSection={opened ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
            onClick={() => setOpened((current) => !current)}
            aria-expanded={opened}
            data-testid="patient-access-toggle"
          >
            {opened ? "Hide" : "Show"}
          </Button>
        )}
      </Group>
      <Collapse expanded={opened}>
        <Table mt="md" verticalSpacing={6} aria-label="Who opened this record">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>When</Table.Th>
              <Table.Th w={140}>Who</Table.Th>
              <Table.Th>What</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id} data-testid="patient-access-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatInstant(entry.at, info.date_format)}</Table.Td>
                <Table.Td>
                  {entry.username ?? "—"}
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {" "}
                    · {entry.workstation}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{operationLabel(entry.operation)}</Text>
                    {entry.outcome !== "ok" && <OutcomeBadge outcome={entry.outcome} />}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Collapse>
    </Card>
  );
}
