import { Alert, Button, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconDeviceFloppy, IconPill, IconPlus } from "@tabler/icons-react";
import { useEffect, useState } from "react";

import { usePrescription, usePrescriptionVocabulary, useSavePrescription } from "../../api";
import { useCan } from "../../app/session";
import type { PrescriptionView } from "../../bindings/PrescriptionView";
import type { PrescriptionVocabulary } from "../../bindings/PrescriptionVocabulary";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { focusTestId } from "../exam/WorkupForm";
import { Section } from "../exam/WorkupSections";
import {
  applyTemplate,
  emptyLine,
  errorKey,
  itemToValues,
  lineOfError,
  toItemsInput,
  type LineValues,
  type RxErrors,
} from "./rxForm";
import { PrescriptionReadOnly } from "./CourseView";
import { LineEditor } from "./LineEditor";
import { Templates } from "./Templates";

/** The screen element an error key points at, to focus it. */
function testIdOf(key: string, lines: LineValues[]): string | null {
  const m = /^items\.(\d+)\.(.+)$/.exec(key);
  if (!m) return null;
  const n = Number(m[1]);
  const rest = m[2] ?? "";
  const step = /^steps\.(\d+)\.(dose\.amount_tenths|frequency|days)$/.exec(rest);
  if (step) {
    const field = step[2] === "days" ? "days" : step[2] === "frequency" ? "frequency" : "amount";
    return `med-${field}-${n}-${step[1]}`;
  }
  switch (rest) {
    case "medicine_id":
      return lines[n]?.source === "other" ? `med-generic-${n}` : `med-medicine-${n}`;
    case "generic_name":
      return `med-generic-${n}`;
    case "strength":
      return `med-strength-${n}`;
    case "form":
      return `med-form-${n}`;
    case "eye":
      return `med-eye-${n}`;
    case "steps":
      return `med-frequency-${n}-0`;
    case "quantity":
      return `med-quantity-${n}`;
    case "repeats":
      return `med-repeats-${n}`;
    case "instructions":
      return `med-instructions-${n}`;
    case "from_stock":
      return `med-elsewhere-${n}`;
    default:
      return null;
  }
}

function linesOf(view: PrescriptionView): LineValues[] {
  return view.lines.map((l) => itemToValues(l.item));
}

/** Lines without the form's own keys, to tell whether anything changed. */
function comparable(lines: LineValues[]): string {
  return JSON.stringify(lines.map((l) => ({ ...l, key: null, medicine: l.medicine?.id ?? null })));
}

function PrescriptionEditor({
  view,
  vocabulary,
  onDirtyChange,
}: {
  view: PrescriptionView;
  vocabulary: PrescriptionVocabulary;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const canSearch = useCan("read_stock");
  const [lines, setLines] = useState<LineValues[]>(() => linesOf(view));
  const [baseline, setBaseline] = useState(() => comparable(linesOf(view)));
  const [errors, setErrors] = useState<RxErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSavePrescription();
  const dirty = comparable(lines) !== baseline;
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const source = canSearch ? "formulary" : "other";
  const update = (n: number, line: LineValues) => {
    setLines((c) => c.map((l, j) => (j === n ? line : l)));
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => lineOfError(k) !== n)));
  };

  // The core's reading of each saved line, by the line's id.
  const savedById = new Map(view.lines.map((l, i) => [l.item.id, { line: l, index: i }]));

  const onSave = () => {
    if (save.isPending) return;
    setFormError(null);
    const { items, errors: mine } = toItemsInput(lines);
    const keys = Object.keys(mine);
    if (keys.length > 0) {
      setErrors(mine);
      const target = testIdOf(keys[0] ?? "", lines);
      if (target) focusTestId(target);
      return;
    }
    const sent = lines;
    save.mutate(
      { visitId: view.visit_id, items },
      {
        onSuccess: (saved) => {
          // Keeps each line's key, and what the picker showed of its medicine's stock.
          const next = linesOf(saved).map((l, i) => {
            const before = sent[i];
            const medicine = before?.medicine && before.medicine.id === l.medicine?.id ? before.medicine : l.medicine;
            return { ...l, key: before?.key ?? l.key, medicine };
          });
          setLines((current) => (current === sent ? next : current));
          setBaseline(comparable(next));
          setErrors({});
          const count = saved.warnings.length;
          notifySuccess(
            "Medicines saved",
            count === 0 ? `${saved.lines.length} ${saved.lines.length === 1 ? "medicine" : "medicines"} on the prescription.` : `Check the ${count === 1 ? "warning" : `${count} warnings`} beside the lines.`,
          );
        },
        onError: (error) => {
          const key = error.field === null ? null : errorKey(error.field);
          const target = key === null ? null : testIdOf(key, lines);
          if (error.code === "validation" && key !== null && target !== null) {
            setErrors({ [key]: error.message });
            focusTestId(target);
          } else {
            setFormError(error.message);
          }
        },
      },
    );
  };

  return (
    <Stack gap="sm" data-testid="med-editor">
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the medicines" role="alert" data-testid="med-error">
          {formError}
        </Alert>
      )}
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic" data-testid="med-empty">
          No medicine prescribed. Add one, or apply a template below.
        </Text>
      ) : (
        lines.map((line, n) => {
          const s = line.id === null ? undefined : savedById.get(line.id);
          return (
            <LineEditor
              key={line.key}
              line={line}
              n={n}
              errors={errors}
              vocabulary={vocabulary}
              canSearch={canSearch}
              saved={s && !dirty ? s.line : null}
              warnings={s ? view.warnings.filter((w) => w.item === s.index) : []}
              onChange={(l) => update(n, l)}
              onRemove={() => {
                setLines((c) => c.filter((_, j) => j !== n));
                setErrors({});
              }}
            />
          );
        })
      )}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setLines((c) => [...c, emptyLine(source)])} data-testid="med-add-line">
          Add medicine
        </Button>
      </Group>
      <Paper withBorder radius="sm" p="sm" bg="gray.0">
        <Text size="sm" fw={600} mb={4}>
          Templates
        </Text>
        <Templates
          onApply={(t, eye) =>
            setLines((c) => {
              const next = applyTemplate(c, t, eye);
              // Without the formulary search, a template that names no medicine gets a typed one.
              return canSearch || t.medicine_id !== null ? next : next.map((l, i) => (i === next.length - 1 ? { ...l, source: "other" } : l));
            })
          }
        />
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="med-saved-by">
          {view.prescription_id ? `Saved by ${view.written_by_name ?? "someone"}.` : "Not saved yet."}
          {dirty ? " · Unsaved changes: warnings and the course are checked again when you save." : ""}
        </Text>
        <Button leftSection={<IconDeviceFloppy size={18} />} onClick={onSave} loading={save.isPending} data-testid="med-save">
          Save medicines
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The medicines the doctor prescribes in the consultation: lines from the formulary (with what the pharmacy has of
 * each) or bought elsewhere, eye, dose, frequency, days or a taper, packs, repeats, instructions; the clinic's
 * templates; the core's warnings beside each line and its dated course. Saved with its own button; read-only once
 * the examination is signed.
 */
export function PrescriptionSection({
  visitId,
  editable,
  onDirtyChange,
}: {
  visitId: string;
  editable: boolean;
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const prescription = usePrescription(visitId);
  const vocabulary = usePrescriptionVocabulary();
  const error = prescription.error ?? vocabulary.error;
  return (
    <Section
      title="Medicines"
      right={<IconPill size={18} />}
      testId="med-section"
    >
      {error ? (
        <ErrorAlert error={error} title="Could not load the prescription" onRetry={() => void prescription.refetch()} />
      ) : prescription.data === undefined || vocabulary.data === undefined ? (
        <Skeleton height={80} aria-label="Loading the prescription" />
      ) : editable && prescription.data.signed_at === null ? (
        <PrescriptionEditor view={prescription.data} vocabulary={vocabulary.data} onDirtyChange={onDirtyChange} />
      ) : (
        <PrescriptionReadOnly view={prescription.data} vocabulary={vocabulary.data} />
      )}
    </Section>
  );
}
