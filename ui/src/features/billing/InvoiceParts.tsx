import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "wouter";

import { useCan } from "../../app/session";
import type { Invoice } from "../../bindings/Invoice";
import type { InvoiceLine } from "../../bindings/InvoiceLine";
import { percent } from "../../lib/percent";
import { formatMinor, money } from "../stock/money";
import { STATUS_COLORS, STATUS_LABELS } from "./words";

/** Who the invoice is for: the patient (a link to their record for those who may read it), and its status. */
export function InvoiceHeading({ invoice, children }: { invoice: Invoice; children?: ReactNode }) {
  const canReadPatients = useCan("read_patients");
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Stack gap={4}>
        <Group gap="sm">
          {canReadPatients ? (
            <Anchor component={Link} href={`/patients/${invoice.patient_id}`} fw={700} size="xl" c="dark" data-testid="invoice-patient">
              {invoice.patient_name}
            </Anchor>
          ) : (
            <Text fw={700} size="xl" data-testid="invoice-patient">
              {invoice.patient_name}
            </Text>
          )}
          <Text ff="monospace" fw={600} data-testid="invoice-mrn">
            {invoice.patient_mrn}
          </Text>
          <Badge color={STATUS_COLORS[invoice.status]} variant={invoice.status === "void" ? "filled" : "light"} data-testid="invoice-status">
            {STATUS_LABELS[invoice.status]}
          </Badge>
        </Group>
        {invoice.payer_kind === "payer" && (
          <Text size="sm" data-testid="invoice-payer">
            Billed to {invoice.payer_name}
            {invoice.payer_reference ? ` · reference ${invoice.payer_reference}` : ""}
          </Text>
        )}
      </Stack>
      {children}
    </Group>
  );
}

/** A line's description with what the core says about it: its code or lot, and why it is free. */
export function LineDescription({ line }: { line: InvoiceLine }) {
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        {line.source.kind === "service" && (
          <Badge size="xs" variant="outline" color="gray" style={{ flexShrink: 0 }}>
            {line.source.code}
          </Badge>
        )}
        <Text size="sm" fw={600} data-testid="line-description">
          {line.description}
        </Text>
      </Group>
      {line.free_reason && (
        <Text size="xs" c="teal.8" data-testid="line-free-reason">
          {line.free_reason}
        </Text>
      )}
    </Stack>
  );
}

/** The line's discount as the core priced it, with its reason. */
export function LineDiscount({ line, currency }: { line: InvoiceLine; currency: string }) {
  if (!line.discount) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" ff="monospace" data-testid="line-discount-amount">
        −{formatMinor(line.amounts.discount_minor, currency)}
        {line.discount.value.kind === "percent_bp" ? ` (${percent(line.discount.value.value)})` : ""}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2} title={line.discount.reason}>
        {line.discount.reason}
      </Text>
    </Stack>
  );
}

export function LineTax({ line, currency }: { line: InvoiceLine; currency: string }) {
  if (line.tax_rate_bp === 0) return <Text size="sm" c="dimmed">None</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" ff="monospace">
        {formatMinor(line.amounts.tax_minor, currency)}
      </Text>
      <Text size="xs" c="dimmed">
        {percent(line.tax_rate_bp)}
      </Text>
    </Stack>
  );
}

/** The invoice's totals, each the core's sum of its rounded lines. */
export function InvoiceTotals({ invoice }: { invoice: Invoice }) {
  const t = invoice.totals;
  const c = invoice.currency;
  const row = (label: string, value: string, testId: string, strong = false) => (
    <Group justify="space-between" gap="xl" wrap="nowrap" data-testid={testId}>
      <Text size={strong ? "md" : "sm"} fw={strong ? 700 : 400} c={strong ? undefined : "dimmed"}>
        {label}
      </Text>
      <Text size={strong ? "lg" : "sm"} fw={strong ? 700 : 400} ff="monospace" data-testid={`${testId}-value`}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack gap={4} miw={280} ml="auto" data-testid="invoice-totals">
      {t.discount_minor > 0 && row("Before discounts", formatMinor(t.gross_minor, c), "total-gross")}
      {t.discount_minor > 0 && row("Discounts", `−${formatMinor(t.discount_minor, c)}`, "total-discount")}
      {row("Subtotal", formatMinor(t.subtotal_minor, c), "total-subtotal")}
      {row("Tax", formatMinor(t.tax_minor, c), "total-tax")}
      {row("Total", money(t.total_minor, c), "total", true)}
    </Stack>
  );
}

/** The table head shared by the editor and the issued invoice. */
export function LinesHead({ editable }: { editable: boolean }) {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>Description</Table.Th>
        <Table.Th w={editable ? 110 : 70} ta="right">
          Qty
        </Table.Th>
        <Table.Th w={110} ta="right">
          Unit price
        </Table.Th>
        <Table.Th w={90} ta="right">
          Tax
        </Table.Th>
        <Table.Th w={editable ? 190 : 160}>Discount</Table.Th>
        <Table.Th w={120} ta="right">
          Line total
        </Table.Th>
        {editable && <Table.Th w={60} />}
      </Table.Tr>
    </Table.Thead>
  );
}
