import { Anchor, Button, Group, Modal, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState, type FormEvent } from "react";

import { useClinicians, useWalkIn, type ApiError } from "../../api";
import { useShell } from "../../app/shell";
import { ErrorAlert } from "../../components/ErrorAlert";
import type { PatientChoice } from "./bookingForm";
import { PatientChooser } from "./PatientChooser";

/** A patient who came without an appointment: booked into now and checked in, straight onto the board. */
export function WalkInModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { editorOpen } = useShell();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Walk-in patient"
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      size={600}
      padding="lg"
      transitionProps={{ duration: 120 }}
      // While the registration form is open on top, Escape and focus belong to it.
      closeOnEscape={!editorOpen}
      trapFocus={!editorOpen}
    >
      {opened && <WalkInForm onClose={onClose} />}
    </Modal>
  );
}

function WalkInForm({ onClose }: { onClose: () => void }) {
  const clinicians = useClinicians();
  const walkIn = useWalkIn();
  const [patient, setPatient] = useState<PatientChoice | null>(null);
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setError(null);
    if (!patient || !clinicianId) return;
    walkIn.mutate(
      { patient_id: patient.id, clinician_id: clinicianId, reason: reason.trim() || null },
      {
        onSuccess: (appointment) => {
          onClose();
          notifications.show({
            color: "teal",
            title: "Walk-in checked in",
            autoClose: 8000,
            message: (
              <Text size="sm">
                {appointment.patient_name} ({appointment.patient_mrn}) is waiting for {appointment.clinician_name}.{" "}
                {/* The notification lives outside the router: a plain hash link works anywhere. */}
                <Anchor href="#/queue" size="sm" data-testid="walk-in-open-board">
                  Open the queue board
                </Anchor>
              </Text>
            ),
          });
        },
        onError: setError,
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="walk-in-form">
      <Stack gap="md">
        {error && <ErrorAlert error={error} title="Could not check in the walk-in" />}
        <PatientChooser value={patient} onChange={setPatient} error={submitted && !patient ? "Find the patient, or register them." : undefined} autoFocus />
        <Select
          label="Clinician"
          data={(clinicians.data?.clinicians ?? []).map((c) => ({ value: c.id, label: c.full_name }))}
          value={clinicianId}
          onChange={setClinicianId}
          error={submitted && !clinicianId ? "Choose a clinician." : undefined}
          withAsterisk
          allowDeselect={false}
          data-testid="walk-in-clinician"
        />
        <TextInput label="Reason for visit" value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="walk-in-reason" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={walkIn.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={walkIn.isPending} data-testid="walk-in-submit">
            Check in now
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
