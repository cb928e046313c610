import { Alert, Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconInfoCircle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useSaveService, useSetPrice } from "../../api/billingAdminQueries";
import type { Service } from "../../bindings/Service";
import type { ServiceKind } from "../../bindings/ServiceKind";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { notifySuccess } from "../../components/notify";
import { useClinic } from "../../app/clinic";
import { formatDate } from "../../lib/dates";
import { normalizeFieldPath } from "../../lib/formErrors";
import { bpText, parsePercentBp } from "../../lib/percent";
import { minorText, money, parseMinor } from "../stock/money";
import { SERVICE_KINDS } from "./words";

type ServiceField = "code" | "name" | "kind" | "active";
const SERVICE_FIELDS: readonly string[] = ["code", "name", "kind", "active"];

/** A service of the price list, new (`service` null) or changed: its code, name, kind and whether it is offered. */
export function ServiceFormModal({
  opened,
  service,
  onClose,
  onSaved,
}: {
  opened: boolean;
  service: Service | null;
  onClose: () => void;
  onSaved?: (saved: Service) => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={service ? `Change ${service.code}` : "Add a service"} size="lg">
      {opened && (
        <ServiceForm
          service={service}
          onDone={(saved) => {
            onClose();
            if (saved) onSaved?.(saved);
          }}
        />
      )}
    </Modal>
  );
}

function ServiceForm({ service, onDone }: { service: Service | null; onDone: (saved: Service | null) => void }) {
  const [code, setCode] = useState(service?.code ?? "");
  const [name, setName] = useState(service?.name ?? "");
  const [kind, setKind] = useState<ServiceKind>(service?.kind ?? "test");
  const [active, setActive] = useState(service?.active ?? true);
  const [errors, setErrors] = useState<Partial<Record<ServiceField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveService();
  const clear = (field: ServiceField) => setErrors((e) => ({ ...e, [field]: undefined }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setFormError(null);
    save.mutate(
      { id: service?.id ?? null, code, name, kind, active },
      {
        onSuccess: (saved) => {
          notifySuccess(service ? "Service changed" : "Service added", `${saved.code}: ${saved.name}`);
          onDone(saved);
        },
        onError: (error) => {
          const field = error.field === null ? null : normalizeFieldPath(error.field);
          if (field !== null && SERVICE_FIELDS.includes(field)) {
            setErrors({ [field as ServiceField]: error.message });
            window.setTimeout(() => document.getElementById(`service-${field}`)?.focus(), 0);
          } else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="service-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the service" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            id="service-code"
            label="Code"
            description="Short and unique, as the invoice prints it (e.g. OCT)"
            required
            value={code}
            onChange={(e) => {
              setCode(e.currentTarget.value.toUpperCase());
              clear("code");
            }}
            error={errors.code}
            data-autofocus
            data-testid="service-code"
          />
          <NativeSelect
            id="service-kind"
            label="Kind"
            description="Lets the desk propose consultations and refractions"
            data={SERVICE_KINDS.map((k) => ({ value: k.value, label: k.label }))}
            value={kind}
            onChange={(e) => {
              setKind(e.currentTarget.value as ServiceKind);
              clear("kind");
            }}
            error={errors.kind}
            data-testid="service-kind"
          />
        </SimpleGrid>
        <TextInput
          id="service-name"
          label="Name"
          required
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            clear("name");
          }}
          error={errors.name}
          data-testid="service-name"
        />
        <Checkbox
          id="service-active"
          label="Offered (inactive services are kept for past invoices but not proposed)"
          checked={active}
          onChange={(e) => {
            setActive(e.currentTarget.checked);
            clear("active");
          }}
          error={errors.active}
          data-testid="service-active"
        />
        {service === null && (
          <Text size="sm" c="dimmed">
            Set its price once it is added.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="service-submit">
            {service ? "Save the service" : "Add the service"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type PriceField = "price_minor" | "tax_rate_bp" | "valid_from";
const PRICE_FIELDS: readonly string[] = ["price_minor", "tax_rate_bp", "valid_from"];

/** A new price for a service from a day on (today unless another is chosen), with its tax rate. */
export function SetPriceModal({ service, currency, onClose }: { service: Service | null; currency: string; onClose: () => void }) {
  return (
    <Modal opened={service !== null} onClose={onClose} title={service ? `New price for ${service.code} · ${service.name}` : ""} size="md">
      {service && <SetPriceForm service={service} currency={currency} onDone={onClose} />}
    </Modal>
  );
}

function SetPriceForm({ service, currency, onDone }: { service: Service; currency: string; onDone: () => void }) {
  const info = useClinic();
  const [price, setPrice] = useState(minorText(service.price?.price_minor ?? null, currency));
  const [tax, setTax] = useState(bpText(service.price?.tax_rate_bp ?? 0));
  const [from, setFrom] = useState<string | null>(info.today);
  const [errors, setErrors] = useState<Partial<Record<PriceField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const setPriceOp = useSetPrice();
  const clear = (field: PriceField) => setErrors((e) => ({ ...e, [field]: undefined }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (setPriceOp.isPending) return;
    setFormError(null);
    const minor = parseMinor(price, currency);
    const rate = parsePercentBp(tax);
    const typing: Partial<Record<PriceField, string>> = {};
    if (minor.error) typing.price_minor = minor.error;
    else if (minor.minor === null) typing.price_minor = `Type the price in ${currency}, such as ${minorText(4500, currency)}.`;
    if (rate.error) typing.tax_rate_bp = rate.error;
    if (Object.keys(typing).length > 0) {
      setErrors(typing);
      return;
    }
    setPriceOp.mutate(
      { service_id: service.id, price_minor: minor.minor ?? 0, tax_rate_bp: rate.bp ?? 0, valid_from: from },
      {
        onSuccess: () => {
          notifySuccess(
            "Price set",
            `${service.code} costs ${money(minor.minor ?? 0, currency)} from ${formatDate(from ?? info.today, info.date_format)}.`,
          );
          onDone();
        },
        onError: (error) => {
          const field = error.field === null ? null : normalizeFieldPath(error.field);
          if (field !== null && PRICE_FIELDS.includes(field)) {
            setErrors({ [field as PriceField]: error.message });
            window.setTimeout(() => document.getElementById(`price-${field}`)?.focus(), 0);
          } else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="price-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not set the price" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            id="price-price_minor"
            label={`Price (${currency})`}
            required
            value={price}
            onChange={(e) => {
              setPrice(e.currentTarget.value);
              clear("price_minor");
            }}
            error={errors.price_minor}
            inputMode="decimal"
            placeholder={minorText(4500, currency)}
            data-autofocus
            data-testid="price-amount"
          />
          <TextInput
            id="price-tax_rate_bp"
            label="Tax rate (%)"
            description="0 when the clinic charges no tax"
            value={tax}
            onChange={(e) => {
              setTax(e.currentTarget.value);
              clear("tax_rate_bp");
            }}
            error={errors.tax_rate_bp}
            inputMode="decimal"
            data-testid="price-tax"
          />
        </SimpleGrid>
        <ClinicDateInput
          id="price-valid_from"
          label="From"
          description="The day from which invoices use this price"
          value={from}
          onChange={(iso) => {
            setFrom(iso);
            clear("valid_from");
          }}
          error={errors.valid_from}
          w={220}
          data-testid="price-from"
        />
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} p="xs">
          <Text size="sm">Issued invoices keep the price they were issued with; drafts and new invoices take the new one from its day.</Text>
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={setPriceOp.isPending} data-testid="price-submit">
            Set the price
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
