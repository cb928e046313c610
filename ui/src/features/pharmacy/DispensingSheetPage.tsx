import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconCircleCheck, IconPrinter } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";

import { normalizeError, useDispense, useDispensingSheet, usePrintDispensingLabel, type ApiError } from "../../api";
import { useClinic } from "../../app/clinic";
import type { DispensingItem } from "../../bindings/DispensingItem";
import type { DispensingSheet } from "../../bindings/DispensingSheet";
import { openSavedDocument } from "../../components/documents";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError, notifySuccess } from "../../components/notify";
import { formatInstant } from "../../lib/dates";
import type { FieldErrors } from "../../lib/formErrors";
import { DispenseLineForm } from "./DispenseLineForm";
import { LineHeading } from "./LineHeading";
import { dispenseItems, initialDraft, openItems, reasonLabel, sheetFieldError, type LineDraft, type SheetDraft } from "./dispensingForm";
import { ReturnButton, type HandedOver } from "./ReturnDialog";

/** A visit's dispensing sheet: each line of the signed prescription, the batches the core proposes, one Dispense. */
export function DispensingSheetPage({ visitId }: { visitId: string }) {
  const sheet = useDispensingSheet(visitId);
  const [, navigate] = useLocation();
  // What was handed over on this screen, for returns (the sheet does not list earlier dispensings' records).
  const [handedOver, setHandedOver] = useState<HandedOver[]>([]);
  const [movedToBilling, setMovedToBilling] = useState(false);
  // A new form, as the core proposes it, after every dispensing.
  const [round, setRound] = useState(0);

  const back = (
    <Anchor component={Link} href="/pharmacy" size="sm" data-testid="sheet-back">
      <IconArrowLeft size={14} style={{ verticalAlign: "-2px", marginRight: 4 }} aria-hidden />
      Pharmacy list
    </Anchor>
  );
  if (sheet.isError) {
    return (
      <Stack gap="md" data-testid="dispensing-sheet">
        {back}
        <ErrorAlert error={sheet.error} title="Could not open the prescription" onRetry={() => void sheet.refetch()} />
      </Stack>
    );
  }
  if (sheet.data === undefined) {
    return (
      <Stack gap="md" data-testid="dispensing-sheet">
        {back}
        <Skeleton height={320} radius="md" data-testid="sheet-loading" />
      </Stack>
    );
  }
  const data = sheet.data;
  return (
    <Stack gap="md" data-testid="dispensing-sheet">
      {back}
      <SheetHeader sheet={data} />
      {movedToBilling && (
        <Alert color="teal" icon={<IconCircleCheck size={20} />} title="Every line is accounted for" data-testid="sheet-moved-to-billing">
          <Stack gap="xs">
            <Text size="sm">
              {data.patient_name} has moved to billing. Print the labels below, then go back to the list.
            </Text>
            <Group>
              <Button onClick={() => navigate("/pharmacy")} autoFocus data-testid="sheet-done">
                Back to the pharmacy list
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {data.items.map((item) =>
        item.status === "open" ? null : <SettledLine key={item.item_id} visitId={visitId} item={item} handedOver={handedOver.filter((h) => h.itemId === item.item_id)} />,
      )}
      {openItems(data).length > 0 ? (
        <SheetForm
          key={round}
          sheet={data}
          actions={(item) => <LineActions visitId={visitId} item={item} handedOver={handedOver.filter((h) => h.itemId === item.item_id)} />}
          onDispensed={(moved, lines) => {
            setHandedOver((before) => [...before, ...lines]);
            setRound((r) => r + 1);
            if (moved) setMovedToBilling(true);
          }}
        />
      ) : (
        !movedToBilling && (
          <Alert color="gray" title="Nothing left to dispense" data-testid="sheet-nothing-left">
            Every line of this prescription is accounted for.
          </Alert>
        )
      )}
    </Stack>
  );
}

function SheetHeader({ sheet }: { sheet: DispensingSheet }) {
  const info = useClinic();
  return (
    <Group justify="space-between" align="flex-end">
      <Stack gap={2}>
        <Title order={2} data-testid="sheet-patient">
          {sheet.patient_name}{" "}
          <Text span ff="monospace" c="dimmed" size="lg">
            {sheet.patient_mrn}
          </Text>
        </Title>
        <Text c="dimmed" data-testid="sheet-prescriber">
          Prescribed by {sheet.prescriber_name ?? "an unknown prescriber"} · signed {formatInstant(sheet.signed_at, info.date_format)}
        </Text>
      </Stack>
    </Group>
  );
}

/** A line needing nothing more today: what happened to it, its label, and returns of what was just handed over. */
function SettledLine({ visitId, item, handedOver }: { visitId: string; item: DispensingItem; handedOver: HandedOver[] }) {
  const status =
    item.status === "dispensed"
      ? { color: "teal", text: "Dispensed" }
      : item.status === "not_dispensed"
        ? { color: "orange", text: `Not dispensed: ${item.not_dispensed_reason ? reasonLabel(item.not_dispensed_reason).toLowerCase() : "no reason"}` }
        : { color: "gray", text: "Bought elsewhere (not from the clinic's stock)" };
  return (
    <Paper withBorder radius="md" p="md" data-testid="sheet-line" data-item={item.item_id} data-status={item.status}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <LineHeading item={item} />
          <Badge color={status.color} variant="light" size="lg" tt="none" data-testid="line-status">
            {status.text}
          </Badge>
        </Group>
        <LineActions visitId={visitId} item={item} handedOver={handedOver} />
      </Stack>
    </Paper>
  );
}

/** For a line with packs handed over: its label, and returns of what was handed over on this screen. */
function LineActions({ visitId, item, handedOver }: { visitId: string; item: DispensingItem; handedOver: HandedOver[] }) {
  const label = usePrintDispensingLabel();
  if (item.dispensed === 0) return null;
  const print = () =>
    label.mutate(
      { visitId, itemId: item.item_id },
      {
        onSuccess: (document) => void openSavedDocument(document, "Dispensing label saved"),
        onError: (error) => notifyError(error, "Could not print the label"),
      },
    );
  return (
    <Group gap="xs">
      <Button size="compact-sm" variant="light" leftSection={<IconPrinter size={14} />} loading={label.isPending} onClick={print} data-testid="line-print-label">
        Print label
      </Button>
      {handedOver.flatMap((h) =>
        h.batches.map((b) => <ReturnButton key={`${h.lineId}-${b.batchId}`} handedOver={h} batch={b} medicine={item.medicine} />),
      )}
    </Group>
  );
}

/** The open lines and the one Dispense; nothing is stored unless the core accepts every line. */
function SheetForm({
  sheet,
  actions,
  onDispensed,
}: {
  sheet: DispensingSheet;
  actions: (item: DispensingItem) => ReactNode;
  onDispensed: (movedToBilling: boolean, lines: HandedOver[]) => void;
}) {
  const [draft, setDraft] = useState<SheetDraft>(() => initialDraft(sheet));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const mutation = useDispense();
  const lines = openItems(sheet);

  const change = (itemId: string, line: LineDraft) => {
    setDraft((before) => ({ ...before, [itemId]: line }));
    setErrors((before) => Object.fromEntries(Object.entries(before).filter(([key]) => !key.startsWith(`${itemId}:`))));
    setFormError(null);
  };

  const submit = () => {
    const { items, sent } = dispenseItems(sheet, draft);
    setErrors({});
    setFormError(null);
    mutation.mutate(
      { visit_id: sheet.visit_id, items },
      {
        onSuccess: (result) => {
          const given: HandedOver[] = [];
          sent.forEach((line, i) => {
            const lineId = result.line_ids[i];
            const request = items[i];
            if (!lineId || !request?.batches) return;
            const item = sheet.items.find((it) => it.item_id === line.itemId);
            given.push({
              itemId: line.itemId,
              lineId,
              batches: request.batches.map((b) => ({
                batchId: b.batch_id,
                lot: item?.offerable.find((o) => o.batch_id === b.batch_id)?.lot ?? b.batch_id,
                packs: b.packs,
              })),
            });
          });
          notifySuccess(
            result.moved_to_billing ? "Dispensed — the visit moved to billing" : "Dispensing recorded",
            `${sheet.patient_name}: ${items.length} ${items.length === 1 ? "line" : "lines"} recorded.`,
          );
          onDispensed(result.moved_to_billing, given);
        },
        onError: (reason) => {
          const error = normalizeError(reason);
          const inline = error.code === "validation" ? sheetFieldError(error, sent) : null;
          if (inline) setErrors(inline);
          else setFormError(error);
        },
      },
    );
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      data-testid="sheet-form"
    >
      <Stack gap="md">
        {lines.map((item) => {
          const line = draft[item.item_id];
          return line ? <DispenseLineForm key={item.item_id} item={item} line={line} errors={errors} onChange={(next) => change(item.item_id, next)} actions={actions(item)} /> : null;
        })}
        {formError && <ErrorAlert error={formError} title="Nothing was dispensed" />}
        <Group>
          <Button type="submit" size="md" loading={mutation.isPending} data-testid="sheet-dispense">
            Dispense
          </Button>
          <Text size="sm" c="dimmed">
            Records every line above at once; nothing is stored if any line is refused.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
