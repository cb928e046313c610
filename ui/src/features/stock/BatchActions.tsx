import { Alert, Anchor, Button, Group, Modal, Select, Skeleton, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { useAdjustStock, useLotRecipients, useQuarantineBatch, useReverseMovement } from "../../api";
import { useClinic } from "../../app/clinic";
import type { AdjustKind } from "../../bindings/AdjustKind";
import type { Batch } from "../../bindings/Batch";
import type { Movement } from "../../bindings/Movement";
import type { PatientSummary } from "../../bindings/PatientSummary";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { PatientPicker } from "../../components/PatientPicker";
import { formatDate } from "../../lib/dates";
import { parseWhole } from "./money";
import { ADJUST_KIND_WORDS, MOVEMENT_KIND_WORDS, packs } from "./words";

function FormError({ message, title }: { message: string | null; title: string }) {
  if (message === null) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={title} role="alert">
      {message}
    </Alert>
  );
}

/** Adjust, return or write off a batch, always with a reason (`pharmacy.adjust`). */
export function AdjustModal({ batch, onClose }: { batch: Batch | null; onClose: () => void }) {
  return (
    <Modal opened={batch !== null} onClose={onClose} title={batch ? `Correct lot ${batch.lot}` : ""} size="md">
      {batch && <AdjustForm key={batch.id} batch={batch} onDone={onClose} />}
    </Modal>
  );
}

function AdjustForm({ batch, onDone }: { batch: Batch; onDone: () => void }) {
  const [kind, setKind] = useState<AdjustKind>(batch.state === "expired" ? "expiry_write_off" : "adjustment");
  const [quantity, setQuantity] = useState("");
  const [reason, setReason] = useState("");
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  const [errors, setErrors] = useState<{ quantity?: string; reason?: string; patient_id?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const adjust = useAdjustStock();
  const takesQuantity = kind !== "expiry_write_off";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (adjust.isPending) return;
    setFormError(null);
    const q = parseWhole(quantity, { signed: kind === "adjustment" });
    if (takesQuantity && q.error) {
      setErrors({ quantity: q.error });
      return;
    }
    adjust.mutate(
      {
        batch_id: batch.id,
        kind,
        quantity: takesQuantity ? (q.value ?? 0) : null,
        reason,
        patient_id: kind === "patient_return" ? (patient?.id ?? null) : null,
      },
      {
        onSuccess: (posted) => {
          notifySuccess("Stock corrected", `Lot ${posted.batch.lot} now holds ${packs(posted.batch.on_hand)}.`);
          onDone();
        },
        onError: (error) => {
          if (error.field === "quantity" || error.field === "reason" || error.field === "patient_id") setErrors({ [error.field]: error.message });
          else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="adjust-form">
      <Stack gap="sm">
        <FormError message={formError} title="Could not correct the stock" />
        <Text size="sm">
          Lot <b>{batch.lot}</b> holds {packs(batch.on_hand)}.
        </Text>
        <Select
          label="What happened"
          data={Object.entries(ADJUST_KIND_WORDS).map(([value, words]) => ({ value, label: words.label }))}
          value={kind}
          onChange={(value) => {
            if (!value) return;
            setKind(value as AdjustKind);
            setErrors({});
          }}
          allowDeselect={false}
          description={ADJUST_KIND_WORDS[kind].help}
          data-testid="adjust-kind"
        />
        {takesQuantity && (
          <TextInput
            label={kind === "adjustment" ? "Packs (+ found, − missing)" : "Packs"}
            value={quantity}
            onChange={(e) => {
              setQuantity(e.currentTarget.value);
              setErrors((x) => ({ ...x, quantity: undefined }));
            }}
            error={errors.quantity}
            data-autofocus
            data-testid="adjust-quantity"
          />
        )}
        {kind === "patient_return" && (
          <div>
            <PatientPicker label="Patient who brought it back (for lot recalls)" value={patient} onChange={setPatient} testId="adjust-patient" />
            {errors.patient_id && (
              <Text size="xs" c="red">
                {errors.patient_id}
              </Text>
            )}
          </div>
        )}
        <TextInput
          label="Reason"
          required
          placeholder="Broken in the fridge, found behind the shelf…"
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
          error={errors.reason}
          data-testid="adjust-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={adjust.isPending} data-testid="adjust-submit">
            Post the correction
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Set a batch aside, or release it, with a reason. */
export function QuarantineModal({ batch, onClose }: { batch: Batch | null; onClose: () => void }) {
  const releasing = batch?.quarantined ?? false;
  return (
    <Modal opened={batch !== null} onClose={onClose} title={batch ? `${releasing ? "Release" : "Quarantine"} lot ${batch.lot}` : ""} size="md">
      {batch && <ReasonForm key={batch.id} batch={batch} onDone={onClose} />}
    </Modal>
  );
}

function ReasonForm({ batch, onDone }: { batch: Batch; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const quarantine = useQuarantineBatch();
  const setAside = !batch.quarantined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (quarantine.isPending) return;
    setFormError(null);
    quarantine.mutate(
      { batch_id: batch.id, quarantined: setAside, reason },
      {
        onSuccess: (b) => {
          notifySuccess(setAside ? "Batch quarantined" : "Batch released", setAside ? `Lot ${b.lot} is not offered until released.` : `Lot ${b.lot} may be used again.`);
          onDone();
        },
        onError: (e) => (e.field === "reason" ? setError(e.message) : setFormError(e.message)),
      },
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} data-testid="quarantine-form">
      <Stack gap="sm">
        <FormError message={formError} title="Could not change the batch" />
        {batch.quarantine_reason && <Text size="sm">Set aside because: {batch.quarantine_reason}</Text>}
        <TextInput
          label={setAside ? "Why is this batch set aside?" : "Why may it be used again?"}
          required
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-autofocus
          data-testid="quarantine-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color={setAside ? "orange" : undefined} loading={quarantine.isPending} data-testid="quarantine-submit">
            {setAside ? "Quarantine" : "Release"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Post the opposite of one movement, with a reason. */
export function ReverseModal({ movement, onClose }: { movement: Movement | null; onClose: () => void }) {
  return (
    <Modal opened={movement !== null} onClose={onClose} title="Reverse a stock movement" size="md">
      {movement && <ReverseForm key={movement.id} movement={movement} onDone={onClose} />}
    </Modal>
  );
}

function ReverseForm({ movement, onDone }: { movement: Movement; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const reverse = useReverseMovement();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reverse.isPending) return;
    setFormError(null);
    reverse.mutate(
      { movement_id: movement.id, reason },
      {
        onSuccess: (posted) => {
          notifySuccess("Movement reversed", `Lot ${posted.batch.lot} now holds ${packs(posted.batch.on_hand)}.`);
          onDone();
        },
        onError: (e) => (e.field === "reason" ? setError(e.message) : setFormError(e.message)),
      },
    );
  };
  return (
    <form noValidate onSubmit={onSubmit} data-testid="reverse-form">
      <Stack gap="sm">
        <FormError message={formError} title="Could not reverse the movement" />
        <Text size="sm">
          {MOVEMENT_KIND_WORDS[movement.kind]} of {packs(movement.quantity)}, lot {movement.lot}. Reversing posts the opposite; the original stays in
          the ledger.
        </Text>
        <TextInput
          label="Reason"
          required
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          data-autofocus
          data-testid="reverse-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={reverse.isPending} data-testid="reverse-submit">
            Reverse
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A lot recall: the patients who received packs of this lot of this medicine. */
export function LotRecipientsModal({ batch, onClose }: { batch: Batch | null; onClose: () => void }) {
  return (
    <Modal opened={batch !== null} onClose={onClose} title={batch ? `Who received lot ${batch.lot}` : ""} size="xl">
      {batch && <LotRecipients batch={batch} />}
    </Modal>
  );
}

function LotRecipients({ batch }: { batch: Batch }) {
  const info = useClinic();
  const recipients = useLotRecipients(batch.lot, batch.medicine_id);
  if (recipients.isError) return <ErrorAlert error={recipients.error} title="Could not trace the lot" onRetry={() => void recipients.refetch()} />;
  if (recipients.data === undefined) return <Skeleton height={120} />;
  const list = recipients.data.recipients;
  if (list.length === 0) {
    return (
      <Alert color="gray" title="Nobody received this lot" data-testid="lot-recipients-empty">
        No packs of lot {batch.lot} have been dispensed to a patient.
      </Alert>
    );
  }
  return (
    <Table striped data-testid="lot-recipients">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Patient</Table.Th>
          <Table.Th>MRN</Table.Th>
          <Table.Th>Medicine</Table.Th>
          <Table.Th>First received</Table.Th>
          <Table.Th ta="right">Packs kept</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((r) => (
          <Table.Tr key={`${r.patient_id}-${r.lot}-${r.medicine}`} data-testid="lot-recipient" data-mrn={r.mrn}>
            <Table.Td>
              <Anchor component={Link} href={`/patients/${r.patient_id}`} size="sm" fw={600}>
                {r.patient_name}
              </Anchor>
            </Table.Td>
            <Table.Td ff="monospace">{r.mrn}</Table.Td>
            <Table.Td>{r.medicine}</Table.Td>
            <Table.Td>{formatDate(r.first_received_on, info.date_format)}</Table.Td>
            <Table.Td ta="right">{r.packs}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
