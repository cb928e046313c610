import { Badge, Button, Card, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconCalendarPlus, IconDoorEnter } from "@tabler/icons-react";
import { useState } from "react";
import { useLocation } from "wouter";

import { usePatientAppointments, useSetAppointmentStatus } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Appointment } from "../../bindings/Appointment";
import type { Patient } from "../../bindings/Patient";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError, notifySuccess } from "../../components/notify";
import { AppointmentDrawer } from "./AppointmentDrawer";
import { BookingModal, type BookingDraft } from "./BookingModal";
import { actionsFor, KIND_LABELS, STATUS_COLORS, STATUS_LABELS } from "./kinds";
import { longDay, relativeDay } from "./time";

/** A patient's upcoming and recent appointments, with booking and check-in at hand. Only for the book's users. */
export function PatientAppointmentsPanel({ patient }: { patient: Patient }) {
  const can = useCan("manage_appointments");
  return can ? <Panel patient={patient} /> : null;
}

function Panel({ patient }: { patient: Patient }) {
  const info = useClinic();
  const [, navigate] = useLocation();
  const list = usePatientAppointments(patient.id);
  const status = useSetAppointmentStatus();
  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);

  const checkIn = (a: Appointment) =>
    status.mutate(
      { id: a.id, status: "checked_in" },
      {
        onSuccess: (saved) => notifySuccess("Checked in", `${saved.patient_name} is on the queue board.`),
        onError: (error) => notifyError(error, "Could not check in"),
      },
    );

  const book = () =>
    setDraft({
      key: Date.now(),
      date: info.today,
      time: "",
      clinicianId: null,
      patient: { id: patient.id, mrn: patient.mrn, first_name: patient.first_name, last_name: patient.last_name, date_of_birth: patient.date_of_birth },
    });

  const when = (a: Appointment) => {
    const near = relativeDay(a.clinic_day, info.today);
    return `${near ? `${near[0]?.toUpperCase()}${near.slice(1)}, ` : ""}${longDay(a.clinic_day)} · ${a.start_time}`;
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="patient-appointments">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Appointments</Title>
        <Button size="xs" leftSection={<IconCalendarPlus size={16} />} onClick={book} disabled={patient.archived} data-testid="patient-book-appointment">
          Book appointment
        </Button>
      </Group>
      {list.isError ? (
        <ErrorAlert error={list.error} title="Could not load the appointments" onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton height={80} />
      ) : (
        <Stack gap="md">
          {list.data.upcoming.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="patient-no-upcoming">
              Nothing booked ahead.
            </Text>
          ) : (
            <Stack gap="xs">
              {list.data.upcoming.map((a) => {
                const actions = actionsFor(a, info.today);
                return (
                  <Group key={a.id} justify="space-between" wrap="nowrap" data-testid="patient-upcoming" data-status={a.status}>
                    <Stack gap={0}>
                      <Text fw={600} size="sm">
                        {when(a)}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {a.clinician_name} · {KIND_LABELS[a.kind]}
                        {a.reason ? ` · ${a.reason}` : ""}
                      </Text>
                    </Stack>
                    <Group gap="xs" wrap="nowrap">
                      <Badge color={STATUS_COLORS[a.status]} variant="light">
                        {STATUS_LABELS[a.status]}
                      </Badge>
                      {actions.checkIn && (
                        <Button size="xs" leftSection={<IconDoorEnter size={16} />} onClick={() => checkIn(a)} loading={status.isPending} data-testid="patient-checkin">
                          Check in
                        </Button>
                      )}
                      {actions.cancel && (
                        <Button size="xs" variant="default" color="red" onClick={() => setCancelling(a)} data-testid="patient-appointment-cancel">
                          Cancel
                        </Button>
                      )}
                      <Button size="xs" variant="subtle" onClick={() => navigate(`/book/${a.clinic_day}/${a.id}`)} data-testid="patient-appointment-open">
                        Open in book
                      </Button>
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          )}
          {list.data.recent.length > 0 && (
            <Stack gap={4}>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
                Recent
              </Text>
              <Table verticalSpacing={4} fz="sm">
                <Table.Tbody>
                  {list.data.recent.map((a) => (
                    <Table.Tr key={a.id} data-testid="patient-recent">
                      <Table.Td>{longDay(a.clinic_day)}</Table.Td>
                      <Table.Td ff="monospace">{a.start_time}</Table.Td>
                      <Table.Td>{a.clinician_name}</Table.Td>
                      <Table.Td>{KIND_LABELS[a.kind]}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" color={STATUS_COLORS[a.status]} variant="light">
                          {STATUS_LABELS[a.status]}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </Stack>
      )}
      <BookingModal draft={draft} opened={draft !== null} onClose={() => setDraft(null)} />
      <AppointmentDrawer appointment={cancelling} startWithCancel onClose={() => setCancelling(null)} />
    </Card>
  );
}
