import { Alert, Button, Checkbox, Group, Modal, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconLock, IconPlus } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useCloseDay } from "../../api/billingAdminQueries";
import { useClinic } from "../../app/clinic";
import type { CashDay } from "../../bindings/CashDay";
import type { CountedMethod } from "../../bindings/CountedMethod";
import type { Denomination } from "../../bindings/Denomination";
import type { PaymentMethod } from "../../bindings/PaymentMethod";
import { notifySuccess } from "../../components/notify";
import { formatDate } from "../../lib/dates";
import { normalizeFieldPath } from "../../lib/formErrors";
import { formatMinor, minorText, money, parseMinor } from "../stock/money";
import { notesTotal, readRow, usualValues, type NoteRow } from "./denominations";
import { methodLabel } from "./words";

interface Errors {
  /** Beside one method's count. */
  methods: Partial<Record<PaymentMethod, string>>;
  /** Beside one row of notes: its value or its count. */
  notes: Record<string, { value?: string; count?: string }>;
  /** Under the counts (a method not counted, the notes as a whole). */
  counted?: string;
  variance_reason?: string;
  /** Belongs to no field. */
  form?: string;
}

const NO_ERRORS: Errors = { methods: {}, notes: {} };

function usualRows(currency: string): NoteRow[] {
  return usualValues(currency).map((v) => ({ key: `v${v}`, value: minorText(v, currency), count: "", custom: false }));
}

/**
 * The count that closes the day: what was counted per method (cash optionally note by note), the difference from
 * what the payments say shown as it is typed, and the reason the core asks for when any count differs. Closing asks
 * first, since it locks the day.
 */
export function CloseDayForm({ sheet, isToday }: { sheet: CashDay; isToday: boolean }) {
  const info = useClinic();
  const { currency } = sheet;
  const [counts, setCounts] = useState<Partial<Record<PaymentMethod, string>>>({});
  const [byNotes, setByNotes] = useState(false);
  const [rows, setRows] = useState<NoteRow[]>(() => usualRows(currency));
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [confirming, setConfirming] = useState(false);
  const close = useCloseDay();

  const notesSum = notesTotal(rows, currency);
  /** What the cashier has counted for a method so far, as far as it can be read. */
  const countedOf = (method: PaymentMethod): number | null => {
    if (method === "cash" && byNotes) return notesSum;
    return parseMinor(counts[method] ?? "", currency).minor;
  };
  const varianceOf = (method: PaymentMethod, expected: number): number | null => {
    const counted = countedOf(method);
    return counted === null ? null : counted - expected;
  };
  const anyVariance = sheet.methods.some((m) => {
    const v = varianceOf(m.method, m.expected_minor);
    return v !== null && v !== 0;
  });

  const setCount = (method: PaymentMethod, text: string) => {
    setCounts((c) => ({ ...c, [method]: text }));
    setErrors((e) => ({ ...e, methods: { ...e.methods, [method]: undefined }, counted: undefined }));
  };
  const setRow = (key: string, change: Partial<NoteRow>) => {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setErrors((e) => ({ ...e, notes: { ...e.notes, [key]: {} }, counted: undefined }));
  };

  /** The request, or the typing errors that stop it. `sentMethods` and `sentRows` say which entry each index is. */
  const build = () => {
    const typing: Errors = { methods: {}, notes: {} };
    const counted: CountedMethod[] = [];
    const sentMethods: PaymentMethod[] = [];
    for (const m of sheet.methods) {
      if (m.method === "cash" && byNotes) continue;
      const parsed = parseMinor(counts[m.method] ?? "", currency);
      if (parsed.error) typing.methods[m.method] = parsed.error;
      else if (parsed.minor !== null) {
        counted.push({ method: m.method, counted_minor: parsed.minor });
        sentMethods.push(m.method);
      }
    }
    let denominations: Denomination[] | null = null;
    const sentRows: string[] = [];
    if (byNotes) {
      denominations = [];
      for (const row of rows) {
        const read = readRow(row, currency);
        if (read.valueError || read.countError) {
          typing.notes[row.key] = { value: read.valueError ?? undefined, count: read.countError ?? undefined };
          continue;
        }
        if (read.valueMinor === null || read.count === null || read.count === 0) continue;
        denominations.push({ value_minor: read.valueMinor, count: read.count });
        sentRows.push(row.key);
      }
    }
    const ok = Object.keys(typing.methods).length === 0 && Object.keys(typing.notes).length === 0;
    return {
      ok,
      typing,
      request: { day: isToday ? null : sheet.day, counted, denominations, variance_reason: reason.trim() === "" ? null : reason },
      sentMethods,
      sentRows,
    };
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (close.isPending) return;
    const built = build();
    if (!built.ok) {
      setErrors(built.typing);
      return;
    }
    setErrors(NO_ERRORS);
    setConfirming(true);
  };

  const onConfirm = () => {
    const built = build();
    close.mutate(built.request, {
      onSuccess: (report) => {
        setConfirming(false);
        notifySuccess("Day closed", `Day report ${report.number}; the day is locked.`);
      },
      onError: (error) => {
        setConfirming(false);
        const path = error.field === null ? null : normalizeFieldPath(error.field);
        const next: Errors = { methods: {}, notes: {} };
        const method = path === null ? null : /^counted\.(\d+)\./.exec(path);
        const note = path === null ? null : /^denominations\.(\d+)\.(value_minor|count)$/.exec(path);
        if (path === "variance_reason") next.variance_reason = error.message;
        else if (method) {
          const m = built.sentMethods[Number(method[1])];
          if (m) next.methods[m] = error.message;
          else next.counted = error.message;
        } else if (note) {
          const key = built.sentRows[Number(note[1])];
          if (key) next.notes[key] = note[2] === "count" ? { count: error.message } : { value: error.message };
          else next.counted = error.message;
        } else if (path === "counted" || path === "denominations") next.counted = error.message;
        else next.form = error.message;
        setErrors(next);
        const focus = next.variance_reason ? "close-reason" : null;
        if (focus) window.setTimeout(() => document.getElementById(focus)?.focus(), 0);
      },
    });
  };

  const firstMethod = sheet.methods[0]?.method;

  return (
    <form noValidate onSubmit={onSubmit} data-testid="close-day-form">
      <Stack gap="md">
        {errors.form && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not close the day" role="alert" data-testid="close-day-error">
            {errors.form}
          </Alert>
        )}
        <Table verticalSpacing={4} maw={760} data-testid="close-day-counts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Method</Table.Th>
              <Table.Th ta="right">Expected</Table.Th>
              <Table.Th w={200}>Counted ({currency})</Table.Th>
              <Table.Th ta="right">Difference</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sheet.methods.map((m) => {
              const used = m.payments + m.refunds > 0;
              const variance = varianceOf(m.method, m.expected_minor);
              const fromNotes = m.method === "cash" && byNotes;
              return (
                <Table.Tr key={m.method} data-testid="close-day-count-row" data-method={m.method}>
                  <Table.Td>
                    <Text size="sm">{methodLabel(m.method)}</Text>
                    {!used && m.method !== "cash" && (
                      <Text size="xs" c="dimmed">
                        Not used; leave empty
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{money(m.expected_minor, currency)}</Table.Td>
                  <Table.Td>
                    <TextInput
                      id={`close-count-${m.method}`}
                      aria-label={`${methodLabel(m.method)} counted`}
                      value={fromNotes ? minorText(notesSum, currency) : (counts[m.method] ?? "")}
                      readOnly={fromNotes}
                      description={fromNotes ? "From the notes and coins below" : undefined}
                      onChange={(e) => setCount(m.method, e.currentTarget.value)}
                      error={errors.methods[m.method]}
                      inputMode="decimal"
                      placeholder={used || m.method === "cash" ? minorText(m.expected_minor, currency) : ""}
                      autoFocus={m.method === firstMethod}
                      data-testid={`close-count-${m.method}`}
                    />
                  </Table.Td>
                  <Table.Td ta="right" data-testid={`close-variance-${m.method}`}>
                    {variance === null ? (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ) : (
                      <Text size="sm" fw={600} c={variance === 0 ? "teal.8" : variance < 0 ? "red.8" : "orange.8"}>
                        {variance > 0 ? `+${formatMinor(variance, currency)}` : formatMinor(variance, currency)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {errors.counted && (
          <Text size="sm" c="red.8" role="alert" data-testid="close-day-counted-error">
            {errors.counted}
          </Text>
        )}

        <Checkbox
          label="Count the cash by notes and coins"
          checked={byNotes}
          onChange={(e) => {
            setByNotes(e.currentTarget.checked);
            setErrors((x) => ({ ...x, methods: { ...x.methods, cash: undefined }, counted: undefined }));
          }}
          data-testid="close-by-notes"
        />
        {byNotes && (
          <Stack gap={4} maw={520}>
            <Table verticalSpacing={2} withTableBorder data-testid="close-notes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Note or coin</Table.Th>
                  <Table.Th w={120}>How many</Table.Th>
                  <Table.Th ta="right">Comes to</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => {
                  const read = readRow(row, currency);
                  const sub = read.valueMinor !== null && read.count !== null ? read.valueMinor * read.count : null;
                  const label = row.custom ? "another value" : row.value;
                  return (
                    <Table.Tr key={row.key} data-testid="close-note-row">
                      <Table.Td>
                        {row.custom ? (
                          <TextInput
                            size="xs"
                            aria-label="Value of the note or coin"
                            value={row.value}
                            onChange={(e) => setRow(row.key, { value: e.currentTarget.value })}
                            error={errors.notes[row.key]?.value}
                            inputMode="decimal"
                            data-testid="close-note-value"
                          />
                        ) : (
                          <Text size="sm">{row.value}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          size="xs"
                          aria-label={`How many of ${label}`}
                          value={row.count}
                          onChange={(e) => setRow(row.key, { count: e.currentTarget.value })}
                          error={errors.notes[row.key]?.count}
                          inputMode="numeric"
                          data-testid="close-note-count"
                          data-value={row.custom ? undefined : row.value}
                        />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm">{sub === null || sub === 0 ? "" : formatMinor(sub, currency)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={2}>Cash counted</Table.Th>
                  <Table.Th ta="right" data-testid="close-notes-total">
                    {money(notesSum, currency)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
            <Group>
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => setRows((all) => [...all, { key: `c${all.length}-${Date.now()}`, value: "", count: "", custom: true }])}
                data-testid="close-note-add"
              >
                Add another value
              </Button>
            </Group>
          </Stack>
        )}

        <Textarea
          id="close-reason"
          label="Reason for any difference"
          description={
            anyVariance
              ? "A count differs from what the payments say: say why (a coin given as change twice, a card slip missing)."
              : "Needed only when a count differs from what the payments say."
          }
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setErrors((x) => ({ ...x, variance_reason: undefined }));
          }}
          error={errors.variance_reason}
          autosize
          minRows={2}
          maw={760}
          data-testid="close-reason"
        />
        <Group>
          <Button type="submit" color="dark" leftSection={<IconLock size={16} />} loading={close.isPending} data-testid="close-day-submit">
            Close the day
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Close the day?" size="md">
        <Stack gap="sm" data-testid="close-day-confirm-dialog">
          <Text size="sm">
            {`Closing ${isToday ? "today" : formatDate(sheet.day, info.date_format)} locks it: you take no more payments or refunds at workstation ${sheet.workstation} under your name ${isToday ? "today" : "on that day"}, and the counts cannot be changed. A later correction goes on the day it is made.`}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-testid="close-day-cancel">
              Go back
            </Button>
            <Button color="dark" leftSection={<IconLock size={16} />} loading={close.isPending} onClick={onConfirm} data-autofocus data-testid="close-day-confirm">
              Close the day
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
