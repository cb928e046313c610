import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArchive,
  IconArchiveOff,
  IconArrowLeft,
  IconPencil,
} from "@tabler/icons-react";
import { useState } from "react";
import { useLocation } from "wouter";

import { useArchivePatient, usePatient } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import { useShell } from "../../app/shell";
import type { Patient } from "../../bindings/Patient";
import { Detail, DetailCard } from "../../components/Details";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError, notifySuccess } from "../../components/notify";
import { formatDate, formatInstant } from "../../lib/dates";
import { PatientAppointmentsPanel } from "../appointments/PatientAppointmentsPanel";
import { PatientAccessPanel } from "../audit/PatientAccessPanel";
import { PatientInvoicesPanel } from "../billing/PatientInvoicesPanel";
import { ChartPanel } from "../chart/ChartPanel";
import { ageLabel, displayName, SEX_LABELS } from "./format";

/** One patient's record: identity, contact, clinical background, emergency contact. */
export function PatientPage({ id }: { id: string }) {
  const [, navigate] = useLocation();
  const patient = usePatient(id);
  const back = () => navigate("/patients");

  return (
    <Stack gap="md" maw={1100} data-testid="patient-page">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={18} />} onClick={back} px="xs">
          Back to search
        </Button>
      </Group>
      {patient.isError ? (
        <ErrorAlert
          error={patient.error}
          title={patient.error.code === "not_found" ? "Patient not found" : "Could not load the patient"}
          onRetry={patient.error.code === "not_found" ? undefined : () => void patient.refetch()}
        />
      ) : patient.data === undefined ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading patient">
          <Skeleton height={110} radius="md" />
          <SimpleGrid cols={2}>
            <Skeleton height={180} radius="md" />
            <Skeleton height={180} radius="md" />
          </SimpleGrid>
        </Stack>
      ) : (
        <PatientRecord patient={patient.data} />
      )}
    </Stack>
  );
}

function PatientRecord({ patient }: { patient: Patient }) {
  const info = useClinic();
  const { openEdit } = useShell();
  const canWrite = useCan("write_patients");
  const [confirming, setConfirming] = useState(false);
  const archive = useArchivePatient();
  const name = displayName(patient);
  const dob = formatDate(patient.date_of_birth, info.date_format);
  const age = ageLabel(patient.date_of_birth, patient.age_years, info.today);

  const toggleArchived = () => {
    archive.mutate(
      { id: patient.id, archived: !patient.archived },
      {
        onSuccess: (saved) => {
          setConfirming(false);
          notifySuccess(saved.archived ? "Patient archived" : "Patient restored", `${name} (${saved.mrn})`);
        },
        onError: (error) => {
          setConfirming(false);
          notifyError(error, patient.archived ? "Could not restore the patient" : "Could not archive the patient");
        },
      },
    );
  };

  return (
    <>
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={6}>
            <Group gap="sm">
              <Title order={2} data-testid="patient-name">
                {name}
              </Title>
              {patient.archived && (
                <Badge color="gray" variant="filled" size="lg" data-testid="archived-badge">
                  Archived
                </Badge>
              )}
            </Group>
            <Group gap="xl">
              <Text>
                <Text span c="dimmed">
                  MRN{" "}
                </Text>
                <Text span ff="monospace" fw={700} data-testid="patient-mrn">
                  {patient.mrn}
                </Text>
              </Text>
              <Text>
                {age}
                <Text span c="dimmed">
                  {" "}
                  · born {dob}
                </Text>
              </Text>
              <Text>{SEX_LABELS[patient.sex]}</Text>
            </Group>
          </Stack>
          {canWrite && (
            <Group gap="sm" wrap="nowrap">
              <Button leftSection={<IconPencil size={18} />} onClick={() => openEdit(patient)} data-testid="edit-patient">
                Edit
              </Button>
              <Button
                variant="default"
                leftSection={patient.archived ? <IconArchiveOff size={18} /> : <IconArchive size={18} />}
                onClick={() => setConfirming(true)}
                data-testid={patient.archived ? "restore-patient" : "archive-patient"}
              >
                {patient.archived ? "Restore" : "Archive"}
              </Button>
            </Group>
          )}
        </Group>
      </Paper>

      {patient.archived && (
        <Alert color="gray" variant="light" icon={<IconArchive size={20} />}>
          This patient is archived: they appear in searches only with “Include archived” on. Nothing was deleted
          {canWrite ? "; Restore brings them back." : "."}
        </Alert>
      )}

      {patient.allergies && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Allergies" data-testid="allergy-alert">
          <Text style={{ whiteSpace: "pre-wrap" }}>{patient.allergies}</Text>
        </Alert>
      )}

      <ChartPanel patient={patient} />

      <PatientAppointmentsPanel patient={patient} />

      <PatientInvoicesPanel patientId={patient.id} />

      <SimpleGrid cols={2} spacing="md">
        <DetailCard title="Demographics">
          <Detail label="Date of birth">
            {dob} ({age})
          </Detail>
          <Detail label="Sex">{SEX_LABELS[patient.sex]}</Detail>
          <Detail label="National ID">{patient.national_id}</Detail>
        </DetailCard>
        <DetailCard title="Contact">
          <Detail label={patient.phones.length > 1 ? "Phone numbers" : "Phone number"}>
            {patient.phones.length > 0 ? patient.phones.join("\n") : null}
          </Detail>
          <Detail label="Email">{patient.email}</Detail>
          <Detail label="Address">{patient.address}</Detail>
        </DetailCard>
        <DetailCard title="Clinical background">
          <Detail label="Medical history">{patient.medical_history}</Detail>
          <Detail label="Allergies">
            {patient.allergies && (
              <Text span c="red.8" fw={600}>
                {patient.allergies}
              </Text>
            )}
          </Detail>
          <Detail label="Current medications">{patient.current_medications}</Detail>
        </DetailCard>
        <DetailCard title="Emergency contact">
          <Detail label="Name">{patient.emergency_contact_name}</Detail>
          <Detail label="Phone">{patient.emergency_contact_phone}</Detail>
        </DetailCard>
      </SimpleGrid>

      <Text size="xs" c="dimmed">
        Registered {formatInstant(patient.created_at, info.date_format)} · Last changed{" "}
        {formatInstant(patient.updated_at, info.date_format)}
      </Text>

      <PatientAccessPanel patientId={patient.id} />

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={patient.archived ? "Restore this patient?" : "Archive this patient?"}
        styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
        size="md"
      >
        <Stack gap="lg">
          <Text>
            {patient.archived
              ? `${name} (${patient.mrn}) will appear in patient searches again.`
              : `${name} (${patient.mrn}) will be hidden from patient searches unless “Include archived” is on. Nothing is deleted, and you can restore the patient at any time.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={archive.isPending}>
              Cancel
            </Button>
            <Button
              color={patient.archived ? undefined : "orange"}
              onClick={toggleArchived}
              loading={archive.isPending}
              data-testid="confirm-archive"
              data-autofocus
            >
              {patient.archived ? "Restore" : "Archive"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
