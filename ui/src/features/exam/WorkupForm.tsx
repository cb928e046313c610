import { Alert, Button, Group, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useDebouncedValue, useHotkeys } from "@mantine/hooks";
import { IconAlertTriangle, IconDeviceFloppy } from "@tabler/icons-react";
import { useEffect, useMemo, useState, type FocusEvent } from "react";

import { useSaveWorkup, useWorkupCheck } from "../../api";
import { useClinic } from "../../app/clinic";
import type { ExaminationView } from "../../bindings/ExaminationView";
import { notifySuccess } from "../../components/notify";
import { Shortcut } from "../../components/Shortcut";
import { formatDate, formatInstant } from "../../lib/dates";
import { displayName } from "../patients/format";
import { STAGE_LABELS } from "../queue/stages";
import { AcuitySection, FindingsSection, IopSection, RefractionSection, Section } from "./WorkupSections";
import {
  addRefraction,
  allNormal,
  blankWorkup,
  clockTime,
  copyCurrentGlasses,
  removeRefraction,
  setRefractionField,
  toWorkupInput,
  withoutField,
  workupErrorTarget,
  workupToValues,
  type EyeKey,
  type WorkupValues,
} from "./workupForm";
import classes from "./Exam.module.css";

function initialValues(exam: ExaminationView): WorkupValues {
  const now = clockTime(new Date());
  return exam.workup ? workupToValues(exam.workup, now) : blankWorkup(now);
}

/** Puts the cursor in the field an error is about. */
export function focusTestId(testId: string) {
  window.setTimeout(() => {
    const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    el?.focus();
    el?.scrollIntoView?.({ block: "center" });
  }, 0);
}

/**
 * The optometry work-up: acuity, refraction, pressure and findings per eye, OD left. Checked by the core as it is
 * typed (debounced), saved with the button or Ctrl+S; Enter never submits.
 */
export function WorkupForm({
  exam,
  editable,
  active,
  onDirtyChange,
}: {
  exam: ExaminationView;
  editable: boolean;
  active: boolean;
  /** Told whether the form has unsaved changes, so signing can wait for them. */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const info = useClinic();
  const [values, setValues] = useState<WorkupValues>(() => initialValues(exam));
  const [baseline, setBaseline] = useState<WorkupValues>(values);
  const [showOther, setShowOther] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  // A refused save's error, for the form exactly as it was sent; after any edit the running check speaks instead.
  const [refused, setRefused] = useState<{ values: WorkupValues; errors: Record<string, string> } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // The pressure time follows the clock until it is typed or a pressure is first entered.
  const [timeTyped, setTimeTyped] = useState(exam.workup?.iop !== null && exam.workup?.iop !== undefined);
  const save = useSaveWorkup();

  const [debounced] = useDebouncedValue(values, 300);
  const input = useMemo(() => toWorkupInput(debounced), [debounced]);
  const check = useWorkupCheck(input, editable, withoutField);
  const derived = editable ? (check.data?.derived ?? null) : exam.workup_derived;

  const checkErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of check.data?.errors ?? []) {
    const target = error.field === null ? null : workupErrorTarget(error.field);
    if (target === null) unplaced.push(error.message);
    else checkErrors[target] ??= error.message;
  }
  const errorFor = (testId: string): string | undefined => {
    if (!editable) return undefined;
    const fromSave = refused !== null && refused.values === values ? refused.errors[testId] : undefined;
    if (fromSave) return fromSave;
    const fromCheck = checkErrors[testId];
    return fromCheck && (submitted || touched.has(testId)) ? fromCheck : undefined;
  };

  const dirty = editable && JSON.stringify(values) !== JSON.stringify(baseline);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);
  const readOnly = !editable;

  const edit = (update: (current: WorkupValues) => WorkupValues) => setValues((current) => update(current));

  const onSave = () => {
    if (!editable || save.isPending) return;
    setSubmitted(true);
    setFormError(null);
    const sent = values;
    save.mutate(
      { visitId: exam.visit_id, workup: toWorkupInput(sent) },
      {
        onSuccess: (view) => {
          const saved = view.workup ? workupToValues(view.workup, clockTime(new Date())) : sent;
          // What was typed during the save stays; otherwise the form shows what is stored.
          setValues((current) => (current === sent ? saved : current));
          setBaseline(saved);
          setSubmitted(false);
          setRefused(null);
          setTouched(new Set());
          notifySuccess("Work-up saved", `${displayName(view.patient)} · ${STAGE_LABELS[view.stage]}`);
        },
        onError: (error) => {
          const target = error.field === null ? null : workupErrorTarget(error.field);
          if (error.code === "validation" && target !== null) {
            setRefused({ values: sent, errors: { [target]: error.message } });
            focusTestId(target);
          } else {
            setFormError(error.message);
          }
        },
      },
    );
  };

  useHotkeys([["mod+S", () => active && onSave()]], []);

  // A field once left counts as touched: the check's errors on it show from then on.
  const onBlurCapture = (event: FocusEvent<HTMLElement>) => {
    const id = event.target.getAttribute("data-testid");
    if (id && !touched.has(id)) setTouched((current) => new Set(current).add(id));
  };

  const copiedFrom = values.copied.includes("current_glasses") && exam.previous ? formatDate(exam.previous.clinic_day, info.date_format) : null;
  const previousGlasses = exam.previous?.current_glasses ?? null;

  const setIop = (change: Partial<WorkupValues["iop"]>) => {
    if (change.time !== undefined) setTimeTyped(true);
    edit((current) => {
      const iop = { ...current.iop, ...change };
      const was = current.iop;
      const blank = was.od.trim() === "" && was.os.trim() === "" && !was.od_not_recordable && !was.os_not_recordable;
      const now = iop.od.trim() !== "" || iop.os.trim() !== "" || iop.od_not_recordable || iop.os_not_recordable;
      const firstPressure = blank && now;
      if (firstPressure && !timeTyped) iop.time = clockTime(new Date());
      return { ...current, iop };
    });
  };

  const onEye = (eye: EyeKey, update: (f: WorkupValues["findings"]["od"]) => WorkupValues["findings"]["od"]) =>
    edit((current) => ({ ...current, findings: { ...current.findings, [eye]: update(current.findings[eye]) } }));

  if (!editable && exam.workup === null) {
    return (
      <Alert color="gray" variant="light" data-testid="workup-none">
        No work-up has been recorded for this visit.
      </Alert>
    );
  }

  return (
    <Stack gap="md" onBlurCapture={onBlurCapture} data-testid="workup-form">
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the work-up" role="alert" data-testid="workup-error">
          {formError}
        </Alert>
      )}
      {editable && submitted && unplaced.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert">
          {unplaced.join(" ")}
        </Alert>
      )}
      <AcuitySection
        values={values.acuity}
        onChange={(eye, field, text) => edit((c) => ({ ...c, acuity: { ...c.acuity, [eye]: { ...c.acuity[eye], [field]: text } } }))}
        derived={derived}
        notation={exam.settings.va_notation}
        errorFor={errorFor}
        readOnly={readOnly}
      />
      <RefractionSection
        values={values.refractions}
        derived={derived}
        showOther={showOther}
        onShowOther={setShowOther}
        onAdd={(kind) => {
          edit((c) => addRefraction(c, kind));
          focusTestId(`rx-${kind}-od-sphere`);
        }}
        onRemove={(kind) => edit((c) => removeRefraction(c, kind))}
        onField={(kind, eye, field, text) => edit((c) => setRefractionField(c, kind, eye, field, text))}
        onCopyLast={() => {
          if (previousGlasses) edit((c) => copyCurrentGlasses(c, previousGlasses));
        }}
        copyAvailable={previousGlasses !== null}
        copiedFrom={copiedFrom}
        errorFor={errorFor}
        readOnly={readOnly}
      />
      <IopSection values={values.iop} derived={derived} onChange={setIop} errorFor={errorFor} readOnly={readOnly} />
      <FindingsSection
        values={values.findings}
        onEye={onEye}
        onAllNormal={(eye, section) =>
          onEye(eye, (f) => ({
            ...f,
            slit_lamp: section === "fundus" ? f.slit_lamp : allNormal(f.slit_lamp),
            fundus: section === "slit_lamp" ? f.fundus : allNormal(f.fundus),
          }))
        }
        errorFor={errorFor}
        readOnly={readOnly}
      />
      <Section title="Notes">
        <Textarea
          aria-label="Work-up notes"
          value={values.notes}
          onChange={(event) => {
            const notes = event.currentTarget.value;
            edit((c) => ({ ...c, notes }));
          }}
          error={errorFor("workup-notes")}
          readOnly={readOnly}
          minRows={2}
          data-testid="workup-notes"
          id="workup-notes"
        />
      </Section>
      <Paper p="sm" className={classes.saveBar} radius={0}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" c="dimmed" data-testid="workup-saved-by">
            {exam.workup_saved_at
              ? `Saved by ${exam.workup_by_name ?? "someone"} on ${formatInstant(exam.workup_saved_at, info.date_format)}`
              : "Not saved yet."}
            {dirty ? " · Unsaved changes" : ""}
          </Text>
          {editable && (
            <Group gap="sm" wrap="nowrap">
              <Text size="xs" c="dimmed">
                <Shortcut keys={["Ctrl", "S"]} />
              </Text>
              <Button leftSection={<IconDeviceFloppy size={18} />} onClick={onSave} loading={save.isPending} data-testid="workup-save">
                Save work-up
              </Button>
            </Group>
          )}
        </Group>
      </Paper>
    </Stack>
  );
}
