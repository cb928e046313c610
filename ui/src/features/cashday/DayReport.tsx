import { Badge, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

import { useClinic } from "../../app/clinic";
import type { CashUp } from "../../bindings/CashUp";
import { formatDate, formatInstant } from "../../lib/dates";
import { formatMinor, money } from "../stock/money";
import { methodLabel } from "./words";

/** A signed amount, red when short and orange when over. */
export function Variance({ minor, currency, testId }: { minor: number; currency: string; testId?: string }) {
  return (
    <Text span size="sm" fw={600} c={minor === 0 ? undefined : minor < 0 ? "red.8" : "orange.8"} data-testid={testId}>
      {minor > 0 ? `+${formatMinor(minor, currency)}` : formatMinor(minor, currency)}
    </Text>
  );
}

/** A closed day's numbered report, as the core recorded it, with whatever prints it. */
export function DayReport({ report, actions }: { report: CashUp; actions?: ReactNode }) {
  const info = useClinic();
  const { currency } = report;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="day-report">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={4}>
            Day report <span data-testid="day-report-number">{report.number}</span>
          </Title>
          <Text size="sm" c="dimmed">
            {`${formatDate(report.clinic_day, info.date_format)} · workstation ${report.workstation} · ${report.cashier_name} · closed ${formatInstant(report.closed_at, info.date_format)}`}
          </Text>
          <Text size="sm" c="dimmed">
            {`${report.payments} payment${report.payments === 1 ? "" : "s"}, ${report.refunds} refund${report.refunds === 1 ? "" : "s"}. The day is locked: later corrections go on the day they are made.`}
          </Text>
        </Stack>
        {actions}
      </Group>
      <Table verticalSpacing={4} maw={760} data-testid="day-report-methods">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Method</Table.Th>
            <Table.Th ta="right">Expected</Table.Th>
            <Table.Th ta="right">Counted</Table.Th>
            <Table.Th ta="right">Difference</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.methods.map((m) => (
            <Table.Tr key={m.method} data-testid="day-report-method" data-method={m.method}>
              <Table.Td>{methodLabel(m.method)}</Table.Td>
              <Table.Td ta="right">{money(m.expected_minor, currency)}</Table.Td>
              <Table.Td ta="right">{money(m.counted_minor, currency)}</Table.Td>
              <Table.Td ta="right">
                <Variance minor={m.variance_minor} currency={currency} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th>In all</Table.Th>
            <Table.Th ta="right">{money(report.expected_minor, currency)}</Table.Th>
            <Table.Th ta="right">{money(report.counted_minor, currency)}</Table.Th>
            <Table.Th ta="right">
              <Variance minor={report.variance_minor} currency={currency} testId="day-report-variance" />
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      {report.variance_reason && (
        <Text size="sm" mt="sm" data-testid="day-report-reason">
          <Text span fw={600}>
            Reason for the difference:{" "}
          </Text>
          {report.variance_reason}
        </Text>
      )}
      {report.denominations && report.denominations.length > 0 && (
        <Group gap={6} mt="sm">
          <Text size="sm" fw={600}>
            Cash by notes and coins:
          </Text>
          {report.denominations.map((d) => (
            <Badge key={d.value_minor} variant="outline" color="gray" tt="none">
              {`${d.count} × ${formatMinor(d.value_minor, currency)}`}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}
