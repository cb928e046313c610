import {
  Alert,
  Box,
  Button,
  Center,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconEye } from "@tabler/icons-react";
import { useState, type FormEvent, type ReactNode } from "react";

import { useSetupApp, type ApiError } from "../../api";
import type { AppInfo } from "../../bindings/AppInfo";
import { normalizeFieldPath, withoutFields, type FieldErrors } from "../../lib/formErrors";
import { normalizeWorkstationCode, workstationCodeHint } from "../../lib/workstation";
import { confirmationHint, PASSWORD_ADVICE, passwordHint } from "../auth/passwords";
import { ClinicFields } from "../settings/ClinicFields";
import {
  CLINIC_FIELDS,
  clinicFieldFromPath,
  clinicFormHints,
  defaultClinicForm,
  toClinicSettings,
  type ClinicField,
  type ClinicFormValues,
} from "../settings/clinicForm";

export const DEMO_PATIENTS = 200;

// In the order of the form: the first invalid one gets the cursor.
const SETUP_FIELDS: readonly string[] = [
  ...CLINIC_FIELDS,
  "workstation_code",
  "admin.username",
  "admin.full_name",
  "admin.password",
  "admin.confirmation",
  "demo_patients",
];

/** A core field path as this form names it: `clinic.clinic_name` → `clinic_name`, `username` → `admin.username`. */
function setupField(path: string): string {
  const field = clinicFieldFromPath(normalizeFieldPath(path));
  return ["username", "full_name", "password"].includes(field) ? `admin.${field}` : field;
}

const fieldId = (field: string) => `setup-${field.replace(".", "-")}`;

function focusField(field: string) {
  window.setTimeout(() => {
    const element = document.getElementById(fieldId(field));
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: "center" });
  }, 0);
}

/**
 * First start: the clinic, this workstation and the first administrator. Nothing else is
 * reachable until it is done; then the sign-in screen asks for the new administrator's password.
 */
export function SetupScreen({ info, onDone }: { info: AppInfo; onDone: (username: string) => void }) {
  const [clinic, setClinic] = useState<ClinicFormValues>(defaultClinicForm);
  const [code, setCode] = useState("R1");
  const [admin, setAdmin] = useState({ username: "", full_name: "", password: "", confirmation: "" });
  const [demo, setDemo] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [blurred, setBlurred] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const setup = useSetupApp();

  const hints: FieldErrors = clinicFormHints(clinic);
  const codeHint = workstationCodeHint(code);
  if (codeHint) hints.workstation_code = codeHint;
  if (admin.username.trim() === "") hints["admin.username"] = "Username is required";
  if (admin.full_name.trim() === "") hints["admin.full_name"] = "Full name is required";
  const passwordProblem = passwordHint(admin.password, admin.username);
  if (passwordProblem) hints["admin.password"] = passwordProblem;
  const confirmProblem = confirmationHint(admin.password, admin.confirmation);
  if (confirmProblem) hints["admin.confirmation"] = confirmProblem;

  // Server errors always show; hints after a submit attempt, or once a filled-in field is left.
  const errorFor = (field: string, value = ""): string | undefined =>
    serverErrors[field] ?? (submitted || (blurred[field] && value !== "") ? hints[field] : undefined);
  const clear = (field: string) => setServerErrors((current) => withoutFields(current, (key) => key === field));
  const blur = (field: string) => () => setBlurred((current) => (current[field] ? current : { ...current, [field]: true }));

  const setClinicField = <F extends ClinicField>(field: F, value: ClinicFormValues[F]) => {
    setClinic((current) => ({ ...current, [field]: value }));
    clear(field);
  };
  const setAdminField = (field: keyof typeof admin) => (value: string) => {
    setAdmin((current) => ({ ...current, [field]: value }));
    clear(`admin.${field}`);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (setup.isPending) return;
    setSubmitted(true);
    setFormError(null);
    const invalid = SETUP_FIELDS.find((field) => hints[field]);
    if (invalid) {
      focusField(invalid);
      return;
    }
    const username = admin.username.trim();
    setup.mutate(
      {
        clinic: toClinicSettings(clinic),
        workstation_code: normalizeWorkstationCode(code),
        admin: { username, full_name: admin.full_name.trim(), password: admin.password },
        demo_patients: demo ? DEMO_PATIENTS : 0,
        demo,
      },
      {
        onSuccess: () => onDone(username),
        onError: (error) => {
          const field = error.field === null ? null : setupField(error.field);
          if (field !== null && SETUP_FIELDS.includes(field)) {
            setServerErrors({ [field]: error.message });
            focusField(field);
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
    <Center mih="100vh" p="xl" bg="gray.0" style={{ alignItems: "flex-start", paddingTop: "5vh" }}>
      <Paper withBorder shadow="sm" radius="lg" p={36} w={720}>
        <form data-testid="setup-form" noValidate onSubmit={onSubmit}>
          <Stack gap="xl">
            <Group gap="sm">
              <ThemeIcon size={44} radius="xl">
                <IconEye size={26} />
              </ThemeIcon>
              <Box>
                <Title order={2}>Welcome to Fovea</Title>
                <Text c="dimmed" size="sm">
                  Set up the clinic, this workstation and the first administrator. It takes a minute.
                </Text>
              </Box>
            </Group>

            {formError && (
              <Alert color="red" icon={<IconAlertTriangle size={20} />} title="Setup failed" role="alert">
                {formError.message}
              </Alert>
            )}

            <Section title="Clinic">
              <ClinicFields
                prefix="setup"
                values={clinic}
                onChange={setClinicField}
                errorFor={(field) => errorFor(field, String(clinic[field]))}
                disabled={pending}
                today={info.today}
                showIdleLock={false}
                autoFocus
              />
            </Section>

            <Section title="This workstation">
              <TextInput
                id={fieldId("workstation_code")}
                data-testid="setup-workstation-code"
                label="Workstation code"
                description="Starts every record number made here, e.g. R1-000042. Use R1 for the first reception desk."
                inputWrapperOrder={["label", "input", "description", "error"]}
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
                error={errorFor("workstation_code", code)}
                disabled={pending}
              />
            </Section>

            <Section title="First administrator" description="Signs in to add the other staff accounts. Keep this password safe.">
              <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
                <TextInput
                  id={fieldId("admin.username")}
                  data-testid="setup-admin-username"
                  label="Username"
                  placeholder="e.g. admin"
                  required
                  autoCapitalize="none"
                  value={admin.username}
                  onChange={(event) => setAdminField("username")(event.currentTarget.value)}
                  onBlur={blur("admin.username")}
                  error={errorFor("admin.username", admin.username)}
                  disabled={pending}
                />
                <TextInput
                  id={fieldId("admin.full_name")}
                  data-testid="setup-admin-name"
                  label="Full name"
                  placeholder="e.g. Mary O'Connor"
                  required
                  value={admin.full_name}
                  onChange={(event) => setAdminField("full_name")(event.currentTarget.value)}
                  onBlur={blur("admin.full_name")}
                  error={errorFor("admin.full_name", admin.full_name)}
                  disabled={pending}
                />
                <PasswordInput
                  id={fieldId("admin.password")}
                  data-testid="setup-admin-password"
                  label="Password"
                  description={PASSWORD_ADVICE}
                  inputWrapperOrder={["label", "input", "description", "error"]}
                  required
                  autoComplete="new-password"
                  value={admin.password}
                  onChange={(event) => setAdminField("password")(event.currentTarget.value)}
                  onBlur={blur("admin.password")}
                  error={errorFor("admin.password", admin.password)}
                  disabled={pending}
                />
                <PasswordInput
                  id={fieldId("admin.confirmation")}
                  data-testid="setup-admin-password-confirm"
                  label="Password again"
                  required
                  autoComplete="new-password"
                  value={admin.confirmation}
                  onChange={(event) => setAdminField("confirmation")(event.currentTarget.value)}
                  onBlur={blur("admin.confirmation")}
                  error={errorFor("admin.confirmation", admin.confirmation)}
                  disabled={pending}
                />
              </SimpleGrid>
            </Section>

            <Checkbox
              id={fieldId("demo_patients")}
              data-testid="setup-demo"
              label={`Add a demo clinic (${DEMO_PATIENTS} sample patients)`}
              description="For training and trying things out. Leave unticked for a real clinic."
              checked={demo}
              onChange={(event) => setDemo(event.currentTarget.checked)}
              error={errorFor("demo_patients")}
              disabled={pending}
            />

            <Stack gap="sm">
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
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Box>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: "0.05em" }}>
          {title}
        </Text>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Box>
      {children}
    </Stack>
  );
}
