import { Alert, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconExternalLink } from "@tabler/icons-react";

import type { ApiError } from "../../api";
import { useClinic } from "../../app/clinic";
import type { PatientSummary } from "../../bindings/PatientSummary";
import { formatDate } from "../../lib/dates";
import { ageLabel, listName } from "./format";

/** Shown when the core thinks the patient may already be registered. */
export function DuplicateCandidates({
  candidates,
  pending,
  error,
  onOpen,
  onBack,
  onRegisterAnyway,
  openLabel = "Open existing",
}: {
  candidates: PatientSummary[];
  pending: boolean;
  error: ApiError | null;
  onOpen: (id: string) => void;
  onBack: () => void;
  onRegisterAnyway: () => void;
  /** What choosing a candidate does, e.g. "Use this patient" while booking. */
  openLabel?: string;
}) {
  const info = useClinic();
  return (
    <Stack gap="md" data-testid="duplicate-candidates">
      <Alert color="yellow" icon={<IconAlertTriangle size={20} />} title="This patient may already be registered">
        {candidates.length === 1
          ? "A patient with similar details exists. Open the existing record if it is the same person."
          : `${candidates.length} patients with similar details exist. Open the existing record if one is the same person.`}
      </Alert>
      {error && (
        <Alert color="red" title="Could not register the patient" role="alert">
          {error.message}
        </Alert>
      )}
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>MRN</Table.Th>
            <Table.Th>Date of birth</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {candidates.map((candidate) => (
            <Table.Tr key={candidate.id} data-testid="duplicate-row" data-mrn={candidate.mrn}>
              <Table.Td>
                <Group gap="xs">
                  <Text fw={600}>{listName(candidate)}</Text>
                  {candidate.archived && (
                    <Badge color="gray" variant="light" size="sm">
                      Archived
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td ff="monospace">{candidate.mrn}</Table.Td>
              <Table.Td>
                {formatDate(candidate.date_of_birth, info.date_format)}{" "}
                <Text span c="dimmed" size="sm">
                  ({ageLabel(candidate.date_of_birth, candidate.age_years, info.today)})
                </Text>
              </Table.Td>
              <Table.Td>{candidate.phones[0] ?? "—"}</Table.Td>
              <Table.Td ta="right">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconExternalLink size={14} />}
                  onClick={() => onOpen(candidate.id)}
                  data-testid="open-existing"
                >
                  {openLabel}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack} disabled={pending}>
          Back to the form
        </Button>
        <Button color="orange" data-testid="register-anyway" onClick={onRegisterAnyway} loading={pending}>
          Register anyway
        </Button>
      </Group>
    </Stack>
  );
}
