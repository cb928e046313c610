import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Select, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useExamSettings, useUpdateExamSettings } from "../../api";
import type { CylinderForm } from "../../bindings/CylinderForm";
import type { ExamSettings } from "../../bindings/ExamSettings";
import type { Notation } from "../../bindings/Notation";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";

/** The distance notations a clinic can write acuity in (N-point is for near only). */
export const NOTATION_CHOICES: readonly { value: Notation; label: string }[] = [
  { value: "snellen_metric", label: "Snellen metric (6/6, 6/9 …)" },
  { value: "snellen_imperial", label: "Snellen imperial (20/20, 20/30 …)" },
  { value: "decimal", label: "Decimal (1.0, 0.7 …)" },
  { value: "logmar", label: "LogMAR (0.00, 0.18 …)" },
  { value: "etdrs_letters", label: "ETDRS letters (85, 76 …)" },
];

interface Values {
  notation: Notation;
  cylinder: CylinderForm;
  expiry: string;
  byOptometrist: boolean;
}

const toValues = (s: ExamSettings): Values => ({
  notation: s.va_notation,
  cylinder: s.cylinder_form,
  expiry: String(s.rx_expiry_months),
  byOptometrist: s.spectacle_rx_by_optometrist,
});

/** How a months box reads: a whole number, else an error to show. How many months are allowed is the core's rule. */
export function parseExpiry(text: string): { months: number | null; error: string | null } {
  const t = text.trim();
  if (!/^\d{1,4}$/.test(t)) return { months: null, error: "Type a whole number of months (0 for no expiry printed)." };
  return { months: Number(t), error: null };
}

/** The clinic's eye-examination habits: acuity notation, printed cylinder form, how long glasses prescriptions last. */
export function ExamSettingsSection() {
  const settings = useExamSettings();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="exam-settings">
      <Title order={3} mb="xs">
        Eye examination
      </Title>
      {settings.isError ? (
        <ErrorAlert error={settings.error} title="Could not load the examination settings" onRetry={() => void settings.refetch()} />
      ) : settings.data === undefined ? (
        <Skeleton height={160} />
      ) : (
        <ExamSettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />
      )}
    </Card>
  );
}

function ExamSettingsForm({ saved }: { saved: ExamSettings }) {
  const [values, setValues] = useState<Values>(() => toValues(saved));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const update = useUpdateExamSettings();
  const unchanged = JSON.stringify(values) === JSON.stringify(toValues(saved));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    setFormError(null);
    const expiry = parseExpiry(values.expiry);
    if (expiry.months === null) {
      setErrors({ rx_expiry_months: expiry.error ?? "" });
      return;
    }
    update.mutate(
      {
        va_notation: values.notation,
        cylinder_form: values.cylinder,
        rx_expiry_months: expiry.months,
        spectacle_rx_by_optometrist: values.byOptometrist,
      },
      {
        onSuccess: () => notifySuccess("Examination settings saved", "Acuities and prescriptions follow them from now on."),
        onError: (error) => {
          if (error.field && ["va_notation", "cylinder_form", "rx_expiry_months"].includes(error.field)) setErrors({ [error.field]: error.message });
          else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="exam-settings-form">
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save" role="alert">
            {formError}
          </Alert>
        )}
        <Select
          label="Visual acuity notation"
          description="How acuities are shown, and how a bare number typed in an acuity box is read."
          data={NOTATION_CHOICES.map((n) => ({ value: n.value, label: n.label }))}
          value={values.notation}
          onChange={(value) => value && setValues((v) => ({ ...v, notation: value as Notation }))}
          allowDeselect={false}
          error={errors.va_notation}
          maw={420}
          data-testid="exam-settings-notation"
        />
        <div>
          <Text size="sm" fw={500}>
            Cylinder form printed on spectacle prescriptions
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            The same lens either way; the work-up shows both.
          </Text>
          <SegmentedControl
            data={[
              { value: "minus", label: "Minus cylinder" },
              { value: "plus", label: "Plus cylinder" },
            ]}
            value={values.cylinder}
            onChange={(value) => setValues((v) => ({ ...v, cylinder: value as CylinderForm }))}
            data-testid="exam-settings-cylinder"
          />
        </div>
        <TextInput
          label="Spectacle prescription valid for (months)"
          description="Printed as an expiry date; 0 prints none."
          value={values.expiry}
          onChange={(event) => {
            const expiry = event.currentTarget.value;
            setValues((v) => ({ ...v, expiry }));
            setErrors({});
          }}
          error={errors.rx_expiry_months}
          inputMode="numeric"
          w={260}
          data-testid="exam-settings-expiry"
        />
        <Checkbox
          label="Optometrists issue spectacle prescriptions"
          description="A signed examination's printout then names the optometrist who recorded the final refraction instead of the doctor who signed. Before signing, a printout is always a draft."
          checked={values.byOptometrist}
          onChange={(event) => {
            const byOptometrist = event.currentTarget.checked;
            setValues((v) => ({ ...v, byOptometrist }));
          }}
          data-testid="exam-settings-rx-by-optometrist"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending} disabled={unchanged} data-testid="exam-settings-submit">
            Save examination settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
