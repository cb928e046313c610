import { Alert, Button, Group, List, Loader, Modal, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconArrowsExchange } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useClinicians, useReassign, useReassignPreview, type ApiError } from "../../api";
import type { ReassignRequest } from "../../bindings/ReassignRequest";
import { notifySuccess } from "../../components/notify";
import { fieldErrorFromApi, withoutFields, type FieldErrors } from "../../lib/formErrors";
import { longDay } from "./time";

/** What is handed to another clinician: one appointment, or everything of one clinician's day. */
export type ReassignTarget =
  | { kind: "appointment"; appointmentId: string; fromClinicianId: string; title: string; toClinicianId?: string | null; note?: string | null }
  | { kind: "day"; fromClinicianId: string; fromName: string; day: string };

const FIELDS = ["to_clinician_id", "reason", "overbook_reason", "appointment_id", "from_clinician_id", "day"];

function request(target: ReassignTarget, to: string, reason: string | null, overbook: string | null): ReassignRequest {
  return target.kind === "appointment"
    ? { appointment_id: target.appointmentId, from_clinician_id: null, day: null, to_clinician_id: to, reason, overbook_reason: overbook }
    : { appointment_id: null, from_clinician_id: target.fromClinicianId, day: target.day, to_clinician_id: to, reason, overbook_reason: overbook };
}

/** Choose the new clinician, see what moves and where they are busy, say why, confirm. */
export function ReassignModal({ target, onClose }: { target: ReassignTarget | null; onClose: () => void }) {
  const title = target?.kind === "day" ? `Move ${target.fromName}’s day` : "Reassign the appointment";
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={title}
      size={560}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      closeButtonProps={{ "aria-label": "Cancel" }}
      transitionProps={{ duration: 120 }}
    >
      {target && <ReassignForm key={target.kind === "day" ? `${target.fromClinicianId}|${target.day}` : target.appointmentId} target={target} onClose={onClose} />}
    </Modal>
  );
}

function ReassignForm({ target, onClose }: { target: ReassignTarget; onClose: () => void }) {
  const clinicians = useClinicians();
  const [to, setTo] = useState<string | null>(target.kind === "appointment" ? (target.toClinicianId ?? null) : null);
  const [reason, setReason] = useState("");
  const [overbook, setOverbook] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const preview = useReassignPreview(to ? request(target, to, null, null) : null);
  const reassign = useReassign();
  const plan = preview.data;
  const clashes = plan?.clashes ?? [];
  const previewError: ApiError | null = preview.error ?? null;
  const previewField = previewError ? fieldErrorFromApi(previewError, (f) => FIELDS.includes(f)) : null;

  const toError = serverErrors.to_clinician_id ?? (previewField?.field === "to_clinician_id" ? previewField.message : undefined) ?? (submitted && !to ? "Choose the clinician who takes over." : undefined);
  const reasonError = serverErrors.reason ?? (submitted && reason.trim() === "" ? "Say why they move." : undefined);
  const overbookError = serverErrors.overbook_reason ?? (submitted && clashes.length > 0 && overbook.trim() === "" ? "Give a reason to overbook, or choose someone else." : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (!to || reason.trim() === "" || (clashes.length > 0 && overbook.trim() === "") || !plan) return;
    reassign.mutate(request(target, to, reason.trim(), clashes.length > 0 ? overbook.trim() : null), {
      onSuccess: (moved) => {
        const n = moved.appointments.length;
        notifySuccess(
          "Moved to another clinician",
          `${n} appointment${n === 1 ? "" : "s"}${moved.visits > 0 ? ` and ${moved.visits} waiting patient${moved.visits === 1 ? "" : "s"}` : ""} now with ${moved.to_clinician_name}.`,
        );
        onClose();
      },
      onError: (error) => {
        const mapped = fieldErrorFromApi(error, (f) => FIELDS.includes(f));
        if (mapped && ["to_clinician_id", "reason", "overbook_reason"].includes(mapped.field)) setServerErrors({ [mapped.field]: mapped.message });
        else setFormError(error.message);
        void preview.refetch();
      },
    });
  };

  const choices = (clinicians.data?.clinicians ?? []).filter((c) => c.id !== target.fromClinicianId).map((c) => ({ value: c.id, label: c.full_name }));

  return (
    <form onSubmit={submit} noValidate data-testid="reassign-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {target.kind === "day"
            ? `${longDay(target.day)}: scheduled appointments and patients still waiting move; anyone already with the doctor stays.`
            : target.title}
        </Text>
        {target.kind === "appointment" && target.note && (
          <Text size="xs" c="dimmed">
            {target.note}
          </Text>
        )}
        {formError && (
          <Alert color="red" role="alert" p="xs" data-testid="reassign-error">
            {formError}
          </Alert>
        )}
        <Select
          label="New clinician"
          data={choices}
          value={to}
          onChange={(id) => {
            setTo(id);
            setServerErrors({});
            setFormError(null);
          }}
          error={toError}
          placeholder={clinicians.isLoading ? "Loading…" : "Choose"}
          allowDeselect={false}
          withAsterisk
          data-autofocus
          data-testid="reassign-to"
        />
        {to && preview.isFetching && plan === undefined && <Loader size="sm" />}
        {previewError && !previewField && (
          <Alert color="orange" p="xs" data-testid="reassign-preview-error">
            {previewError.message}
          </Alert>
        )}
        {to && plan && !previewError && (
          <Stack gap={4} data-testid="reassign-preview">
            <Text size="sm" fw={600}>
              {plan.appointments.length === 0
                ? "Nothing to move."
                : `${plan.appointments.length} appointment${plan.appointments.length === 1 ? "" : "s"} move to ${plan.to_clinician_name}${plan.visits > 0 ? `, with ${plan.visits} waiting patient${plan.visits === 1 ? "" : "s"}` : ""}:`}
            </Text>
            <List size="sm" spacing={2}>
              {plan.appointments.map((a) => (
                <List.Item key={a.id} data-testid="reassign-moving">
                  {a.start_time} {a.patient_name} ({a.patient_mrn})
                </List.Item>
              ))}
            </List>
            {plan.kept.length > 0 && (
              <Text size="xs" c="dimmed" data-testid="reassign-kept">
                Staying with {plan.from_clinician_name}: {plan.kept.map((k) => `${k.appointment.start_time} ${k.appointment.patient_name} (${k.why.replace(/\.$/, "").toLowerCase()})`).join("; ")}.
              </Text>
            )}
          </Stack>
        )}
        {clashes.length > 0 && (
          <Alert color="orange" icon={<IconAlertTriangle size={20} />} title={`${plan?.to_clinician_name ?? "The new clinician"} is busy then`} data-testid="reassign-clashes">
            <Stack gap="xs">
              <List size="sm" spacing={2}>
                {clashes.map((c) => (
                  <List.Item key={c.appointment_id}>
                    {c.start_time} {c.patient_name} — already booked: {c.with_start_time} {c.with_patient_name}
                  </List.Item>
                ))}
              </List>
              <TextInput
                label="Reason for overbooking"
                value={overbook}
                onChange={(e) => {
                  setOverbook(e.currentTarget.value);
                  setServerErrors((s) => withoutFields(s, (f) => f === "overbook_reason"));
                }}
                error={overbookError}
                data-testid="reassign-overbook-reason"
              />
            </Stack>
          </Alert>
        )}
        <Textarea
          label="Why do they move?"
          placeholder="e.g. Dr Okafor called to theatre"
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setServerErrors((s) => withoutFields(s, (f) => f === "reason"));
          }}
          error={reasonError}
          withAsterisk
          autosize
          minRows={2}
          data-testid="reassign-reason"
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={reassign.isPending}>
            Cancel
          </Button>
          <Button
            type="submit"
            loading={reassign.isPending}
            disabled={!!plan && plan.appointments.length === 0}
            color={clashes.length > 0 ? "orange" : undefined}
            leftSection={<IconArrowsExchange size={18} />}
            data-testid="reassign-confirm"
          >
            {clashes.length > 0 ? "Overbook and move" : "Move"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
