import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconArrowsExchange, IconCalendarTime, IconDoorEnter, IconLayoutKanban, IconPlayerPlay, IconCheck, IconUserX, IconX } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { useRescheduleAppointment, useSetAppointmentStatus, type ApiError } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Appointment } from "../../bindings/Appointment";
import type { AppointmentStatus } from "../../bindings/AppointmentStatus";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { Detail } from "../../components/Details";
import { notifyError, notifySuccess } from "../../components/notify";
import { fieldErrorFromApi, type FieldErrors } from "../../lib/formErrors";
import { toRescheduleRequest, validateOverbook, validateWhen, type WhenValues } from "./bookingForm";
import { actionsFor, KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from "./kinds";
import { longDay, minutesBetween } from "./time";

/** A move the book wants to make (a block dropped on a new time) that needs the person to finish it. */
export interface PendingMove {
  when: WhenValues;
  clash: string;
}

/** One appointment: what it is, and what can be done to it now. */
export function AppointmentDrawer({
  appointment,
  pendingMove,
  startWithCancel = false,
  onClose,
  onReassign,
}: {
  appointment: Appointment | null;
  /** Hand the appointment to another clinician (the book opens its reassign dialog). */
  onReassign?: (appointment: Appointment) => void;
  pendingMove?: PendingMove | null;
  /** Opens straight on the cancel form (a Cancel button elsewhere). */
  startWithCancel?: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={appointment !== null}
      onClose={onClose}
      position="right"
      size={460}
      title="Appointment"
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 700 } }}
      closeButtonProps={{ "aria-label": "Close" }}
      transitionProps={{ duration: 120 }}
    >
      {appointment && <Details key={appointment.id} initial={appointment} pendingMove={pendingMove ?? null} startWithCancel={startWithCancel} onClose={onClose} onReassign={onReassign} />}
    </Drawer>
  );
}

const STATUS_DONE: Partial<Record<AppointmentStatus, string>> = {
  checked_in: "Checked in",
  in_progress: "Started",
  completed: "Completed",
  no_show: "Marked as a no-show",
  cancelled: "Appointment cancelled",
};

function Details({
  initial,
  pendingMove,
  startWithCancel,
  onClose,
  onReassign,
}: {
  initial: Appointment;
  pendingMove: PendingMove | null;
  startWithCancel: boolean;
  onClose: () => void;
  onReassign?: (appointment: Appointment) => void;
}) {
  const info = useClinic();
  const canQueue = useCan("use_queue");
  const [appointment, setAppointment] = useState(initial);
  const [mode, setMode] = useState<"view" | "cancel" | "reschedule">(pendingMove ? "reschedule" : startWithCancel ? "cancel" : "view");
  const status = useSetAppointmentStatus();
  const actions = actionsFor(appointment, info.today);
  const length = minutesBetween(appointment.starts_at, appointment.ends_at);

  const change = (next: AppointmentStatus, reason: string | null = null, onError?: (e: ApiError) => void) => {
    status.mutate(
      { id: appointment.id, status: next, reason },
      {
        onSuccess: (saved) => {
          setAppointment(saved);
          setMode("view");
          notifySuccess(STATUS_DONE[next] ?? "Saved", `${saved.patient_name} (${saved.patient_mrn})${next === "checked_in" ? " is on the queue board." : ""}`);
        },
        onError: onError ?? ((error) => notifyError(error, "Could not change the appointment")),
      },
    );
  };

  return (
    <Stack gap="md" data-testid="appointment-details" data-status={appointment.status}>
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Anchor component={Link} href={`/patients/${appointment.patient_id}`} fw={700} size="lg" data-testid="appointment-patient-link">
            {appointment.patient_name}
          </Anchor>
          <Badge color={STATUS_COLORS[appointment.status]} variant="light" size="lg" data-testid="appointment-status">
            {STATUS_LABELS[appointment.status]}
          </Badge>
        </Group>
        <Text ff="monospace" fw={600}>
          {appointment.patient_mrn}
        </Text>
      </Stack>

      <SimpleGrid cols={2} spacing="sm">
        <Detail label="When">
          {longDay(appointment.clinic_day)}
          {"\n"}
          {appointment.start_time} · {length} min
        </Detail>
        <Detail label="With">{appointment.clinician_name}</Detail>
        <Detail label="Kind">{KIND_LABELS[appointment.kind]}</Detail>
        <Detail label="Reason for visit">{appointment.reason}</Detail>
      </SimpleGrid>
      {appointment.notes && <Detail label="Notes">{appointment.notes}</Detail>}
      {appointment.overbook_reason && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Overbooked" p="xs">
          {appointment.overbook_reason}
        </Alert>
      )}
      {appointment.cancel_reason && <Detail label="Why cancelled">{appointment.cancel_reason}</Detail>}

      <Divider />

      {mode === "view" && (
        <Stack gap="xs">
          <Group gap="xs">
            {actions.checkIn && (
              <Button leftSection={<IconDoorEnter size={18} />} onClick={() => change("checked_in")} loading={status.isPending} data-testid="appointment-checkin">
                Check in
              </Button>
            )}
            {actions.start && (
              <Button variant="light" leftSection={<IconPlayerPlay size={18} />} onClick={() => change("in_progress")} loading={status.isPending} data-testid="appointment-start">
                Start
              </Button>
            )}
            {actions.complete && (
              <Button variant="light" leftSection={<IconCheck size={18} />} onClick={() => change("completed")} loading={status.isPending} data-testid="appointment-complete">
                Complete
              </Button>
            )}
            {actions.reschedule && (
              <Button variant="default" leftSection={<IconCalendarTime size={18} />} onClick={() => setMode("reschedule")} data-testid="appointment-reschedule">
                Change time
              </Button>
            )}
            {onReassign && (appointment.status === "scheduled" || appointment.status === "checked_in") && (
              <Button variant="default" leftSection={<IconArrowsExchange size={18} />} onClick={() => onReassign(appointment)} data-testid="appointment-reassign">
                Reassign…
              </Button>
            )}
            {actions.noShow && (
              <Button variant="default" color="orange" leftSection={<IconUserX size={18} />} onClick={() => change("no_show")} loading={status.isPending} data-testid="appointment-no-show">
                No-show
              </Button>
            )}
            {actions.cancel && (
              <Button variant="default" color="red" leftSection={<IconX size={18} />} onClick={() => setMode("cancel")} data-testid="appointment-cancel">
                Cancel appointment
              </Button>
            )}
          </Group>
          {appointment.status === "scheduled" && !actions.checkIn && (
            <Text size="xs" c="dimmed">
              Patients are checked in on the day of their appointment.
            </Text>
          )}
          {appointment.visit_id && canQueue && (
            <Button component={Link} href="/queue" variant="subtle" leftSection={<IconLayoutKanban size={18} />} style={{ alignSelf: "flex-start" }} data-testid="appointment-open-board">
              Open the queue board
            </Button>
          )}
        </Stack>
      )}

      {mode === "cancel" && (
        <CancelForm pending={status.isPending} onBack={() => setMode("view")} onCancel={(reason, onError) => change("cancelled", reason, onError)} />
      )}

      {mode === "reschedule" && (
        <RescheduleForm
          appointment={appointment}
          length={length}
          pendingMove={pendingMove}
          onBack={() => (pendingMove ? onClose() : setMode("view"))}
          onSaved={(saved) => {
            setAppointment(saved);
            setMode("view");
          }}
        />
      )}
    </Stack>
  );
}

function CancelForm({
  pending,
  onBack,
  onCancel,
}: {
  pending: boolean;
  onBack: () => void;
  onCancel: (reason: string, onError: (error: ApiError) => void) => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setError("Say why the appointment is cancelled.");
      return;
    }
    onCancel(reason.trim(), (e) => {
      if (e.field === "reason") setError(e.message);
      else notifyError(e, "Could not cancel the appointment");
    });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="cancel-form">
      <Stack gap="sm">
        <Textarea
          label="Why is it cancelled?"
          placeholder="e.g. patient rang, unwell"
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          withAsterisk
          autosize
          minRows={2}
          data-autofocus
          autoFocus
          data-testid="cancel-reason"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onBack} disabled={pending}>
            Keep appointment
          </Button>
          <Button type="submit" color="red" loading={pending} data-testid="cancel-confirm">
            Cancel appointment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const WHEN_FIELDS = ["date", "time", "length_minutes"];

function RescheduleForm({
  appointment,
  length,
  pendingMove,
  onBack,
  onSaved,
}: {
  appointment: Appointment;
  length: number;
  pendingMove: PendingMove | null;
  onBack: () => void;
  onSaved: (saved: Appointment) => void;
}) {
  const [when, setWhen] = useState<WhenValues>(
    pendingMove?.when ?? { date: appointment.clinic_day, time: appointment.start_time, length: String(length) },
  );
  const [clash, setClash] = useState<string | null>(pendingMove?.clash ?? null);
  const [overbookReason, setOverbookReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const reschedule = useRescheduleAppointment();
  const hints = validateWhen(when);
  const errorFor = (field: string) => serverErrors[field] ?? (submitted ? hints[field] : undefined);
  const overbookError = clash !== null && submitted ? validateOverbook(overbookReason) : null;

  const edit = (update: Partial<WhenValues>) => {
    setWhen((w) => ({ ...w, ...update }));
    setClash(null);
    setServerErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(hints).length > 0 || (clash !== null && validateOverbook(overbookReason) !== null)) return;
    reschedule.mutate(toRescheduleRequest(appointment.id, when, clash === null ? null : overbookReason), {
      onSuccess: (saved) => {
        notifySuccess("Appointment moved", `${saved.patient_name}: ${longDay(saved.clinic_day)} at ${saved.start_time}`);
        onSaved(saved);
      },
      onError: (error) => {
        if (error.code === "conflict" && error.field === null && clash === null) {
          setClash(error.message);
          setSubmitted(false);
          return;
        }
        const mapped = fieldErrorFromApi(error, (f) => WHEN_FIELDS.includes(f) || f === "overbook_reason");
        if (mapped) setServerErrors({ [mapped.field]: mapped.message });
        else setFormError(error.message);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="reschedule-form">
      <Stack gap="sm">
        <Text fw={600}>Change the time</Text>
        <Text size="xs" c="dimmed">
          With {appointment.clinician_name}. To hand it to someone else, use Reassign….
        </Text>
        {formError && (
          <Alert color="red" role="alert" p="xs">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={3} spacing="sm">
          <ClinicDateInput label="Day" value={when.date} onChange={(date) => edit({ date })} error={errorFor("date")} data-testid="reschedule-date" />
          <TextInput label="Time" placeholder="HH:MM" value={when.time} onChange={(e) => edit({ time: e.currentTarget.value })} error={errorFor("time")} data-testid="reschedule-time" />
          <TextInput
            label="Minutes"
            inputMode="numeric"
            value={when.length}
            onChange={(e) => edit({ length: e.currentTarget.value })}
            error={errorFor("length_minutes")}
            data-testid="reschedule-length"
          />
        </SimpleGrid>
        {clash !== null && (
          <Alert color="orange" icon={<IconAlertTriangle size={20} />} title="This time is taken" role="alert" data-testid="reschedule-clash">
            <Stack gap="xs">
              <Text size="sm">{clash}</Text>
              <TextInput
                label="Reason for overbooking"
                value={overbookReason}
                onChange={(e) => setOverbookReason(e.currentTarget.value)}
                error={overbookError ?? serverErrors.overbook_reason}
                data-autofocus
                data-testid="reschedule-overbook-reason"
              />
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onBack} disabled={reschedule.isPending}>
            Back
          </Button>
          <Button type="submit" loading={reschedule.isPending} color={clash ? "orange" : undefined} data-testid="reschedule-submit">
            {clash ? "Overbook" : "Move appointment"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
