import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useLocation } from "wouter";

import { useClinicians, useRegisterPatient, useUpdatePatient, type ApiError } from "../../api";
import { useClinic } from "../../app/clinic";
import type { Patient } from "../../bindings/Patient";
import type { PatientSummary } from "../../bindings/PatientSummary";
import type { Sex } from "../../bindings/Sex";
import { notifySuccess } from "../../components/notify";
import { Shortcut } from "../../components/Shortcut";
import { datePattern, describeAgeIso, parseDateInput, toIso } from "../../lib/dates";
import { fieldErrorFromApi, withoutFields, type FieldErrors } from "../../lib/formErrors";
import { DuplicateCandidates } from "./DuplicateCandidates";
import { displayName, SEX_LABELS } from "./format";
import {
  emptyPatientForm,
  isPatientField,
  patientToForm,
  toPatientInput,
  validatePatientForm,
  type PatientFormValues,
  type PatientTextField,
} from "./patientForm";

export type PatientEditorState =
  | {
      kind: "register";
      prefill: Partial<PatientFormValues>;
      key: number;
      /** Set when another flow (booking) continues with the patient instead of opening their page. */
      onChosen?: (patient: Patient | PatientSummary) => void;
    }
  | { kind: "edit"; patient: Patient; key: number };

const MAX_PHONES = 5;

// The order in which invalid fields are focused after a failed submit.
const FIELD_ORDER = ["first_name", "last_name", "date_of_birth", "national_id", "phones", "email", "emergency_contact_phone", "usual_clinician_id"];

const fieldId = (field: string) => `patient-${field.replace(".", "-")}`;

function focusField(field: string) {
  // After the render that shows the error, so the element exists even if the view changed.
  // Centred, so the modal's sticky header cannot hide it.
  window.setTimeout(() => {
    const element = document.getElementById(fieldId(field));
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: "center" });
  }, 0);
}

function firstInvalid(errors: FieldErrors): string | undefined {
  const keys = Object.keys(errors);
  for (const name of FIELD_ORDER) {
    const hit = keys.filter((key) => key === name || key.startsWith(`${name}.`)).sort()[0];
    if (hit) return hit;
  }
  return keys[0];
}

/**
 * Registration and editing of a patient in one modal. Escape cancels; Enter in a text input
 * submits (textareas keep Enter for new lines).
 */
export function PatientFormModal({
  state,
  opened,
  onClose,
}: {
  state: PatientEditorState | null;
  opened: boolean;
  onClose: () => void;
}) {
  const title =
    state?.kind === "edit" ? `Edit patient — ${displayName(state.patient)} (${state.patient.mrn})` : "Register patient";
  return (
    <Modal
      opened={opened && state !== null}
      onClose={onClose}
      title={title}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      size={880}
      padding="lg"
      closeButtonProps={{ "aria-label": "Cancel" }}
      // Above a booking form that opened it.
      zIndex={300}
      transitionProps={{ duration: 120 }}
    >
      {state && <PatientEditor key={state.key} state={state} onClose={onClose} />}
    </Modal>
  );
}

function PatientEditor({ state, onClose }: { state: PatientEditorState; onClose: () => void }) {
  const info = useClinic();
  const [, navigate] = useLocation();
  const [values, setValues] = useState<PatientFormValues>(() =>
    state.kind === "edit" ? patientToForm(state.patient, info.date_format) : { ...emptyPatientForm, ...state.prefill },
  );
  const [submitted, setSubmitted] = useState(false);
  const [blurred, setBlurred] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [duplicates, setDuplicates] = useState<PatientSummary[] | null>(null);
  const register = useRegisterPatient();
  const update = useUpdatePatient();
  const pending = register.isPending || update.isPending;
  const clinicians = useClinicians();
  // A usual clinician who has since left is kept (and shown) until someone chooses another.
  const clinicianChoices = [
    ...(clinicians.data?.clinicians ?? []).map((c) => ({ value: c.id, label: c.full_name })),
    ...(state.kind === "edit" &&
    state.patient.usual_clinician_id &&
    !(clinicians.data?.clinicians ?? []).some((c) => c.id === state.patient.usual_clinician_id)
      ? [{ value: state.patient.usual_clinician_id, label: state.patient.usual_clinician_name ?? "A former clinician" }]
      : []),
  ];

  const context = { dateFormat: info.date_format, today: info.today };
  const hints = validatePatientForm(values, context);

  const valueOf = (field: string): string => {
    const phone = /^phones\.(\d+)$/.exec(field);
    if (phone) return values.phones[Number(phone[1])] ?? "";
    if (field === "phones" || field === "sex") return "";
    return values[field as PatientTextField];
  };

  // Server errors always show; hints after a submit attempt, or once a filled-in field is left.
  const errorFor = (field: string): string | undefined => {
    const server = serverErrors[field];
    if (server) return server;
    const hint = hints[field];
    if (!hint) return undefined;
    return submitted || (blurred[field] && valueOf(field).trim() !== "") ? hint : undefined;
  };

  const clearServerError = (field: string) => {
    // A phone's own error, and the error about the phone list as a whole, go once a phone is edited.
    setServerErrors((current) =>
      withoutFields(current, (key) => key === field || (field.startsWith("phones") && key === "phones")),
    );
  };

  const setText = (field: PatientTextField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    clearServerError(field);
  };

  const setPhone = (index: number, value: string) => {
    setValues((current) => ({ ...current, phones: current.phones.map((phone, i) => (i === index ? value : phone)) }));
    clearServerError(`phones.${index}`);
  };

  const addPhone = () => {
    setValues((current) => ({ ...current, phones: [...current.phones, ""] }));
    focusField(`phones.${values.phones.length}`);
  };

  const removePhone = (index: number) => {
    setValues((current) => ({ ...current, phones: current.phones.filter((_, i) => i !== index) }));
    // Indexes shift: errors keyed by the old indexes no longer apply.
    setServerErrors((current) => withoutFields(current, (key) => key.startsWith("phones")));
    setBlurred((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith("phones"))));
  };

  const onBlur = (field: string) => () => setBlurred((current) => (current[field] ? current : { ...current, [field]: true }));

  const fail = (error: ApiError) => {
    const mapped = fieldErrorFromApi(error, isPatientField);
    if (mapped) {
      setDuplicates(null);
      setServerErrors({ [mapped.field]: mapped.message });
      focusField(mapped.field === "phones" ? "phones.0" : mapped.field);
    } else {
      setFormError(error);
    }
  };

  const onChosen = state.kind === "register" ? state.onChosen : undefined;

  const finish = (patient: Patient, registered: boolean) => {
    onClose();
    if (onChosen) onChosen(patient);
    else navigate(`/patients/${patient.id}`);
    if (registered) notifySuccess("Patient registered", `${displayName(patient)} — MRN ${patient.mrn}`);
    else notifySuccess("Changes saved", `${displayName(patient)} (${patient.mrn})`);
  };

  const send = (allowDuplicate: boolean) => {
    setFormError(null);
    const patient = toPatientInput(values, info.date_format);
    if (state.kind === "register") {
      register.mutate(
        { patient, allow_duplicate: allowDuplicate },
        {
          onSuccess: (response) => {
            if (response.outcome === "registered") finish(response.patient, true);
            else setDuplicates(response.candidates);
          },
          onError: fail,
        },
      );
    } else {
      update.mutate({ id: state.patient.id, patient }, { onSuccess: (saved) => finish(saved, false), onError: fail });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setSubmitted(true);
    const invalid = firstInvalid(hints);
    if (invalid) {
      focusField(invalid);
      return;
    }
    send(false);
  };

  if (duplicates) {
    return (
      <DuplicateCandidates
        candidates={duplicates}
        pending={pending}
        error={formError}
        onOpen={(id) => {
          onClose();
          const existing = duplicates.find((candidate) => candidate.id === id);
          if (onChosen && existing) onChosen(existing);
          else navigate(`/patients/${id}`);
        }}
        onBack={() => setDuplicates(null)}
        onRegisterAnyway={() => send(true)}
        openLabel={onChosen ? "Use this patient" : undefined}
      />
    );
  }

  const dob = parseDateInput(values.date_of_birth, info.date_format);
  const age = dob ? describeAgeIso(toIso(dob), info.today) : null;
  const pattern = datePattern(info.date_format);

  const text = (
    field: PatientTextField,
    label: string,
    extra: { required?: boolean; placeholder?: string; description?: ReactNode; "data-autofocus"?: boolean } = {},
  ) => (
    <TextInput
      id={fieldId(field)}
      data-testid={field}
      label={label}
      value={values[field]}
      onChange={(event) => setText(field, event.currentTarget.value)}
      onBlur={onBlur(field)}
      error={errorFor(field)}
      disabled={pending}
      inputWrapperOrder={["label", "input", "description", "error"]}
      {...extra}
    />
  );

  const area = (field: PatientTextField, label: string, placeholder: string) => (
    <Textarea
      id={fieldId(field)}
      data-testid={field}
      label={label}
      placeholder={placeholder}
      value={values[field]}
      onChange={(event) => setText(field, event.currentTarget.value)}
      error={errorFor(field)}
      disabled={pending}
    />
  );

  return (
    <form data-testid="patient-form" noValidate onSubmit={onSubmit}>
      <Stack gap="lg">
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={20} />} title="Could not save the patient" role="alert">
            {formError.message}
          </Alert>
        )}

        <Section title="Identity">
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            {text("first_name", "First name", { required: true, "data-autofocus": true })}
            {text("last_name", "Last name", { required: true })}
            {text("date_of_birth", "Date of birth", {
              required: true,
              placeholder: pattern,
              description: age ? `Age: ${age}` : `Type as ${pattern}`,
            })}
            <Input.Wrapper label="Sex" labelElement="div">
              <SegmentedControl<Sex>
                data-testid="sex"
                fullWidth
                value={values.sex}
                onChange={(sex) => setValues((current) => ({ ...current, sex }))}
                disabled={pending}
                data={(Object.keys(SEX_LABELS) as Sex[]).map((value) => ({ value, label: SEX_LABELS[value] }))}
              />
            </Input.Wrapper>
            {text("national_id", "National ID")}
          </SimpleGrid>
        </Section>

        <Section title="Contact">
          <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
            <Stack gap="xs">
              {values.phones.map((phone, index) => (
                <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
                  <TextInput
                    id={fieldId(`phones.${index}`)}
                    data-testid={`phone-${index}`}
                    label={index === 0 ? "Phone numbers" : undefined}
                    aria-label={index === 0 ? undefined : `Phone number ${index + 1}`}
                    placeholder={index === 0 ? "e.g. 0712 345 678" : "Another number"}
                    inputMode="tel"
                    value={phone}
                    onChange={(event) => setPhone(index, event.currentTarget.value)}
                    onBlur={onBlur(`phones.${index}`)}
                    error={errorFor(`phones.${index}`)}
                    disabled={pending}
                    style={{ flex: 1 }}
                  />
                  {values.phones.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size="lg"
                      mt={index === 0 ? 24 : 0}
                      aria-label={`Remove phone number ${index + 1}`}
                      onClick={() => removePhone(index)}
                      disabled={pending}
                    >
                      <IconTrash size={18} />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {errorFor("phones") && (
                <Text c="red" size="xs" role="alert">
                  {errorFor("phones")}
                </Text>
              )}
              {values.phones.length < MAX_PHONES && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconPlus size={16} />}
                  onClick={addPhone}
                  disabled={pending}
                  style={{ alignSelf: "flex-start" }}
                >
                  Add another number
                </Button>
              )}
            </Stack>
            <Stack gap="sm">
              {text("email", "Email", { placeholder: "name@example.com" })}
              {area("address", "Address", "Street, town")}
            </Stack>
          </SimpleGrid>
        </Section>

        <Section title="Clinical background">
          <SimpleGrid cols={3} spacing="md">
            {area("medical_history", "Medical history", "e.g. diabetes, hypertension, eye surgery")}
            {area("allergies", "Allergies", "e.g. penicillin, latex")}
            {area("current_medications", "Current medications", "Drops and tablets taken now")}
          </SimpleGrid>
        </Section>

        <Section title="Emergency contact">
          <SimpleGrid cols={2} spacing="md">
            {text("emergency_contact_name", "Name")}
            {text("emergency_contact_phone", "Phone")}
          </SimpleGrid>
        </Section>

        <Section title="Care">
          <SimpleGrid cols={2} spacing="md">
            <Select
              id={fieldId("usual_clinician_id")}
              label="Usual clinician"
              description="Proposed first when booking"
              placeholder="None"
              data={clinicianChoices}
              value={values.usual_clinician_id === "" ? null : values.usual_clinician_id}
              onChange={(id) => setText("usual_clinician_id", id ?? "")}
              error={errorFor("usual_clinician_id")}
              clearable
              disabled={pending}
              data-testid="patient-usual-clinician"
            />
          </SimpleGrid>
        </Section>

        <Group
          justify="space-between"
          pt="md"
          style={{
            position: "sticky",
            bottom: 0,
            background: "var(--mantine-color-body)",
            borderTop: "1px solid var(--mantine-color-gray-3)",
            paddingBottom: "var(--mantine-spacing-xs)",
            zIndex: 1,
          }}
        >
          <Text size="xs" c="dimmed">
            <Shortcut keys={["Enter"]} /> saves · <Shortcut keys={["Esc"]} /> cancels
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" data-testid="submit-patient" loading={pending}>
              {state.kind === "register" ? "Register patient" : "Save changes"}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: "0.05em" }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}
