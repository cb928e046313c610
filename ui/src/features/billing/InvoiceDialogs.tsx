import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useRefund, useVoidInvoice } from "../../api";
import type { Invoice } from "../../bindings/Invoice";
import type { Payment } from "../../bindings/Payment";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { notifySuccess } from "../../components/notify";
import { formatInstant } from "../../lib/dates";
import { money, minorText, parseMinor } from "../stock/money";
import { METHOD_LABELS, PAYMENT_METHODS, refundableOf } from "./words";
import { useClinic } from "../../app/clinic";

type RefundField = "amount_minor" | "reason" | "reference";
const REFUND_FIELDS: readonly string[] = ["amount_minor", "reason", "reference"];

/** Refunding part or all of a payment: the core refuses more than is left of it, and a refund without a reason. */
export function RefundModal({ invoice, payment, onClose }: { invoice: Invoice; payment: Payment | null; onClose: () => void }) {
  return (
    <Modal opened={payment !== null} onClose={onClose} title="Refund a payment" size="lg">
      {payment && <RefundForm invoice={invoice} payment={payment} onDone={onClose} />}
    </Modal>
  );
}

function RefundForm({ invoice, payment, onDone }: { invoice: Invoice; payment: Payment; onDone: () => void }) {
  const info = useClinic();
  const currency = invoice.currency;
  const [amount, setAmount] = useState(minorText(refundableOf(payment, invoice.payments), currency));
  const [method, setMethod] = useState<PaymentMethod>(payment.method);
  const [reference, setReference] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Partial<Record<RefundField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const refund = useRefund();
  const clear = (field: RefundField) => setErrors((e) => ({ ...e, [field]: undefined }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refund.isPending) return;
    setFormError(null);
    const amountMinor = parseMinor(amount, currency);
    if (amountMinor.error) {
      setErrors({ amount_minor: amountMinor.error });
      return;
    }
    setErrors({});
    refund.mutate(
      {
        payment_id: payment.id,
        amount_minor: amountMinor.minor ?? 0,
        method,
        reference: reference.trim() === "" ? null : reference,
        reason,
      },
      {
        onSuccess: () => {
          notifySuccess("Payment refunded", `${money(amountMinor.minor ?? 0, currency)} by ${METHOD_LABELS[method].toLowerCase()}.`);
          onDone();
        },
        onError: (error) => {
          if (error.field && REFUND_FIELDS.includes(error.field)) {
            setErrors({ [error.field as RefundField]: error.message });
            window.setTimeout(() => document.getElementById(`refund-${error.field}`)?.focus(), 0);
          } else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="refund-form">
      <Stack gap="sm">
        <Text size="sm">
          {METHOD_LABELS[payment.method]} payment of{" "}
          <Text span ff="monospace" fw={700}>
            {money(payment.amount_minor, currency)}
          </Text>{" "}
          taken {formatInstant(payment.received_at, info.date_format)} by {payment.received_by_name}.
        </Text>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not refund the payment" role="alert" data-testid="refund-error">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            id="refund-amount_minor"
            label={`Amount to refund (${currency})`}
            value={amount}
            onChange={(e) => {
              setAmount(e.currentTarget.value);
              clear("amount_minor");
            }}
            error={errors.amount_minor}
            inputMode="decimal"
            data-autofocus
            data-testid="refund-amount"
          />
          <Select
            label="Given back by"
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: m === "credit" ? "Credit on the patient's account" : METHOD_LABELS[m] }))}
            value={method}
            onChange={(v) => v && setMethod(v as PaymentMethod)}
            allowDeselect={false}
            data-testid="refund-method"
          />
          <TextInput
            id="refund-reason"
            label="Reason"
            required
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              clear("reason");
            }}
            error={errors.reason}
            data-testid="refund-reason"
          />
          <TextInput
            id="refund-reference"
            label="Reference"
            description="Card or transfer reference, if any"
            value={reference}
            onChange={(e) => {
              setReference(e.currentTarget.value);
              clear("reference");
            }}
            error={errors.reference}
            data-testid="refund-reference"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={refund.isPending}>
            Cancel
          </Button>
          <Button type="submit" color="orange" loading={refund.isPending} data-testid="refund-submit">
            Refund
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Voiding an issued invoice with a reason; the core refuses while payments stand on it. */
export function VoidModal({ invoice, opened, onClose }: { invoice: Invoice; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Void invoice ${invoice.number ?? ""}?`} size="md">
      {opened && <VoidForm invoice={invoice} onDone={onClose} />}
    </Modal>
  );
}

function VoidForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const voiding = useVoidInvoice();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (voiding.isPending) return;
    setError(null);
    setFormError(null);
    voiding.mutate(
      { invoice_id: invoice.id, reason },
      {
        onSuccess: (voided) => {
          notifySuccess("Invoice void", `${voided.number ?? ""} stays on record, marked void.`);
          onDone();
        },
        onError: (e) => (e.field === "reason" ? setError(e.message) : setFormError(e.message)),
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="void-form">
      <Stack gap="sm">
        <Text size="sm">
          The invoice keeps its number and stays on record, marked void; nothing is owed on it any more. The visit can
          then be billed again.
        </Text>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not void the invoice" role="alert" data-testid="void-error">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Reason"
          required
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-autofocus
          data-testid="void-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={voiding.isPending}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={voiding.isPending} data-testid="void-submit">
            Void the invoice
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
