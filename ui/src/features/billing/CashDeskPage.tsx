import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconCash, IconRefresh } from "@tabler/icons-react";
import { Link } from "wouter";

import { TO_BILL_REFRESH_MS, useToBill } from "../../api";
import { useClinic } from "../../app/clinic";
import type { ToBill } from "../../bindings/ToBill";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate, formatInstant } from "../../lib/dates";
import { money } from "../stock/money";

/** The cash desk's list: visits at the billing stage, longest waiting first, with their draft's total and what is owed. */
export function CashDeskPage() {
  const list = useToBill();
  const visits = list.data?.visits ?? [];
  return (
    <Stack gap="md" maw={1100} data-testid="cash-desk">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Cash desk</Title>
          <Text c="dimmed">
            Visits waiting to be billed, longest waiting first
            {list.data ? ` · ${visits.length} ${visits.length === 1 ? "visit" : "visits"}` : ""} · refreshes every {TO_BILL_REFRESH_MS / 1000} seconds
          </Text>
        </Stack>
        <Button
          variant="default"
          leftSection={<IconRefresh size={18} />}
          onClick={() => void list.refetch()}
          loading={list.isFetching && list.data === undefined}
          data-testid="cash-desk-refresh"
        >
          Refresh
        </Button>
      </Group>
      {list.isError ? (
        <ErrorAlert error={list.error} title="Could not load the visits to bill" onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton height={200} radius="md" data-testid="cash-desk-loading" />
      ) : visits.length === 0 ? (
        <Alert color="gray" title="No visits waiting to be billed" data-testid="cash-desk-empty">
          Patients appear here when they reach the billing stage of the queue board: after the pharmacy, or when the
          doctor or reception sends them on.
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Table verticalSpacing={6} striped layout="fixed" data-testid="cash-desk-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <Table.Th w={130}>MRN</Table.Th>
                <Table.Th w={190}>Waiting since</Table.Th>
                <Table.Th w={150} ta="right">
                  Draft total
                </Table.Th>
                <Table.Th w={150} ta="right">
                  Balance owed
                </Table.Th>
                <Table.Th w={130} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visits.map((visit, index) => (
                <ToBillRow key={visit.visit_id} visit={visit} currency={list.data.currency} first={index === 0} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

function ToBillRow({ visit, currency, first }: { visit: ToBill; currency: string; first: boolean }) {
  const info = useClinic();
  return (
    <Table.Tr data-testid="to-bill-row" data-visit={visit.visit_id} data-mrn={visit.patient_mrn}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {visit.patient_name}
        </Text>
        {visit.clinic_day !== info.today && (
          <Badge size="xs" variant="light" color="orange">
            Visit of {formatDate(visit.clinic_day, info.date_format)}
          </Badge>
        )}
      </Table.Td>
      <Table.Td ff="monospace">{visit.patient_mrn}</Table.Td>
      <Table.Td>
        <Text size="sm">{formatInstant(visit.stage_since, info.date_format)}</Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="to-bill-draft-total">
        {visit.draft_total_minor === null ? (
          <Text size="sm" c="dimmed" fs="italic">
            Not proposed yet
          </Text>
        ) : (
          <Text size="sm" ff="monospace">
            {money(visit.draft_total_minor, currency)}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right" data-testid="to-bill-balance">
        {visit.balance_minor > 0 ? (
          <Text size="sm" ff="monospace" fw={700} c="red.8">
            {money(visit.balance_minor, currency)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button
          component={Link}
          href={`/billing/visit/${visit.visit_id}`}
          size="compact-sm"
          leftSection={<IconCash size={14} />}
          data-testid="to-bill-open"
          autoFocus={first}
        >
          Open
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
