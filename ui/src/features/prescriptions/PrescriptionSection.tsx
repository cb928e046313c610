import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Tooltip,
  type ComboboxParsedItem,
  type OptionsFilter,
} from "@mantine/core";
import { IconAlertTriangle, IconDeviceFloppy, IconPill, IconPlus, IconTemplate, IconTrash } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";

import { usePrescription, usePrescriptionVocabulary, useSavePrescription, useSaveTaperTemplate, useTaperTemplates } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Eye } from "../../bindings/Eye";
import type { Frequency } from "../../bindings/Frequency";
import type { PrescriptionLine } from "../../bindings/PrescriptionLine";
import type { PrescriptionView } from "../../bindings/PrescriptionView";
import type { PrescriptionVocabulary } from "../../bindings/PrescriptionVocabulary";
import type { PrescriptionWarning } from "../../bindings/PrescriptionWarning";
import type { TaperTemplate } from "../../bindings/TaperTemplate";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { formatDate } from "../../lib/dates";
import { focusTestId } from "../exam/WorkupForm";
import { Section } from "../exam/WorkupSections";
import { StockNote, MedicinePicker } from "./MedicinePicker";
import {
  applyTemplate,
  chosenFromMedicine,
  DOSE_UNIT_LABELS,
  emptyLine,
  emptyStep,
  errorKey,
  eyeLabel,
  itemToValues,
  lineOfError,
  RX_EYE_CHOICES,
  stepsInput,
  toItemsInput,
  type LineValues,
  type RxErrors,
  type StepValues,
} from "./rxForm";

const TEMPLATE_EYES: { eye: Eye; label: string }[] = [
  { eye: "od", label: "Right eye" },
  { eye: "os", label: "Left eye" },
  { eye: "ou", label: "Both eyes" },
];

/** The screen element an error key points at, to focus it. */
function testIdOf(key: string, lines: LineValues[]): string | null {
  const m = /^items\.(\d+)\.(.+)$/.exec(key);
  if (!m) return null;
  const n = Number(m[1]);
  const rest = m[2] ?? "";
  const step = /^steps\.(\d+)\.(dose\.amount_tenths|frequency|days)$/.exec(rest);
  if (step) {
    const field = step[2] === "days" ? "days" : step[2] === "frequency" ? "frequency" : "amount";
    return `rx-${field}-${n}-${step[1]}`;
  }
  switch (rest) {
    case "medicine_id":
      return lines[n]?.source === "other" ? `rx-generic-${n}` : `rx-medicine-${n}`;
    case "generic_name":
      return `rx-generic-${n}`;
    case "strength":
      return `rx-strength-${n}`;
    case "form":
      return `rx-form-${n}`;
    case "eye":
      return `rx-eye-${n}`;
    case "steps":
      return `rx-frequency-${n}-0`;
    case "quantity":
      return `rx-quantity-${n}`;
    case "repeats":
      return `rx-repeats-${n}`;
    case "instructions":
      return `rx-instructions-${n}`;
    case "from_stock":
      return `rx-elsewhere-${n}`;
    default:
      return null;
  }
}

/** Frequencies found by their words or the abbreviations the core accepts for them (QID, bd, nocte). */
function frequencyFilter(vocabulary: PrescriptionVocabulary): OptionsFilter {
  return ({ options, search }) => {
    const s = search.trim().toLowerCase().replace(/[.\s]/g, "");
    if (s === "") return options;
    return options.filter((o: ComboboxParsedItem) => {
      if (!("value" in o)) return false;
      const f = vocabulary.frequencies.find((x) => x.frequency === o.value);
      return (
        o.label.toLowerCase().replace(/\s/g, "").includes(s) || (f?.abbreviations ?? []).some((a) => a.toLowerCase().startsWith(s))
      );
    });
  };
}

/** A saved line's warnings, from the core, beside the line they are about. */
function Warnings({ warnings }: { warnings: PrescriptionWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <Stack gap={4}>
      {warnings.map((w, i) => (
        <Alert
          key={`${w.kind}-${i}`}
          color={w.kind === "allergy" ? "red" : "orange"}
          variant="light"
          p="xs"
          icon={<IconAlertTriangle size={18} />}
          data-testid="rx-warning"
          data-kind={w.kind}
        >
          <Text size="sm" fw={w.kind === "allergy" ? 700 : 500}>
            {w.message}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

/** The course in dates, as the core lays it out from the visit's day, and how long the first supply lasts. */
function Course({ line, vocabulary, n }: { line: PrescriptionLine; vocabulary: PrescriptionVocabulary; n: number }) {
  const info = useClinic();
  const words = (f: Frequency) => vocabulary.frequencies.find((x) => x.frequency === f)?.words ?? f;
  const rows = line.schedule.rows;
  return (
    <Stack gap={4} data-testid={`rx-course-${n}`}>
      <Text size="sm" data-testid={`rx-directions-${n}`}>
        <Text span fw={600}>
          Directions:{" "}
        </Text>
        {line.directions}
      </Text>
      {rows.length > 1 && (
        <Table fz="sm" withTableBorder verticalSpacing={2} data-testid={`rx-schedule-${n}`} maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>From</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>How often</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={`${r.from}-${i}`} data-testid="rx-schedule-row">
                <Table.Td>{formatDate(r.from, info.date_format)}</Table.Td>
                <Table.Td>{r.to ? formatDate(r.to, info.date_format) : "until reviewed"}</Table.Td>
                <Table.Td>{words(r.step.frequency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {line.schedule.total_days !== null && rows.length > 1 && (
        <Text size="xs" c="dimmed">
          {line.schedule.total_days} days in all.
        </Text>
      )}
      {line.days_of_supply !== null && (
        <Text size="xs" c="dimmed" data-testid={`rx-supply-${n}`}>
          The first supply lasts about {line.days_of_supply} {line.days_of_supply === 1 ? "day" : "days"} at this use.
        </Text>
      )}
    </Stack>
  );
}

/** The signed (or not editable) prescription: each line in words with its course and warnings. */
function PrescriptionReadOnly({ view, vocabulary }: { view: PrescriptionView; vocabulary: PrescriptionVocabulary }) {
  if (view.lines.length === 0)
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid="rx-none">
        No medicine prescribed.
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="rx-read-only">
      {view.lines.map((l, n) => (
        <Paper key={l.item.id} withBorder radius="sm" p="sm" data-testid={`rx-line-${n}`}>
          <Stack gap={4}>
            <Group gap="xs">
              <Text fw={700} tt="uppercase" size="sm">
                {[l.item.medicine.generic_name, l.item.medicine.strength, l.item.medicine.form].join(" ")}
              </Text>
              <Badge variant="light">{eyeLabel(l.item.eye)}</Badge>
              {!l.item.from_stock && (
                <Badge variant="light" color="gray">
                  Bought elsewhere
                </Badge>
              )}
            </Group>
            <Course line={l} vocabulary={vocabulary} n={n} />
            <Text size="sm">
              Quantity: {l.item.quantity} {l.item.quantity === 1 ? "pack" : "packs"} · Repeats: {l.item.repeats}
              {l.item.instructions ? ` · ${l.item.instructions}` : ""}
            </Text>
            <Warnings warnings={view.warnings.filter((w) => w.item === n)} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** A line saved as a taper template: its steps and medicine under a name the doctor gives. */
function SaveAsTemplate({ line, n, onClose }: { line: LineValues; n: number; onClose: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSaveTaperTemplate();
  const submit = () => {
    if (save.isPending) return;
    const { steps, errors } = stepsInput(line.steps, "steps");
    const first = Object.values(errors)[0];
    if (first) {
      setError(`The steps cannot be read yet: ${first}`);
      return;
    }
    save.mutate(
      { id: null, name, medicine_id: line.source === "formulary" ? (line.medicine?.id ?? null) : null, steps, active: true },
      {
        onSuccess: (t) => {
          notifySuccess("Template saved", `“${t.name}” is in the list of templates.`);
          onClose();
        },
        onError: (e) => setError(e.message),
      },
    );
  };
  return (
    <Group gap="xs" align="flex-start">
      <TextInput
        size="sm"
        placeholder="Template name, e.g. After YAG laser"
        aria-label="Template name"
        value={name}
        onChange={(event) => {
          setName(event.currentTarget.value);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            submit();
          }
          if (event.key === "Escape") onClose();
        }}
        error={error}
        autoFocus
        w={320}
        data-testid={`rx-template-name-${n}`}
      />
      <Button size="sm" variant="light" onClick={submit} loading={save.isPending} data-testid={`rx-template-save-${n}`}>
        Save template
      </Button>
      <Button size="sm" variant="subtle" color="gray" onClick={onClose}>
        Cancel
      </Button>
    </Group>
  );
}

function StepRow({
  step,
  n,
  i,
  last,
  count,
  errors,
  vocabulary,
  onChange,
  onRemove,
}: {
  step: StepValues;
  n: number;
  i: number;
  last: boolean;
  count: number;
  errors: RxErrors;
  vocabulary: PrescriptionVocabulary;
  onChange: (step: StepValues) => void;
  onRemove: () => void;
}) {
  const at = (f: string) => errors[`items.${n}.steps.${i}.${f}`];
  const filter = useMemo(() => frequencyFilter(vocabulary), [vocabulary]);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid={`rx-step-${n}-${i}`}>
      <Text size="sm" w={56} pt={8} c="dimmed">
        {count > 1 ? `Step ${i + 1}` : "Dose"}
      </Text>
      <TextInput
        w={80}
        aria-label={`Dose amount, line ${n + 1}${count > 1 ? ` step ${i + 1}` : ""}`}
        inputMode="decimal"
        value={step.amount}
        onChange={(event) => onChange({ ...step, amount: event.currentTarget.value })}
        error={at("dose.amount_tenths")}
        data-testid={`rx-amount-${n}-${i}`}
        id={`rx-amount-${n}-${i}`}
      />
      <Select
        w={150}
        aria-label={`Dose unit, line ${n + 1}${count > 1 ? ` step ${i + 1}` : ""}`}
        data={vocabulary.dose_units.map((u) => ({ value: u.unit, label: DOSE_UNIT_LABELS[u.unit] ?? u.example }))}
        value={step.unit}
        onChange={(value) => value && onChange({ ...step, unit: value as StepValues["unit"] })}
        allowDeselect={false}
        data-testid={`rx-unit-${n}-${i}`}
      />
      <Select
        w={240}
        aria-label={`How often, line ${n + 1}${count > 1 ? ` step ${i + 1}` : ""}`}
        placeholder="How often (QID, bd, nocte…)"
        data={vocabulary.frequencies.map((f) => ({ value: f.frequency, label: f.words }))}
        value={step.frequency}
        onChange={(value) => onChange({ ...step, frequency: (value as Frequency | null) ?? null })}
        searchable
        filter={filter}
        error={at("frequency") ?? (i === 0 ? errors[`items.${n}.steps`] : undefined)}
        data-testid={`rx-frequency-${n}-${i}`}
        id={`rx-frequency-${n}-${i}`}
      />
      <TextInput
        w={150}
        aria-label={`Days, line ${n + 1}${count > 1 ? ` step ${i + 1}` : ""}`}
        placeholder={last ? "until reviewed" : "days"}
        inputMode="numeric"
        value={step.days}
        onChange={(event) => onChange({ ...step, days: event.currentTarget.value })}
        rightSection={
          <Text size="xs" c="dimmed">
            days
          </Text>
        }
        rightSectionWidth={44}
        error={at("days")}
        data-testid={`rx-days-${n}-${i}`}
        id={`rx-days-${n}-${i}`}
      />
      {count > 1 && (
        <Tooltip label="Remove this step">
          <ActionIcon variant="subtle" color="red" mt={6} onClick={onRemove} aria-label={`Remove step ${i + 1} of line ${n + 1}`} data-testid={`rx-remove-step-${n}-${i}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

function LineEditor({
  line,
  n,
  errors,
  vocabulary,
  canSearch,
  saved,
  warnings,
  onChange,
  onRemove,
}: {
  line: LineValues;
  n: number;
  errors: RxErrors;
  vocabulary: PrescriptionVocabulary;
  canSearch: boolean;
  /** The core's reading of this line as last saved (directions, schedule), when it is saved and unchanged. */
  saved: PrescriptionLine | null;
  warnings: PrescriptionWarning[];
  onChange: (line: LineValues) => void;
  onRemove: () => void;
}) {
  const [templating, setTemplating] = useState(false);
  const at = (f: string) => errors[`items.${n}.${f}`];
  const setStep = (i: number, step: StepValues) => onChange({ ...line, steps: line.steps.map((s, j) => (j === i ? step : s)) });
  const other = line.source === "other";
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={`rx-line-${n}`} data-medicine={line.medicine?.label ?? line.genericName}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ flex: 1 }}>
            {other ? (
              <SimpleGrid cols={3} spacing="xs">
                <TextInput
                  label="Medicine not in the list (generic name)"
                  value={line.genericName}
                  onChange={(event) => onChange({ ...line, genericName: event.currentTarget.value })}
                  error={at("generic_name") ?? at("medicine_id")}
                  data-testid={`rx-generic-${n}`}
                  id={`rx-generic-${n}`}
                />
                <TextInput
                  label="Strength"
                  placeholder="e.g. 0.5% or 250 mg"
                  value={line.strength}
                  onChange={(event) => onChange({ ...line, strength: event.currentTarget.value })}
                  error={at("strength")}
                  data-testid={`rx-strength-${n}`}
                  id={`rx-strength-${n}`}
                />
                <Select
                  label="Form"
                  data={vocabulary.forms}
                  value={line.form}
                  onChange={(value) => onChange({ ...line, form: value })}
                  error={at("form")}
                  data-testid={`rx-form-${n}`}
                  id={`rx-form-${n}`}
                />
              </SimpleGrid>
            ) : line.medicine ? (
              <div>
                <Text size="sm" fw={500}>
                  Medicine
                </Text>
                <Group gap="xs">
                  <Text fw={700} data-testid={`rx-medicine-chosen-${n}`}>
                    {line.medicine.label}
                  </Text>
                  {line.medicine.stocked !== null && (
                    <StockNote
                      m={{
                        stocked: line.medicine.stocked,
                        on_hand: line.medicine.onHand ?? 0,
                        nearest_expiry: line.medicine.nearestExpiry,
                        out_of_stock: line.medicine.outOfStock ?? false,
                        pack: line.medicine.pack ?? "",
                      }}
                    />
                  )}
                  {canSearch && (
                    <Anchor size="sm" component="button" type="button" onClick={() => onChange({ ...line, medicine: null })} data-testid={`rx-change-medicine-${n}`}>
                      Change
                    </Anchor>
                  )}
                </Group>
                {at("medicine_id") && (
                  <Text size="xs" c="red.7" role="alert">
                    {at("medicine_id")}
                  </Text>
                )}
              </div>
            ) : (
              <MedicinePicker
                testId={`rx-medicine-${n}`}
                error={at("medicine_id")}
                onPick={(m) =>
                  onChange({
                    ...line,
                    medicine: chosenFromMedicine(m),
                    // A default only: the core checks that an eye medicine names an eye and a tablet none.
                    eye: m.route === "eye" ? (line.eye === "not_applicable" ? null : line.eye) : line.eye ?? "not_applicable",
                    elsewhere: m.stocked ? line.elsewhere : false,
                  })
                }
              />
            )}
            <Group gap="md">
              {canSearch && (
                <Anchor
                  size="xs"
                  component="button"
                  type="button"
                  onClick={() => onChange({ ...line, source: other ? "formulary" : "other", medicine: null })}
                  data-testid={`rx-other-${n}`}
                >
                  {other ? "Choose from the formulary instead" : "Not in the list: type a medicine bought elsewhere"}
                </Anchor>
              )}
            </Group>
          </Stack>
          <Select
            w={200}
            label="Eye"
            placeholder="Which eye"
            data={RX_EYE_CHOICES.map((e) => ({ value: e.value, label: e.label }))}
            value={line.eye}
            onChange={(value) => onChange({ ...line, eye: (value as Eye | null) ?? null })}
            error={at("eye")}
            data-testid={`rx-eye-${n}`}
            id={`rx-eye-${n}`}
          />
          <Tooltip label="Remove this medicine">
            <ActionIcon variant="subtle" color="red" mt={28} onClick={onRemove} aria-label={`Remove medicine ${n + 1}`} data-testid={`rx-remove-${n}`}>
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <Stack gap={6}>
          {line.steps.map((s, i) => (
            <StepRow
              key={i}
              step={s}
              n={n}
              i={i}
              last={i === line.steps.length - 1}
              count={line.steps.length}
              errors={errors}
              vocabulary={vocabulary}
              onChange={(step) => setStep(i, step)}
              onRemove={() => onChange({ ...line, steps: line.steps.filter((_, j) => j !== i) })}
            />
          ))}
          <Group gap="sm">
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => {
                const prev = line.steps[line.steps.length - 1];
                onChange({ ...line, steps: [...line.steps, { ...emptyStep(prev?.unit), amount: prev?.amount ?? "1" }] });
              }}
              data-testid={`rx-add-step-${n}`}
            >
              Add taper step
            </Button>
            <Button size="xs" variant="subtle" color="grape" leftSection={<IconTemplate size={14} />} onClick={() => setTemplating(true)} data-testid={`rx-save-template-${n}`}>
              Save as template
            </Button>
          </Group>
        </Stack>
        {templating && <SaveAsTemplate line={line} n={n} onClose={() => setTemplating(false)} />}
        <Group gap="xs" align="flex-start">
          <TextInput
            w={120}
            label="Quantity (packs)"
            inputMode="numeric"
            value={line.quantity}
            onChange={(event) => onChange({ ...line, quantity: event.currentTarget.value })}
            error={at("quantity")}
            data-testid={`rx-quantity-${n}`}
            id={`rx-quantity-${n}`}
          />
          <TextInput
            w={100}
            label="Repeats"
            inputMode="numeric"
            value={line.repeats}
            onChange={(event) => onChange({ ...line, repeats: event.currentTarget.value })}
            error={at("repeats")}
            data-testid={`rx-repeats-${n}`}
            id={`rx-repeats-${n}`}
          />
          <Textarea
            style={{ flex: 1 }}
            label="Instructions (optional)"
            placeholder="e.g. Shake well; wait 5 minutes between drops"
            autosize
            minRows={1}
            value={line.instructions}
            onChange={(event) => onChange({ ...line, instructions: event.currentTarget.value })}
            error={at("instructions")}
            data-testid={`rx-instructions-${n}`}
            id={`rx-instructions-${n}`}
          />
        </Group>
        {!other && line.medicine && line.medicine.stocked !== false && (
          <Checkbox
            label="The patient buys it elsewhere (not from the clinic's pharmacy)"
            checked={line.elsewhere}
            onChange={(event) => onChange({ ...line, elsewhere: event.currentTarget.checked })}
            error={at("from_stock")}
            data-testid={`rx-elsewhere-${n}`}
            id={`rx-elsewhere-${n}`}
          />
        )}
        <Warnings warnings={warnings} />
        {saved && <Course line={saved} vocabulary={vocabulary} n={n} />}
      </Stack>
    </Paper>
  );
}

function Templates({ onApply }: { onApply: (template: TaperTemplate, eye: Eye) => void }) {
  const templates = useTaperTemplates();
  const vocabulary = usePrescriptionVocabulary();
  const words = (f: Frequency) => vocabulary.data?.frequencies.find((x) => x.frequency === f)?.words ?? f;
  if (templates.isError) return <ErrorAlert error={templates.error} title="Could not load the templates" onRetry={() => void templates.refetch()} />;
  if (templates.data === undefined) return <Skeleton height={40} aria-label="Loading the templates" />;
  if (templates.data.length === 0)
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid="rx-templates-empty">
        No templates yet: write a course and use “Save as template” on its line.
      </Text>
    );
  return (
    <Stack gap={6} data-testid="rx-templates">
      {templates.data.map((t) => (
        <Group key={t.id} justify="space-between" wrap="nowrap" data-testid="rx-template" data-name={t.name}>
          <div>
            <Text size="sm" fw={600}>
              {t.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t.medicine_name ? `${t.medicine_name}: ` : ""}
              {t.steps.map((s) => `${words(s.frequency)}${s.days === null ? " until reviewed" : ` for ${s.days} days`}`).join(", then ")}
            </Text>
          </div>
          <Group gap={4} wrap="nowrap">
            {TEMPLATE_EYES.map((e) => (
              <Button key={e.eye} size="xs" variant="light" onClick={() => onApply(t, e.eye)} data-testid={`rx-apply-${e.eye}`} aria-label={`Apply ${t.name} to the ${e.label.toLowerCase()}`}>
                {e.label}
              </Button>
            ))}
          </Group>
        </Group>
      ))}
    </Stack>
  );
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
    <Stack gap="sm" data-testid="rx-editor">
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the medicines" role="alert" data-testid="rx-error">
          {formError}
        </Alert>
      )}
      {lines.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic" data-testid="rx-empty">
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
        <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setLines((c) => [...c, emptyLine(source)])} data-testid="rx-add-line">
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
        <Text size="sm" c="dimmed" data-testid="rx-saved-by">
          {view.prescription_id ? `Saved by ${view.written_by_name ?? "someone"}.` : "Not saved yet."}
          {dirty ? " · Unsaved changes: warnings and the course are checked again when you save." : ""}
        </Text>
        <Button leftSection={<IconDeviceFloppy size={18} />} onClick={onSave} loading={save.isPending} data-testid="rx-save">
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
      testId="rx-section"
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
