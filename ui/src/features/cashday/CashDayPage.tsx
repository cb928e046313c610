import { Alert, Badge, Button, Card, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconCalendarEvent } from "@tabler/icons-react";
import { useState } from "react";

import { useCashDay } from "../../api/billingAdminQueries";
import { useClinic } from "../../app/clinic";
import type { CashDay } from "../../bindings/CashDay";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../lib/dates";
import { money } from "../stock/money";
import { CloseDayForm } from "./CloseDayForm";
import { DayReport } from "./DayReport";
import { PrintDayReportButton } from "./PrintDayReportButton";
import { methodLabel, timeOf } from "./words";

/**
 * The cashier's day at this workstation: what the payments say by method, every payment and refund, and the count
 * that closes the day (or, once closed, its numbered report). Another day, past, can be looked at or closed late.
 */
export function CashDayPage() {
  const info = useClinic();
  const [day, setDay] = useState<string>(info.today);
  const sheet = useCashDay(day);
  const isToday = day === info.today;

  return (
    <Stack gap="md" maw={1200} data-testid="cash-day-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Day close</Title>
          <Text c="dimmed">
            {sheet.data
              ? `Your takings at workstation ${sheet.data.workstation} on ${formatDate(sheet.data.day, info.date_format)}${isToday ? " (today)" : ""}`
              : "Your takings at this workstation"}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          <ClinicDateInput
            label="Day"
            value={day}
            onChange={(iso) => iso && setDay(iso)}
            maxDate={info.today}
            w={200}
            data-testid="cash-day-date"
          />
          <Button variant="default" leftSection={<IconCalendarEvent size={16} />} disabled={isToday} onClick={() => setDay(info.today)} data-testid="cash-day-today">
            Today
          </Button>
        </Group>
      </Group>

      {sheet.isError ? (
        <ErrorAlert error={sheet.error} title="Could not load the day's takings" onRetry={() => void sheet.refetch()} />
      ) : sheet.data === undefined ? (
        <Skeleton height={360} radius="md" aria-label="Loading the day's takings" />
      ) : (
        <DaySheet key={sheet.data.day} sheet={sheet.data} isToday={isToday} />
      )}
    </Stack>
  );
}

function DaySheet({ sheet, isToday }: { sheet: CashDay; isToday: boolean }) {
  const info = useClinic();
  const { currency } = sheet;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>Expected by method</Title>
          {sheet.closed ? (
            <Badge color="gray" size="lg" variant="light" tt="none" data-testid="cash-day-closed-badge">
              Closed · {sheet.closed.number}
            </Badge>
          ) : (
            <Badge color="teal" size="lg" variant="light" tt="none" data-testid="cash-day-open-badge">
              Open
            </Badge>
          )}
        </Group>
        <Table verticalSpacing={4} data-testid="cash-day-methods">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Method</Table.Th>
              <Table.Th ta="right">Payments</Table.Th>
              <Table.Th ta="right">Refunds</Table.Th>
              <Table.Th ta="right">Received</Table.Th>
              <Table.Th ta="right">Refunded</Table.Th>
              <Table.Th ta="right">Expected</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.methods.map((m) => {
              const used = m.payments + m.refunds > 0;
              return (
                <Table.Tr key={m.method} data-testid="cash-day-method" data-method={m.method} c={used ? undefined : "dimmed"}>
                  <Table.Td>{methodLabel(m.method)}</Table.Td>
                  <Table.Td ta="right">{m.payments}</Table.Td>
                  <Table.Td ta="right">{m.refunds}</Table.Td>
                  <Table.Td ta="right">{money(m.received_minor, currency)}</Table.Td>
                  <Table.Td ta="right">{money(m.refunded_minor, currency)}</Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="cash-day-method-expected">
                    {money(m.expected_minor, currency)}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={5}>Expected in all</Table.Th>
              <Table.Th ta="right" data-testid="cash-day-expected">
                {money(sheet.expected_minor, currency)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
        {sheet.credit_used_minor !== 0 && (
          <Text size="sm" c="dimmed" mt="xs" data-testid="cash-day-credit">
            {`Paid from patients' credit: ${money(sheet.credit_used_minor, currency)} (no money moved, so it is not counted).`}
          </Text>
        )}
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">
          Payments and refunds
        </Title>
        {sheet.transactions.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="cash-day-no-transactions">
            {`No payments or refunds at workstation ${sheet.workstation} under your name on ${formatDate(sheet.day, info.date_format)}.`}
          </Text>
        ) : (
          <Table verticalSpacing={4} striped data-testid="cash-day-transactions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Time</Table.Th>
                <Table.Th w={90}>Kind</Table.Th>
                <Table.Th w={140}>Method</Table.Th>
                <Table.Th w={130} ta="right">
                  Amount
                </Table.Th>
                <Table.Th w={140}>Reference</Table.Th>
                <Table.Th w={180}>Invoice</Table.Th>
                <Table.Th>Patient</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheet.transactions.map((t) => (
                <Table.Tr key={t.payment_id} data-testid="cash-day-transaction" data-kind={t.kind} data-method={t.method}>
                  <Table.Td>{timeOf(t.received_at)}</Table.Td>
                  <Table.Td>
                    {t.kind === "refund" ? (
                      <Badge color="orange" variant="light" tt="none">
                        Refund
                      </Badge>
                    ) : (
                      "Payment"
                    )}
                  </Table.Td>
                  <Table.Td>{methodLabel(t.method)}</Table.Td>
                  <Table.Td ta="right">{money(t.kind === "refund" ? -t.amount_minor : t.amount_minor, currency)}</Table.Td>
                  <Table.Td>{t.reference ?? ""}</Table.Td>
                  <Table.Td>{t.invoice_number ?? "draft"}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.patient_name}</Text>
                    <Text size="xs" c="dimmed">
                      {t.patient_mrn}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>

      {sheet.closed ? (
        <DayReport report={sheet.closed} actions={<PrintDayReportButton report={sheet.closed} />} />
      ) : (
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb={4}>
            Close {isToday ? "today" : formatDate(sheet.day, info.date_format)}
          </Title>
          {!isToday && (
            <Alert color="yellow" variant="light" mb="sm" p="xs">
              This day was not closed. Closing it late records the count now; its payments stay on their day.
            </Alert>
          )}
          <CloseDayForm sheet={sheet} isToday={isToday} />
        </Card>
      )}
    </Stack>
  );
}
