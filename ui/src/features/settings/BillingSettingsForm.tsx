import { Alert, Button, Card, Checkbox, Group, Skeleton, Stack, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useBillingSettings, useSaveBillingSettings } from "../../api/billingAdminQueries";
import { useCan } from "../../app/session";
import type { BillingSettings } from "../../bindings/BillingSettings";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { bpText, parsePercentBp } from "../../lib/percent";
import { METHOD_LABELS, PAYMENT_METHODS } from "../billing/words";

type Field = keyof BillingSettings;
const FIELDS: readonly string[] = ["free_follow_up_days", "discount_limit_bp", "medicine_tax_bp", "payment_methods"];
const MONEY_METHODS = PAYMENT_METHODS.filter((m) => m !== "credit");

/**
 * Billing's settings: how long a follow-up stays free after a paid consultation, the discount a cashier gives without
 * a manager, and the tax on medicines. Read with the billing permission, so shown only to those who bill.
 */
export function BillingSettingsSection() {
  const canRead = useCan("billing");
  const settings = useBillingSettings(canRead);
  if (!canRead) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="billing-settings">
      <Title order={3} mb="xs">
        Billing
      </Title>
      {settings.isError ? (
        <ErrorAlert error={settings.error} title="Could not load the billing settings" onRetry={() => void settings.refetch()} />
      ) : settings.data === undefined ? (
        <Skeleton height={160} />
      ) : (
        <BillingSettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />
      )}
    </Card>
  );
}

function BillingSettingsForm({ saved }: { saved: BillingSettings }) {
  const [days, setDays] = useState(String(saved.free_follow_up_days));
  const [discount, setDiscount] = useState(bpText(saved.discount_limit_bp));
  const [tax, setTax] = useState(bpText(saved.medicine_tax_bp));
  const [methods, setMethods] = useState<string[]>(saved.payment_methods);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveBillingSettings();
  const unchanged = days.trim() === String(saved.free_follow_up_days) && discount.trim() === bpText(saved.discount_limit_bp) && tax.trim() === bpText(saved.medicine_tax_bp) && [...methods].sort().join() === [...saved.payment_methods].sort().join();
  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setFormError(null);
    const discountBp = parsePercentBp(discount);
    const taxBp = parsePercentBp(tax);
    const typing: Partial<Record<Field, string>> = {};
    if (!/^\d{1,6}$/.test(days.trim())) typing.free_follow_up_days = "Type a whole number of days (0 turns free follow-ups off).";
    if (discountBp.error || discountBp.bp === null) typing.discount_limit_bp = discountBp.error ?? "Type the limit as a percentage (0 for none).";
    if (taxBp.error || taxBp.bp === null) typing.medicine_tax_bp = taxBp.error ?? "Type the rate as a percentage (0 for none).";
    if (Object.keys(typing).length > 0) {
      setErrors(typing);
      return;
    }
    save.mutate(
      {
        free_follow_up_days: Number(days.trim()),
        discount_limit_bp: discountBp.bp ?? 0,
        medicine_tax_bp: taxBp.bp ?? 0,
        payment_methods: methods as PaymentMethod[],
      },
      {
        onSuccess: () => notifySuccess("Billing settings saved", "The cash desk applies them to invoices from now on."),
        onError: (error) => {
          if (error.field && FIELDS.includes(error.field)) {
            setErrors({ [error.field as Field]: error.message });
            window.setTimeout(() => document.getElementById(`billing-${error.field}`)?.focus(), 0);
          } else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="billing-settings-form">
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          id="billing-free_follow_up_days"
          label="Free follow-up (days)"
          description="A follow-up within this many days of a paid consultation costs nothing; 0 turns the rule off."
          value={days}
          onChange={(e) => {
            setDays(e.currentTarget.value);
            clear("free_follow_up_days");
          }}
          error={errors.free_follow_up_days}
          inputMode="numeric"
          w={320}
          data-testid="billing-free-follow-up-days"
        />
        <TextInput
          id="billing-discount_limit_bp"
          label="Discount limit (%)"
          description="The largest discount on a line a cashier gives without a manager."
          value={discount}
          onChange={(e) => {
            setDiscount(e.currentTarget.value);
            clear("discount_limit_bp");
          }}
          error={errors.discount_limit_bp}
          inputMode="decimal"
          w={320}
          data-testid="billing-discount-limit"
        />
        <TextInput
          id="billing-medicine_tax_bp"
          label="Tax on medicines (%)"
          description="0 when medicines carry no tax."
          value={tax}
          onChange={(e) => {
            setTax(e.currentTarget.value);
            clear("medicine_tax_bp");
          }}
          error={errors.medicine_tax_bp}
          inputMode="decimal"
          w={320}
          data-testid="billing-medicine-tax"
        />
        <Checkbox.Group
          id="billing-payment_methods"
          label="Ways of paying the desk accepts"
          description="Patient credit is always offered when a patient has some."
          value={methods}
          onChange={(v) => {
            setMethods(v);
            clear("payment_methods");
          }}
          error={errors.payment_methods}
          data-testid="billing-payment-methods"
        >
          <Group mt={6} gap="md">
            {MONEY_METHODS.map((m) => (
              <Checkbox key={m} value={m} label={METHOD_LABELS[m]} data-testid={`billing-method-${m}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={unchanged} data-testid="billing-settings-submit">
            Save billing settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
