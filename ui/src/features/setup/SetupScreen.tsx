import {
  Alert,
  Box,
  Button,
  Center,
  Checkbox,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconEye } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useSetupApp, type ApiError } from "../../api";
import type { AppInfo } from "../../bindings/AppInfo";
import type { DateFormat } from "../../bindings/DateFormat";
import { DATE_FORMATS, datePattern, formatDate } from "../../lib/dates";
import { fieldErrorFromApi, withoutFields, type FieldErrors } from "../../lib/formErrors";
import { normalizeWorkstationCode, workstationCodeHint } from "../../lib/workstation";

export const DEMO_PATIENTS = 200;

const SETUP_FIELDS = ["clinic_name", "workstation_code", "date_format", "demo_patients"];

/** First start: names the clinic and this workstation. Nothing else is reachable until it is done. */
export function SetupScreen({ info }: { info: AppInfo }) {
  const [clinicName, setClinicName] = useState("");
  const [code, setCode] = useState("R1");
  const [dateFormat, setDateFormat] = useState<DateFormat>("DMY");
  const [demo, setDemo] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const setup = useSetupApp();

  const hints: FieldErrors = {};
  if (clinicName.trim() === "") hints.clinic_name = "Clinic name is required";
  const codeHint = workstationCodeHint(code);
  if (codeHint) hints.workstation_code = codeHint;

  const errorFor = (field: string) => serverErrors[field] ?? (submitted ? hints[field] : undefined);
  const clear = (field: string) => setServerErrors((current) => withoutFields(current, (key) => key === field));

  // An example whose day is past 12, so day and month cannot be confused.
  const example = `${info.today.slice(0, 4)}-12-31`;
  const formatOptions = DATE_FORMATS.map((format) => ({
    value: format,
    label: `${datePattern(format)}  (e.g. ${formatDate(example, format)})`,
  }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (setup.isPending) return;
    setSubmitted(true);
    setFormError(null);
    const invalid = Object.keys(hints)[0];
    if (invalid) {
      document.getElementById(`setup-${invalid}`)?.focus();
      return;
    }
    setup.mutate(
      {
        clinic_name: clinicName.trim(),
        workstation_code: normalizeWorkstationCode(code),
        date_format: dateFormat,
        demo_patients: demo ? DEMO_PATIENTS : 0,
      },
      {
        onError: (error) => {
          const mapped = fieldErrorFromApi(error, (path) => SETUP_FIELDS.includes(path));
          if (mapped) {
            setServerErrors({ [mapped.field]: mapped.message });
            window.setTimeout(() => document.getElementById(`setup-${mapped.field}`)?.focus(), 0);
          } else {
            setFormError(error);
          }
        },
      },
    );
  };

  const pending = setup.isPending;

  return (
    // Anchored to the top rather than centred, so error messages don't make the card jump.
    <Center mih="100vh" p="xl" bg="gray.0" style={{ alignItems: "flex-start", paddingTop: "8vh" }}>
      <Paper withBorder shadow="sm" radius="lg" p={36} w={520}>
        <form data-testid="setup-form" noValidate onSubmit={onSubmit}>
          <Stack gap="lg">
            <Group gap="sm">
              <ThemeIcon size={44} radius="xl">
                <IconEye size={26} />
              </ThemeIcon>
              <Box>
                <Title order={2}>Welcome to Fovea</Title>
                <Text c="dimmed" size="sm">
                  Set up this workstation. It takes a minute.
                </Text>
              </Box>
            </Group>

            {formError && (
              <Alert color="red" icon={<IconAlertTriangle size={20} />} title="Setup failed" role="alert">
                {formError.message}
              </Alert>
            )}

            <TextInput
              id="setup-clinic_name"
              data-testid="setup-clinic-name"
              label="Clinic name"
              placeholder="e.g. Riverside Eye Clinic"
              required
              autoFocus
              value={clinicName}
              onChange={(event) => {
                setClinicName(event.currentTarget.value);
                clear("clinic_name");
              }}
              error={errorFor("clinic_name")}
              disabled={pending}
            />
            <TextInput
              id="setup-workstation_code"
              data-testid="setup-workstation-code"
              label="Workstation code"
              description="Starts every record number made here, e.g. R1-000042. Use R1 for the first reception desk."
              required
              maxLength={4}
              styles={{
                wrapper: { width: 160 },
                input: { textTransform: "uppercase", fontFamily: "var(--mantine-font-family-monospace)" },
              }}
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value.toUpperCase());
                clear("workstation_code");
              }}
              error={errorFor("workstation_code")}
              disabled={pending}
            />
            <Select
              id="setup-date_format"
              data-testid="setup-date-format"
              label="Date format"
              description="How dates are shown and typed in this clinic."
              data={formatOptions}
              value={dateFormat}
              onChange={(value) => {
                if (value) setDateFormat(value as DateFormat);
                clear("date_format");
              }}
              allowDeselect={false}
              error={errorFor("date_format")}
              disabled={pending}
            />
            <Checkbox
              id="setup-demo_patients"
              data-testid="setup-demo"
              label={`Add a demo clinic (${DEMO_PATIENTS} sample patients)`}
              description="For training and trying things out. Leave unticked for a real clinic."
              checked={demo}
              onChange={(event) => setDemo(event.currentTarget.checked)}
              error={errorFor("demo_patients")}
              disabled={pending}
            />

            <Box h={44}>
              {pending && (
                <Stack gap={6} data-testid="setup-progress" aria-live="polite">
                  <Progress value={100} striped animated size="md" aria-label="Setting up" />
                  <Text size="sm" c="dimmed">
                    {demo ? `Creating the clinic and ${DEMO_PATIENTS} demo patients…` : "Creating the clinic…"}
                  </Text>
                </Stack>
              )}
            </Box>

            <Button type="submit" size="md" data-testid="setup-submit" loading={pending}>
              Start using Fovea
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
