import { Badge, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconListSearch } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "wouter";

import { useAuditSearch, useUsers } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { AuditEntry } from "../../bindings/AuditEntry";
import type { AuditSearchRequest } from "../../bindings/AuditSearchRequest";
import type { PatientSummary } from "../../bindings/PatientSummary";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PatientPicker } from "../../components/PatientPicker";
import { datePattern, formatInstant } from "../../lib/dates";
import { AUDIT_LIMIT, buildAuditRequest, noAuditFilters, type AuditFilters } from "./auditFilters";
import { IntegrityCheck } from "./IntegrityCheck";
import { operationLabel } from "./operationLabels";

type AuditOutcome = AuditEntry["outcome"];

const OUTCOME: Record<AuditOutcome, { label: string; color: string }> = {
  ok: { label: "OK", color: "teal" },
  denied: { label: "Denied", color: "red" },
  failed: { label: "Failed", color: "red" },
};

export function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const { label, color } = OUTCOME[outcome];
  return (
    <Badge color={color} variant={outcome === "ok" ? "light" : "filled"} radius="sm" tt="none" data-testid="audit-outcome">
      {label}
    </Badge>
  );
}

/** Who did what, when, on which workstation and to which patient. Newest first. */
export function AuditPage() {
  const info = useClinic();
  const canListUsers = useCan("manage_users");
  const users = useUsers(true, canListUsers);
  const [filters, setFilters] = useState<AuditFilters>(noAuditFilters);
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [touched, setTouched] = useState({ from: false, to: false });
  // The last request whose dates made sense: half-typed dates do not empty the table.
  const [applied, setApplied] = useState<AuditSearchRequest>(() => buildAuditRequest(noAuditFilters, info.date_format).request);
  const built = buildAuditRequest(filters, info.date_format);
  const result = useAuditSearch(applied);
  const pattern = datePattern(info.date_format);

  const update = (patch: Partial<AuditFilters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    const nextBuilt = buildAuditRequest(next, info.date_format);
    if (Object.keys(nextBuilt.errors).length === 0) setApplied(nextBuilt.request);
  };

  const entries = result.data?.entries ?? [];
  let content;
  if (result.isError) {
    content = <ErrorAlert error={result.error} title="Could not read the audit trail" onRetry={() => void result.refetch()} />;
  } else if (result.data === undefined) {
    content = (
      <Center py="xl">
        <Group gap="sm">
          <Loader size="sm" />
          <Text c="dimmed">Reading the audit trail…</Text>
        </Group>
      </Center>
    );
  } else if (entries.length === 0) {
    content = (
      <Paper withBorder radius="md" py={48} px="xl" data-testid="audit-empty">
        <Stack align="center" gap="sm">
          <IconListSearch size={40} stroke={1.4} color="var(--mantine-color-gray-5)" />
          <Title order={3}>No entries</Title>
          <Text c="dimmed" ta="center" maw={480}>
            Nothing in the audit trail matches these filters. Widen the dates or clear the patient or user.
          </Text>
        </Stack>
      </Paper>
    );
  } else {
    content = (
      <Paper withBorder radius="md" style={{ overflow: "auto" }}>
        <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Audit trail" striped style={{ opacity: result.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={150}>Time</Table.Th>
              <Table.Th w={110}>Workstation</Table.Th>
              <Table.Th w={130}>User</Table.Th>
              <Table.Th>Operation</Table.Th>
              <Table.Th w={90}>Outcome</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Detail</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <Stack gap="md" maw={1300} data-testid="audit-page">
      <Title order={2}>Audit trail</Title>
      <IntegrityCheck />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="md">
          <PatientPicker
            label="Patient"
            testId="audit-patient"
            value={patient}
            onChange={(next) => {
              setPatient(next);
              update({ patientId: next?.id ?? null });
            }}
          />
          {canListUsers && (
            <Select
              data-testid="audit-user"
              label="User"
              placeholder="Any user"
              searchable
              clearable
              data={(users.data ?? []).map((user) => ({ value: user.id, label: `${user.full_name} (${user.username})` }))}
              value={filters.userId}
              onChange={(userId) => update({ userId })}
              nothingFoundMessage={users.isError ? "Could not load the users" : "No such user"}
            />
          )}
          <TextInput
            data-testid="audit-from"
            label="From"
            placeholder={pattern}
            value={filters.from}
            onChange={(event) => update({ from: event.currentTarget.value })}
            onBlur={() => setTouched((current) => ({ ...current, from: true }))}
            error={touched.from ? built.errors.from : undefined}
          />
          <TextInput
            data-testid="audit-to"
            label="To"
            placeholder={pattern}
            value={filters.to}
            onChange={(event) => update({ to: event.currentTarget.value })}
            onBlur={() => setTouched((current) => ({ ...current, to: true }))}
            error={touched.to ? built.errors.to : undefined}
          />
        </SimpleGrid>
      </Paper>
      <Text size="sm" c="dimmed" h={20}>
        {entries.length === AUDIT_LIMIT
          ? `The latest ${AUDIT_LIMIT} entries; narrow the filters to see older ones.`
          : entries.length > 0
            ? `${entries.length} ${entries.length === 1 ? "entry" : "entries"}, newest first. Times are this computer's local time.`
            : "\u00a0"}
      </Text>
      {content}
    </Stack>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const info = useClinic();
  return (
    <Table.Tr data-testid="audit-row" data-outcome={entry.outcome}>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{formatInstant(entry.at, info.date_format)}</Table.Td>
      <Table.Td ff="monospace">{entry.workstation}</Table.Td>
      <Table.Td>{entry.username ?? <Dash />}</Table.Td>
      <Table.Td>
        <Text size="sm">{operationLabel(entry.operation)}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {entry.operation}
        </Text>
      </Table.Td>
      <Table.Td>
        <OutcomeBadge outcome={entry.outcome} />
      </Table.Td>
      <Table.Td>
        {entry.patient_id ? (
          <>
            <Text size="sm" component={Link} href={`/patients/${entry.patient_id}`} c="fovea.8" fw={600}>
              {entry.patient_name ?? "Patient"}
            </Text>
            {entry.patient_mrn && (
              <Text size="xs" c="dimmed" ff="monospace">
                {entry.patient_mrn}
              </Text>
            )}
          </>
        ) : (
          <Dash />
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {entry.detail ?? ""}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function Dash() {
  return (
    <Text span c="dimmed">
      —
    </Text>
  );
}
