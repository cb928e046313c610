import { Group, Paper, Stack, Text } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

import { useClinic } from "../../app/clinic";
import { formatDate } from "../../lib/dates";
import { timeDomain, type SeriesRow } from "./chartSeries";

export const OD_COLOR = "#067184";
export const OS_COLOR = "#9c36b5";

interface DotProps {
  cx?: number;
  cy?: number;
  value?: number | null;
}

/** OS points are squares, OD points circles: the eyes differ in shape as well as colour. */
function SquareDot({ cx, cy, value }: DotProps) {
  if (cx === undefined || cy === undefined || value === null || value === undefined) return null;
  return <rect x={cx - 4} y={cy - 4} width={8} height={8} fill={OS_COLOR} stroke="white" strokeWidth={1} />;
}

function RoundDot({ cx, cy, value }: DotProps) {
  if (cx === undefined || cy === undefined || value === null || value === undefined) return null;
  return <circle cx={cx} cy={cy} r={4.5} fill={OD_COLOR} stroke="white" strokeWidth={1} />;
}

export function Swatch({ eye }: { eye: "od" | "os" }) {
  return eye === "od" ? (
    <svg width={26} height={10} aria-hidden>
      <line x1={0} y1={5} x2={26} y2={5} stroke={OD_COLOR} strokeWidth={2.5} />
      <circle cx={13} cy={5} r={4} fill={OD_COLOR} />
    </svg>
  ) : (
    <svg width={26} height={10} aria-hidden>
      <line x1={0} y1={5} x2={26} y2={5} stroke={OS_COLOR} strokeWidth={2.5} />
      <rect x={9} y={1} width={8} height={8} fill={OS_COLOR} />
    </svg>
  );
}

function TooltipBody({ active, payload, unit }: { active?: boolean; payload?: readonly { payload?: SeriesRow }[]; unit: string }) {
  const info = useClinic();
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  return (
    <Paper withBorder shadow="sm" p="xs" radius="sm">
      <Text size="xs" fw={700}>
        {formatDate(row.day, info.date_format)}
      </Text>
      <Text size="xs" c={OD_COLOR}>
        OD (right): {row.odLabel ?? "not measured"}
        {row.od !== null && unit ? ` ${unit}` : ""}
      </Text>
      <Text size="xs" c={OS_COLOR}>
        OS (left): {row.osLabel ?? "not measured"}
        {row.os !== null && unit ? ` ${unit}` : ""}
      </Text>
    </Paper>
  );
}

/**
 * One quantity over time, both eyes on one chart: OD and OS as two labelled lines (colour and marker shape differ),
 * on a time axis. `reversed` draws the y axis upside down (LogMAR: better vision is up).
 */
export function TrendChart({
  rows,
  yDomain,
  yLabel,
  yStep,
  reversed = false,
  reference,
  unit = "",
  height = 240,
  testId,
  ariaLabel,
}: {
  rows: SeriesRow[];
  yDomain: [number, number];
  yLabel: string;
  /** The distance between y ticks. */
  yStep: number;
  reversed?: boolean;
  reference?: { y: number; label: string };
  unit?: string;
  height?: number;
  testId: string;
  ariaLabel: string;
}) {
  const info = useClinic();
  const { ref, width } = useElementSize();
  const ticks: number[] = [];
  for (let v = yDomain[0]; v <= yDomain[1] + 1e-9; v += yStep) ticks.push(Math.round(v * 100) / 100);
  return (
    <Stack gap={4} data-testid={testId} data-series="od,os" data-points={rows.length}>
      <Group gap="lg">
        <Group gap={6}>
          <Swatch eye="od" />
          <Text size="xs" fw={600}>
            OD — right eye
          </Text>
        </Group>
        <Group gap={6}>
          <Swatch eye="os" />
          <Text size="xs" fw={600}>
            OS — left eye
          </Text>
        </Group>
        {reference && (
          <Group gap={6}>
            <svg width={26} height={10} aria-hidden>
              <line x1={0} y1={5} x2={26} y2={5} stroke="#e8590c" strokeWidth={2} strokeDasharray="5 3" />
            </svg>
            <Text size="xs" fw={600}>
              {reference.label}
            </Text>
          </Group>
        )}
      </Group>
      <div ref={ref} role="img" aria-label={ariaLabel}>
        <LineChart width={width || 560} height={height} data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#e9ecef" />
          <XAxis
            dataKey="x"
            type="number"
            scale="time"
            domain={timeDomain(rows)}
            tickFormatter={(x: number) => {
              const d = new Date(x);
              return formatDate(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`, info.date_format);
            }}
            tick={{ fontSize: 11 }}
            tickCount={6}
          />
          <YAxis
            domain={yDomain}
            reversed={reversed}
            ticks={ticks}
            tick={{ fontSize: 11 }}
            width={64}
            allowDataOverflow
            label={{ value: yLabel, angle: -90, position: "insideLeft", offset: 4, style: { fontSize: 11, fill: "#495057", textAnchor: "middle" } }}
          />
          <Tooltip content={<TooltipBody unit={unit} />} />
          {reference && (
            <ReferenceLine
              y={reference.y}
              stroke="#e8590c"
              strokeDasharray="6 4"
              strokeWidth={1.5}
              label={{ value: reference.label, position: "insideTopRight", fontSize: 11, fill: "#d9480f" }}
            />
          )}
          <Line type="linear" dataKey="od" name="OD (right eye)" stroke={OD_COLOR} strokeWidth={2.5} dot={<RoundDot />} activeDot={{ r: 6 }} connectNulls isAnimationActive={false} />
          <Line type="linear" dataKey="os" name="OS (left eye)" stroke={OS_COLOR} strokeWidth={2.5} dot={<SquareDot />} activeDot={{ r: 6 }} connectNulls isAnimationActive={false} />
        </LineChart>
      </div>
    </Stack>
  );
}
