import { Button, Group, Paper, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "wouter";

import { useClinicians, useSchedule } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ClosedDays } from "./ClosedDays";
import { ScheduleForm } from "./ScheduleForm";

/** Clinicians' weekly hours, breaks and appointment lengths, and the days the clinic is closed. */
export function SchedulesPage() {
  const clinicians = useClinicians();
  const list = clinicians.data?.clinicians ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const clinician = list.find((c) => c.id === chosen) ?? list[0] ?? null;
  const schedule = useSchedule(clinician?.id ?? null);

  return (
    <Stack gap="md" maw={1100} data-testid="schedules-page">
      <Group>
        <Button component={Link} href="/book" variant="subtle" leftSection={<IconArrowLeft size={18} />} px="xs">
          Back to the book
        </Button>
      </Group>
      <Title order={2}>Schedules</Title>
      {clinicians.isError ? (
        <ErrorAlert error={clinicians.error} onRetry={() => void clinicians.refetch()} />
      ) : clinicians.data === undefined ? (
        <Skeleton height={300} radius="md" />
      ) : clinician === null ? (
        <Text c="dimmed">There are no doctors or optometrists yet. An administrator adds them under Users.</Text>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stack gap="md">
            <Select
              label="Clinician"
              data={list.map((c) => ({ value: c.id, label: c.full_name }))}
              value={clinician.id}
              onChange={setChosen}
              allowDeselect={false}
              w={320}
              data-testid="schedules-clinician"
            />
            {schedule.isError ? (
              <ErrorAlert error={schedule.error} onRetry={() => void schedule.refetch()} />
            ) : schedule.data === undefined ? (
              <Skeleton height={300} />
            ) : (
              <ScheduleForm key={`${clinician.id}-${schedule.dataUpdatedAt}`} clinicianName={clinician.full_name} schedule={schedule.data} />
            )}
          </Stack>
        </Paper>
      )}
      <ClosedDays clinicians={list} />
    </Stack>
  );
}
