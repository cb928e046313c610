import { Input, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useMemo } from "react";

import type { DateFormat } from "../../bindings/DateFormat";
import type { PaperSize } from "../../bindings/PaperSize";
import { currencyOptions } from "../../lib/currencies";
import { DATE_FORMATS, datePattern, formatDate } from "../../lib/dates";
import { timeZoneOptions } from "../../lib/timeZones";
import { PAPER_SIZES, type ClinicField, type ClinicFormValues } from "./clinicForm";

/**
 * The clinic's settings as inputs. Ids are `<prefix>-<field>` (for focusing the first error);
 * test ids `<prefix>-clinic-name`, `<prefix>-currency`, … (see TESTIDS.md).
 */
export function ClinicFields({
  prefix,
  values,
  onChange,
  errorFor,
  disabled,
  today,
  showIdleLock,
  autoFocus,
}: {
  prefix: string;
  values: ClinicFormValues;
  onChange: <F extends ClinicField>(field: F, value: ClinicFormValues[F]) => void;
  errorFor: (field: ClinicField) => string | undefined;
  disabled: boolean;
  /** Today, ISO: the date-format examples use this year. */
  today: string;
  /** The idle lock and the session length: on the settings page, not at first start. */
  showIdleLock: boolean;
  autoFocus?: boolean;
}) {
  const id = (field: ClinicField) => `${prefix}-${field}`;
  const testId = (field: ClinicField) => `${prefix}-${field.replaceAll("_", "-")}`;
  const currencies = useMemo(() => currencyOptions(values.currency), [values.currency]);
  const zones = useMemo(() => timeZoneOptions(values.time_zone), [values.time_zone]);

  // An example whose day is past 12, so day and month cannot be confused.
  const example = `${today.slice(0, 4)}-12-31`;
  const formatOptions = DATE_FORMATS.map((format) => ({
    value: format,
    label: `${datePattern(format)}  (e.g. ${formatDate(example, format)})`,
  }));

  return (
    <Stack gap="md">
      <TextInput
        id={id("clinic_name")}
        data-testid={testId("clinic_name")}
        label="Clinic name"
        placeholder="e.g. Riverside Eye Clinic"
        description="Printed on letters, prescriptions and receipts."
        inputWrapperOrder={["label", "input", "description", "error"]}
        required
        autoFocus={autoFocus}
        value={values.clinic_name}
        onChange={(event) => onChange("clinic_name", event.currentTarget.value)}
        error={errorFor("clinic_name")}
        disabled={disabled}
      />
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Textarea
          id={id("address")}
          data-testid={testId("address")}
          label="Address"
          placeholder="Street, town, postcode"
          // A fixed height: autosize measures on every render, and this form re-renders per keystroke.
          autosize={false}
          rows={3}
          value={values.address}
          onChange={(event) => onChange("address", event.currentTarget.value)}
          error={errorFor("address")}
          disabled={disabled}
        />
        <TextInput
          id={id("phone")}
          data-testid={testId("phone")}
          label="Phone"
          placeholder="e.g. 01 234 5678"
          inputMode="tel"
          value={values.phone}
          onChange={(event) => onChange("phone", event.currentTarget.value)}
          error={errorFor("phone")}
          disabled={disabled}
        />
        <Textarea
          id={id("registration")}
          data-testid={testId("registration")}
          label="Registration details"
          description="Company, tax or council numbers the law asks invoices and receipts to carry."
          inputWrapperOrder={["label", "input", "description", "error"]}
          placeholder="e.g. Company no. 654321 · VAT no. IE 6543210K"
          autosize={false}
          rows={2}
          value={values.registration}
          onChange={(event) => onChange("registration", event.currentTarget.value)}
          error={errorFor("registration")}
          disabled={disabled}
        />
        <Select
          id={id("currency")}
          data-testid={testId("currency")}
          label="Currency"
          searchable
          nothingFoundMessage="No such currency"
          data={currencies}
          // Rendered only while open: the lists are long, and this form re-renders on every keystroke.
          comboboxProps={{ keepMounted: false }}
          value={values.currency}
          onChange={(value) => value && onChange("currency", value)}
          allowDeselect={false}
          error={errorFor("currency")}
          disabled={disabled}
        />
        <Select
          id={id("time_zone")}
          data-testid={testId("time_zone")}
          label="Time zone"
          description="Decides what “today” is for appointments and ages."
          inputWrapperOrder={["label", "input", "description", "error"]}
          searchable
          nothingFoundMessage="No such time zone"
          data={zones}
          comboboxProps={{ keepMounted: false }}
          value={values.time_zone}
          onChange={(value) => value && onChange("time_zone", value)}
          allowDeselect={false}
          maxDropdownHeight={280}
          error={errorFor("time_zone")}
          disabled={disabled}
        />
        <Select
          id={id("date_format")}
          data-testid={testId("date_format")}
          label="Date format"
          description="How dates are shown and typed in this clinic."
          inputWrapperOrder={["label", "input", "description", "error"]}
          data={formatOptions}
          value={values.date_format}
          onChange={(value) => value && onChange("date_format", value as DateFormat)}
          allowDeselect={false}
          error={errorFor("date_format")}
          disabled={disabled}
        />
        <Input.Wrapper
          id={id("paper_size")}
          label="Paper size"
          description="For printed letters and prescriptions."
          inputWrapperOrder={["label", "input", "description", "error"]}
          error={errorFor("paper_size")}
          labelElement="div"
        >
          <SegmentedControl<PaperSize>
            data-testid={testId("paper_size")}
            fullWidth
            value={values.paper_size}
            onChange={(value) => onChange("paper_size", value)}
            data={PAPER_SIZES.map((size) => ({ value: size, label: size }))}
            disabled={disabled}
          />
        </Input.Wrapper>
        {showIdleLock && (
          <NumberInput
            id={id("idle_lock_minutes")}
            data-testid={testId("idle_lock_minutes")}
            label="Lock the screen after"
            description="Minutes without use before a workstation locks."
            inputWrapperOrder={["label", "input", "description", "error"]}
            rightSection="min"
            rightSectionWidth={44}
            allowDecimal={false}
            allowNegative={false}
            w={220}
            value={values.idle_lock_minutes}
            onChange={(value) => onChange("idle_lock_minutes", value)}
            error={errorFor("idle_lock_minutes")}
            disabled={disabled}
          />
        )}
        {showIdleLock && (
          <NumberInput
            id={id("session_hours")}
            data-testid={testId("session_hours")}
            label="Sign everyone out after"
            description="Hours after signing in, however busy."
            inputWrapperOrder={["label", "input", "description", "error"]}
            rightSection="h"
            rightSectionWidth={44}
            allowDecimal={false}
            allowNegative={false}
            w={220}
            value={values.session_hours}
            onChange={(value) => onChange("session_hours", value)}
            error={errorFor("session_hours")}
            disabled={disabled}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}
