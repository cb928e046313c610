import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";

import { useSchedules, useSetClosedDay, useSlots } from "../../api";
import { useClinic } from "../../app/clinic";
import type { Clinician } from "../../bindings/Clinician";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { notifyError, notifySuccess } from "../../components/notify";
import { hoursOn } from "./grid";
import { addDays, longDay } from "./time";

/**
 * Closing the clinic on a day (holiday, training) and reopening it. The core has no list of closed days, so the
 * chosen day's state is read from its free slots, through a clinician who works that weekday.
 */
export function ClosedDays({ clinicians }: { clinicians: Clinician[] }) {
  const info = useClinic();
  const [date, setDate] = useState<string | null>(addDays(info.today, 1));
  const [reason, setReason] = useState("");
  const schedules = useSchedules(clinicians.map((c) => c.id));
  const witness = date ? clinicians.find((c) => hoursOn(schedules.get(c.id), date) !== null) : undefined;
  const slots = useSlots(witness?.id ?? null, witness ? date : null, "follow_up");
  const closedReason = slots.data?.closed_reason ?? null;
  const save = useSetClosedDay();

  const submit = (closed: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (!date) return;
    save.mutate(
      { date, closed, reason: closed ? reason.trim() || null : null },
      {
        onSuccess: () => {
          notifySuccess(closed ? "Clinic closed" : "Clinic reopened", longDay(date));
          setReason("");
        },
        onError: (error) => notifyError(error, "Could not change the day"),
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="lg" data-testid="closed-days">
      <form onSubmit={submit(true)} noValidate>
        <Stack gap="sm">
          <Title order={4}>Closed days</Title>
          <Text size="sm" c="dimmed">
            On a closed day nobody can be booked, whatever the schedules say. Existing appointments stay; move or cancel them.
          </Text>
          <Group align="flex-end" gap="sm">
            <ClinicDateInput label="Day" value={date} onChange={setDate} w={180} data-testid="closed-day-date" />
            <TextInput
              label="Reason"
              placeholder="e.g. Bank holiday"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              w={280}
              data-testid="closed-day-reason"
            />
            <Button type="submit" color="orange" loading={save.isPending} disabled={!date} data-testid="closed-day-submit">
              Close the clinic
            </Button>
            <Button variant="default" onClick={() => submit(false)()} disabled={!date || save.isPending} data-testid="closed-day-reopen">
              Reopen
            </Button>
          </Group>
          {date && witness && slots.data && (
            <Alert color={closedReason ? "orange" : "teal"} variant="light" p="xs" data-testid="closed-day-state">
              {closedReason ? `${longDay(date)} is closed: ${closedReason}` : `${longDay(date)} is open.`}
            </Alert>
          )}
          {date && !witness && (
            <Text size="sm" c="dimmed">
              No clinician works on {longDay(date).split(" ")[0]}s.
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
