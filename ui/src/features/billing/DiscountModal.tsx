import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import type { ApiError } from "../../api";
import type { Discount } from "../../bindings/Discount";
import type { InvoiceLine } from "../../bindings/InvoiceLine";
import { bpText, parsePercentBp } from "../../lib/percent";
import { minorText, parseMinor } from "../stock/money";
import { lineField } from "./words";

type Kind = "amount_minor" | "percent_bp";

/** What the editor does with a discount: save the draft with it (null takes it off), then say how that went. */
export type ApplyDiscount = (discount: Discount | null, done: { onSuccess: () => void; onError: (error: ApiError) => void }) => void;

/**
 * A discount on one line: an amount off or a percentage, and the reason, which the core requires. The core prices it
 * and refuses what it must (no reason, more than the line, above the clinic's limit without a manager); its words
 * appear beside the field they are about.
 */
export function DiscountModal({
  line,
  index,
  currency,
  limitNote,
  onApply,
  onClose,
}: {
  line: InvoiceLine | null;
  index: number;
  currency: string;
  /** What the clinic allows this user without a manager, when there is a limit for them. */
  limitNote: string | null;
  onApply: ApplyDiscount;
  onClose: () => void;
}) {
  return (
    <Modal opened={line !== null} onClose={onClose} title={line ? `Discount on ${line.description}` : ""} size="md">
      {line && <DiscountForm line={line} index={index} currency={currency} limitNote={limitNote} onApply={onApply} onClose={onClose} />}
    </Modal>
  );
}

function DiscountForm({
  line,
  index,
  currency,
  limitNote,
  onApply,
  onClose,
}: {
  line: InvoiceLine;
  index: number;
  currency: string;
  limitNote: string | null;
  onApply: ApplyDiscount;
  onClose: () => void;
}) {
  const current = line.discount;
  const [kind, setKind] = useState<Kind>(current?.value.kind ?? "percent_bp");
  const [value, setValue] = useState(
    current === null ? "" : current.value.kind === "amount_minor" ? minorText(current.value.value, currency) : bpText(current.value.value),
  );
  const [reason, setReason] = useState(current?.reason ?? "");
  const [errors, setErrors] = useState<{ value?: string; reason?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const answer = {
    onSuccess: () => {
      setPending(false);
      onClose();
    },
    onError: (error: ApiError) => {
      setPending(false);
      if (error.field === lineField(index, "discount.reason")) setErrors({ reason: error.message });
      else if (error.field === lineField(index, "discount")) setErrors({ value: error.message });
      else setFormError(error.message);
    },
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setFormError(null);
    const parsed = kind === "amount_minor" ? parseMinor(value, currency) : (({ bp, error }) => ({ minor: bp, error }))(parsePercentBp(value));
    if (parsed.error || parsed.minor === null) {
      setErrors({ value: parsed.error ?? (kind === "amount_minor" ? "Type the amount off the line." : "Type the percentage off the line.") });
      return;
    }
    setErrors({});
    setPending(true);
    onApply({ value: { kind, value: parsed.minor }, reason }, answer);
  };

  const remove = () => {
    setPending(true);
    onApply(null, answer);
  };

  return (
    <form noValidate onSubmit={submit} data-testid="discount-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not give the discount" role="alert">
            {formError}
          </Alert>
        )}
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v as Kind);
            setErrors({});
          }}
          data={[
            { value: "percent_bp", label: "Percentage" },
            { value: "amount_minor", label: `Amount (${currency})` },
          ]}
          data-testid="discount-kind"
        />
        <TextInput
          label={kind === "percent_bp" ? "Percentage off the line" : `Amount off the line (${currency})`}
          rightSection={kind === "percent_bp" ? <Text size="sm">%</Text> : null}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            setErrors((x) => ({ ...x, value: undefined }));
          }}
          inputMode="decimal"
          error={errors.value}
          data-autofocus
          data-testid="discount-value"
        />
        <TextInput
          label="Reason"
          description="Said on the invoice's record and in the audit trail"
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
          error={errors.reason}
          data-testid="discount-reason"
        />
        {limitNote && (
          <Text size="xs" c="dimmed" data-testid="discount-limit">
            {limitNote}
          </Text>
        )}
        <Group justify="space-between">
          {current ? (
            <Button variant="subtle" color="red" onClick={remove} disabled={pending} data-testid="discount-remove">
              Remove the discount
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} data-testid="discount-apply">
              Apply
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
