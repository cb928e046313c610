import { Anchor, Badge, Card, Group, Skeleton, Table, Text, Title } from "@mantine/core";
import { Link } from "wouter";

import { usePatientInvoices } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { InvoiceSummary } from "../../bindings/InvoiceSummary";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatInstant } from "../../lib/dates";
import { formatMinor, money } from "../stock/money";
import { STATUS_COLORS, STATUS_LABELS } from "./words";

/** A patient's invoices, newest first, with what they owe and their credit. Only for those who bill. */
export function PatientInvoicesPanel({ patientId }: { patientId: string }) {
  const can = useCan("billing");
  return can ? <Panel patientId={patientId} /> : null;
}

/** Where an invoice of the list opens: a draft in its visit's editor, the others on their own page. */
function hrefOf(invoice: InvoiceSummary): string {
  return invoice.status === "draft" && invoice.visit_id !== null ? `/billing/visit/${invoice.visit_id}` : `/billing/invoice/${invoice.id}`;
}

function Panel({ patientId }: { patientId: string }) {
  const info = useClinic();
  const list = usePatientInvoices(patientId);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="patient-invoices">
      <Group justify="space-between" mb="sm" align="flex-start">
        <Title order={4}>Invoices</Title>
        {list.data && (
          <Group gap="lg">
            <Text size="sm">
              <Text span c="dimmed">
                Owes{" "}
              </Text>
              <Text span ff="monospace" fw={700} c={list.data.balance_minor > 0 ? "red.8" : undefined} data-testid="patient-balance">
                {money(list.data.balance_minor, list.data.currency)}
              </Text>
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Credit{" "}
              </Text>
              <Text span ff="monospace" fw={700} data-testid="patient-credit">
                {money(list.data.credit_minor, list.data.currency)}
              </Text>
            </Text>
          </Group>
        )}
      </Group>
      {list.isError ? (
        <ErrorAlert error={list.error} title="Could not load the invoices" onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton height={60} />
      ) : list.data.invoices.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="patient-no-invoices">
          No invoices yet.
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Invoice</Table.Th>
              <Table.Th>Date</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
              <Table.Th ta="right">Paid</Table.Th>
              <Table.Th ta="right">Balance</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.invoices.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid="patient-invoice" data-status={invoice.status}>
                <Table.Td>
                  <Anchor component={Link} href={hrefOf(invoice)} ff={invoice.number ? "monospace" : undefined} fw={600} size="sm" data-testid="patient-invoice-open">
                    {invoice.number ?? "Draft"}
                  </Anchor>
                  {invoice.payer_kind === "payer" && invoice.payer_name && (
                    <Text size="xs" c="dimmed">
                      Billed to {invoice.payer_name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatInstant(invoice.issued_at ?? invoice.created_at, info.date_format)}</Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formatMinor(invoice.total_minor, list.data.currency)}
                </Table.Td>
                <Table.Td ta="right" ff="monospace">
                  {formatMinor(invoice.paid_minor, list.data.currency)}
                </Table.Td>
                <Table.Td ta="right" ff="monospace" fw={invoice.balance_minor > 0 ? 700 : 400} data-testid="patient-invoice-balance">
                  {formatMinor(invoice.balance_minor, list.data.currency)}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLORS[invoice.status]}>
                    {STATUS_LABELS[invoice.status]}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
