import { Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconEye, IconLock, IconPlayerPlay } from "@tabler/icons-react";
import { Link, useLocation } from "wouter";

import { useChart, useStartVisit } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Chart } from "../../bindings/Chart";
import type { Patient } from "../../bindings/Patient";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { formatDate } from "../../lib/dates";
import { iopDomain, latestOf, logmarDomain, mergeSeries } from "./chartSeries";
import { TrendChart } from "./TrendChart";

/** The patient's eye chart on their page: start an examination, past visits, trends, the latest glasses. */
export function ChartPanel({ patient }: { patient: Patient }) {
  const can = useCan("read_clinical");
  return can ? <Panel patient={patient} /> : null;
}

function StartExam({ patient }: { patient: Patient }) {
  const [, navigate] = useLocation();
  const start = useStartVisit();
  return (
    <Button
      leftSection={<IconPlayerPlay size={16} />}
      onClick={() =>
        start.mutate(patient.id, {
          onSuccess: (r) => navigate(`/visits/${r.visit_id}/exam`),
          onError: (e) => notifyError(e, "Could not start the examination"),
        })
      }
      loading={start.isPending}
      disabled={patient.archived}
      title={patient.archived ? "Restore the patient first" : "Today's open visit, or a new one without an appointment"}
      data-testid="chart-start-exam"
    >
      Start examination
    </Button>
  );
}

function Panel({ patient }: { patient: Patient }) {
  const chart = useChart(patient.id);
  const canStart = useCan("write_workup");
  return (
    <Card withBorder radius="md" padding="lg" data-testid="chart">
      <Group justify="space-between" mb="sm">
        <Title order={3}>Chart</Title>
        {canStart && <StartExam patient={patient} />}
      </Group>
      {chart.isError ? (
        <ErrorAlert error={chart.error} title="Could not load the chart" onRetry={() => void chart.refetch()} />
      ) : chart.data === undefined ? (
        <Skeleton height={260} />
      ) : (
        <ChartBody chart={chart.data} />
      )}
    </Card>
  );
}

function Trends({ chart }: { chart: Chart }) {
  const info = useClinic();
  const bcva = mergeSeries(chart.trends.bcva_od, chart.trends.bcva_os);
  const iop = mergeSeries(chart.trends.iop_od, chart.trends.iop_os);
  if (bcva.length === 0 && iop.length === 0) {
    return (
      <Text c="dimmed" fs="italic" size="sm" data-testid="chart-no-measurements">
        No acuity or pressure measurements yet.
      </Text>
    );
  }
  const latest = (rows: typeof bcva, unit = "") => {
    const l = latestOf(rows);
    const part = (eye: "od" | "os") => {
      const r = l[eye];
      return r ? `${eye.toUpperCase()} ${eye === "od" ? r.odLabel : r.osLabel}${unit} (${formatDate(r.day, info.date_format)})` : `${eye.toUpperCase()} —`;
    };
    return `Latest: ${part("od")} · ${part("os")}`;
  };
  const logmar = logmarDomain(bcva);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Stack gap={4}>
        <Text fw={700}>Best-corrected visual acuity</Text>
        {bcva.length === 0 ? (
          <Text c="dimmed" size="sm" fs="italic">
            No best-corrected acuity recorded yet.
          </Text>
        ) : (
          <>
            <TrendChart
              rows={bcva}
              yDomain={logmar}
              yStep={logmar[1] - logmar[0] > 1.6 ? 0.5 : 0.1}
              yLabel="LogMAR (better ↑)"
              reversed
              testId="chart-bcva"
              ariaLabel={`Best-corrected visual acuity over time, right and left eye. ${latest(bcva)}`}
            />
            <Text size="xs" c="dimmed">
              {latest(bcva)}
            </Text>
          </>
        )}
      </Stack>
      <Stack gap={4}>
        <Text fw={700}>Intraocular pressure</Text>
        {iop.length === 0 ? (
          <Text c="dimmed" size="sm" fs="italic">
            No pressure recorded yet.
          </Text>
        ) : (
          <>
            <TrendChart
              rows={iop}
              yDomain={iopDomain(iop, chart.trends.iop_limit)}
              yStep={5}
              yLabel="mmHg"
              unit=" mmHg"
              reference={{ y: chart.trends.iop_limit, label: `${chart.trends.iop_limit} mmHg` }}
              testId="chart-iop"
              ariaLabel={`Intraocular pressure over time, right and left eye. ${latest(iop, " mmHg")}`}
            />
            <Text size="xs" c="dimmed">
              {latest(iop, " mmHg")}
            </Text>
          </>
        )}
      </Stack>
    </SimpleGrid>
  );
}

function ChartBody({ chart }: { chart: Chart }) {
  const info = useClinic();
  const rx = chart.latest_final_refraction;
  if (chart.visits.length === 0) {
    return (
      <Text c="dimmed" fs="italic" data-testid="chart-no-visits">
        No visits yet. Start an examination to record the first.
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      <Trends chart={chart} />
      <div data-testid="chart-latest-rx">
        <Text fw={700} mb={4}>
          Latest prescribed glasses
        </Text>
        {rx ? (
          <Table withColumnBorders fz="sm" layout="fixed" maw={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{formatDate(rx.clinic_day, info.date_format)}</Table.Th>
                <Table.Th>OD — right eye</Table.Th>
                <Table.Th>OS — left eye</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>
                  <Anchor component={Link} href={`/visits/${rx.visit_id}/exam`} size="sm">
                    Final refraction
                  </Anchor>
                </Table.Td>
                <Table.Td ff="monospace" data-testid="chart-latest-rx-od">
                  {rx.od ?? "—"}
                  {rx.refraction.od?.add ? ` ADD ${rx.refraction.od.add > 0 ? "+" : ""}${rx.refraction.od.add.toFixed(2)}` : ""}
                </Table.Td>
                <Table.Td ff="monospace" data-testid="chart-latest-rx-os">
                  {rx.os ?? "—"}
                  {rx.refraction.os?.add ? ` ADD ${rx.refraction.os.add > 0 ? "+" : ""}${rx.refraction.os.add.toFixed(2)}` : ""}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            No final refraction recorded yet.
          </Text>
        )}
      </div>
      <div>
        <Text fw={700} mb={4}>
          Visits
        </Text>
        <Table verticalSpacing={6} fz="sm" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={120}>Date</Table.Th>
              <Table.Th w={190}>Clinician</Table.Th>
              <Table.Th>Diagnoses</Table.Th>
              <Table.Th w={110}>Record</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {chart.visits.map((v) => (
              <Table.Tr key={v.visit_id} data-testid="chart-visit-row" data-signed={v.signed || undefined}>
                <Table.Td>{formatDate(v.clinic_day, info.date_format)}</Table.Td>
                <Table.Td>{v.clinician_name ?? "—"}</Table.Td>
                <Table.Td>
                  {v.diagnoses.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {v.has_consultation ? "No diagnosis" : v.has_workup ? "Work-up only" : "Nothing recorded yet"}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {v.diagnoses.map((d) => (
                        <Badge key={d.code} variant="light" color="gray" tt="none" fw={500} title={`${d.code} ${d.description}`} style={{ maxWidth: "100%" }}>
                          {d.code} {d.description}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  {v.signed ? (
                    <Badge color="teal" leftSection={<IconLock size={12} />} data-testid="chart-visit-signed">
                      Signed
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="outline">
                      Open
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button component={Link} href={`/visits/${v.visit_id}/exam`} size="compact-sm" variant="subtle" leftSection={<IconEye size={14} />} data-testid="chart-visit-open">
                    Open
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}
