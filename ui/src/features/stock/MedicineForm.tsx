import { Alert, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useSaveStockMedicine, useSettings } from "../../api";
import type { Form } from "../../bindings/Form";
import type { Medicine } from "../../bindings/Medicine";
import type { MedicineInput } from "../../bindings/MedicineInput";
import type { PackUnit } from "../../bindings/PackUnit";
import type { Route } from "../../bindings/Route";
import { normalizeFieldPath } from "../../lib/formErrors";
import { hundredthsText, minorText, parseHundredths, parseMinor, parseWhole } from "./money";
import { FORM_WORDS, PACK_UNIT_WORDS, ROUTE_WORDS } from "./words";

interface Values {
  generic_name: string;
  brand: string;
  strength: string;
  form: Form;
  route: Route;
  pack_size: string;
  pack_unit: PackUnit;
  stocked: boolean;
  reorder_level: string;
  price: string;
  use_within_days: string;
  active: boolean;
}

type Field = keyof Values;

const FIELD_OF_PATH: Record<string, Field> = {
  generic_name: "generic_name",
  brand: "brand",
  strength: "strength",
  form: "form",
  route: "route",
  pack_size_hundredths: "pack_size",
  pack_unit: "pack_unit",
  stocked: "stocked",
  reorder_level: "reorder_level",
  price_minor: "price",
  use_within_days: "use_within_days",
  active: "active",
};

function toValues(m: Medicine | null, currency: string): Values {
  if (m === null) {
    return {
      generic_name: "",
      brand: "",
      strength: "",
      form: "solution",
      route: "eye",
      pack_size: "5",
      pack_unit: "ml",
      stocked: true,
      reorder_level: "0",
      price: "",
      use_within_days: "28",
      active: true,
    };
  }
  return {
    generic_name: m.generic_name,
    brand: m.brand ?? "",
    strength: m.strength,
    form: m.form,
    route: m.route,
    pack_size: hundredthsText(m.pack_size_hundredths),
    pack_unit: m.pack_unit,
    stocked: m.stocked,
    reorder_level: String(m.reorder_level),
    price: minorText(m.price_minor, currency),
    use_within_days: m.use_within_days === null ? "" : String(m.use_within_days),
    active: m.active,
  };
}

/** A formulary entry, new or edited: every field the core keeps. Only typing is checked here; the rules are the core's. */
export function MedicineFormModal({
  opened,
  medicine,
  onClose,
  onSaved,
}: {
  opened: boolean;
  medicine: Medicine | null;
  onClose: () => void;
  onSaved: (saved: Medicine) => void;
}) {
  const settings = useSettings();
  return (
    <Modal opened={opened} onClose={onClose} title={medicine ? "Edit the medicine" : "New medicine"} size="lg">
      {opened && settings.data && (
        <MedicineFormBody key={medicine?.id ?? "new"} medicine={medicine} currency={settings.data.currency} onClose={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

function MedicineFormBody({
  medicine,
  currency,
  onClose,
  onSaved,
}: {
  medicine: Medicine | null;
  currency: string;
  onClose: () => void;
  onSaved: (saved: Medicine) => void;
}) {
  const [values, setValues] = useState<Values>(() => toValues(medicine, currency));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveStockMedicine();

  const set = <F extends Field>(field: F, value: Values[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setFormError(null);
    const pack = parseHundredths(values.pack_size);
    const reorder = parseWhole(values.reorder_level);
    const price = parseMinor(values.price, currency);
    const within = parseWhole(values.use_within_days);
    const typing: Partial<Record<Field, string>> = {};
    if (pack.error || pack.value === null) typing.pack_size = pack.error ?? "Type the size of one pack.";
    if (reorder.error) typing.reorder_level = reorder.error;
    if (price.error) typing.price = price.error;
    if (within.error) typing.use_within_days = within.error;
    if (Object.keys(typing).length > 0) {
      setErrors(typing);
      return;
    }
    const input: MedicineInput = {
      generic_name: values.generic_name,
      brand: values.brand.trim() === "" ? null : values.brand,
      strength: values.strength,
      form: values.form,
      route: values.route,
      pack_size_hundredths: pack.value ?? 0,
      pack_unit: values.pack_unit,
      stocked: values.stocked,
      reorder_level: reorder.value ?? 0,
      price_minor: price.minor,
      use_within_days: within.value,
      active: values.active,
    };
    save.mutate(
      { id: medicine?.id ?? null, medicine: input },
      {
        onSuccess: onSaved,
        onError: (error) => {
          const field = error.field ? FIELD_OF_PATH[normalizeFieldPath(error.field).replace(/^medicine\./, "")] : undefined;
          if (field) setErrors({ [field]: error.message });
          else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="medicine-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the medicine" role="alert">
            {formError}
          </Alert>
        )}
        {medicine?.starter_note && (
          <Alert color="blue" variant="light">
            {medicine.starter_note}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            label="Generic name"
            required
            value={values.generic_name}
            onChange={(e) => set("generic_name", e.currentTarget.value)}
            error={errors.generic_name}
            data-autofocus
            data-testid="medicine-generic"
          />
          <TextInput
            label="Brand"
            description="Optional"
            value={values.brand}
            onChange={(e) => set("brand", e.currentTarget.value)}
            error={errors.brand}
            data-testid="medicine-brand"
          />
          <TextInput
            label="Strength"
            placeholder="1%, 0.5%, 250 mg"
            value={values.strength}
            onChange={(e) => set("strength", e.currentTarget.value)}
            error={errors.strength}
            data-testid="medicine-strength"
          />
          <Select
            label="Form"
            data={Object.entries(FORM_WORDS).map(([value, label]) => ({ value, label }))}
            value={values.form}
            onChange={(value) => value && set("form", value as Form)}
            allowDeselect={false}
            error={errors.form}
            data-testid="medicine-form-select"
          />
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label="Pack size"
              value={values.pack_size}
              onChange={(e) => set("pack_size", e.currentTarget.value)}
              error={errors.pack_size}
              inputMode="decimal"
              style={{ flex: 1 }}
              data-testid="medicine-pack-size"
            />
            <Select
              label="Unit"
              data={Object.entries(PACK_UNIT_WORDS).map(([value, label]) => ({ value, label }))}
              value={values.pack_unit}
              onChange={(value) => value && set("pack_unit", value as PackUnit)}
              allowDeselect={false}
              w={120}
              data-testid="medicine-pack-unit"
            />
          </Group>
          <Select
            label="Route"
            data={Object.entries(ROUTE_WORDS).map(([value, label]) => ({ value, label }))}
            value={values.route}
            onChange={(value) => value && set("route", value as Route)}
            allowDeselect={false}
            error={errors.route}
            data-testid="medicine-route"
          />
          <TextInput
            label="Reorder level (packs)"
            description="0 for no reorder warning"
            value={values.reorder_level}
            onChange={(e) => set("reorder_level", e.currentTarget.value)}
            error={errors.reorder_level}
            inputMode="numeric"
            data-testid="medicine-reorder"
          />
          <TextInput
            label={`Price per pack (${currency})`}
            description="Empty: not priced"
            value={values.price}
            onChange={(e) => set("price", e.currentTarget.value)}
            error={errors.price}
            inputMode="decimal"
            data-testid="medicine-price"
          />
          <TextInput
            label="Use within (days of opening)"
            description="Empty: no limit once opened"
            value={values.use_within_days}
            onChange={(e) => set("use_within_days", e.currentTarget.value)}
            error={errors.use_within_days}
            inputMode="numeric"
            data-testid="medicine-use-within"
          />
        </SimpleGrid>
        <Checkbox
          label="Kept in stock here (untick for a medicine patients buy elsewhere)"
          checked={values.stocked}
          onChange={(e) => set("stocked", e.currentTarget.checked)}
          data-testid="medicine-stocked"
        />
        <Checkbox
          label="Active (offered when prescribing)"
          checked={values.active}
          onChange={(e) => set("active", e.currentTarget.checked)}
          data-testid="medicine-active"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="medicine-save">
            {medicine ? "Save changes" : "Add to the formulary"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
