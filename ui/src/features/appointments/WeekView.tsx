import { Skeleton, Stack } from "@mantine/core";

import { useClosedReasons, useRange, useSchedule } from "../../api";
import type { Appointment } from "../../bindings/Appointment";
import type { Clinician } from "../../bindings/Clinician";
import { ErrorAlert } from "../../components/ErrorAlert";
import { BookGrid, type BookColumn } from "./BookGrid";
import { ColumnHeader } from "./ColumnHeader";
import { BookSummary, gridFor, scheduleLengths } from "./DayView";
import { hoursOn } from "./grid";
import { holdsSlot } from "./kinds";
import { shortDay, weekOf } from "./time";

/** One clinician's week, Monday to Sunday. A day's heading opens that day. */
export function WeekView({
  date,
  clinician,
  showCancelled,
  onSlot,
  onOpen,
  onDrop,
  onDay,
}: {
  date: string;
  clinician: Clinician;
  showCancelled: boolean;
  onSlot: (column: BookColumn, time: string) => void;
  onOpen: (appointment: Appointment) => void;
  onDrop: (appointment: Appointment, column: BookColumn, time: string) => void;
  onDay: (iso: string) => void;
}) {
  const days = weekOf(date);
  const from = days[0] ?? date;
  const to = days[6] ?? date;
  const range = useRange({ clinician_id: clinician.id, from, to });
  const schedule = useSchedule(clinician.id);
  const working = days.filter((d) => hoursOn(schedule.data, d) !== null);
  const closed = useClosedReasons(working.map((d) => ({ clinicianId: clinician.id, date: d })));

  if (range.isError) return <ErrorAlert error={range.error} title="Could not load the week" onRetry={() => void range.refetch()} />;
  if (range.data === undefined) return <Skeleton height={480} radius="md" data-testid="book-loading" />;

  const all = range.data.appointments.filter((a) => a.clinician_id === clinician.id && a.clinic_day >= from && a.clinic_day <= to);
  const shown = all.filter((a) => showCancelled || a.status !== "cancelled");
  const columns: BookColumn[] = days.map((d) => {
    const hours = hoursOn(schedule.data, d);
    const closedReason = closed.get(`${clinician.id}|${d}`) ?? null;
    const appointments = shown.filter((a) => a.clinic_day === d);
    return {
      key: d,
      testId: `book-day-${d}`,
      header: (
        <ColumnHeader
          title={shortDay(d)}
          hours={hours}
          closedReason={closedReason}
          count={appointments.filter((a) => holdsSlot(a.status)).length}
          onClick={() => onDay(d)}
        />
      ),
      clinicianId: clinician.id,
      clinicianName: clinician.full_name,
      date: d,
      hours,
      closedReason,
      appointments,
    };
  });

  return (
    <Stack gap="xs">
      <BookSummary appointments={all} showCancelled={showCancelled} />
      <BookGrid grid={gridFor(columns, scheduleLengths(schedule.data ? [schedule.data] : []))} columns={columns} onSlot={onSlot} onOpen={onOpen} onDrop={onDrop} />
    </Stack>
  );
}
