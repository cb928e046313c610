import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconCopy, IconPlus, IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";

import type { EyeRefractionView } from "../../bindings/EyeRefractionView";
import type { IopMethod } from "../../bindings/IopMethod";
import type { Notation } from "../../bindings/Notation";
import type { RefractionKind } from "../../bindings/RefractionKind";
import type { WorkupDerived } from "../../bindings/WorkupDerived";
import { EyeGrid, EyeGridHeader, EyeRow, FormField, GridHeading } from "./EyeGrid";
import {
  ACUITY_FIELDS,
  ACUITY_LABELS,
  acuityPlaceholder,
  EYES,
  FINDING_FIELD_LABELS,
  FINDING_PLACEHOLDERS,
  FUNDUS_STRUCTURES,
  IOP_METHODS,
  MEASURE_FIELDS,
  NOTE_FIELDS,
  RX_FIELDS,
  RX_KIND_LABELS,
  RX_KINDS,
  RX_LABELS,
  RX_PLACEHOLDERS,
  SLIT_STRUCTURES,
  STRUCTURE_LABELS,
  type AcuityField,
  type EyeFindingsValues,
  type EyeKey,
  type FindingSection,
  type FindingValue,
  type MeasureField,
  type NoteField,
  type RefractionValues,
  type RxField,
  type WorkupValues,
} from "./workupForm";
import classes from "./Exam.module.css";

/** What every section needs: the error to show under a field (by test id), and whether the form is read-only. */
export interface SectionProps {
  errorFor: (testId: string) => string | undefined;
  readOnly: boolean;
}

export function Section({ title, right, children, testId }: { title: string; right?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={4}>{title}</Title>
        {right}
      </Group>
      {children}
    </Paper>
  );
}

// ---------------------------------------------------------------- visual acuity

export function AcuitySection({
  values,
  onChange,
  derived,
  notation,
  errorFor,
  readOnly,
}: SectionProps & {
  values: WorkupValues["acuity"];
  onChange: (eye: EyeKey, field: AcuityField, text: string) => void;
  derived: WorkupDerived | null;
  notation: Notation;
}) {
  const shown = (eye: EyeKey, field: AcuityField): ReactNode => {
    const view = eye === "od" ? derived?.acuity_od : derived?.acuity_os;
    const typed = values[eye][field].trim();
    const inNotation = view?.[field] ?? null;
    if (!view || typed === "" || inNotation === null) return null;
    const parts: string[] = [];
    if (inNotation.toLowerCase() !== typed.toLowerCase()) parts.push(inNotation);
    if (field === "bcva" && view.bcva_logmar) parts.push(`LogMAR ${view.bcva_logmar}`);
    return parts.length > 0 ? parts.join(" · ") : null;
  };
  return (
    <Section title="Visual acuity" testId="workup-acuity">
      <EyeGrid>
        <EyeGridHeader />
        {ACUITY_FIELDS.map((field) => (
          <EyeRow
            key={field}
            label={ACUITY_LABELS[field]}
            od={
              <FormField
                testId={`va-od-${field}`}
                label={`${ACUITY_LABELS[field]}, right eye (OD)`}
                value={values.od[field]}
                onChange={(text) => onChange("od", field, text)}
                placeholder={acuityPlaceholder(notation, field)}
                derived={shown("od", field)}
                error={errorFor(`va-od-${field}`)}
                readOnly={readOnly}
                autoFocus={field === "sc" && !readOnly}
              />
            }
            os={
              <FormField
                testId={`va-os-${field}`}
                label={`${ACUITY_LABELS[field]}, left eye (OS)`}
                value={values.os[field]}
                onChange={(text) => onChange("os", field, text)}
                placeholder={acuityPlaceholder(notation, field)}
                derived={shown("os", field)}
                error={errorFor(`va-os-${field}`)}
                readOnly={readOnly}
              />
            }
          />
        ))}
      </EyeGrid>
    </Section>
  );
}

// ---------------------------------------------------------------- refractions

/** The cylinder form the examiner did not type, for the "show the other form" toggle. */
function otherForm(typedCylinder: string, view: EyeRefractionView): { label: string; text: string } | null {
  if (view.minus_form === view.plus_form) return null;
  return typedCylinder.trim().startsWith("+") ? { label: "Minus cyl", text: view.minus_form } : { label: "Plus cyl", text: view.plus_form };
}

function RefractionCard({
  r,
  view,
  showOther,
  copiedFrom,
  onField,
  onRemove,
  errorFor,
  readOnly,
}: SectionProps & {
  r: RefractionValues;
  view: { od: EyeRefractionView | null; os: EyeRefractionView | null } | null;
  showOther: boolean;
  copiedFrom: string | null;
  onField: (eye: EyeKey | null, field: RxField, text: string) => void;
  onRemove: () => void;
}) {
  const id = (eye: EyeKey, field: RxField) => `rx-${r.kind}-${eye}-${field}`;
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0" data-testid={`rx-${r.kind}`}>
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap="xs">
          <Text fw={700}>{RX_KIND_LABELS[r.kind]}</Text>
          {copiedFrom && (
            <Badge variant="light" color="grape" leftSection={<IconCopy size={12} />} data-testid="copied-badge">
              Copied from {copiedFrom}
            </Badge>
          )}
        </Group>
        {!readOnly && (
          <Tooltip label={`Remove the ${RX_KIND_LABELS[r.kind].toLowerCase()} refraction`}>
            <ActionIcon variant="subtle" color="gray" onClick={onRemove} aria-label={`Remove ${RX_KIND_LABELS[r.kind]}`} data-testid={`rx-remove-${r.kind}`}>
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <div className={classes.rxGrid}>
        <div />
        <div className={classes.headOd}>OD</div>
        <div className={classes.headOs}>OS</div>
        {RX_FIELDS.map((field) => (
          <EyeRow
            key={field}
            label={RX_LABELS[field]}
            od={
              <FormField
                testId={id("od", field)}
                label={`${RX_KIND_LABELS[r.kind]} ${RX_LABELS[field]}, right eye (OD)`}
                value={r.od[field]}
                onChange={(text) => onField("od", field, text)}
                placeholder={RX_PLACEHOLDERS[field]}
                error={errorFor(id("od", field))}
                readOnly={readOnly}
              />
            }
            os={
              <FormField
                testId={id("os", field)}
                label={`${RX_KIND_LABELS[r.kind]} ${RX_LABELS[field]}, left eye (OS)`}
                value={r.os[field]}
                onChange={(text) => onField("os", field, text)}
                placeholder={RX_PLACEHOLDERS[field]}
                error={errorFor(id("os", field))}
                readOnly={readOnly}
              />
            }
          />
        ))}
        <div className={classes.label}>SE</div>
        {EYES.map((eye) => {
          const v = view?.[eye] ?? null;
          const other = v && showOther ? otherForm(r[eye].cylinder, v) : null;
          return (
            <div key={eye}>
              <Text size="sm" ff="monospace" pt={4} data-testid={`rx-${r.kind}-${eye}-se`}>
                {v ? v.spherical_equivalent : "—"}
              </Text>
              {other && (
                <Text size="xs" c="dimmed" ff="monospace" data-testid={`rx-${r.kind}-${eye}-other-form`}>
                  {other.label}: {other.text}
                </Text>
              )}
            </div>
          );
        })}
        <div className={classes.label}>Binocular PD</div>
        <div>
          <FormField
            testId={`rx-${r.kind}-pd`}
            label={`${RX_KIND_LABELS[r.kind]} binocular PD`}
            value={r.pd}
            onChange={(text) => onField(null, "pd", text)}
            placeholder="mm"
            error={errorFor(`rx-${r.kind}-pd`)}
            readOnly={readOnly}
          />
        </div>
        <div />
      </div>
    </Paper>
  );
}

export function RefractionSection({
  values,
  derived,
  showOther,
  onShowOther,
  onAdd,
  onRemove,
  onField,
  onCopyLast,
  copyAvailable,
  copiedFrom,
  errorFor,
  readOnly,
}: SectionProps & {
  values: RefractionValues[];
  derived: WorkupDerived | null;
  showOther: boolean;
  onShowOther: (show: boolean) => void;
  onAdd: (kind: RefractionKind) => void;
  onRemove: (kind: RefractionKind) => void;
  onField: (kind: RefractionKind, eye: EyeKey | null, field: RxField, text: string) => void;
  onCopyLast: () => void;
  /** The last visit's glasses, when there are any to copy. */
  copyAvailable: boolean;
  /** The last visit's day, shown while the copied glasses are unchanged. */
  copiedFrom: string | null;
}) {
  const present = new Set(values.map((r) => r.kind));
  return (
    <Section
      title="Refraction"
      testId="workup-refraction"
      right={
        <Switch
          label="Show plus/minus cylinder"
          checked={showOther}
          onChange={(event) => onShowOther(event.currentTarget.checked)}
          data-testid="rx-show-other-form"
        />
      }
    >
      <Stack gap="sm">
        {!readOnly && (
          <Group gap="xs">
            {RX_KINDS.map((kind) => (
              <Button
                key={kind}
                size="xs"
                variant="default"
                leftSection={<IconPlus size={14} />}
                onClick={() => onAdd(kind)}
                disabled={present.has(kind)}
                data-testid={`rx-add-${kind}`}
              >
                {RX_KIND_LABELS[kind]}
              </Button>
            ))}
            {copyAvailable && (
              <Button size="xs" variant="light" color="grape" leftSection={<IconCopy size={14} />} onClick={onCopyLast} data-testid="rx-copy-last">
                Copy current glasses from last visit
              </Button>
            )}
          </Group>
        )}
        {values.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            {readOnly ? "No refraction recorded." : "No refraction yet: add one of the kinds above."}
          </Text>
        ) : (
          <div className={classes.refractions}>
            {values.map((r) => (
              <RefractionCard
                key={r.kind}
                r={r}
                view={derived?.refractions.find((v) => v.kind === r.kind) ?? null}
                showOther={showOther}
                copiedFrom={r.kind === "current_glasses" ? copiedFrom : null}
                onField={(eye, field, text) => onField(r.kind, eye, field, text)}
                onRemove={() => onRemove(r.kind)}
                errorFor={errorFor}
                readOnly={readOnly}
              />
            ))}
          </div>
        )}
      </Stack>
    </Section>
  );
}

// ---------------------------------------------------------------- pressure

export function IopSection({
  values,
  derived,
  onChange,
  errorFor,
  readOnly,
}: SectionProps & {
  values: WorkupValues["iop"];
  derived: WorkupDerived | null;
  onChange: (change: Partial<WorkupValues["iop"]>) => void;
}) {
  const flags = derived?.iop_flags ?? null;
  const warnings: { key: string; text: string }[] = [];
  if (flags?.od_high) warnings.push({ key: "od_high", text: "OD above 21 mmHg" });
  if (flags?.os_high) warnings.push({ key: "os_high", text: "OS above 21 mmHg" });
  if (flags?.asymmetric) warnings.push({ key: "asymmetric", text: "Difference over 5 mmHg between the eyes" });
  // An eye that cannot be measured (a scarred cornea) is its own state with a reason, never a pressure of 0.
  const notRecordable = (eye: EyeKey) => {
    const side = eye === "od" ? "right eye (OD)" : "left eye (OS)";
    const checked = eye === "od" ? values.od_not_recordable : values.os_not_recordable;
    const reason = eye === "od" ? values.od_not_recordable_reason : values.os_not_recordable_reason;
    return (
      <Stack gap={4}>
        <Checkbox
          size="xs"
          label="Not recordable"
          aria-label={`Pressure not recordable, ${side}`}
          checked={checked}
          disabled={readOnly}
          onChange={(event) => {
            const on = event.currentTarget.checked;
            onChange(eye === "od" ? { od_not_recordable: on, ...(on ? { od: "" } : {}) } : { os_not_recordable: on, ...(on ? { os: "" } : {}) });
          }}
          data-testid={`iop-${eye}-not-recordable`}
        />
        {checked && (
          <FormField
            testId={`iop-${eye}-reason`}
            label={`Why the pressure of the ${side} was not recordable`}
            value={reason}
            onChange={(t) => onChange(eye === "od" ? { od_not_recordable_reason: t } : { os_not_recordable_reason: t })}
            placeholder="Reason, e.g. scarred cornea"
            error={errorFor(`iop-${eye}-reason`)}
            readOnly={readOnly}
            mono={false}
          />
        )}
      </Stack>
    );
  };
  return (
    <Section title="Intraocular pressure" testId="workup-iop">
      <EyeGrid>
        <EyeGridHeader />
        <EyeRow
          label="IOP (mmHg)"
          od={<FormField testId="iop-od" label="IOP, right eye (OD), mmHg" value={values.od} onChange={(t) => onChange({ od: t })} placeholder={values.od_not_recordable ? "not recordable" : "mmHg"} error={errorFor("iop-od")} readOnly={readOnly || values.od_not_recordable} />}
          os={<FormField testId="iop-os" label="IOP, left eye (OS), mmHg" value={values.os} onChange={(t) => onChange({ os: t })} placeholder={values.os_not_recordable ? "not recordable" : "mmHg"} error={errorFor("iop-os")} readOnly={readOnly || values.os_not_recordable} />}
        />
        <EyeRow label="Not recordable" od={notRecordable("od")} os={notRecordable("os")} />
        <EyeRow
          label="Method · time"
          od={
            <Select
              size="sm"
              aria-label="Tonometer"
              data={IOP_METHODS.map((m) => ({ value: m.value, label: m.label }))}
              value={values.method}
              onChange={(value) => value && onChange({ method: value as IopMethod })}
              allowDeselect={false}
              readOnly={readOnly}
              data-testid="iop-method"
              comboboxProps={{ withinPortal: true }}
            />
          }
          os={
            <TextInput
              size="sm"
              aria-label="Time of the pressure reading (HH:MM)"
              value={values.time}
              onChange={(event) => onChange({ time: event.currentTarget.value })}
              placeholder="HH:MM"
              error={errorFor("iop-time")}
              readOnly={readOnly}
              className={classes.mono}
              w={120}
              data-testid="iop-time"
              id="iop-time"
            />
          }
        />
      </EyeGrid>
      {warnings.length > 0 && (
        <Stack gap={6} mt="sm">
          {warnings.map((w) => (
            <Alert
              key={w.key}
              color="yellow"
              variant="light"
              p="xs"
              icon={<IconAlertTriangle size={18} />}
              data-testid="iop-flag"
              data-flag={w.key}
            >
              <Text size="sm">
                <b>{w.text}</b> — a hint for the doctor, not a diagnosis.
              </Text>
            </Alert>
          ))}
        </Stack>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------- findings

function StructureInput({
  prefix,
  eye,
  structure,
  value,
  onChange,
  error,
  readOnly,
  disabled,
}: {
  prefix: "slit" | "fundus";
  eye: EyeKey;
  structure: string;
  value: FindingValue;
  onChange: (value: FindingValue) => void;
  error?: string;
  readOnly: boolean;
  disabled: boolean;
}) {
  const label = `${STRUCTURE_LABELS[structure as keyof typeof STRUCTURE_LABELS]}, ${eye === "od" ? "right eye (OD)" : "left eye (OS)"}`;
  return (
    <div className={classes.finding}>
      <Checkbox
        mt={8}
        label="Normal"
        aria-label={`${label}: normal`}
        checked={value.normal}
        onChange={(event) => onChange(event.currentTarget.checked ? { normal: true, text: "" } : { normal: false, text: value.text })}
        disabled={readOnly || disabled}
        data-testid={`${prefix}-${eye}-${structure}-normal`}
      />
      <TextInput
        size="sm"
        aria-label={`${label}: abnormal findings`}
        placeholder={disabled ? "Not examined" : value.normal ? "Normal" : "Abnormal findings"}
        value={value.text}
        onChange={(event) => onChange({ normal: false, text: event.currentTarget.value })}
        error={error}
        readOnly={readOnly}
        variant={readOnly ? "filled" : "default"}
        disabled={disabled}
        data-testid={`${prefix}-${eye}-${structure}-text`}
        id={`${prefix}-${eye}-${structure}-text`}
      />
    </div>
  );
}

export function FindingsSection({
  values,
  onEye,
  onAllNormal,
  errorFor,
  readOnly,
}: SectionProps & {
  values: WorkupValues["findings"];
  onEye: (eye: EyeKey, update: (current: EyeFindingsValues) => EyeFindingsValues) => void;
  onAllNormal: (eye: EyeKey, section: FindingSection | "both") => void;
}) {
  const field = (eye: EyeKey, name: MeasureField | NoteField) => (
    <FormField
      testId={`findings-${eye}-${name}`}
      label={`${FINDING_FIELD_LABELS[name]}, ${eye === "od" ? "right eye (OD)" : "left eye (OS)"}`}
      value={values[eye][name]}
      onChange={(text) => onEye(eye, (current) => ({ ...current, [name]: text }))}
      placeholder={values[eye].notExamined ? undefined : FINDING_PLACEHOLDERS[name]}
      error={errorFor(`findings-${eye}-${name}`)}
      readOnly={readOnly || values[eye].notExamined}
      mono={name !== "dilation_drug" && name !== "visual_field" && name !== "gonioscopy"}
    />
  );
  const eyeControls = (eye: EyeKey) => (
    <Stack gap={4} mt={6}>
      <Checkbox
        label="Eye not examined"
        checked={values[eye].notExamined}
        onChange={(event) => {
          const notExamined = event.currentTarget.checked;
          onEye(eye, (current) => ({ ...current, notExamined }));
        }}
        disabled={readOnly}
        error={errorFor(`findings-${eye}-not-examined`)}
        data-testid={`findings-${eye}-not-examined`}
      />
      {!readOnly && (
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => onAllNormal(eye, "both")}
          disabled={values[eye].notExamined}
          data-testid={`findings-${eye}-all-normal`}
          style={{ alignSelf: "flex-start" }}
        >
          All normal (slit lamp and fundus)
        </Button>
      )}
    </Stack>
  );
  const sectionRows = (section: FindingSection) => {
    const prefix = section === "slit_lamp" ? "slit" : "fundus";
    const structures = section === "slit_lamp" ? SLIT_STRUCTURES : FUNDUS_STRUCTURES;
    return (
      <>
        <GridHeading>{section === "slit_lamp" ? "Slit lamp" : "Fundus"}</GridHeading>
        {!readOnly && (
          <EyeRow
            label=""
            od={
              <Button size="compact-xs" variant="subtle" onClick={() => onAllNormal("od", section)} disabled={values.od.notExamined} data-testid={`${prefix}-od-all-normal`}>
                All normal OD
              </Button>
            }
            os={
              <Button size="compact-xs" variant="subtle" onClick={() => onAllNormal("os", section)} disabled={values.os.notExamined} data-testid={`${prefix}-os-all-normal`}>
                All normal OS
              </Button>
            }
          />
        )}
        {structures.map((structure) => (
          <EyeRow
            key={structure}
            label={STRUCTURE_LABELS[structure]}
            od={
              <StructureInput
                prefix={prefix}
                eye="od"
                structure={structure}
                value={(values.od[section] as Record<string, FindingValue>)[structure] ?? { normal: false, text: "" }}
                onChange={(v) => onEye("od", (current) => ({ ...current, [section]: { ...current[section], [structure]: v } }))}
                error={errorFor(`${prefix}-od-${structure}-text`)}
                readOnly={readOnly}
                disabled={values.od.notExamined}
              />
            }
            os={
              <StructureInput
                prefix={prefix}
                eye="os"
                structure={structure}
                value={(values.os[section] as Record<string, FindingValue>)[structure] ?? { normal: false, text: "" }}
                onChange={(v) => onEye("os", (current) => ({ ...current, [section]: { ...current[section], [structure]: v } }))}
                error={errorFor(`${prefix}-os-${structure}-text`)}
                readOnly={readOnly}
                disabled={values.os.notExamined}
              />
            }
          />
        ))}
      </>
    );
  };
  return (
    <Section title="Examination findings" testId="workup-findings">
      <EyeGrid>
        <EyeGridHeader od={eyeControls("od")} os={eyeControls("os")} />
        <GridHeading>Cornea and disc</GridHeading>
        {MEASURE_FIELDS.map((name) => (
          <EyeRow key={name} label={FINDING_FIELD_LABELS[name]} od={field("od", name)} os={field("os", name)} />
        ))}
        {sectionRows("slit_lamp")}
        {sectionRows("fundus")}
        <GridHeading>Dilation, fields and angle</GridHeading>
        {NOTE_FIELDS.map((name) => (
          <EyeRow key={name} label={FINDING_FIELD_LABELS[name]} od={field("od", name)} os={field("os", name)} />
        ))}
      </EyeGrid>
    </Section>
  );
}
