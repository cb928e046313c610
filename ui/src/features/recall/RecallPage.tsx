import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconCalendarCheck, IconCalendarPlus } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";

import { examKeys, patientQuery, useRecall } from "../../api";
import { useClinic } from "../../app/clinic";
import type { RecallEntry } from "../../bindings/RecallEntry";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { formatDate } from "../../lib/dates";
import { BookingModal, type BookingDraft } from "../appointments/BookingModal";
import { relativeDay } from "../appointments/time";
import { bookingDraftFor, dueLabel } from "./recall";

/**
 * Patients due back for follow-up (four weeks either side of today unless another range is chosen), whether they
 * have booked, and a booking form one click away for those who have not.
 */
export function RecallPage() {
  const info = useClinic();
  const client = useQueryClient();
  // null asks the core for its default range.
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const recall = useRecall(from, to);
  const [draft, setDraft] = useState<BookingDraft | null>(null);
  const entries = recall.data?.entries ?? [];
  const booked = entries.filter((e) => e.booked_on !== null).length;
  const [opening, setOpening] = useState<string | null>(null);

  // The list carries the patient's name and MRN only; the booking form shows the record it books for.
  const book = (entry: RecallEntry) => {
    setOpening(entry.patient_id);
    client
      .fetchQuery(patientQuery(entry.patient_id))
      .then((patient) => setDraft(bookingDraftFor(entry, patient, info.today, Date.now())))
      .catch((error: unknown) => notifyError(error, "Could not open the booking form"))
      .finally(() => setOpening(null));
  };

  return (
    <Stack gap="md" data-testid="recall-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Recall</Title>
          <Text c="dimmed">
            Patients due back for follow-up
            {recall.data ? ` · ${entries.length} due, ${booked} booked, ${entries.length - booked} to contact` : ""}
          </Text>
        </Stack>
        <Group gap="xs" align="flex-end">
          <ClinicDateInput
            label="Due from"
            value={recall.data?.from ?? from}
            onChange={(iso) => iso && setFrom(iso)}
            w={170}
            data-testid="recall-from"
          />
          <ClinicDateInput label="to" value={recall.data?.to ?? to} onChange={(iso) => iso && setTo(iso)} w={170} data-testid="recall-to" />
          {(from !== null || to !== null) && (
            <Button
              variant="subtle"
              onClick={() => {
                setFrom(null);
                setTo(null);
              }}
              data-testid="recall-reset"
            >
              Four weeks either side
            </Button>
          )}
        </Group>
      </Group>

      {recall.isError ? (
        <ErrorAlert error={recall.error} title="Could not load the recall list" onRetry={() => void recall.refetch()} />
      ) : recall.data === undefined ? (
        <Skeleton height={240} radius="md" />
      ) : entries.length === 0 ? (
        <Alert color="gray" title="Nobody is due back" data-testid="recall-empty">
          No examination asked for a follow-up between {formatDate(recall.data.from, info.date_format)} and{" "}
          {formatDate(recall.data.to, info.date_format)}.
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Table verticalSpacing={6} striped layout="fixed" data-testid="recall-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>Due</Table.Th>
                <Table.Th w="18%">Patient</Table.Th>
                <Table.Th w={110}>MRN</Table.Th>
                <Table.Th w={150}>Phone</Table.Th>
                <Table.Th>Follow-up</Table.Th>
                <Table.Th w={110}>Last seen</Table.Th>
                <Table.Th w={160}>Clinician</Table.Th>
                <Table.Th w={200} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <RecallRow key={`${entry.patient_id}-${entry.due_on}`} entry={entry} opening={opening === entry.patient_id} onBook={() => book(entry)} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <BookingModal
        draft={draft}
        opened={draft !== null}
        onClose={() => setDraft(null)}
        onBooked={() => void client.invalidateQueries({ queryKey: examKeys.all })}
      />
    </Stack>
  );
}

function RecallRow({ entry, opening, onBook }: { entry: RecallEntry; opening: boolean; onBook: () => void }) {
  const info = useClinic();
  const overdue = entry.due_on < info.today && entry.booked_on === null;
  return (
    <Table.Tr data-testid="recall-row" data-mrn={entry.patient_mrn} data-booked={entry.booked_on !== null || undefined}>
      <Table.Td>
        <Text size="sm" fw={600} c={overdue ? "red.8" : undefined}>
          {formatDate(entry.due_on, info.date_format)}
        </Text>
        <Text size="xs" c={overdue ? "red.8" : "dimmed"}>
          {dueLabel(entry.due_on, info.today) ?? relativeDay(entry.due_on, info.today)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} href={`/patients/${entry.patient_id}`} fw={600} size="sm">
          {entry.patient_name}
        </Anchor>
      </Table.Td>
      <Table.Td ff="monospace">{entry.patient_mrn}</Table.Td>
      <Table.Td>
        {entry.phones.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No phone
          </Text>
        ) : (
          entry.phones.map((phone) => (
            <Anchor key={phone} href={`tel:${phone.replace(/[^\d+]/g, "")}`} size="sm" display="block" ff="monospace">
              {phone}
            </Anchor>
          ))
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.follow_up_text ?? "—"}</Text>
      </Table.Td>
      <Table.Td>{formatDate(entry.last_seen_on, info.date_format)}</Table.Td>
      <Table.Td>
        <Text size="sm">{entry.clinician_name ?? "—"}</Text>
      </Table.Td>
      <Table.Td>
        {entry.booked_on ? (
          <Badge color="teal" variant="light" size="lg" tt="none" fw={600} leftSection={<IconCalendarCheck size={14} />} data-testid="recall-booked">
            Booked on {formatDate(entry.booked_on, info.date_format)}
          </Badge>
        ) : (
          <Button size="compact-sm" leftSection={<IconCalendarPlus size={14} />} onClick={onBook} loading={opening} data-testid="recall-book">
            Book
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
