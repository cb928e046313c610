import { Alert, Badge, Group, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import type { ReactNode } from "react";

import { useClinic } from "../../app/clinic";
import type { DispensingItem } from "../../bindings/DispensingItem";
import type { NotDispensedReason } from "../../bindings/NotDispensedReason";
import { formatDate } from "../../lib/dates";
import type { FieldErrors } from "../../lib/formErrors";
import { LineHeading } from "./LineHeading";
import { errorKey, NOT_DISPENSED_REASONS, packs, type LineDraft, type LineMode } from "./dispensingForm";

const MODES: { value: LineMode; label: string }[] = [
  { value: "dispense", label: "Dispense" },
  { value: "not_dispensed", label: "Not dispensed" },
  { value: "later", label: "Leave for later" },
];

/**
 * One open line of the sheet: every batch the core offers (first expiry first, its proposal pre-filled), or why the
 * line is not dispensed. The core's refusals show under the part they are about.
 */
export function DispenseLineForm({
  item,
  line,
  errors,
  onChange,
  actions,
}: {
  item: DispensingItem;
  line: LineDraft;
  errors: FieldErrors;
  onChange: (line: LineDraft) => void;
  actions?: ReactNode;
}) {
  const info = useClinic();
  const id = item.item_id;
  const proposed = new Set(item.proposed.map((p) => p.batch_id));
  const lineError = errors[errorKey.line(id)];
  const batchesError = errors[errorKey.batches(id)];
  return (
    <Paper withBorder radius="md" p="md" data-testid="sheet-line" data-item={id} data-status={item.status}>
      <Stack gap="sm">
        <LineHeading item={item} />
        {actions}
        <SegmentedControl<LineMode>
          value={line.mode}
          onChange={(mode) => onChange({ ...line, mode })}
          data={MODES}
          style={{ alignSelf: "flex-start" }}
          data-testid="line-mode"
          aria-label={`What to do with ${item.medicine}`}
        />
        {lineError && (
          <Text size="sm" c="red.7" role="alert" data-testid="line-error">
            {lineError}
          </Text>
        )}
        {line.mode === "dispense" && (
          <Stack gap="xs">
            {item.out_of_stock ? (
              <Alert color="orange" title="Out of stock" data-testid="line-out-of-stock">
                No batch of this medicine may be offered today (expired and quarantined batches never are).
              </Alert>
            ) : (
              <Table verticalSpacing={4} layout="fixed" data-testid="line-batches">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Lot</Table.Th>
                    <Table.Th w={130}>Expires</Table.Th>
                    <Table.Th w={110}>On hand</Table.Th>
                    <Table.Th w={150}>Packs to hand over</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {item.offerable.map((batch) => {
                    const error = errors[errorKey.batch(id, batch.batch_id)];
                    return (
                      <Table.Tr key={batch.batch_id} data-testid="line-batch" data-lot={batch.lot} data-proposed={proposed.has(batch.batch_id) || undefined}>
                        <Table.Td>
                          <Group gap={6}>
                            <Text size="sm" ff="monospace" fw={600}>
                              {batch.lot}
                            </Text>
                            {proposed.has(batch.batch_id) && (
                              <Badge size="xs" variant="light" color="teal" tt="none">
                                Proposed
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{batch.expires_on ? formatDate(batch.expires_on, info.date_format) : "No expiry"}</Table.Td>
                        <Table.Td>{packs(batch.on_hand)}</Table.Td>
                        <Table.Td>
                          <NumberInput
                            size="xs"
                            min={0}
                            allowDecimal={false}
                            allowNegative={false}
                            value={line.packs[batch.batch_id] ?? ""}
                            onChange={(value) => onChange({ ...line, packs: { ...line.packs, [batch.batch_id]: typeof value === "number" ? value : "" } })}
                            error={error}
                            aria-label={`Packs from lot ${batch.lot}`}
                            data-testid="line-batch-packs"
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            {item.short_by > 0 && !item.out_of_stock && (
              <Text size="sm" c="orange.8" data-testid="line-short">
                The usable stock is {packs(item.short_by)} short of the first supply: hand over what there is, or mark
                the line not dispensed.
              </Text>
            )}
            {batchesError && (
              <Text size="sm" c="red.7" role="alert" data-testid="line-batches-error">
                {batchesError}
              </Text>
            )}
            {!item.out_of_stock && (
              <TextInput
                label="Reason for other batches"
                description="Needed only when you hand over other batches than the proposed ones."
                value={line.otherBatchReason}
                onChange={(event) => onChange({ ...line, otherBatchReason: event.currentTarget.value })}
                error={errors[errorKey.otherBatchReason(id)]}
                maxLength={300}
                data-testid="line-other-batch-reason"
              />
            )}
          </Stack>
        )}
        {line.mode === "not_dispensed" && (
          <Group align="flex-start" grow>
            <Select
              label="Why not"
              placeholder="Choose the reason"
              data={NOT_DISPENSED_REASONS}
              value={line.notDispensed}
              onChange={(value) => onChange({ ...line, notDispensed: (value as NotDispensedReason | null) ?? null })}
              error={errors[errorKey.notDispensed(id)]}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="line-not-dispensed-reason"
            />
            <TextInput
              label="Note"
              description="Required for another reason."
              value={line.note}
              onChange={(event) => onChange({ ...line, note: event.currentTarget.value })}
              error={errors[errorKey.note(id)]}
              maxLength={300}
              data-testid="line-note"
            />
          </Group>
        )}
        {line.mode === "later" && (
          <Text size="sm" c="dimmed">
            Nothing is recorded for this line now; the visit stays on the pharmacy list until it is dispensed or marked
            not dispensed.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
