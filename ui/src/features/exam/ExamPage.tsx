import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconClipboardText, IconEye, IconLock, IconSignature, IconStethoscope } from "@tabler/icons-react";
import { useCallback, useState } from "react";
import { Link } from "wouter";

import { useExam } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { ExaminationView } from "../../bindings/ExaminationView";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatInstant } from "../../lib/dates";
import { longDay, relativeDay } from "../appointments/time";
import { ageLabel, displayName } from "../patients/format";
import { STAGE_LABELS } from "../queue/stages";
import { PrescriptionSection } from "../prescriptions/PrescriptionSection";
import { ConsultationForm } from "./ConsultationForm";
import { SignPrintPanel } from "./SignPrintPanel";
import { WorkupForm } from "./WorkupForm";

type ExamTab = "workup" | "consultation" | "sign";

/** A visit's examination: the work-up, the consultation, signing and printing. Route `#/visits/:visitId/exam`. */
export function ExamPage({ visitId }: { visitId: string }) {
  const exam = useExam(visitId);
  return (
    <Stack gap="md" data-testid="exam-page">
      {exam.isError ? (
        <ErrorAlert
          error={exam.error}
          title={exam.error.code === "not_found" ? "Visit not found" : "Could not load the examination"}
          onRetry={exam.error.code === "not_found" ? undefined : () => void exam.refetch()}
        />
      ) : exam.data === undefined ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading the examination">
          <Skeleton height={96} radius="md" />
          <Skeleton height={420} radius="md" />
        </Stack>
      ) : (
        <ExamScreen exam={exam.data} />
      )}
    </Stack>
  );
}

function ExamHeader({ exam }: { exam: ExaminationView }) {
  const info = useClinic();
  const p = exam.patient;
  const near = relativeDay(exam.clinic_day, info.today);
  return (
    <Paper withBorder radius="md" p="md" data-testid="exam-patient">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>
              <Anchor component={Link} href={`/patients/${p.id}`} c="dark" inherit data-testid="exam-patient-name">
                {displayName(p)}
              </Anchor>
            </Title>
            <Text size="lg">{ageLabel(p.date_of_birth, p.age_years, info.today)}</Text>
            <Text ff="monospace" fw={700} data-testid="exam-patient-mrn">
              {p.mrn}
            </Text>
          </Group>
          <Text c="dimmed" size="sm">
            Visit {longDay(exam.clinic_day)}
            {near ? ` (${near})` : ""} · {exam.clinician_name ?? "No clinician assigned"}
          </Text>
        </Stack>
        <Stack gap={6} align="flex-end">
          <Badge size="lg" variant="light" data-testid="exam-stage">
            {STAGE_LABELS[exam.stage]}
          </Badge>
          {exam.signed_at ? (
            <Badge size="lg" color="teal" leftSection={<IconLock size={14} />} data-testid="exam-signed-status">
              Signed
            </Badge>
          ) : (
            <Badge size="lg" color="gray" variant="outline" data-testid="exam-signed-status">
              Not signed
            </Badge>
          )}
        </Stack>
      </Group>
      {p.allergies && (
        <Alert mt="sm" color="red" variant="filled" icon={<IconAlertTriangle size={20} />} title="Allergies" data-testid="exam-allergies" p="xs">
          <Text size="sm" fw={600} style={{ whiteSpace: "pre-wrap" }}>
            {p.allergies}
          </Text>
        </Alert>
      )}
    </Paper>
  );
}

function firstTab(exam: ExaminationView, canConsult: boolean): ExamTab {
  if (exam.signed_at) return "sign";
  if (canConsult && exam.workup !== null) return "consultation";
  return "workup";
}

function ExamScreen({ exam }: { exam: ExaminationView }) {
  const info = useClinic();
  const canWorkup = useCan("write_workup");
  const canConsult = useCan("write_consultation");
  const [tab, setTab] = useState<ExamTab>(() => firstTab(exam, canConsult));
  // Prescribing is saving the prescription: its operation asks for the consultation's permission.
  const canPrescribe = useCan("write_consultation");
  const [unsaved, setUnsaved] = useState<{ workup: boolean; consultation: boolean; medicines: boolean }>({
    workup: false,
    consultation: false,
    medicines: false,
  });
  const signed = exam.signed_at !== null;
  const onWorkupDirty = useCallback((dirty: boolean) => setUnsaved((u) => (u.workup === dirty ? u : { ...u, workup: dirty })), []);
  const onConsultDirty = useCallback((dirty: boolean) => setUnsaved((u) => (u.consultation === dirty ? u : { ...u, consultation: dirty })), []);
  const onMedicinesDirty = useCallback((dirty: boolean) => setUnsaved((u) => (u.medicines === dirty ? u : { ...u, medicines: dirty })), []);
  // Signing remounts the forms, so they show what was signed rather than anything left unsaved.
  const version = exam.signed_at ?? "open";

  return (
    <>
      <Group>
        <Button component={Link} href={`/patients/${exam.patient.id}`} variant="subtle" leftSection={<IconArrowLeft size={18} />} px="xs">
          Patient record and chart
        </Button>
      </Group>
      <ExamHeader exam={exam} />
      {signed && (
        <Alert color="teal" variant="light" icon={<IconLock size={20} />} data-testid="signed-banner">
          Signed by {exam.signed_by_name ?? "a doctor"} on {formatInstant(exam.signed_at ?? "", info.date_format)}. The record is
          read-only; corrections are added as addenda.
        </Alert>
      )}
      <Tabs value={tab} onChange={(value) => value && setTab(value as ExamTab)} keepMounted>
        <Tabs.List>
          <Tabs.Tab value="workup" leftSection={<IconEye size={16} />} data-testid="exam-tab-workup">
            Work-up{unsaved.workup ? " •" : ""}
          </Tabs.Tab>
          <Tabs.Tab value="consultation" leftSection={<IconStethoscope size={16} />} data-testid="exam-tab-consultation">
            Consultation{unsaved.consultation ? " •" : ""}
          </Tabs.Tab>
          <Tabs.Tab value="sign" leftSection={signed ? <IconSignature size={16} /> : <IconClipboardText size={16} />} data-testid="exam-tab-sign">
            Sign &amp; print
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="workup" pt="md">
          <WorkupForm key={`w-${version}`} exam={exam} editable={canWorkup && !signed} active={tab === "workup"} onDirtyChange={onWorkupDirty} />
        </Tabs.Panel>
        <Tabs.Panel value="consultation" pt="md">
          <ConsultationForm
            key={`c-${version}`}
            exam={exam}
            editable={canConsult && !signed}
            active={tab === "consultation"}
            onDirtyChange={onConsultDirty}
            medicines={
              canPrescribe ? <PrescriptionSection key={`m-${version}`} visitId={exam.visit_id} editable={!signed} onDirtyChange={onMedicinesDirty} /> : null
            }
          />
        </Tabs.Panel>
        <Tabs.Panel value="sign" pt="md">
          <SignPrintPanel exam={exam} unsaved={signed ? [] : [...(unsaved.workup ? ["work-up"] : []), ...(unsaved.consultation ? ["consultation"] : []), ...(unsaved.medicines ? ["prescription"] : [])]} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
