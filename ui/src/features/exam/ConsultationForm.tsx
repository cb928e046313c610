import { ActionIcon, Alert, Badge, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Tooltip } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconAlertTriangle, IconCopy, IconDeviceFloppy, IconTrash } from "@tabler/icons-react";
import { useEffect, useState, type ReactNode } from "react";

import { useSaveConsultation } from "../../api";
import { useClinic } from "../../app/clinic";
import type { Eye } from "../../bindings/Eye";
import type { ExaminationView } from "../../bindings/ExaminationView";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { notifySuccess } from "../../components/notify";
import { Shortcut } from "../../components/Shortcut";
import { formatDate, formatInstant } from "../../lib/dates";
import { longDay } from "../appointments/time";
import { displayName } from "../patients/format";
import { STAGE_LABELS } from "../queue/stages";
import {
  addDiagnosis,
  consultationErrorTarget,
  consultationToValues,
  copyHistory,
  EYE_CHOICES,
  followUpInput,
  hasHistory,
  removeDiagnosis,
  setText,
  toConsultationInput,
  type ConsultationTextField,
  type ConsultationValues,
  type FollowUpKind,
} from "./consultationForm";
import { DiagnosisPicker } from "./DiagnosisPicker";
import { focusTestId } from "./WorkupForm";
import { Section } from "./WorkupSections";
import classes from "./Exam.module.css";

const FOLLOW_UP_KINDS: { value: FollowUpKind; label: string }[] = [
  { value: "none", label: "None" },
  { value: "weeks", label: "Weeks" },
  { value: "months", label: "Months" },
  { value: "date", label: "Date" },
];

/** The work-up at a glance for the doctor: best-corrected acuity, pressure and the final refraction. */
function WorkupGlance({ exam }: { exam: ExaminationView }) {
  const d = exam.workup_derived;
  const w = exam.workup;
  if (!w || !d) {
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid="workup-glance">
        No work-up saved yet.
      </Text>
    );
  }
  const final = d.refractions.find((r) => r.kind === "final");
  const plus = exam.settings.cylinder_form === "plus";
  const flags = d.iop_flags;
  return (
    <Table withColumnBorders fz="sm" data-testid="workup-glance" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={160} />
          <Table.Th>OD — right eye</Table.Th>
          <Table.Th>OS — left eye</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td fw={600}>BCVA</Table.Td>
          <Table.Td ff="monospace">{d.acuity_od.bcva ?? "—"}</Table.Td>
          <Table.Td ff="monospace">{d.acuity_os.bcva ?? "—"}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Td fw={600}>IOP (mmHg)</Table.Td>
          <Table.Td ff="monospace" c={flags?.od_high ? "orange.8" : undefined}>
            {w.iop?.od ?? (w.iop?.od_not_recordable ? `not recordable (${w.iop.od_not_recordable})` : "—")}
          </Table.Td>
          <Table.Td ff="monospace" c={flags?.os_high ? "orange.8" : undefined}>
            {w.iop?.os ?? (w.iop?.os_not_recordable ? `not recordable (${w.iop.os_not_recordable})` : "—")}
          </Table.Td>
        </Table.Tr>
        {final && (
          <Table.Tr>
            <Table.Td fw={600}>Final refraction</Table.Td>
            <Table.Td ff="monospace">{(plus ? final.od?.plus_form : final.od?.minus_form) ?? "—"}</Table.Td>
            <Table.Td ff="monospace">{(plus ? final.os?.plus_form : final.os?.minus_form) ?? "—"}</Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The doctor's consultation: complaint, history (copied from the last visit on request), findings, ICD-10 diagnoses
 * with an eye each, plan and follow-up. Read-only for those who may not write it and once signed.
 */
export function ConsultationForm({
  exam,
  editable,
  active,
  onDirtyChange,
  medicines,
}: {
  exam: ExaminationView;
  editable: boolean;
  active: boolean;
  /** Told whether the form has unsaved changes, so signing can wait for them. */
  onDirtyChange?: (dirty: boolean) => void;
  /** The prescription's section, shown after the plan (it saves on its own). */
  medicines?: ReactNode;
}) {
  const info = useClinic();
  const [values, setValues] = useState<ConsultationValues>(() => consultationToValues(exam.consultation));
  const [baseline, setBaseline] = useState(values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveConsultation();
  const readOnly = !editable;
  const dirty = editable && JSON.stringify(values) !== JSON.stringify(baseline);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const drop = (testId: string) => setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== testId)));

  const text = (field: ConsultationTextField, testId: string, label: string, minRows = 2) => (
    <Textarea
      label={label}
      value={values[field]}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setValues((c) => setText(c, field, next));
        drop(testId);
      }}
      error={errors[testId]}
      readOnly={readOnly}
      minRows={minRows}
      data-testid={testId}
      id={testId}
    />
  );

  const onSave = () => {
    if (!editable || save.isPending) return;
    setFormError(null);
    const follow = followUpInput(values.followUp);
    if (follow.error) {
      const target = values.followUp.kind === "date" ? "followup-date" : "followup-count";
      setErrors({ [target]: follow.error });
      focusTestId(target);
      return;
    }
    const sent = values;
    save.mutate(
      { visitId: exam.visit_id, consultation: toConsultationInput(sent, follow.input) },
      {
        onSuccess: (view) => {
          const saved = consultationToValues(view.consultation);
          setValues((current) => (current === sent ? saved : current));
          setBaseline(saved);
          setErrors({});
          notifySuccess("Consultation saved", `${displayName(view.patient)} · ${STAGE_LABELS[view.stage]}`);
        },
        onError: (error) => {
          const target = error.field === null ? null : consultationErrorTarget(error.field, values.followUp.kind);
          if (error.code === "validation" && target !== null) {
            setErrors({ [target]: error.message });
            focusTestId(target);
          } else {
            setFormError(error.message);
          }
        },
      },
    );
  };

  useHotkeys([["mod+S", () => active && onSave()]], []);

  const copied = values.copied.includes("history") && exam.previous;
  const historyCopyable = editable && hasHistory(exam.previous);
  const savedFollowUp = exam.consultation?.follow_up_on ?? null;

  if (!editable && exam.consultation === null) {
    return (
      <Stack gap="md" data-testid="consultation-form">
        <Alert color="gray" variant="light" data-testid="consult-none">
          No consultation has been recorded for this visit{exam.signed_at ? "" : " yet; a doctor writes it"}.
        </Alert>
        <Section title="Work-up at a glance">
          <WorkupGlance exam={exam} />
        </Section>
      </Stack>
    );
  }

  return (
    <Stack gap="md" data-testid="consultation-form">
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the consultation" role="alert" data-testid="consult-error">
          {formError}
        </Alert>
      )}
      {!editable && !exam.signed_at && (
        <Alert color="gray" variant="light" data-testid="consult-read-only">
          The consultation is the doctor&apos;s part of the record; you can read it here.
        </Alert>
      )}
      <Section title="Work-up at a glance">
        <WorkupGlance exam={exam} />
      </Section>
      <Section title="Complaint and history">
        <Stack gap="sm">
          {text("complaint", "consult-complaint", "Presenting complaint")}
          <Group justify="space-between">
            <Group gap="xs">
              <Text fw={600} size="sm">
                History
              </Text>
              {copied && (
                <Badge variant="light" color="grape" leftSection={<IconCopy size={12} />} data-testid="consult-copied-badge">
                  Copied from {formatDate(exam.previous?.clinic_day ?? "", info.date_format)}
                </Badge>
              )}
            </Group>
            {historyCopyable && (
              <Button
                size="xs"
                variant="light"
                color="grape"
                leftSection={<IconCopy size={14} />}
                onClick={() => exam.previous && setValues((c) => copyHistory(c, exam.previous as NonNullable<typeof exam.previous>))}
                data-testid="consult-copy-history"
              >
                Copy history from last visit
              </Button>
            )}
          </Group>
          <SimpleGrid cols={3} spacing="sm">
            {text("ocular_history", "consult-ocular-history", "Ocular history")}
            {text("medical_history", "consult-medical-history", "Medical history")}
            {text("family_history", "consult-family-history", "Family history")}
          </SimpleGrid>
          {text("findings_summary", "consult-findings-summary", "Summary of findings")}
        </Stack>
      </Section>
      <Section title="Diagnoses">
        <Stack gap="sm">
          {values.diagnoses.length === 0 ? (
            <Text size="sm" c="dimmed" fs="italic" data-testid="dx-empty">
              No diagnosis recorded.
            </Text>
          ) : (
            <Table verticalSpacing={6} layout="fixed" data-testid="dx-list">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Diagnosis</Table.Th>
                  <Table.Th w={190}>Eye</Table.Th>
                  <Table.Th w="28%">Note</Table.Th>
                  {!readOnly && <Table.Th w={48} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {values.diagnoses.map((d, i) => (
                  <Table.Tr key={`${d.code}-${i}`} data-testid="dx-row" data-code={d.code} data-eye={d.eye}>
                    <Table.Td>
                      <Text size="sm" data-testid={`dx-code-${i}`}>
                        <Text span ff="monospace" fw={700}>
                          {d.code}
                        </Text>{" "}
                        {d.description}
                      </Text>
                      {errors[`dx-code-${i}`] && (
                        <Text size="xs" c="red.7" role="alert">
                          {errors[`dx-code-${i}`]}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="sm"
                        aria-label={`Eye for ${d.code}`}
                        data={EYE_CHOICES.map((e) => ({ value: e.value, label: e.label }))}
                        value={d.eye}
                        onChange={(value) => {
                          if (!value) return;
                          setValues((c) => ({ ...c, diagnoses: c.diagnoses.map((x, j) => (j === i ? { ...x, eye: value as Eye } : x)) }));
                          drop(`dx-eye-${i}`);
                        }}
                        allowDeselect={false}
                        readOnly={readOnly}
                        error={errors[`dx-eye-${i}`]}
                        data-testid={`dx-eye-${i}`}
                        id={`dx-eye-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="sm"
                        aria-label={`Note for ${d.code}`}
                        placeholder={readOnly ? undefined : "Optional note"}
                        value={d.note}
                        onChange={(event) => {
                          const note = event.currentTarget.value;
                          setValues((c) => ({ ...c, diagnoses: c.diagnoses.map((x, j) => (j === i ? { ...x, note } : x)) }));
                          drop(`dx-note-${i}`);
                        }}
                        readOnly={readOnly}
                        error={errors[`dx-note-${i}`]}
                        data-testid={`dx-note-${i}`}
                        id={`dx-note-${i}`}
                      />
                    </Table.Td>
                    {!readOnly && (
                      <Table.Td>
                        <Tooltip label="Remove this diagnosis">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => {
                              setValues((c) => removeDiagnosis(c, i));
                              setErrors({});
                            }}
                            aria-label={`Remove ${d.code}`}
                            data-testid={`dx-remove-${i}`}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {editable && (
            <DiagnosisPicker
              onPick={(code) => {
                setValues((c) => addDiagnosis(c, code));
                drop("dx-search");
              }}
              error={errors["dx-search"]}
            />
          )}
        </Stack>
      </Section>
      <Section title="Plan and follow-up">
        <Stack gap="sm">
          {text("plan", "consult-plan", "Plan", 3)}
          <div>
            <Text fw={500} size="sm" mb={4}>
              Follow-up
            </Text>
            <Group gap="sm" align="flex-start">
              <SegmentedControl
                data={FOLLOW_UP_KINDS}
                value={values.followUp.kind}
                onChange={(value) => {
                  setValues((c) => ({ ...c, followUp: { ...c.followUp, kind: value as FollowUpKind } }));
                  setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("followup"))));
                }}
                readOnly={readOnly}
                data-testid="followup-kind"
                aria-label="Follow-up in"
              />
              {(values.followUp.kind === "weeks" || values.followUp.kind === "months") && (
                <TextInput
                  w={130}
                  aria-label={`Follow-up in how many ${values.followUp.kind}`}
                  inputMode="numeric"
                  value={values.followUp.count}
                  onChange={(event) => {
                    const count = event.currentTarget.value;
                    setValues((c) => ({ ...c, followUp: { ...c.followUp, count } }));
                    drop("followup-count");
                  }}
                  rightSection={<Text size="xs" c="dimmed">{values.followUp.kind}</Text>}
                  rightSectionWidth={64}
                  error={errors["followup-count"]}
                  readOnly={readOnly}
                  className={classes.mono}
                  data-testid="followup-count"
                  id="followup-count"
                />
              )}
              {values.followUp.kind === "date" && (
                <ClinicDateInput
                  w={180}
                  aria-label="Follow-up date"
                  value={values.followUp.date}
                  onChange={(date) => {
                    setValues((c) => ({ ...c, followUp: { ...c.followUp, date } }));
                    drop("followup-date");
                  }}
                  error={errors["followup-date"]}
                  readOnly={readOnly}
                  minDate={exam.clinic_day}
                  data-testid="followup-date"
                  id="followup-date"
                />
              )}
            </Group>
            {savedFollowUp && (
              <Text size="sm" mt={6} data-testid="followup-on">
                Due back on <b>{longDay(savedFollowUp)}</b>
                {exam.consultation?.follow_up_text ? ` (${exam.consultation.follow_up_text})` : ""}
              </Text>
            )}
          </div>
          {text("notes", "consult-notes", "Notes")}
        </Stack>
      </Section>
      {medicines}
      <Paper p="sm" className={classes.saveBar} radius={0}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed" data-testid="consult-saved-by">
            {exam.consultation_saved_at
              ? `Saved by ${exam.consultation_by_name ?? "someone"} on ${formatInstant(exam.consultation_saved_at, info.date_format)}`
              : "Not saved yet."}
            {dirty ? " · Unsaved changes" : ""}
          </Text>
          {editable && (
            <Group gap="sm" wrap="nowrap">
              <Text size="xs" c="dimmed">
                <Shortcut keys={["Ctrl", "S"]} />
              </Text>
              <Button leftSection={<IconDeviceFloppy size={18} />} onClick={onSave} loading={save.isPending} data-testid="consult-save">
                Save consultation
              </Button>
            </Group>
          )}
        </Group>
      </Paper>
    </Stack>
  );
}
