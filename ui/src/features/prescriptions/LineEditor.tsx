import {
  ActionIcon,
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Tooltip,
  type ComboboxParsedItem,
  type OptionsFilter,
} from "@mantine/core";
import { IconPlus, IconTemplate, IconTrash } from "@tabler/icons-react";
import { useMemo, useState } from "react";

import { useSaveTaperTemplate } from "../../api";
import type { Eye } from "../../bindings/Eye";
import type { Frequency } from "../../bindings/Frequency";
import type { PrescriptionLine } from "../../bindings/PrescriptionLine";
import type { PrescriptionVocabulary } from "../../bindings/PrescriptionVocabulary";
import type { PrescriptionWarning } from "../../bindings/PrescriptionWarning";
import { notifySuccess } from "../../components/notify";
import { StockNote, MedicinePicker } from "./MedicinePicker";
import {
  chosenFromMedicine,
  DOSE_UNIT_LABELS,
  emptyStep,
  RX_EYE_CHOICES,
  stepsInput,
  type LineValues,
  type RxErrors,
  type StepValues,
} from "./rxForm";
import { Course, Warnings } from "./CourseView";
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
        data-testid={`med-template-name-${n}`}
      />
      <Button size="sm" variant="light" onClick={submit} loading={save.isPending} data-testid={`med-template-save-${n}`}>
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
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid={`med-step-${n}-${i}`}>
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
        data-testid={`med-amount-${n}-${i}`}
        id={`med-amount-${n}-${i}`}
      />
      <Select
        w={150}
        aria-label={`Dose unit, line ${n + 1}${count > 1 ? ` step ${i + 1}` : ""}`}
        data={vocabulary.dose_units.map((u) => ({ value: u.unit, label: DOSE_UNIT_LABELS[u.unit] ?? u.example }))}
        value={step.unit}
        onChange={(value) => value && onChange({ ...step, unit: value as StepValues["unit"] })}
        allowDeselect={false}
        data-testid={`med-unit-${n}-${i}`}
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
        data-testid={`med-frequency-${n}-${i}`}
        id={`med-frequency-${n}-${i}`}
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
        data-testid={`med-days-${n}-${i}`}
        id={`med-days-${n}-${i}`}
      />
      {count > 1 && (
        <Tooltip label="Remove this step">
          <ActionIcon variant="subtle" color="red" mt={6} onClick={onRemove} aria-label={`Remove step ${i + 1} of line ${n + 1}`} data-testid={`med-remove-step-${n}-${i}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** One line of the prescription: the medicine, the eye, the course (one step or a taper), packs and repeats. */
export function LineEditor({
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
    <Paper withBorder radius="sm" p="sm" data-testid={`med-line-${n}`} data-medicine={line.medicine?.label ?? line.genericName}>
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
                  data-testid={`med-generic-${n}`}
                  id={`med-generic-${n}`}
                />
                <TextInput
                  label="Strength"
                  placeholder="e.g. 0.5% or 250 mg"
                  value={line.strength}
                  onChange={(event) => onChange({ ...line, strength: event.currentTarget.value })}
                  error={at("strength")}
                  data-testid={`med-strength-${n}`}
                  id={`med-strength-${n}`}
                />
                <Select
                  label="Form"
                  data={vocabulary.forms}
                  value={line.form}
                  onChange={(value) => onChange({ ...line, form: value })}
                  error={at("form")}
                  data-testid={`med-form-${n}`}
                  id={`med-form-${n}`}
                />
              </SimpleGrid>
            ) : line.medicine ? (
              <div>
                <Text size="sm" fw={500}>
                  Medicine
                </Text>
                <Group gap="xs">
                  <Text fw={700} data-testid={`med-medicine-chosen-${n}`}>
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
                    <Anchor size="sm" component="button" type="button" onClick={() => onChange({ ...line, medicine: null })} data-testid={`med-change-medicine-${n}`}>
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
                testId={`med-medicine-${n}`}
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
                  data-testid={`med-other-${n}`}
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
            data-testid={`med-eye-${n}`}
            id={`med-eye-${n}`}
          />
          <Tooltip label="Remove this medicine">
            <ActionIcon variant="subtle" color="red" mt={28} onClick={onRemove} aria-label={`Remove medicine ${n + 1}`} data-testid={`med-remove-${n}`}>
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
              data-testid={`med-add-step-${n}`}
            >
              Add taper step
            </Button>
            <Button size="xs" variant="subtle" color="grape" leftSection={<IconTemplate size={14} />} onClick={() => setTemplating(true)} data-testid={`med-save-template-${n}`}>
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
            data-testid={`med-quantity-${n}`}
            id={`med-quantity-${n}`}
          />
          <TextInput
            w={100}
            label="Repeats"
            inputMode="numeric"
            value={line.repeats}
            onChange={(event) => onChange({ ...line, repeats: event.currentTarget.value })}
            error={at("repeats")}
            data-testid={`med-repeats-${n}`}
            id={`med-repeats-${n}`}
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
            data-testid={`med-instructions-${n}`}
            id={`med-instructions-${n}`}
          />
        </Group>
        {!other && line.medicine && line.medicine.stocked !== false && (
          <Checkbox
            label="The patient buys it elsewhere (not from the clinic's pharmacy)"
            checked={line.elsewhere}
            onChange={(event) => onChange({ ...line, elsewhere: event.currentTarget.checked })}
            error={at("from_stock")}
            data-testid={`med-elsewhere-${n}`}
            id={`med-elsewhere-${n}`}
          />
        )}
        <Warnings warnings={warnings} />
        {saved && <Course line={saved} vocabulary={vocabulary} n={n} />}
      </Stack>
    </Paper>
  );
}

