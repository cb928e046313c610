import { Alert, Button, Chip, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Input } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useBookAppointment, useClinicians, useSchedule, useSlots, type ApiError } from "../../api";
import { useShell } from "../../app/shell";
import type { Appointment } from "../../bindings/Appointment";
import type { AppointmentKind } from "../../bindings/AppointmentKind";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { notifySuccess } from "../../components/notify";
import { Shortcut } from "../../components/Shortcut";
import { fieldErrorFromApi, withoutFields, type FieldErrors } from "../../lib/formErrors";
import { displayName } from "../patients/format";
import { isBookingField, toBookRequest, validateBooking, validateOverbook, type BookingValues, type PatientChoice } from "./bookingForm";
import { BOOKABLE_KINDS, KIND_LABELS, lengthForKind } from "./kinds";
import { PatientChooser } from "./PatientChooser";
import { longDay } from "./time";

/** Where a booking starts: a free time clicked in the book, or a patient's page. */
export interface BookingDraft {
  key: number;
  date: string | null;
  time: string;
  clinicianId: string | null;
  patient: PatientChoice | null;
}

export function BookingModal({
  draft,
  opened,
  onClose,
  onBooked,
}: {
  draft: BookingDraft | null;
  opened: boolean;
  onClose: () => void;
  onBooked?: (appointment: Appointment) => void;
}) {
  const { editorOpen } = useShell();
  return (
    <Modal
      opened={opened && draft !== null}
      onClose={onClose}
      title="Book an appointment"
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      size={720}
      padding="lg"
      closeButtonProps={{ "aria-label": "Cancel" }}
      transitionProps={{ duration: 120 }}
      // While the registration form is open on top, Escape and focus belong to it.
      closeOnEscape={!editorOpen}
      trapFocus={!editorOpen}
    >
      {draft && <BookingForm key={draft.key} draft={draft} onClose={onClose} onBooked={onBooked} />}
    </Modal>
  );
}

function BookingForm({ draft, onClose, onBooked }: { draft: BookingDraft; onClose: () => void; onBooked?: (a: Appointment) => void }) {
  const [values, setValues] = useState<BookingValues>({
    patient: draft.patient,
    clinicianId: draft.clinicianId,
    date: draft.date,
    time: draft.time,
    kind: "follow_up",
    length: "",
    reason: "",
    notes: "",
  });
  // The core lists the patient's usual clinician first; until someone picks a clinician, booking proposes them.
  const clinicians = useClinicians(values.patient?.id ?? null);
  const usual = clinicians.data?.usual_clinician_id ?? null;
  const clinicianId = values.clinicianId ?? usual;
  const schedule = useSchedule(clinicianId);
  const slots = useSlots(clinicianId, values.date, values.kind);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  // The core's clash message; while set, submitting overbooks and needs a reason.
  const [clash, setClash] = useState<string | null>(null);
  const [overbookReason, setOverbookReason] = useState("");
  const book = useBookAppointment();

  // Until the length is typed, it follows the kind and the clinician's schedule.
  const [lengthTyped, setLengthTyped] = useState(false);
  const scheduleLength = lengthForKind(schedule.data, values.kind);
  const length = lengthTyped ? values.length : String(scheduleLength);
  const current: BookingValues = { ...values, clinicianId, length };

  const hints = validateBooking(current);
  const overbookError = clash !== null && submitted ? validateOverbook(overbookReason) : null;
  const errorFor = (field: string) => serverErrors[field] ?? (submitted ? hints[field] : undefined);

  const set = <K extends keyof BookingValues>(field: K, value: BookingValues[K], requestField: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setServerErrors((e) => withoutFields(e, (key) => key === requestField));
    // A different time, length or clinician may not clash: ask the core again before offering to overbook.
    if (["clinicianId", "date", "time", "length", "kind"].includes(field)) setClash(null);
  };

  const clinician = clinicians.data?.clinicians.find((c) => c.id === clinicianId);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (book.isPending) return;
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(hints).length > 0) return;
    if (clash !== null && validateOverbook(overbookReason) !== null) {
      document.getElementById("booking-overbook-reason")?.focus();
      return;
    }
    book.mutate(toBookRequest(current, clash === null ? null : overbookReason), {
      onSuccess: (appointment) => {
        notifySuccess(
          appointment.overbook_reason ? "Overbooked" : "Appointment booked",
          `${appointment.patient_name} with ${appointment.clinician_name}, ${longDay(appointment.clinic_day)} at ${appointment.start_time}`,
        );
        onClose();
        onBooked?.(appointment);
      },
      onError: (error) => {
        if (error.code === "conflict") {
          setClash(error.message);
          setSubmitted(false);
          window.setTimeout(() => document.getElementById("booking-overbook-reason")?.focus(), 0);
          return;
        }
        const mapped = fieldErrorFromApi(error, isBookingField);
        if (mapped) setServerErrors({ [mapped.field]: mapped.message });
        else setFormError(error);
      },
    });
  };

  const patientName = values.patient ? displayName(values.patient) : null;

  return (
    <form data-testid="booking-form" noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={20} />} title="Could not book" role="alert">
            {formError.message}
          </Alert>
        )}
        <PatientChooser
          value={values.patient}
          onChange={(p) => set("patient", p, "patient_id")}
          error={errorFor("patient_id")}
          autoFocus={draft.patient === null}
        />
        <SimpleGrid cols={3} spacing="md">
          <Select
            label="Clinician"
            data={(clinicians.data?.clinicians ?? []).map((c) => ({ value: c.id, label: c.id === usual ? `${c.full_name} (usual)` : c.full_name }))}
            value={clinicianId}
            onChange={(id) => set("clinicianId", id, "clinician_id")}
            error={errorFor("clinician_id")}
            placeholder={clinicians.isLoading ? "Loading…" : "Choose"}
            allowDeselect={false}
            withAsterisk
            data-testid="booking-clinician"
            data-autofocus={draft.patient !== null && draft.clinicianId === null ? true : undefined}
          />
          <ClinicDateInput
            label="Day"
            value={values.date}
            onChange={(iso) => set("date", iso, "date")}
            error={errorFor("date")}
            withAsterisk
            data-testid="booking-date"
          />
          <TextInput
            label="Time"
            placeholder="HH:MM"
            value={values.time}
            onChange={(e) => set("time", e.currentTarget.value, "time")}
            error={errorFor("time")}
            withAsterisk
            data-testid="booking-time"
          />
        </SimpleGrid>
        <FreeSlots
          loading={slots.isFetching}
          closedReason={slots.data?.closed_reason ?? null}
          times={slots.data?.slots.map((s) => s.time) ?? null}
          value={values.time}
          onPick={(time) => set("time", time, "time")}
        />
        <Group align="flex-start" gap="md" wrap="nowrap">
          <Input.Wrapper label="Kind of appointment" style={{ flex: 1 }}>
            <SegmentedControl<AppointmentKind>
              fullWidth
              value={values.kind}
              onChange={(kind) => {
                set("kind", kind, "kind");
                setLengthTyped(false);
              }}
              data={BOOKABLE_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
              data-testid="booking-kind"
            />
          </Input.Wrapper>
          <TextInput
            label="Length (minutes)"
            inputMode="numeric"
            w={150}
            value={length}
            onChange={(e) => {
              setLengthTyped(true);
              set("length", e.currentTarget.value, "length_minutes");
            }}
            error={errorFor("length_minutes")}
            description={clinician && !lengthTyped ? `From ${clinician.full_name}'s schedule` : undefined}
            inputWrapperOrder={["label", "input", "description", "error"]}
            data-testid="booking-length"
          />
        </Group>
        <TextInput
          label="Reason for visit"
          placeholder="e.g. pressure check, blurred vision"
          value={values.reason}
          onChange={(e) => set("reason", e.currentTarget.value, "reason")}
          error={errorFor("reason")}
          data-testid="booking-reason"
        />
        <Textarea
          label="Notes"
          placeholder="For the clinic, e.g. needs a wheelchair"
          autosize
          minRows={2}
          value={values.notes}
          onChange={(e) => set("notes", e.currentTarget.value, "notes")}
          error={errorFor("notes")}
          data-testid="booking-notes"
        />
        {clash !== null && (
          <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="This time is taken" role="alert" data-testid="booking-clash">
            <Stack gap="xs">
              <Text size="sm">{clash}</Text>
              <TextInput
                id="booking-overbook-reason"
                label="Reason for overbooking"
                placeholder="e.g. urgent, referred today"
                value={overbookReason}
                onChange={(e) => setOverbookReason(e.currentTarget.value)}
                error={overbookError ?? undefined}
                data-testid="booking-overbook-reason"
              />
            </Stack>
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Shortcut keys={["Enter"]} /> books · <Shortcut keys={["Esc"]} /> cancels
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onClose} disabled={book.isPending}>
              Cancel
            </Button>
            <Button type="submit" loading={book.isPending} color={clash ? "orange" : undefined} data-testid="booking-submit">
              {clash ? "Overbook" : patientName ? `Book ${patientName}` : "Book"}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** The clinician's free times that day for this kind, as one-click chips. */
function FreeSlots({
  loading,
  closedReason,
  times,
  value,
  onPick,
}: {
  loading: boolean;
  closedReason: string | null;
  times: string[] | null;
  value: string;
  onPick: (time: string) => void;
}) {
  if (times === null) {
    return loading ? (
      <Text size="sm" c="dimmed">
        Looking for free times…
      </Text>
    ) : null;
  }
  if (closedReason) {
    return (
      <Text size="sm" c="orange.8" data-testid="booking-closed">
        {closedReason}
      </Text>
    );
  }
  if (times.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No free times left that day.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Free times
      </Text>
      <Group gap={6} data-testid="booking-free-slots">
        {times.map((time) => (
          <Chip key={time} size="xs" checked={time === value} onChange={() => onPick(time)} data-testid="booking-free-slot">
            {time}
          </Chip>
        ))}
      </Group>
    </Stack>
  );
}
