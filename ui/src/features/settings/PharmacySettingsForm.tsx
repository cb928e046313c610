import { Alert, Button, Card, Group, Skeleton, Stack, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { usePharmacySettings, useSavePharmacySettings } from "../../api";
import type { PharmacySettings } from "../../bindings/PharmacySettings";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";

type Field = keyof PharmacySettings;

/** The pharmacy's two settings: drops in one mL (will one bottle last the course) and how far ahead expiry warns. */
export function PharmacySettingsSection() {
  const settings = usePharmacySettings();
  return (
    <Card withBorder radius="md" padding="lg" data-testid="pharmacy-settings">
      <Title order={3} mb="xs">
        Pharmacy
      </Title>
      {settings.isError ? (
        <ErrorAlert error={settings.error} title="Could not load the pharmacy settings" onRetry={() => void settings.refetch()} />
      ) : settings.data === undefined ? (
        <Skeleton height={120} />
      ) : (
        <PharmacySettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />
      )}
    </Card>
  );
}

function PharmacySettingsForm({ saved }: { saved: PharmacySettings }) {
  const [drops, setDrops] = useState(String(saved.drops_per_ml));
  const [days, setDays] = useState(String(saved.expiry_warning_days));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSavePharmacySettings();
  const unchanged = drops.trim() === String(saved.drops_per_ml) && days.trim() === String(saved.expiry_warning_days);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setFormError(null);
    const typing: Partial<Record<Field, string>> = {};
    if (!/^\d{1,6}$/.test(drops.trim())) typing.drops_per_ml = "Type a whole number of drops.";
    if (!/^\d{1,6}$/.test(days.trim())) typing.expiry_warning_days = "Type a whole number of days.";
    if (Object.keys(typing).length > 0) {
      setErrors(typing);
      return;
    }
    save.mutate(
      { drops_per_ml: Number(drops.trim()), expiry_warning_days: Number(days.trim()) },
      {
        onSuccess: () => notifySuccess("Pharmacy settings saved", "Stock alerts and bottle estimates follow them from now on."),
        onError: (error) => {
          if (error.field === "drops_per_ml" || error.field === "expiry_warning_days") setErrors({ [error.field]: error.message });
          else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="pharmacy-settings-form">
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Drops in one mL"
          description="For whether one bottle lasts a course; about 20 for most eye drops."
          value={drops}
          onChange={(e) => {
            setDrops(e.currentTarget.value);
            setErrors((x) => ({ ...x, drops_per_ml: undefined }));
          }}
          error={errors.drops_per_ml}
          inputMode="numeric"
          w={260}
          data-testid="pharmacy-drops-per-ml"
        />
        <TextInput
          label="Warn of expiry (days ahead)"
          description="Batches expiring within this many days are listed in the stock alerts."
          value={days}
          onChange={(e) => {
            setDays(e.currentTarget.value);
            setErrors((x) => ({ ...x, expiry_warning_days: undefined }));
          }}
          error={errors.expiry_warning_days}
          inputMode="numeric"
          w={260}
          data-testid="pharmacy-expiry-days"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={unchanged} data-testid="pharmacy-settings-submit">
            Save pharmacy settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
