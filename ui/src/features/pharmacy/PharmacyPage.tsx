import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconPill } from "@tabler/icons-react";
import { Link } from "wouter";

import { useToDispense } from "../../api";
import { useClinic } from "../../app/clinic";
import type { ToDispense } from "../../bindings/ToDispense";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate, formatInstant } from "../../lib/dates";

/**
 * The pharmacy's list: today's visits at the pharmacy, then earlier visits with lines still to hand over, as the core
 * orders them. Each signed prescription opens its dispensing sheet.
 */
export function PharmacyPage() {
  const list = useToDispense();
  const visits = list.data?.visits ?? [];
  return (
    <Stack gap="md" data-testid="pharmacy-page">
      <Stack gap={2}>
        <Title order={2}>Pharmacy</Title>
        <Text c="dimmed">
          Signed prescriptions to dispense{list.data ? ` · ${visits.length} ${visits.length === 1 ? "visit" : "visits"}` : ""}
        </Text>
      </Stack>
      {list.isError ? (
        <ErrorAlert error={list.error} title="Could not load the pharmacy's list" onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton height={200} radius="md" data-testid="pharmacy-loading" />
      ) : visits.length === 0 ? (
        <Alert color="gray" title="Nothing to dispense" data-testid="pharmacy-empty">
          No patient is waiting at the pharmacy. Patients appear here once their doctor signs a prescription with a
          medicine from the clinic's stock.
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Table verticalSpacing={6} striped layout="fixed" data-testid="pharmacy-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="22%">Patient</Table.Th>
                <Table.Th w={120}>MRN</Table.Th>
                <Table.Th>Prescriber</Table.Th>
                <Table.Th w={170}>Signed</Table.Th>
                <Table.Th w={130}>Lines left</Table.Th>
                <Table.Th w={150} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visits.map((visit, index) => (
                <PharmacyRow key={visit.visit_id} visit={visit} first={index === 0} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

function PharmacyRow({ visit, first }: { visit: ToDispense; first: boolean }) {
  const info = useClinic();
  const ready = visit.prescription_id !== null && visit.signed_at !== null;
  return (
    <Table.Tr data-testid="pharmacy-row" data-visit={visit.visit_id} data-mrn={visit.patient_mrn}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {visit.patient_name}
        </Text>
        {visit.earlier && (
          <Badge size="xs" variant="light" color="orange" data-testid="pharmacy-earlier">
            From {formatDate(visit.clinic_day, info.date_format)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td ff="monospace">{visit.patient_mrn}</Table.Td>
      <Table.Td>
        <Text size="sm">{visit.prescriber_name ?? "—"}</Text>
      </Table.Td>
      <Table.Td>
        {visit.signed_at ? (
          <Text size="sm">{formatInstant(visit.signed_at, info.date_format)}</Text>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {visit.prescription_id ? "Not signed yet" : "No prescription"}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-testid="pharmacy-lines-left">
        {visit.prescription_id ? `${visit.lines_outstanding} of ${visit.lines_total}` : "—"}
      </Table.Td>
      <Table.Td>
        {ready ? (
          <Button
            component={Link}
            href={`/pharmacy/${visit.visit_id}`}
            size="compact-sm"
            leftSection={<IconPill size={14} />}
            data-testid="pharmacy-open"
            data-autofocus={first || undefined}
            autoFocus={first}
          >
            Dispense
          </Button>
        ) : (
          <Group gap={4}>
            <Text size="xs" c="dimmed">
              {visit.prescription_id ? "Waiting for the doctor's signature" : "Nothing to hand over"}
            </Text>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
