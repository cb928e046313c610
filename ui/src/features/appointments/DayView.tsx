import { Skeleton, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";

import { useClosedReasons, useDay, useSchedules } from "../../api";
import type { Appointment } from "../../bindings/Appointment";
import type { Clinician } from "../../bindings/Clinician";
import type { Schedule } from "../../bindings/Schedule";
import { ErrorAlert } from "../../components/ErrorAlert";
import { BookGrid, type BookColumn } from "./BookGrid";
import { ColumnHeader } from "./ColumnHeader";
import { buildGrid, hoursOn } from "./grid";
import { holdsSlot } from "./kinds";
import { minutesBetween, parseHm } from "./time";

interface ViewProps {
  showCancelled: boolean;
  onSlot: (column: BookColumn, time: string) => void;
  onOpen: (appointment: Appointment) => void;
  onDrop: (appointment: Appointment, column: BookColumn, time: string) => void;
}

/** Every length a schedule books, so the grid's rows line up with its slots. */
export function scheduleLengths(schedules: Iterable<Schedule>): number[] {
  const lengths: number[] = [];
  for (const s of schedules) lengths.push(s.default_minutes, ...s.minutes_by_kind.map((k) => k.minutes));
  return lengths;
}

/** Grid rows for the columns shown: their working hours and what is booked in them. */
export function gridFor(columns: readonly BookColumn[], lengths: readonly number[]) {
  return buildGrid(
    columns.map((c) => (c.closedReason ? null : c.hours)),
    columns.flatMap((c) => c.appointments).map((a) => ({ start: parseHm(a.start_time) ?? 0, length: minutesBetween(a.starts_at, a.ends_at) })),
    lengths,
  );
}

/** What the day's list says beyond the grid: nothing booked yet, or cancellations left out. */
export function BookSummary({ appointments, showCancelled }: { appointments: readonly Appointment[]; showCancelled: boolean }) {
  const live = appointments.filter((a) => holdsSlot(a.status)).length;
  const cancelled = appointments.filter((a) => a.status === "cancelled").length;
  const parts: string[] = [];
  if (live === 0) parts.push("Nothing booked yet — click a free time to book.");
  else parts.push(`${live} booked.`);
  if (cancelled > 0 && !showCancelled) parts.push(`${cancelled} cancelled (hidden; “Show cancelled” shows them).`);
  return (
    <Text size="sm" c="dimmed" data-testid="book-summary">
      {parts.join(" ")}
    </Text>
  );
}

/** One day of every clinician, side by side. */
export function DayView({
  date,
  clinicians,
  showCancelled,
  openId,
  onOpenId,
  onSlot,
  onOpen,
  onDrop,
  onMoveDay,
}: ViewProps & {
  date: string;
  clinicians: Clinician[];
  openId?: string;
  onOpenId: (appointment: Appointment) => void;
  /** Hand this clinician's day to someone else (a doctor called away). */
  onMoveDay?: (clinician: Clinician) => void;
}) {
  const day = useDay(date);
  const schedules = useSchedules(clinicians.map((c) => c.id));
  const working = clinicians.filter((c) => hoursOn(schedules.get(c.id), date) !== null);
  const closed = useClosedReasons(working.map((c) => ({ clinicianId: c.id, date })));
  // keepPreviousData shows the last day while the next loads; never draw its blocks on the new day.
  const all = (day.data?.appointments ?? []).filter((a) => a.clinic_day === date);
  const shown = all.filter((a) => showCancelled || a.status !== "cancelled");

  // A link naming an appointment (`/book/<day>/<id>`) opens it once the day has arrived.
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (!openId || opened.current === openId) return;
    const target = all.find((a) => a.id === openId);
    if (target) {
      opened.current = openId;
      onOpenId(target);
    }
  }, [openId, all, onOpenId]);

  if (day.isError) return <ErrorAlert error={day.error} title="Could not load the day" onRetry={() => void day.refetch()} />;
  if (day.data === undefined) return <Skeleton height={480} radius="md" data-testid="book-loading" />;

  const columns: BookColumn[] = clinicians.map((c) => {
    const hours = hoursOn(schedules.get(c.id), date);
    const closedReason = closed.get(`${c.id}|${date}`) ?? null;
    const appointments = shown.filter((a) => a.clinician_id === c.id);
    return {
      key: c.id,
      testId: `book-column-${c.username}`,
      header: (
        <ColumnHeader
          title={c.full_name} subtitle={c.specialization} hours={hours} closedReason={closedReason}
          count={appointments.filter((a) => holdsSlot(a.status)).length}
          onMoveDay={onMoveDay ? () => onMoveDay(c) : undefined}
          moveDayLabel={`Move ${c.full_name}’s day to another clinician`}
        />
      ),
      clinicianId: c.id,
      clinicianName: c.full_name,
      date,
      hours,
      closedReason,
      appointments,
    };
  });

  return (
    <Stack gap="xs">
      <BookSummary appointments={all} showCancelled={showCancelled} />
      <BookGrid grid={gridFor(columns, scheduleLengths(schedules.values()))} columns={columns} onSlot={onSlot} onOpen={onOpen} onDrop={onDrop} />
    </Stack>
  );
}
