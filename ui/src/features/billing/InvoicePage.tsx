import { Alert, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowBackUp, IconArrowLeft, IconBan, IconCircleCheck, IconCoins, IconPrinter, IconReceipt } from "@tabler/icons-react";
import { useState } from "react";
import { Link, Redirect } from "wouter";

import { useInvoice, usePrintInvoice, usePrintReceipt } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Invoice } from "../../bindings/Invoice";
import type { Payment } from "../../bindings/Payment";
import type { PayResult } from "../../bindings/PayResult";
import { openSavedDocument } from "../../components/documents";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { formatInstant } from "../../lib/dates";
import { formatMinor, money } from "../stock/money";
import { RefundModal, VoidModal } from "./InvoiceDialogs";
import { InvoiceHeading, InvoiceTotals, LineDescription, LineDiscount, LinesHead, LineTax } from "./InvoiceParts";
import { PaymentForm } from "./PaymentForm";
import { METHOD_LABELS, refundableOf } from "./words";

/** An issued (or void) invoice: its number, lines and totals, the payments on it, and taking the next one. */
export function InvoicePage({ id }: { id: string }) {
  const invoice = useInvoice(id);
  return (
    <Stack gap="md" maw={1200} data-testid="invoice-page">
      <Group>
        <Button component={Link} href="/billing" variant="subtle" leftSection={<IconArrowLeft size={18} />} px="xs">
          Back to the cash desk
        </Button>
      </Group>
      {invoice.isError ? (
        <ErrorAlert
          error={invoice.error}
          title={invoice.error.code === "not_found" ? "Invoice not found" : "Could not load the invoice"}
          onRetry={invoice.error.code === "not_found" ? undefined : () => void invoice.refetch()}
        />
      ) : invoice.data === undefined ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading the invoice">
          <Skeleton height={90} radius="md" />
          <Skeleton height={260} radius="md" />
        </Stack>
      ) : invoice.data.status === "draft" ? (
        invoice.data.visit_id !== null ? (
          <Redirect to={`/billing/visit/${invoice.data.visit_id}`} replace />
        ) : (
          <Alert color="gray" title="This invoice is still a draft" data-testid="invoice-draft">
            It has no visit to open it from; it gets a number once issued.
          </Alert>
        )
      ) : (
        <IssuedInvoice invoice={invoice.data} />
      )}
    </Stack>
  );
}

function IssuedInvoice({ invoice }: { invoice: Invoice }) {
  const info = useClinic();
  const canVoid = useCan("void_invoices");
  const canRefund = useCan("refund_payments");
  const [paid, setPaid] = useState<PayResult | null>(null);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const [voiding, setVoiding] = useState(false);
  const currency = invoice.currency;
  const issued = invoice.status === "issued";
  const paidInFull = issued && invoice.balance_minor === 0;

  return (
    <>
      <Paper withBorder radius="md" p="lg">
        <InvoiceHeading invoice={invoice}>
          <Stack gap={2} align="flex-end">
            <Title order={3} ff="monospace" data-testid="invoice-number">
              {invoice.number}
            </Title>
            {invoice.issued_at && (
              <Text size="sm" c="dimmed" data-testid="invoice-issued-at">
                Issued {formatInstant(invoice.issued_at, info.date_format)}
              </Text>
            )}
            <PrintButtons invoice={invoice} />
          </Stack>
        </InvoiceHeading>
      </Paper>

      {invoice.status === "void" && (
        <Alert color="red" variant="light" icon={<IconBan size={20} />} title="This invoice is void" data-testid="invoice-void">
          {invoice.voided_at ? `Voided ${formatInstant(invoice.voided_at, info.date_format)}` : "Voided"}
          {invoice.void_reason ? `: ${invoice.void_reason}` : ""}. Nothing is owed on it.
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={4}>Lines</Title>
          <Table verticalSpacing={6} layout="fixed" data-testid="invoice-lines">
            <LinesHead editable={false} />
            <Table.Tbody>
              {invoice.lines.map((line) => (
                <Table.Tr key={line.id} data-testid="invoice-line">
                  <Table.Td>
                    <LineDescription line={line} />
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {line.quantity}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fz="sm">
                    {formatMinor(line.unit_price_minor, currency)}
                  </Table.Td>
                  <Table.Td ta="right">
                    <LineTax line={line} currency={currency} />
                  </Table.Td>
                  <Table.Td>
                    <LineDiscount line={line} currency={currency} />
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fw={600} fz="sm" data-testid="line-total">
                    {formatMinor(line.amounts.net_minor, currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {invoice.note && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
              {invoice.note}
            </Text>
          )}
          <InvoiceTotals invoice={invoice} />
        </Stack>
      </Paper>

      {paid && (
        <Alert
          color="teal"
          variant="filled"
          icon={<IconCoins size={28} />}
          title={`Payment of ${money(paid.invoice.payments.find((p) => p.id === paid.payment_id)?.amount_minor ?? 0, currency)} taken`}
          withCloseButton
          onClose={() => setPaid(null)}
          data-testid="payment-result"
        >
          <Stack gap={2}>
            {paid.change_minor > 0 && (
              <Text fz={32} fw={800} lh={1.2} data-testid="payment-change">
                Change to give: {money(paid.change_minor, currency)}
              </Text>
            )}
            {paid.credit_kept_minor > 0 && (
              <Text data-testid="payment-credit-kept">{money(paid.credit_kept_minor, currency)} kept as the patient's credit.</Text>
            )}
            {paid.moved_to_done && <Text data-testid="payment-visit-done">Nothing is owed any more: the visit is done.</Text>}
            <Group mt={4}>
              <PrintReceiptButton invoice={paid.invoice} variant="white" testId="payment-print-receipt" />
            </Group>
          </Stack>
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Title order={4}>Payments</Title>
            <Stack gap={2} align="flex-end">
              <Group gap="sm">
                <Text c="dimmed">Paid</Text>
                <Text ff="monospace" data-testid="invoice-paid">
                  {money(invoice.paid_minor, currency)}
                </Text>
              </Group>
              {issued &&
                (paidInFull ? (
                  <Badge size="xl" color="teal" variant="light" leftSection={<IconCircleCheck size={18} />} data-testid="invoice-paid-in-full">
                    Paid in full
                  </Badge>
                ) : (
                  <Group gap="sm">
                    <Text fw={700}>Balance due</Text>
                    <Text ff="monospace" fw={700} size="xl" c="red.8" data-testid="invoice-balance">
                      {money(invoice.balance_minor, currency)}
                    </Text>
                  </Group>
                ))}
              {invoice.patient_credit_minor > 0 && (
                <Text size="sm" data-testid="invoice-patient-credit">
                  The patient has {money(invoice.patient_credit_minor, currency)} of credit.
                </Text>
              )}
            </Stack>
          </Group>
          {invoice.payments.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="invoice-no-payments">
              No payment taken yet.
            </Text>
          ) : (
            <Table verticalSpacing={6} data-testid="invoice-payments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Method</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th ta="right">Tendered</Table.Th>
                  <Table.Th ta="right">Change</Table.Th>
                  <Table.Th>Reference</Table.Th>
                  <Table.Th>By</Table.Th>
                  {canRefund && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoice.payments.map((p) => (
                  <Table.Tr key={p.id} data-testid="invoice-payment" data-kind={p.kind} data-method={p.method}>
                    <Table.Td fz="sm">{formatInstant(p.received_at, info.date_format)}</Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={p.kind === "refund" ? "orange" : "teal"}>
                        {p.kind === "refund" ? "Refund" : "Payment"}
                      </Badge>
                      {p.reason && (
                        <Text size="xs" c="dimmed">
                          {p.reason}
                        </Text>
                      )}
                      {p.credit_kept_minor > 0 && (
                        <Text size="xs" c="dimmed">
                          {money(p.credit_kept_minor, currency)} kept as credit
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td fz="sm">{METHOD_LABELS[p.method]}</Table.Td>
                    <Table.Td ta="right" ff="monospace" fz="sm" data-testid="payment-amount-cell">
                      {p.kind === "refund" ? "−" : ""}
                      {formatMinor(p.amount_minor, currency)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" fz="sm">
                      {p.tendered_minor === null ? "—" : formatMinor(p.tendered_minor, currency)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" fz="sm">
                      {p.change_minor === null ? "—" : formatMinor(p.change_minor, currency)}
                    </Table.Td>
                    <Table.Td fz="sm">{p.reference ?? "—"}</Table.Td>
                    <Table.Td fz="sm">{p.received_by_name}</Table.Td>
                    {canRefund && (
                      <Table.Td>
                        {p.kind === "payment" && refundableOf(p, invoice.payments) > 0 && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            leftSection={<IconArrowBackUp size={14} />}
                            onClick={() => setRefunding(p)}
                            data-testid="payment-refund"
                          >
                            Refund
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {issued && invoice.balance_minor > 0 && (
            <Paper withBorder radius="md" p="md" bg="gray.0">
              <Stack gap="xs">
                <Title order={5}>Take a payment</Title>
                <PaymentForm
                  // A new form after each payment, its amount the balance the core now says.
                  key={`${invoice.paid_minor}`}
                  invoice={invoice}
                  onPaid={setPaid}
                />
              </Stack>
            </Paper>
          )}
        </Stack>
      </Paper>

      {canVoid && issued && (
        <Group justify="flex-end">
          <Button variant="default" color="red" leftSection={<IconBan size={18} />} onClick={() => setVoiding(true)} data-testid="invoice-void-open">
            Void the invoice
          </Button>
        </Group>
      )}

      <RefundModal invoice={invoice} payment={refunding} onClose={() => setRefunding(null)} />
      <VoidModal invoice={invoice} opened={voiding} onClose={() => setVoiding(false)} />
    </>
  );
}

/** The invoice as a PDF, and the receipt once something has been paid on it; each opens with the system's viewer. */
function PrintButtons({ invoice }: { invoice: Invoice }) {
  const print = usePrintInvoice();
  const onPrint = () =>
    print.mutate(invoice.id, {
      onSuccess: (document) => void openSavedDocument(document, `Invoice ${invoice.number ?? ""} saved`),
      onError: (error) => notifyError(error, "Could not print the invoice"),
    });
  return (
    <Group gap="xs" mt={4}>
      <Button size="xs" variant="default" leftSection={<IconPrinter size={16} />} loading={print.isPending} onClick={onPrint} data-testid="invoice-print">
        Print invoice
      </Button>
      {invoice.payments.length > 0 && <PrintReceiptButton invoice={invoice} variant="default" testId="invoice-print-receipt" />}
    </Group>
  );
}

function PrintReceiptButton({ invoice, variant, testId }: { invoice: Invoice; variant: "default" | "white"; testId: string }) {
  const print = usePrintReceipt();
  const onPrint = () =>
    print.mutate(invoice.id, {
      onSuccess: (document) => void openSavedDocument(document, `Receipt for ${invoice.number ?? "the invoice"} saved`),
      onError: (error) => notifyError(error, "Could not print the receipt"),
    });
  return (
    <Button size="xs" variant={variant} leftSection={<IconReceipt size={16} />} loading={print.isPending} onClick={onPrint} data-testid={testId}>
      Print receipt
    </Button>
  );
}
