import { ActionIcon, Anchor, Alert, Button, Checkbox, Group, Paper, Skeleton, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconArrowLeft, IconChevronLeft, IconChevronRight, IconFileTypePdf, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "wouter";

import { useMarkCalled, usePrintReminders, useReminders } from "../../api";
import { useClinic } from "../../app/clinic";
import type { Reminder } from "../../bindings/Reminder";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { openSavedDocument } from "../../components/documents";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { formatInstant } from "../../lib/dates";
import { KIND_LABELS } from "./kinds";
import { groupByClinician, stillToCall } from "./reminders";
import { addDays, longDay, relativeDay } from "./time";
import classes from "./RemindersPage.module.css";

/** The list of patients to ring about their appointment, tomorrow unless another day is chosen. Prints. */
export function RemindersPage() {
  const info = useClinic();
  // null asks the core for tomorrow in the clinic's time zone.
  const [date, setDate] = useState<string | null>(null);
  const reminders = useReminders(date);
  const shownDate = reminders.data?.date ?? date ?? addDays(info.today, 1);
  const near = relativeDay(shownDate, info.today);
  const list = reminders.data?.reminders ?? [];
  const pdf = usePrintReminders();
  const savePdf = () =>
    pdf.mutate(reminders.data?.date ?? date, {
      onSuccess: (document) => void openSavedDocument(document, "Call list saved"),
      onError: (error) => notifyError(error, "Could not save the call list"),
    });

  return (
    <Stack gap="md" data-testid="reminders-page">
      <Group className={classes.noPrint}>
        <Button component={Link} href="/book" variant="subtle" leftSection={<IconArrowLeft size={18} />} px="xs">
          Back to the book
        </Button>
      </Group>
      <Group justify="space-between" align="flex-end" className={classes.noPrint}>
        <Stack gap={2}>
          <Title order={2}>Reminder calls</Title>
          <Text c="dimmed">
            {longDay(shownDate)}
            {near ? ` · ${near}` : ""}
            {reminders.data ? ` · ${stillToCall(list)} of ${list.length} still to call` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <ActionIcon variant="default" size="lg" aria-label="Previous day" onClick={() => setDate(addDays(shownDate, -1))}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <ClinicDateInput aria-label="Day" value={shownDate} onChange={(iso) => iso && setDate(iso)} w={170} data-testid="reminders-date" />
          <ActionIcon variant="default" size="lg" aria-label="Next day" onClick={() => setDate(addDays(shownDate, 1))}>
            <IconChevronRight size={18} />
          </ActionIcon>
          <Button leftSection={<IconPrinter size={18} />} onClick={() => window.print()} disabled={list.length === 0} data-testid="reminders-print">
            Print
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileTypePdf size={18} />}
            onClick={savePdf}
            loading={pdf.isPending}
            disabled={list.length === 0}
            data-testid="reminders-pdf"
          >
            Save as PDF
          </Button>
        </Group>
      </Group>

      {reminders.isError ? (
        <ErrorAlert error={reminders.error} title="Could not load the call list" onRetry={() => void reminders.refetch()} />
      ) : reminders.data === undefined ? (
        <Skeleton height={240} radius="md" />
      ) : list.length === 0 ? (
        <Alert color="gray" title="No one to ring" data-testid="reminders-empty">
          Nobody has an appointment on {longDay(shownDate)}.
        </Alert>
      ) : (
        <div className={classes.printArea} data-testid="reminders-list">
          <div className={classes.printOnly}>
            <Title order={3}>{info.clinic_name}</Title>
            <Text mb="sm">Reminder calls for {longDay(shownDate)}</Text>
          </div>
          <Stack gap="lg">
            {groupByClinician(list).map((group) => (
              <Paper key={group.clinicianId} withBorder radius="md" p="md" className={classes.group}>
                <Title order={4} mb="xs">
                  {group.clinicianName}{" "}
                  <Text span c="dimmed" size="sm" fw={400}>
                    · {group.reminders.length} {group.reminders.length === 1 ? "patient" : "patients"}
                  </Text>
                </Title>
                <Table verticalSpacing={6} striped layout="fixed">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={64}>Time</Table.Th>
                      <Table.Th w="22%">Patient</Table.Th>
                      <Table.Th w={110}>MRN</Table.Th>
                      <Table.Th w={170}>Phone</Table.Th>
                      <Table.Th>Reason</Table.Th>
                      <Table.Th className={classes.noPrint} w={340}>
                        Called
                      </Table.Th>
                      <Table.Th className={classes.printOnly}>Notes</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {group.reminders.map((reminder) => (
                      <ReminderRow key={reminder.appointment.id} reminder={reminder} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            ))}
          </Stack>
        </div>
      )}
    </Stack>
  );
}

function ReminderRow({ reminder }: { reminder: Reminder }) {
  const info = useClinic();
  const { appointment: a } = reminder;
  const mark = useMarkCalled();
  const called = reminder.called_at !== null;
  const [note, setNote] = useState(reminder.call_note ?? "");

  const save = (nextCalled: boolean) =>
    mark.mutate(
      { id: a.id, called: nextCalled, note: nextCalled && note.trim() !== "" ? note.trim() : null },
      { onError: (error) => notifyError(error, "Could not save the call") },
    );

  return (
    <Table.Tr data-testid="reminder-row" data-mrn={a.patient_mrn} data-called={called || undefined}>
      <Table.Td ff="monospace">{a.start_time}</Table.Td>
      <Table.Td>
        <Anchor component={Link} href={`/patients/${a.patient_id}`} fw={600} size="sm">
          {a.patient_name}
        </Anchor>
        <Text size="xs" c="dimmed">
          {KIND_LABELS[a.kind]}
        </Text>
      </Table.Td>
      <Table.Td ff="monospace">{a.patient_mrn}</Table.Td>
      <Table.Td>
        {reminder.phones.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No phone recorded
          </Text>
        ) : (
          reminder.phones.map((phone) => (
            <Anchor key={phone} href={`tel:${phone.replace(/[^\d+]/g, "")}`} size="sm" display="block" ff="monospace">
              {phone}
            </Anchor>
          ))
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{a.reason}</Text>
      </Table.Td>
      <Table.Td className={classes.noPrint}>
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap">
            <Checkbox
              label="Called"
              checked={called}
              onChange={(e) => save(e.currentTarget.checked)}
              disabled={mark.isPending}
              data-testid="reminder-called"
            />
            <TextInput
              size="xs"
              placeholder="Note, e.g. left a voicemail"
              aria-label={`Call note for ${a.patient_name}`}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") save(true);
              }}
              maxLength={300}
              style={{ flex: 1 }}
              data-testid="reminder-note"
            />
          </Group>
          {called && (
            <Text size="xs" c="dimmed" data-testid="reminder-called-by">
              {reminder.called_by_name ?? "Someone"}, {formatInstant(reminder.called_at ?? "", info.date_format)}
              {reminder.call_note ? ` — ${reminder.call_note}` : ""}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td className={classes.printOnly} />
    </Table.Tr>
  );
}
