import { Alert, Button, Checkbox, Group, SegmentedControl, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconCash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useBillingSettings, usePay } from "../../api";
import type { Invoice } from "../../bindings/Invoice";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import type { PayResult } from "../../bindings/PayResult";
import { minorText, parseMinor } from "../stock/money";
import { METHOD_LABELS, PAYMENT_METHODS } from "./words";

type Field = "amount_minor" | "tendered_minor" | "reference";
const FIELDS: readonly string[] = ["amount_minor", "tendered_minor", "reference"];

/**
 * Taking a payment: the method, the amount (the balance unless the cashier types less), the cash handed over and a
 * reference. The core works out the change, refuses what it must (more than is owed, a transfer without its number,
 * credit the patient does not have) and says so beside the field.
 */
export function PaymentForm({ invoice, onPaid }: { invoice: Invoice; onPaid: (result: PayResult) => void }) {
  const currency = invoice.currency;
  // The ways the clinic accepts (its billing settings), and the patient's credit when there is some.
  const accepted = useBillingSettings().data?.payment_methods;
  const methods = PAYMENT_METHODS.filter((m) => (m === "credit" ? invoice.patient_credit_minor > 0 : (accepted ?? PAYMENT_METHODS).includes(m)));
  const [chosen, setMethod] = useState<PaymentMethod | null>(null);
  const method: PaymentMethod = chosen && methods.includes(chosen) ? chosen : (methods[0] ?? "cash");
  const [amount, setAmount] = useState(minorText(invoice.balance_minor, currency));
  const [tendered, setTendered] = useState("");
  const [reference, setReference] = useState("");
  const [keepAsCredit, setKeepAsCredit] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pay = usePay();

  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));
  const cash = method === "cash";
  const withReference = method !== "cash" && method !== "credit";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pay.isPending) return;
    setFormError(null);
    const amountMinor = parseMinor(amount, currency);
    const tenderedMinor = cash ? parseMinor(tendered, currency) : { minor: null, error: null };
    const typing: Partial<Record<Field, string>> = {};
    if (amountMinor.error) typing.amount_minor = amountMinor.error;
    if (tenderedMinor.error) typing.tendered_minor = tenderedMinor.error;
    if (Object.keys(typing).length > 0) {
      setErrors(typing);
      return;
    }
    setErrors({});
    pay.mutate(
      {
        invoice_id: invoice.id,
        method,
        // An empty box is sent as nothing paid, which the core refuses with its own words.
        amount_minor: amountMinor.minor ?? 0,
        tendered_minor: tenderedMinor.minor,
        reference: withReference && reference.trim() !== "" ? reference : null,
        keep_as_credit: method !== "credit" && keepAsCredit,
      },
      {
        onSuccess: onPaid,
        onError: (error) => {
          if (error.field && FIELDS.includes(error.field)) {
            setErrors({ [error.field as Field]: error.message });
            window.setTimeout(() => document.getElementById(`pay-${error.field}`)?.focus(), 0);
          } else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} data-testid="payment-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not take the payment" role="alert" data-testid="payment-error">
            {formError}
          </Alert>
        )}
        <SegmentedControl
          value={method}
          onChange={(v) => {
            setMethod(v as PaymentMethod);
            setErrors({});
          }}
          data={methods.map((m) => ({ value: m, label: METHOD_LABELS[m] }))}
          data-testid="payment-method"
        />
        <SimpleGrid cols={cash || withReference ? 2 : 1}>
          <TextInput
            id="pay-amount_minor"
            label={`Amount (${currency})`}
            description="Toward this invoice"
            value={amount}
            onChange={(e) => {
              setAmount(e.currentTarget.value);
              clear("amount_minor");
            }}
            error={errors.amount_minor}
            inputMode="decimal"
            autoFocus
            data-testid="payment-amount"
          />
          {cash && (
            <TextInput
              id="pay-tendered_minor"
              label={`Cash handed over (${currency})`}
              description="Empty: the exact amount"
              value={tendered}
              onChange={(e) => {
                setTendered(e.currentTarget.value);
                clear("tendered_minor");
              }}
              error={errors.tendered_minor}
              inputMode="decimal"
              data-testid="payment-tendered"
            />
          )}
          {withReference && (
            <TextInput
              id="pay-reference"
              label="Reference"
              description="Card slip, transfer or cheque number"
              value={reference}
              onChange={(e) => {
                setReference(e.currentTarget.value);
                clear("reference");
              }}
              error={errors.reference}
              data-testid="payment-reference"
            />
          )}
        </SimpleGrid>
        <Group justify="space-between">
          {method !== "credit" ? (
            <Checkbox
              label="Keep anything paid beyond the balance as the patient's credit"
              checked={keepAsCredit}
              onChange={(e) => setKeepAsCredit(e.currentTarget.checked)}
              data-testid="payment-keep-credit"
            />
          ) : (
            <span />
          )}
          <Button type="submit" leftSection={<IconCash size={18} />} loading={pay.isPending} data-testid="payment-submit">
            Take payment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
