import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useSettings, useUpdateSettings } from "../../api";
import { useClinic } from "../../app/clinic";
import { useSession } from "../../app/session";
import type { ClinicSettings } from "../../bindings/ClinicSettings";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { normalizeFieldPath, withoutFields, type FieldErrors } from "../../lib/formErrors";
import { BillingSettingsSection } from "./BillingSettingsForm";
import { ClinicFields } from "./ClinicFields";
import { ExamSettingsSection } from "./ExamSettingsForm";
import { PharmacySettingsSection } from "./PharmacySettingsForm";
import {
  CLINIC_FIELDS,
  clinicFieldFromPath,
  clinicFormHints,
  isClinicField,
  settingsToForm,
  toClinicSettings,
  type ClinicField,
  type ClinicFormValues,
} from "./clinicForm";

/** The clinic's name, contact details, currency, time zone, formats and idle lock time. */
export function SettingsPage() {
  const settings = useSettings();
  return (
    <Stack gap="md" maw={900} data-testid="settings-page">
      <Title order={2}>Clinic settings</Title>
      {settings.isError ? (
        <ErrorAlert error={settings.error} title="Could not load the settings" onRetry={() => void settings.refetch()} />
      ) : settings.data === undefined ? (
        <Skeleton height={420} radius="md" aria-label="Loading settings" />
      ) : (
        <SettingsForm saved={settings.data} />
      )}
      <ExamSettingsSection />
      <PharmacySettingsSection />
      <BillingSettingsSection />
    </Stack>
  );
}

function SettingsForm({ saved }: { saved: ClinicSettings }) {
  const info = useClinic();
  const { refresh } = useSession();
  const [values, setValues] = useState<ClinicFormValues>(() => settingsToForm(saved));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const update = useUpdateSettings();

  const hints = clinicFormHints(values);
  const errorFor = (field: ClinicField) => serverErrors[field] ?? (submitted ? hints[field] : undefined);
  const unchanged = JSON.stringify(settingsToForm(saved)) === JSON.stringify(values);

  const onChange = <F extends ClinicField>(field: F, value: ClinicFormValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => withoutFields(current, (key) => key === field));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    setSubmitted(true);
    setFormError(null);
    const invalid = CLINIC_FIELDS.find((field) => hints[field]);
    if (invalid) {
      document.getElementById(`settings-${invalid}`)?.focus();
      return;
    }
    update.mutate(toClinicSettings(values), {
      onSuccess: (next) => {
        setValues(settingsToForm(next));
        setSubmitted(false);
        notifySuccess("Clinic settings saved", "Every workstation uses them from now on.");
        // The idle lock time comes with the signed-in user.
        if (next.idle_lock_minutes !== saved.idle_lock_minutes) refresh();
      },
      onError: (error) => {
        const field = error.field === null ? null : clinicFieldFromPath(normalizeFieldPath(error.field));
        if (field !== null && isClinicField(field)) {
          setServerErrors({ [field]: error.message });
          window.setTimeout(() => document.getElementById(`settings-${field}`)?.focus(), 0);
        } else {
          setFormError(error.message);
        }
      },
    });
  };

  return (
    <Card withBorder radius="md" padding="lg">
      <form noValidate onSubmit={onSubmit} data-testid="settings-form">
        <Stack gap="lg">
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the settings" role="alert">
              {formError}
            </Alert>
          )}
          <ClinicFields
            prefix="settings"
            values={values}
            onChange={onChange}
            errorFor={errorFor}
            disabled={update.isPending}
            today={info.today}
            showIdleLock
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {unchanged ? "No unsaved changes." : "You have unsaved changes."}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                disabled={unchanged || update.isPending}
                onClick={() => {
                  setValues(settingsToForm(saved));
                  setServerErrors({});
                  setSubmitted(false);
                }}
              >
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending} disabled={unchanged} data-testid="settings-submit">
                Save settings
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
