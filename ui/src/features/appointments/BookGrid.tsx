import { Badge, Group, Text, Tooltip } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from "react";

import type { Appointment } from "../../bindings/Appointment";
import type { DayHours } from "../../bindings/DayHours";
import { assignLanes, blockRows, cellState, type Grid } from "./grid";
import { KIND_LABELS, STATUS_LABELS } from "./kinds";
import { formatHm, minutesBetween, parseHm } from "./time";
import classes from "./BookGrid.module.css";

/** Minutes to pixels: a 20-minute block (the usual follow-up) has room for three lines. */
const PX_PER_MINUTE = 3;
const GUTTER = 56;
const DRAG_TYPE = "application/x-fovea-appointment";

/** One column of the book: a clinician on a day (day view) or a day of one clinician (week view). */
export interface BookColumn {
  key: string;
  testId: string;
  header: ReactNode;
  clinicianId: string;
  clinicianName: string;
  date: string;
  hours: DayHours | null;
  /** Why nobody can be seen (clinic closed), shading the whole column. */
  closedReason: string | null;
  appointments: Appointment[];
}

export interface BookGridProps {
  grid: Grid;
  columns: BookColumn[];
  onSlot: (column: BookColumn, time: string) => void;
  onOpen: (appointment: Appointment) => void;
  onDrop: (appointment: Appointment, column: BookColumn, time: string) => void;
}

/**
 * The time grid. Every row of every column is a button (Enter or a click books that time); arrow keys move between
 * them, so the whole grid is one Tab stop. Scheduled appointments can be dragged to another time.
 */
export function BookGrid({ grid, columns, onSlot, onOpen, onDrop }: BookGridProps) {
  const rowPx = grid.step * PX_PER_MINUTE;
  const ref = useRef<HTMLDivElement>(null);
  const dragged = useRef<Appointment | null>(null);
  const [dragging, setDragging] = useState(false);
  const [active, setActive] = useState<{ col: number; row: number }>({ col: 0, row: 0 });

  const focusCell = (col: number, row: number) => {
    const c = Math.max(0, Math.min(columns.length - 1, col));
    const r = Math.max(0, Math.min(grid.rows.length - 1, row));
    setActive({ col: c, row: r });
    ref.current?.querySelector<HTMLElement>(`[data-cell="${c}:${r}"]`)?.focus();
  };

  const onCellKey = (col: number, row: number) => (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return; // Alt+arrows change the day
    const moves: Record<string, [number, number]> = {
      ArrowUp: [col, row - 1],
      ArrowDown: [col, row + 1],
      ArrowLeft: [col - 1, row],
      ArrowRight: [col + 1, row],
      Home: [col, 0],
      End: [col, grid.rows.length - 1],
      PageUp: [col, row - Math.round(60 / grid.step)],
      PageDown: [col, row + Math.round(60 / grid.step)],
    };
    const to = moves[event.key];
    if (!to) return;
    event.preventDefault();
    focusCell(to[0], to[1]);
  };

  const drop = (column: BookColumn, time: string) => (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    delete event.currentTarget.dataset.dropTarget;
    const appointment = dragged.current;
    dragged.current = null;
    setDragging(false);
    if (appointment) onDrop(appointment, column, time);
  };

  const template = `${GUTTER}px repeat(${columns.length}, minmax(180px, 1fr))`;
  const bodyHeight = grid.rows.length * rowPx;

  return (
    <div
      ref={ref}
      className={classes.grid}
      style={{ gridTemplateColumns: template }}
      data-dragging={dragging || undefined}
      role="grid"
      aria-label="Appointment book"
    >
      <div className={classes.corner} />
      {columns.map((column) => (
        <div key={column.key} className={classes.head} role="columnheader">
          {column.header}
        </div>
      ))}

      <div className={classes.gutter} style={{ height: bodyHeight }} aria-hidden>
        {grid.rows.map((minute) => (
          <div key={minute} style={{ height: rowPx, transform: minute === grid.start ? "none" : undefined }} className={classes.hour}>
            {minute % 60 === 0 || (grid.step <= 15 && minute % 30 === 0 && rowPx >= 20) ? formatHm(minute) : ""}
          </div>
        ))}
      </div>

      {columns.map((column, col) => (
        <div
          key={column.key}
          className={classes.column}
          style={{ height: bodyHeight }}
          data-testid={column.testId}
          data-clinician={column.clinicianName}
          data-date={column.date}
          role="rowgroup"
        >
          {grid.rows.map((minute, row) => {
            const time = formatHm(minute);
            const state = column.closedReason ? "off" : cellState(column.hours, minute, grid.step);
            const isActive = active.col === col && active.row === row;
            const note = state === "off" ? " (outside working hours)" : state === "break" ? " (during a break)" : "";
            return (
              <button
                key={minute}
                type="button"
                className={classes.cell}
                style={{ height: rowPx }}
                data-state={state}
                data-hour-start={minute % 60 === 0 || undefined}
                data-cell={`${col}:${row}`}
                data-testid={`book-slot-${time}`}
                tabIndex={isActive ? 0 : -1}
                aria-label={`Book ${time} with ${column.clinicianName}${note}`}
                onFocus={() => setActive({ col, row })}
                onKeyDown={onCellKey(col, row)}
                onClick={() => onSlot(column, time)}
                onDragOver={(event) => {
                  event.preventDefault();
                  event.dataTransfer.dropEffect = "move";
                }}
                onDragEnter={(event) => {
                  event.currentTarget.dataset.dropTarget = "true";
                }}
                onDragLeave={(event) => {
                  delete event.currentTarget.dataset.dropTarget;
                }}
                onDrop={drop(column, time)}
              >
                {rowPx >= 16 ? `+ ${time}` : ""}
              </button>
            );
          })}
          <Blocks
            column={column}
            grid={grid}
            rowPx={rowPx}
            onOpen={onOpen}
            onDragStart={(appointment) => {
              dragged.current = appointment;
              // After the browser has taken its drag image, let drops reach the cells under the blocks.
              window.setTimeout(() => setDragging(true), 0);
            }}
            onDragEnd={() => {
              dragged.current = null;
              setDragging(false);
            }}
          />
        </div>
      ))}
    </div>
  );
}

function Blocks({
  column,
  grid,
  rowPx,
  onOpen,
  onDragStart,
  onDragEnd,
}: {
  column: BookColumn;
  grid: Grid;
  rowPx: number;
  onOpen: (appointment: Appointment) => void;
  onDragStart: (appointment: Appointment) => void;
  onDragEnd: () => void;
}) {
  const placed = column.appointments.map((a) => ({
    id: a.id,
    start: parseHm(a.start_time) ?? grid.start,
    length: minutesBetween(a.starts_at, a.ends_at),
    appointment: a,
  }));
  const lanes = assignLanes(placed);
  // The block just clicked keeps its tooltip shut until the pointer leaves it, so the tooltip (whose open delay may
  // already be running) never covers the details drawer that the click opens.
  const [quiet, setQuiet] = useState<string | null>(null);
  return (
    <>
      {placed.map((item) => {
        const a = item.appointment;
        const { top, height } = blockRows(grid, item);
        const lane = lanes.get(a.id) ?? { lane: 0, lanes: 1 };
        const px = height * rowPx;
        const details = [
          `${a.start_time} ${a.patient_name} (${a.patient_mrn})`,
          `${KIND_LABELS[a.kind]}, ${item.length} min — ${STATUS_LABELS[a.status]}`,
          a.reason,
          a.overbook_reason ? `Overbooked: ${a.overbook_reason}` : null,
          a.cancel_reason ? `Cancelled: ${a.cancel_reason}` : null,
        ]
          .filter(Boolean)
          .join("\n");
        return (
          <Tooltip key={a.id} label={details} multiline maw={320} openDelay={400} style={{ whiteSpace: "pre-line" }} withinPortal disabled={quiet === a.id}>
            <button
              type="button"
              className={classes.block}
              style={{
                top: top * rowPx + 1,
                height: Math.max(px - 2, 18),
                left: `calc(${(lane.lane / lane.lanes) * 100}% + 2px)`,
                width: `calc(${100 / lane.lanes}% - 4px)`,
              }}
              data-testid="appointment-block"
              data-status={a.status}
              data-mrn={a.patient_mrn}
              data-time={a.start_time}
              data-overbooked={a.overbook_reason ? "true" : undefined}
              aria-label={details.replaceAll("\n", ". ")}
              draggable={a.status === "scheduled"}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, a.id);
                event.dataTransfer.effectAllowed = "move";
                onDragStart(a);
              }}
              onDragEnd={onDragEnd}
              onClick={() => {
                setQuiet(a.id);
                onOpen(a);
              }}
              onMouseLeave={() => setQuiet((q) => (q === a.id ? null : q))}
            >
              <BlockBody appointment={a} length={item.length} px={px} />
            </button>
          </Tooltip>
        );
      })}
    </>
  );
}

function BlockBody({ appointment: a, length, px }: { appointment: Appointment; length: number; px: number }) {
  const lines = Math.floor((px - 4) / 16);
  return (
    <>
      <Group gap={4} wrap="nowrap" justify="space-between">
        <Text span size="xs" truncate className={classes.name}>
          {a.start_time} {a.patient_name}
        </Text>
        {a.overbook_reason && lines < 3 && (
          <Badge size="xs" variant="filled" color="orange" style={{ flexShrink: 0 }}>
            Overbooked
          </Badge>
        )}
        {a.status !== "scheduled" && (
          <Badge size="xs" variant="light" color={a.status === "no_show" ? "orange" : a.status === "cancelled" ? "gray" : "teal"} style={{ flexShrink: 0 }}>
            {STATUS_LABELS[a.status]}
          </Badge>
        )}
      </Group>
      {lines >= 2 && (
        <Text span size="xs" truncate component="div">
          <span className={classes.mono}>{a.patient_mrn}</span> · {KIND_LABELS[a.kind]} · {length} min
        </Text>
      )}
      {a.overbook_reason && lines >= 3 && (
        <Text span size="xs" c="orange.9" truncate component="div" fw={600}>
          <IconAlertTriangle size={11} style={{ verticalAlign: -1 }} /> Overbooked: {a.overbook_reason}
        </Text>
      )}
      {a.reason && lines >= (a.overbook_reason ? 4 : 3) && (
        <Text span size="xs" c="dimmed" truncate component="div">
          {a.reason}
        </Text>
      )}
    </>
  );
}
