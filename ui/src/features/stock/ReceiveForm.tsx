import { Alert, Button, Checkbox, Group, Modal, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useReceiveStock } from "../../api";
import type { Medicine } from "../../bindings/Medicine";
import { ClinicDateInput } from "../../components/ClinicDateInput";
import { notifySuccess } from "../../components/notify";
import { parseMinor, parseWhole } from "./money";
import { packs as packWords } from "./words";

type Field = "lot" | "expires_on" | "no_expiry" | "supplier" | "cost_minor" | "packs";
const FIELDS: readonly string[] = ["lot", "expires_on", "no_expiry", "supplier", "cost_minor", "packs"];

/**
 * Receiving a delivery of one lot: the lot, its expiry (or an explicit "no expiry"), supplier, cost per pack and
 * packs. The core refuses what it must (a missing or past expiry, zero packs) and says so beside the field.
 */
export function ReceiveModal({ opened, medicine, currency, onClose }: { opened: boolean; medicine: Medicine; currency: string; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Receive a delivery of ${medicine.generic_name} ${medicine.strength}`} size="lg">
      {opened && <ReceiveForm medicine={medicine} currency={currency} onDone={onClose} />}
    </Modal>
  );
}

function ReceiveForm({ medicine, currency, onDone }: { medicine: Medicine; currency: string; onDone: () => void }) {
  const [lot, setLot] = useState("");
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [noExpiry, setNoExpiry] = useState(false);
  const [supplier, setSupplier] = useState("");
  const [cost, setCost] = useState("");
  const [count, setCount] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const receive = useReceiveStock();

  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (receive.isPending) return;
    setFormError(null);
    const costMinor = parseMinor(cost, currency);
    const packs = parseWhole(count);
    const typing: Partial<Record<Field, string>> = {};
    if (costMinor.error) typing.cost_minor = costMinor.error;
    if (packs.error) typing.packs = packs.error;
    if (Object.keys(typing).length > 0) {
      setErrors(typing);
      return;
    }
    receive.mutate(
      {
        medicine_id: medicine.id,
        lot,
        expires_on: expiresOn,
        no_expiry: noExpiry,
        supplier: supplier.trim() === "" ? null : supplier,
        cost_minor: costMinor.minor,
        // An empty box is sent as none received, which the core refuses with its own words.
        packs: packs.value ?? 0,
      },
      {
        onSuccess: (batch) => {
          notifySuccess("Delivery received", `Lot ${batch.lot}: ${packWords(batch.on_hand)} on hand.`);
          onDone();
        },
        onError: (error) => {
          if (error.field && FIELDS.includes(error.field)) {
            setErrors({ [error.field as Field]: error.message });
            window.setTimeout(() => document.getElementById(`receive-${error.field}`)?.focus(), 0);
          } else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="receive-form">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not receive the delivery" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            id="receive-lot"
            label="Lot (batch) number"
            required
            value={lot}
            onChange={(e) => {
              setLot(e.currentTarget.value);
              clear("lot");
            }}
            error={errors.lot}
            data-autofocus
            data-testid="receive-lot"
          />
          <TextInput
            id="receive-packs"
            label="Packs received"
            required
            value={count}
            onChange={(e) => {
              setCount(e.currentTarget.value);
              clear("packs");
            }}
            error={errors.packs}
            inputMode="numeric"
            description={`Packs of ${medicine.pack}`}
            data-testid="receive-packs"
          />
          <ClinicDateInput
            id="receive-expires_on"
            label="Expiry date on the pack"
            value={expiresOn}
            onChange={(iso) => {
              setExpiresOn(iso);
              clear("expires_on");
              clear("no_expiry");
            }}
            disabled={noExpiry}
            clearable
            error={errors.expires_on}
            data-testid="receive-expiry"
          />
          <Checkbox
            id="receive-no_expiry"
            label="This product has no expiry date"
            checked={noExpiry}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setNoExpiry(checked);
              if (checked) setExpiresOn(null);
              clear("no_expiry");
              clear("expires_on");
            }}
            error={errors.no_expiry}
            mt={30}
            data-testid="receive-no-expiry"
          />
          <TextInput
            id="receive-supplier"
            label="Supplier"
            value={supplier}
            onChange={(e) => {
              setSupplier(e.currentTarget.value);
              clear("supplier");
            }}
            error={errors.supplier}
            data-testid="receive-supplier"
          />
          <TextInput
            id="receive-cost_minor"
            label={`Cost per pack (${currency})`}
            description="Empty: cost not known"
            value={cost}
            onChange={(e) => {
              setCost(e.currentTarget.value);
              clear("cost_minor");
            }}
            error={errors.cost_minor}
            inputMode="decimal"
            data-testid="receive-cost"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={receive.isPending} data-testid="receive-submit">
            Receive
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
