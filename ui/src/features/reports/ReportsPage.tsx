import { Alert, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";

import { useAging, useCashUps, useTakings } from "../../api/billingAdminQueries";
import { useClinic } from "../../app/clinic";
import type { AgingReport } from "../../bindings/AgingReport";
import type { CashUpsResponse } from "../../bindings/CashUpsResponse";
import type { TakingsReport } from "../../bindings/TakingsReport";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../lib/dates";
import { Variance } from "../cashday/DayReport";
import { PrintDayReportButton } from "../cashday/PrintDayReportButton";
import { MONEY_METHODS, methodLabel } from "../cashday/words";
import { money } from "../stock/money";
import { ExportButtons } from "./ExportButtons";

type Tab = "takings" | "outstanding" | "closed";

/** The first day of the month `iso` falls in. */
export function monthStart(iso: string): string {
  return `${iso.slice(0, 8)}01`;
}

/**
 * The cash desk's reports for whoever reads them: takings over a period by clinic day and method with what was
 * invoiced by item, what is still owed by age, and every closed day with its variance.
 */
export function ReportsPage() {
  const [tab, setTab] = useState<Tab>("takings");
  return (
    <Stack gap="md" maw={1300} data-testid="reports-page">
      <Stack gap={2}>
        <Title order={2}>Reports</Title>
        <Text c="dimmed">The cash desk's figures, as the core adds them up.</Text>
      </Stack>
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="takings" data-testid="reports-tab-takings">
            Takings
          </Tabs.Tab>
          <Tabs.Tab value="outstanding" data-testid="reports-tab-outstanding">
            Outstanding
          </Tabs.Tab>
          <Tabs.Tab value="closed" data-testid="reports-tab-closed">
            Closed days
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="takings" pt="md">
          <TakingsTab />
        </Tabs.Panel>
        <Tabs.Panel value="outstanding" pt="md">
          <OutstandingTab />
        </Tabs.Panel>
        <Tabs.Panel value="closed" pt="md">
          <ClosedDaysTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** From and to dates, both included; this month so far unless changed. */
function usePeriod() {
  const info = useClinic();
  const [from, setFrom] = useState<string | null>(monthStart(info.today));
  const [to, setTo] = useState<string | null>(info.today);
  return { from, to, setFrom, setTo };
}

function PeriodPicker({ period, prefix, children }: { period: ReturnType<typeof usePeriod>; prefix: string; children?: ReactNode }) {
  return (
    <Group align="flex-end" justify="space-between">
      <Group align="flex-end">
        <ClinicDateInput label="From" value={period.from} onChange={period.setFrom} w={190} data-testid={`${prefix}-from`} />
        <ClinicDateInput label="To" value={period.to} onChange={period.setTo} w={190} data-testid={`${prefix}-to`} />
      </Group>
      {children}
    </Group>
  );
}

function Loading<T>({ query, label, children }: { query: { isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown }; label: string; children: (data: T) => ReactNode }) {
  if (query.isError) {
    // A period the core refuses (the end before the start) is said where the dates are.
    return <ErrorAlert error={query.error} title={`Could not load ${label}`} onRetry={() => void query.refetch()} />;
  }
  if (query.data === undefined) return <Skeleton height={260} radius="md" aria-label={`Loading ${label}`} />;
  return children(query.data);
}

function TakingsTab() {
  const period = usePeriod();
  const takings = useTakings(period.from, period.to);
  const chosen = period.from !== null && period.to !== null ? { from: period.from, to: period.to, as_of: null } : null;
  return (
    <Stack gap="md" data-testid="takings-tab">
      <PeriodPicker period={period} prefix="takings">
        <ExportButtons request={chosen && { ...chosen, report: "takings" }} title="Takings" testId="takings-export" />
      </PeriodPicker>
      {chosen === null ? (
        <ChooseDates />
      ) : (
        <Loading query={takings} label="the takings">
          {(report) => <Takings report={report} />}
        </Loading>
      )}
    </Stack>
  );
}

function ChooseDates() {
  return (
    <Alert color="gray" icon={<IconAlertTriangle size={18} />}>
      Choose both dates.
    </Alert>
  );
}

function Takings({ report }: { report: TakingsReport }) {
  const info = useClinic();
  const { currency } = report;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Title order={4} mb="xs">
          Money in by clinic day and method
        </Title>
        {report.days.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="takings-empty">
            {`No payments or refunds from ${formatDate(report.from, info.date_format)} to ${formatDate(report.to, info.date_format)}.`}
          </Text>
        ) : (
          <Table verticalSpacing={4} striped data-testid="takings-days">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Day</Table.Th>
                {MONEY_METHODS.map((m) => (
                  <Table.Th key={m} ta="right">
                    {methodLabel(m)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">Payments</Table.Th>
                <Table.Th ta="right">Refunds</Table.Th>
                <Table.Th ta="right">Net</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.days.map((d) => (
                <Table.Tr key={d.day} data-testid="takings-day" data-day={d.day}>
                  <Table.Td>{formatDate(d.day, info.date_format)}</Table.Td>
                  {MONEY_METHODS.map((m) => {
                    const amount = d.methods.find((x) => x.method === m);
                    return (
                      <Table.Td key={m} ta="right" data-testid={`takings-day-${m}`}>
                        {amount ? money(amount.amount_minor, currency) : ""}
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right">{d.payments}</Table.Td>
                  <Table.Td ta="right">{d.refunds}</Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="takings-day-net">
                    {money(d.net_minor, currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr data-testid="takings-total">
                <Table.Th>Period</Table.Th>
                {MONEY_METHODS.map((m) => (
                  <Table.Th key={m} ta="right">
                    {money(report.methods.find((x) => x.method === m)?.amount_minor ?? 0, currency)}
                  </Table.Th>
                ))}
                <Table.Th />
                <Table.Th />
                <Table.Th ta="right" data-testid="takings-net">
                  {money(report.net_minor, currency)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        )}
        {report.credit_used_minor !== 0 && (
          <Text size="sm" c="dimmed" mt="xs">
            {`Paid from patients' credit over the period: ${money(report.credit_used_minor, currency)} (no money moved).`}
          </Text>
        )}
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>Invoiced by service and medicine</Title>
          <ExportButtons request={{ report: "takings_items", from: report.from, to: report.to, as_of: null }} title="Takings by item" testId="takings-items-export" />
        </Group>
        {report.items.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="takings-items-empty">
            No invoice was issued in the period.
          </Text>
        ) : (
          <Table verticalSpacing={4} striped data-testid="takings-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Code</Table.Th>
                <Table.Th>Item</Table.Th>
                <Table.Th w={100}>Kind</Table.Th>
                <Table.Th ta="right">Quantity</Table.Th>
                <Table.Th ta="right">Discounts</Table.Th>
                <Table.Th ta="right">Net</Table.Th>
                <Table.Th ta="right">Tax</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.items.map((item) => (
                <Table.Tr key={`${item.item_kind}/${item.item_id}`} data-testid="takings-item" data-code={item.code ?? ""}>
                  <Table.Td>{item.code ?? ""}</Table.Td>
                  <Table.Td>{item.description}</Table.Td>
                  <Table.Td>{item.item_kind === "medicine" ? "Medicine" : "Service"}</Table.Td>
                  <Table.Td ta="right">{item.quantity}</Table.Td>
                  <Table.Td ta="right">{item.discount_minor === 0 ? "" : money(item.discount_minor, currency)}</Table.Td>
                  <Table.Td ta="right">{money(item.net_minor, currency)}</Table.Td>
                  <Table.Td ta="right">{money(item.tax_minor, currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={5}>Invoiced in the period</Table.Th>
                <Table.Th ta="right" data-testid="takings-invoiced-net">
                  {money(report.invoiced_net_minor, currency)}
                </Table.Th>
                <Table.Th ta="right">{money(report.invoiced_tax_minor, currency)}</Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

function OutstandingTab() {
  const info = useClinic();
  const [asOf, setAsOf] = useState<string | null>(info.today);
  const aging = useAging(asOf);
  return (
    <Stack gap="md" data-testid="outstanding-tab">
      <Group align="flex-end" justify="space-between">
        <ClinicDateInput label="As of" value={asOf} onChange={setAsOf} w={190} data-testid="outstanding-as-of" />
        <ExportButtons request={{ report: "aging", from: null, to: null, as_of: asOf }} title="Outstanding balances" testId="outstanding-export" />
      </Group>
      <Loading query={aging} label="the outstanding balances">
        {(report) => <Outstanding report={report} />}
      </Loading>
    </Stack>
  );
}

function Band({ label, minor, currency, testId, strong }: { label: string; minor: number; currency: string; testId: string; strong?: boolean }) {
  return (
    <Paper withBorder radius="md" p="sm" bg={strong ? "gray.1" : undefined}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="lg" fw={700} data-testid={testId}>
        {money(minor, currency)}
      </Text>
    </Paper>
  );
}

function Outstanding({ report }: { report: AgingReport }) {
  const info = useClinic();
  const { currency, bands } = report;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 5 }} data-testid="outstanding-bands">
        <Band label="0–30 days" minor={bands.days_0_30_minor} currency={currency} testId="outstanding-0-30" />
        <Band label="31–60 days" minor={bands.days_31_60_minor} currency={currency} testId="outstanding-31-60" />
        <Band label="61–90 days" minor={bands.days_61_90_minor} currency={currency} testId="outstanding-61-90" />
        <Band label="Over 90 days" minor={bands.over_90_minor} currency={currency} testId="outstanding-over-90" />
        <Band label="Owed in all" minor={bands.total_minor} currency={currency} testId="outstanding-total" strong />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        {report.invoices.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="outstanding-empty">
            {`Nothing was owed on issued invoices at the end of ${formatDate(report.as_of, info.date_format)}.`}
          </Text>
        ) : (
          <Table verticalSpacing={4} striped data-testid="outstanding-invoices">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Invoice</Table.Th>
                <Table.Th>Issued</Table.Th>
                <Table.Th ta="right">Age (days)</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Payer</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
                <Table.Th ta="right">Owed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.invoices.map((i) => (
                <Table.Tr key={i.invoice_id} data-testid="outstanding-invoice" data-number={i.number}>
                  <Table.Td>{i.number}</Table.Td>
                  <Table.Td>{formatDate(i.issued_on, info.date_format)}</Table.Td>
                  <Table.Td ta="right">{i.age_days}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{i.patient_name}</Text>
                    <Text size="xs" c="dimmed">
                      {i.patient_mrn}
                    </Text>
                  </Table.Td>
                  <Table.Td>{i.payer_kind === "payer" ? (i.payer_name ?? "Payer") : "Patient"}</Table.Td>
                  <Table.Td ta="right">{money(i.total_minor, currency)}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {money(i.owed_minor, currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

function ClosedDaysTab() {
  const period = usePeriod();
  const cashUps = useCashUps(period.from, period.to);
  const chosen = period.from !== null && period.to !== null ? { from: period.from, to: period.to, as_of: null } : null;
  return (
    <Stack gap="md" data-testid="closed-days-tab">
      <PeriodPicker period={period} prefix="closed-days">
        <ExportButtons request={chosen && { ...chosen, report: "cash_ups" }} title="Closed days" testId="closed-days-export" />
      </PeriodPicker>
      {chosen === null ? (
        <ChooseDates />
      ) : (
        <Loading query={cashUps} label="the closed days">
          {(data) => <ClosedDays data={data} />}
        </Loading>
      )}
    </Stack>
  );
}

function ClosedDays({ data }: { data: CashUpsResponse }) {
  const info = useClinic();
  const { currency } = data;
  if (data.cash_ups.length === 0) {
    return (
      <Text c="dimmed" size="sm" data-testid="closed-days-empty">
        No day was closed in the period.
      </Text>
    );
  }
  return (
    <Paper withBorder radius="md" p="md">
      <Table verticalSpacing={4} striped data-testid="closed-days">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th>Report</Table.Th>
            <Table.Th>Workstation</Table.Th>
            <Table.Th>Cashier</Table.Th>
            <Table.Th ta="right">Expected</Table.Th>
            <Table.Th ta="right">Counted</Table.Th>
            <Table.Th ta="right">Difference</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.cash_ups.map((c) => (
            <Table.Tr
              key={c.id}
              data-testid="closed-day"
              data-number={c.number}
              data-variance={c.variance_minor === 0 ? "none" : c.variance_minor < 0 ? "short" : "over"}
              bg={c.variance_minor === 0 ? undefined : c.variance_minor < 0 ? "red.0" : "orange.0"}
            >
              <Table.Td>{formatDate(c.clinic_day, info.date_format)}</Table.Td>
              <Table.Td>{c.number}</Table.Td>
              <Table.Td>{c.workstation}</Table.Td>
              <Table.Td>{c.cashier_name}</Table.Td>
              <Table.Td ta="right">{money(c.expected_minor, currency)}</Table.Td>
              <Table.Td ta="right">{money(c.counted_minor, currency)}</Table.Td>
              <Table.Td ta="right">
                <Variance minor={c.variance_minor} currency={currency} testId="closed-day-variance" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {c.variance_reason ?? ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <PrintDayReportButton report={c} label="Day report" size="compact-xs" variant="subtle" testId="closed-day-print" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
