import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { IconArrowBackUp } from "@tabler/icons-react";
import { useState } from "react";

import { normalizeError, useReturnFromPatient, type ApiError } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { packs as packWords } from "./dispensingForm";

/** Packs handed over on this screen: the dispensing record and the batches it took from. */
export interface HandedOver {
  itemId: string;
  lineId: string;
  batches: { batchId: string; lot: string; packs: number }[];
}

/** "Returned…" for one batch of one handover, and the small dialog that takes the packs back. */
export function ReturnButton({ handedOver, batch, medicine }: { handedOver: HandedOver; batch: HandedOver["batches"][number]; medicine: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button size="compact-sm" variant="subtle" leftSection={<IconArrowBackUp size={14} />} onClick={() => setOpened(true)} data-testid="line-return" data-lot={batch.lot}>
        Patient returned lot {batch.lot}…
      </Button>
      {opened && <ReturnDialog handedOver={handedOver} batch={batch} medicine={medicine} onClose={() => setOpened(false)} />}
    </>
  );
}

function ReturnDialog({
  handedOver,
  batch,
  medicine,
  onClose,
}: {
  handedOver: HandedOver;
  batch: HandedOver["batches"][number];
  medicine: string;
  onClose: () => void;
}) {
  const [count, setCount] = useState<number | "">(batch.packs);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ packs?: string; reason?: string }>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const mutation = useReturnFromPatient();
  const submit = () => {
    setErrors({});
    setFormError(null);
    mutation.mutate(
      { dispense_line_id: handedOver.lineId, batch_id: batch.batchId, packs: typeof count === "number" ? count : 0, reason },
      {
        onSuccess: (result) => {
          notifySuccess("Taken back", `Lot ${batch.lot} of ${medicine} now holds ${packWords(result.batch_on_hand)}.`);
          onClose();
        },
        onError: (reason) => {
          const error = normalizeError(reason);
          if (error.field === "packs" || error.field === "reason") setErrors({ [error.field]: error.message });
          else setFormError(error);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Returned by the patient: ${medicine}, lot ${batch.lot}`} data-testid="return-dialog">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {packWords(batch.packs)} handed over from this lot. The packs go back into the same batch.
          </Text>
          <NumberInput
            label="Packs returned"
            min={1}
            allowDecimal={false}
            allowNegative={false}
            value={count}
            onChange={(value) => setCount(typeof value === "number" ? value : "")}
            error={errors.packs}
            data-autofocus
            data-testid="return-packs"
          />
          <TextInput
            label="Why"
            placeholder="Wrong strength handed over, allergy found…"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
            maxLength={300}
            data-testid="return-reason"
          />
          {formError && <ErrorAlert error={formError} title="Nothing was taken back" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending} data-testid="return-submit">
              Take back
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
