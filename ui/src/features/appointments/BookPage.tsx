import { ActionIcon, Alert, Button, Group, Paper, Select, Skeleton, Stack, Switch, Text, Title, Tooltip } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import {
  IconCalendarPlus,
  IconChevronLeft,
  IconChevronRight,
  IconClockHour4,
  IconPhoneCall,
  IconUserBolt,
} from "@tabler/icons-react";
import { useState } from "react";
import { Link, useLocation } from "wouter";

import { useClinicians, useRescheduleAppointment } from "../../api";
import { useClinic } from "../../app/clinic";
import { useSession } from "../../app/session";
import { useShell } from "../../app/shell";
import type { Appointment } from "../../bindings/Appointment";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError, notifySuccess } from "../../components/notify";
import { Shortcut } from "../../components/Shortcut";
import { parseIso } from "../../lib/dates";
import { AppointmentDrawer, type PendingMove } from "./AppointmentDrawer";
import type { BookColumn } from "./BookGrid";
import { BookingModal, type BookingDraft } from "./BookingModal";
import { DayView } from "./DayView";
import { ReassignModal, type ReassignTarget } from "./ReassignModal";
import { addDays, longDay, minutesBetween, relativeDay, weekOf } from "./time";
import { WalkInModal } from "./WalkInModal";
import { WeekView } from "./WeekView";

type View = "day" | "week";

/**
 * The appointment book (route `/book/:date?/:appointmentId?`): a day of every clinician, or a week of one. The day
 * lives in the route, so the book opens on the day a link names and the browser's history holds it.
 */
export function BookPage({ date: routeDate, appointmentId }: { date?: string; appointmentId?: string }) {
  const info = useClinic();
  const { locked } = useSession();
  const { editorOpen } = useShell();
  const [, navigate] = useLocation();
  const date = routeDate && parseIso(routeDate) ? routeDate : info.today;
  const clinicians = useClinicians();
  const [view, setView] = useState<View>("day");
  const [weekClinician, setWeekClinician] = useState<string | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const [walkInOpen, setWalkInOpen] = useState(false);
  const [selected, setSelected] = useState<{ appointment: Appointment; move: PendingMove | null } | null>(null);
  const reschedule = useRescheduleAppointment();
  const [reassigning, setReassigning] = useState<ReassignTarget | null>(null);

  const goTo = (iso: string, openId?: string) => navigate(openId ? `/book/${iso}/${openId}` : `/book/${iso}`, { replace: true });
  const step = view === "week" ? 7 : 1;
  const busy = draft !== null || walkInOpen || selected !== null || reassigning !== null || editorOpen || locked;
  const when = (action: () => void) => () => {
    if (!busy) action();
  };
  useHotkeys([
    ["alt+ArrowLeft", when(() => goTo(addDays(date, -step)))],
    ["alt+ArrowRight", when(() => goTo(addDays(date, step)))],
    ["T", when(() => goTo(info.today))],
    ["D", when(() => setView("day"))],
    ["W", when(() => setView("week"))],
    ["N", when(() => openBooking({ date, time: "", clinicianId: null }))],
  ]);

  const openBooking = (start: Omit<BookingDraft, "key" | "patient">) =>
    setDraft({ ...start, patient: null, key: Date.now() });

  const onSlot = (column: BookColumn, time: string) => openBooking({ date: column.date, time, clinicianId: column.clinicianId });

  const onOpen = (appointment: Appointment) => setSelected({ appointment, move: null });

  const closeDetails = () => {
    setSelected(null);
    if (appointmentId) goTo(date);
  };

  const onDrop = (appointment: Appointment, column: BookColumn, time: string) => {
    if (column.clinicianId !== appointment.clinician_id) {
      // Another clinician's column: hand the appointment over (its time is kept; change it afterwards).
      setReassigning({
        kind: "appointment",
        appointmentId: appointment.id,
        fromClinicianId: appointment.clinician_id,
        title: `${appointment.patient_name}, ${longDay(appointment.clinic_day)} at ${appointment.start_time}, now with ${appointment.clinician_name}.`,
        toClinicianId: column.clinicianId,
        note: column.date !== appointment.clinic_day || time !== appointment.start_time ? `The day and time stay as they are; change the time afterwards if needed.` : null,
      });
      return;
    }
    if (column.date === appointment.clinic_day && time === appointment.start_time) return;
    const length = minutesBetween(appointment.starts_at, appointment.ends_at);
    const move = { date: column.date, time, length: String(length) };
    reschedule.mutate(
      { id: appointment.id, date: column.date, time, length_minutes: length, overbook_reason: null },
      {
        onSuccess: (saved) => notifySuccess("Appointment moved", `${saved.patient_name}: ${longDay(saved.clinic_day)} at ${saved.start_time}`),
        // A clash is the person's call: show it with the overbook option.
        onError: (error) => {
          if (error.code === "conflict" && error.field === null && appointment.status === "scheduled") {
            setSelected({ appointment, move: { when: move, clash: error.message } });
          } else notifyError(error, "Could not move the appointment");
        },
      },
    );
  };

  const near = relativeDay(date, info.today);
  const clinicianList = clinicians.data?.clinicians ?? [];
  const weekClinicianShown = clinicianList.find((c) => c.id === weekClinician) ?? clinicianList[0] ?? null;

  return (
    <Stack gap="md" data-testid="book-page">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={2}>Appointment book</Title>
          <Text c="dimmed" data-testid="book-day-label">
            {view === "week" ? `Week of ${longDay(weekOf(date)[0] ?? date)}` : longDay(date)}
            {view === "day" && near ? ` · ${near}` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button variant="light" leftSection={<IconUserBolt size={18} />} onClick={() => setWalkInOpen(true)} data-testid="walk-in">
            Walk-in
          </Button>
          <Button leftSection={<IconCalendarPlus size={18} />} onClick={() => openBooking({ date, time: "", clinicianId: null })} data-testid="book-new">
            New appointment
          </Button>
          <Button component={Link} href="/book/reminders" variant="default" leftSection={<IconPhoneCall size={18} />} data-testid="book-reminders">
            Reminder calls
          </Button>
          <Button component={Link} href="/book/schedules" variant="default" leftSection={<IconClockHour4 size={18} />} data-testid="book-schedules">
            Schedules
          </Button>
        </Group>
      </Group>

      <Paper withBorder radius="md" p="sm">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={view === "week" ? "Previous week (Alt+←)" : "Previous day (Alt+←)"}>
              <ActionIcon variant="default" size="lg" onClick={() => goTo(addDays(date, -step))} aria-label={view === "week" ? "Previous week" : "Previous day"} data-testid="book-prev-day">
                <IconChevronLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <Button variant="default" onClick={() => goTo(info.today)} disabled={date === info.today} data-testid="book-today">
              Today
            </Button>
            <Tooltip label={view === "week" ? "Next week (Alt+→)" : "Next day (Alt+→)"}>
              <ActionIcon variant="default" size="lg" onClick={() => goTo(addDays(date, step))} aria-label={view === "week" ? "Next week" : "Next day"} data-testid="book-next-day">
                <IconChevronRight size={18} />
              </ActionIcon>
            </Tooltip>
            <ClinicDateInput aria-label="Day" value={date} onChange={(iso) => iso && goTo(iso)} w={170} data-testid="book-date" />
          </Group>
          <Group gap="sm" wrap="nowrap">
            {view === "week" && (
              <Select
                aria-label="Clinician"
                data={clinicianList.map((c) => ({ value: c.id, label: c.full_name }))}
                value={weekClinicianShown?.id ?? null}
                onChange={setWeekClinician}
                allowDeselect={false}
                w={220}
                data-testid="book-week-clinician"
              />
            )}
            <Button.Group>
              <Button variant={view === "day" ? "filled" : "default"} onClick={() => setView("day")} aria-pressed={view === "day"} data-testid="book-view-day">
                Day
              </Button>
              <Button variant={view === "week" ? "filled" : "default"} onClick={() => setView("week")} aria-pressed={view === "week"} data-testid="book-view-week">
                Week
              </Button>
            </Button.Group>
            <Switch label="Show cancelled" checked={showCancelled} onChange={(e) => setShowCancelled(e.currentTarget.checked)} data-testid="book-show-cancelled" />
          </Group>
        </Group>
      </Paper>

      {clinicians.isError ? (
        <ErrorAlert error={clinicians.error} title="Could not load the clinicians" onRetry={() => void clinicians.refetch()} />
      ) : clinicians.data === undefined ? (
        <Skeleton height={480} radius="md" data-testid="book-loading" />
      ) : clinicianList.length === 0 ? (
        <Alert color="gray" title="No clinicians to book with" data-testid="book-no-clinicians">
          Appointments are booked with doctors and optometrists. An administrator adds them under Users.
        </Alert>
      ) : view === "day" || weekClinicianShown === null ? (
        <DayView
          date={date}
          clinicians={clinicianList}
          showCancelled={showCancelled}
          openId={appointmentId}
          onOpenId={onOpen}
          onSlot={onSlot}
          onOpen={onOpen}
          onDrop={onDrop}
          onMoveDay={(c) => setReassigning({ kind: "day", fromClinicianId: c.id, fromName: c.full_name, day: date })}
        />
      ) : (
        <WeekView
          date={date}
          clinician={weekClinicianShown}
          showCancelled={showCancelled}
          onSlot={onSlot}
          onOpen={onOpen}
          onDrop={onDrop}
          onDay={(iso) => {
            setView("day");
            goTo(iso);
          }}
        />
      )}

      <Text size="xs" c="dimmed">
        Click a free time, or move with the arrow keys and press <Shortcut keys={["Enter"]} />, to book ·{" "}
        <Shortcut keys={["Alt", "←"]} /> <Shortcut keys={["Alt", "→"]} /> day · <Shortcut keys={["T"]} /> today ·{" "}
        <Shortcut keys={["D"]} /> day view · <Shortcut keys={["W"]} /> week view · <Shortcut keys={["N"]} /> new appointment · drag a
        booking to move it
      </Text>

      <BookingModal draft={draft} opened={draft !== null} onClose={() => setDraft(null)} />
      <WalkInModal opened={walkInOpen} onClose={() => setWalkInOpen(false)} />
      <AppointmentDrawer
        appointment={selected?.appointment ?? null}
        pendingMove={selected?.move ?? null}
        onClose={closeDetails}
        onReassign={(a) => {
          closeDetails();
          setReassigning({
            kind: "appointment",
            appointmentId: a.id,
            fromClinicianId: a.clinician_id,
            title: `${a.patient_name}, ${longDay(a.clinic_day)} at ${a.start_time}, now with ${a.clinician_name}.`,
          });
        }}
      />
      <ReassignModal target={reassigning} onClose={() => setReassigning(null)} />
    </Stack>
  );
}
