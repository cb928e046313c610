import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconDiscount, IconFileInvoice, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useRef, useState, type FormEvent } from "react";
import { Link, Redirect, useLocation } from "wouter";

import {
  useBillingServices,
  useBillingSettings,
  useIssueInvoice,
  usePatientInvoices,
  useRebuildDraft,
  useSaveDraft,
  useToBill,
  useVisitDraft,
  type ApiError,
} from "../../api";
import { useCan } from "../../app/session";
import type { Invoice } from "../../bindings/Invoice";
import type { InvoiceLine } from "../../bindings/InvoiceLine";
import type { LineInput } from "../../bindings/LineInput";
import type { PayerKind } from "../../bindings/PayerKind";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifySuccess } from "../../components/notify";
import { MedicinePicker } from "../prescriptions/MedicinePicker";
import { percent } from "../../lib/percent";
import { formatMinor, money, parseWhole } from "../stock/money";
import { DiscountModal, type ApplyDiscount } from "./DiscountModal";
import { InvoiceHeading, InvoiceTotals, LineDescription, LineDiscount, LinesHead, LineTax } from "./InvoiceParts";
import { lineField, lineInputs } from "./words";

/**
 * A visit at the cash desk: the core proposes the draft (or answers the one already open), and the cashier changes it
 * here, each change saved at once and priced by the core, then issues it.
 */
export function InvoiceEditorPage({ visitId }: { visitId: string }) {
  const draft = useVisitDraft(visitId);
  return (
    <Stack gap="md" maw={1200} data-testid="billing-visit-page">
      <Group>
        <Button component={Link} href="/billing" variant="subtle" leftSection={<IconArrowLeft size={18} />} px="xs">
          Back to the cash desk
        </Button>
      </Group>
      {draft.isError ? (
        <ProposeFailed visitId={visitId} error={draft.error} retry={() => void draft.refetch()} />
      ) : draft.data === undefined ? (
        <Stack gap="md" aria-busy="true" aria-label="Proposing the invoice">
          <Skeleton height={90} radius="md" />
          <Skeleton height={260} radius="md" />
        </Stack>
      ) : draft.data.status !== "draft" ? (
        <Redirect to={`/billing/invoice/${draft.data.id}`} replace />
      ) : (
        <DraftEditor invoice={draft.data} visitId={visitId} />
      )}
    </Stack>
  );
}

/**
 * The core refuses to propose a second invoice for a visit already invoiced: the issued one is found among the
 * patient's invoices (the desk's list says whose visit it is) and opened instead.
 */
function ProposeFailed({ visitId, error, retry }: { visitId: string; error: ApiError; retry: () => void }) {
  const invoiced = error.code === "conflict";
  const list = useToBill();
  const patientId = invoiced ? (list.data?.visits.find((v) => v.visit_id === visitId)?.patient_id ?? null) : null;
  const invoices = usePatientInvoices(patientId);
  const issued = invoices.data?.invoices.find((i) => i.visit_id === visitId && i.status === "issued");
  if (issued) return <Redirect to={`/billing/invoice/${issued.id}`} replace />;
  return (
    <ErrorAlert
      error={error}
      title={invoiced ? "This visit is already invoiced" : error.code === "not_found" ? "Visit not found" : "Could not propose the invoice"}
      onRetry={invoiced || error.code === "not_found" ? undefined : retry}
    />
  );
}

interface PayerForm {
  kind: PayerKind;
  name: string;
  reference: string;
  note: string;
}

function payerOf(invoice: Invoice): PayerForm {
  return { kind: invoice.payer_kind, name: invoice.payer_name ?? "", reference: invoice.payer_reference ?? "", note: invoice.note ?? "" };
}

function samePayer(a: PayerForm, b: PayerForm): boolean {
  return a.kind === b.kind && (a.kind === "patient" || (a.name.trim() === b.name.trim() && a.reference.trim() === b.reference.trim())) && a.note.trim() === b.note.trim();
}

type Failure = { field: string | null; message: string } | null;

function DraftEditor({ invoice, visitId }: { invoice: Invoice; visitId: string }) {
  const [, navigate] = useLocation();
  const canStock = useCan("read_stock");
  const canAboveLimit = useCan("discount_above_limit");
  const settings = useBillingSettings();
  const save = useSaveDraft();
  const rebuild = useRebuildDraft();
  const issue = useIssueInvoice();
  const currency = invoice.currency;

  // The payer and note as typed; saved when the cashier leaves a box or presses Enter.
  const [payer, setPayer] = useState<PayerForm>(() => payerOf(invoice));
  const saved = payerOf(invoice);
  const payerDirty = !samePayer(payer, saved);
  const [payerErrors, setPayerErrors] = useState<Partial<Record<"payer_name" | "payer_reference" | "note", string>>>({});

  const [failure, setFailure] = useState<Failure>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [discounting, setDiscounting] = useState<number | null>(null);
  const [confirmRebuild, setConfirmRebuild] = useState(false);
  const [confirmIssue, setConfirmIssue] = useState(false);
  const [issueError, setIssueError] = useState<string | null>(null);

  /** Sends the draft with `lines` and the payer as the core holds it (or as typed, for a payer change). */
  const send = (lines: LineInput[], p: PayerForm, done: { onSuccess?: (saved: Invoice) => void; onError: (error: ApiError) => void }) =>
    save.mutate(
      {
        invoice_id: invoice.id,
        payer_kind: p.kind,
        payer_name: p.kind === "payer" ? p.name : null,
        payer_reference: p.kind === "payer" && p.reference.trim() !== "" ? p.reference : null,
        note: p.note.trim() === "" ? null : p.note,
        lines,
      },
      {
        onSuccess: (answer) => {
          setFailure(null);
          done.onSuccess?.(answer);
        },
        onError: done.onError,
      },
    );

  const lineFailed = (error: ApiError) => setFailure({ field: error.field, message: error.message });

  const changeLines = (lines: LineInput[]) => send(lines, saved, { onError: lineFailed });

  const addLine = (source: LineInput["source"]) => {
    setAddError(null);
    const index = invoice.lines.length;
    send([...lineInputs(invoice), { source, quantity: 1, discount: null }], saved, {
      onError: (error) => {
        if (error.field?.startsWith(`lines.${index}`)) setAddError(error.message);
        else lineFailed(error);
      },
    });
  };

  const setQuantity = (index: number, quantity: number) =>
    changeLines(lineInputs(invoice).map((l, i) => (i === index ? { ...l, quantity } : l)));

  const remove = (index: number) => changeLines(lineInputs(invoice).filter((_, i) => i !== index));

  const applyDiscount: ApplyDiscount = (discount, done) => {
    if (discounting === null) return;
    const index = discounting;
    send(
      lineInputs(invoice).map((l, i) => (i === index ? { ...l, discount } : l)),
      saved,
      { onSuccess: done.onSuccess, onError: done.onError },
    );
  };

  // A payer change typed while another save is under way is saved once that one is answered, never dropped.
  const latestPayer = useRef(payer);
  const payerAgain = useRef(false);
  const updatePayer = (next: PayerForm) => {
    latestPayer.current = next;
    setPayer(next);
  };

  const sendPayer = (next: PayerForm, lines: LineInput[]) => {
    setPayerErrors({});
    send(lines, next, {
      onSuccess: (answer) => {
        if (!payerAgain.current) return;
        payerAgain.current = false;
        const typed = latestPayer.current;
        if (!samePayer(typed, payerOf(answer))) sendPayer(typed, lineInputs(answer));
      },
      onError: (error) => {
        payerAgain.current = false;
        if (error.field === "payer_name" || error.field === "payer_reference" || error.field === "note") setPayerErrors({ [error.field]: error.message });
        else lineFailed(error);
      },
    });
  };

  /** Saves the payer and note as typed; leaving a box (`asked` false) waits while an insurer has no name yet. */
  const savePayer = (next: PayerForm = payer, asked = false) => {
    if (samePayer(next, saved)) return;
    if (!asked && next.kind === "payer" && next.name.trim() === "" && saved.kind === "patient") return;
    if (save.isPending) {
      payerAgain.current = true;
      return;
    }
    sendPayer(next, lineInputs(invoice));
  };

  const onPayerSubmit = (event: FormEvent) => {
    event.preventDefault();
    savePayer(payer, true);
  };

  const doRebuild = () =>
    rebuild.mutate(visitId, {
      onSuccess: (answer) => {
        setConfirmRebuild(false);
        setFailure(null);
        updatePayer(payerOf(answer));
        notifySuccess("Invoice rebuilt", "The lines are those the visit proposes again.");
      },
      onError: (error) => {
        setConfirmRebuild(false);
        lineFailed(error);
      },
    });

  const doIssue = () => {
    setIssueError(null);
    issue.mutate(invoice.id, {
      onSuccess: (issued) => {
        notifySuccess("Invoice issued", `${issued.number ?? ""} · ${money(issued.totals.total_minor, issued.currency)}`);
        navigate(`/billing/invoice/${issued.id}`);
      },
      onError: (error) => setIssueError(error.message),
    });
  };

  const limit = settings.data?.discount_limit_bp;
  const limitNote = !canAboveLimit && limit !== undefined ? `Up to ${percent(limit)} of a line without a manager; more needs one.` : null;
  const generalFailure = failure && !/^lines\.\d+\.quantity$/.test(failure.field ?? "") ? failure : null;

  return (
    <>
      <Paper withBorder radius="md" p="lg">
        <InvoiceHeading invoice={invoice}>
          <Stack gap={2} align="flex-end">
            <Title order={3}>Draft invoice</Title>
            <Text size="sm" c="dimmed">
              Saved as you change it · numbered when issued
            </Text>
          </Stack>
        </InvoiceHeading>
      </Paper>

      {invoice.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={20} />} title="Check before issuing" data-testid="invoice-warnings">
          <Stack gap={2}>
            {invoice.warnings.map((w) => (
              <Text size="sm" key={w} data-testid="invoice-warning">
                {w}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      {generalFailure && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="The change was not saved" role="alert" data-testid="draft-error" withCloseButton onClose={() => setFailure(null)}>
          {generalFailure.message}
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>Lines</Title>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconRefresh size={16} />}
              onClick={() => setConfirmRebuild(true)}
              data-testid="draft-rebuild"
            >
              Rebuild from the visit
            </Button>
          </Group>
          {invoice.lines.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="draft-no-lines">
              No lines yet. Add a service or a medicine below, or rebuild the lines from the visit.
            </Text>
          ) : (
            <Table verticalSpacing={6} layout="fixed" data-testid="draft-lines">
              <LinesHead editable />
              <Table.Tbody>
                {invoice.lines.map((line, index) => (
                  <DraftLineRow
                    key={`${index}-${line.id}`}
                    line={line}
                    currency={currency}
                    quantityError={failure?.field === lineField(index, "quantity") ? failure.message : null}
                    pending={save.isPending}
                    onQuantity={(q) => setQuantity(index, q)}
                    onDiscount={() => setDiscounting(index)}
                    onRemove={() => remove(index)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          )}
          <SimpleGrid cols={canStock ? 2 : 1} spacing="md">
            <ServicePicker disabled={save.isPending} onPick={(id) => addLine({ kind: "service", service_id: id })} />
            {canStock && (
              <MedicinePicker
                label="Add a medicine"
                testId="draft-add-medicine"
                onPick={(m) => addLine({ kind: "medicine", medicine_id: m.id, batch_id: null })}
              />
            )}
          </SimpleGrid>
          {addError && (
            <Text size="sm" c="red.8" role="alert" data-testid="draft-add-error">
              {addError}
            </Text>
          )}
          <InvoiceTotals invoice={invoice} />
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <form noValidate onSubmit={onPayerSubmit} data-testid="payer-form">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>Payer</Title>
              {payerDirty && (
                <Group gap="xs">
                  <Text size="sm" c="orange.8" data-testid="payer-unsaved">
                    Not saved yet
                  </Text>
                  <Button type="submit" size="xs" loading={save.isPending} data-testid="payer-save">
                    Save
                  </Button>
                </Group>
              )}
            </Group>
            <SegmentedControl
              value={payer.kind}
              onChange={(v) => {
                const next = { ...payer, kind: v as PayerKind };
                updatePayer(next);
                setPayerErrors({});
                if (next.kind === "patient") savePayer(next);
                else window.setTimeout(() => document.getElementById("payer-name")?.focus(), 0);
              }}
              data={[
                { value: "patient", label: "The patient" },
                { value: "payer", label: "An insurer or company" },
              ]}
              w="fit-content"
              data-testid="payer-kind"
            />
            {payer.kind === "payer" && (
              <SimpleGrid cols={2}>
                <TextInput
                  id="payer-name"
                  label="Insurer or company"
                  required
                  value={payer.name}
                  onChange={(e) => {
                    updatePayer({ ...payer, name: e.currentTarget.value });
                    setPayerErrors((x) => ({ ...x, payer_name: undefined }));
                  }}
                  onBlur={() => savePayer()}
                  error={payerErrors.payer_name}
                  data-testid="payer-name"
                />
                <TextInput
                  label="Policy or reference number"
                  value={payer.reference}
                  onChange={(e) => {
                    updatePayer({ ...payer, reference: e.currentTarget.value });
                    setPayerErrors((x) => ({ ...x, payer_reference: undefined }));
                  }}
                  onBlur={() => savePayer()}
                  error={payerErrors.payer_reference}
                  data-testid="payer-reference"
                />
              </SimpleGrid>
            )}
            <Textarea
              label="Note on the invoice"
              autosize
              minRows={1}
              maxRows={4}
              value={payer.note}
              onChange={(e) => {
                updatePayer({ ...payer, note: e.currentTarget.value });
                setPayerErrors((x) => ({ ...x, note: undefined }));
              }}
              onBlur={() => savePayer()}
              error={payerErrors.note}
              data-testid="draft-note"
            />
          </Stack>
        </form>
      </Paper>

      <Group justify="flex-end">
        {payerDirty && (
          <Text size="sm" c="dimmed">
            Save the payer before issuing.
          </Text>
        )}
        <Button
          size="md"
          leftSection={<IconFileInvoice size={18} />}
          onClick={() => {
            setIssueError(null);
            setConfirmIssue(true);
          }}
          disabled={payerDirty || save.isPending || invoice.lines.length === 0}
          data-testid="draft-issue"
        >
          Issue invoice
        </Button>
      </Group>

      <DiscountModal
        line={discounting === null ? null : (invoice.lines[discounting] ?? null)}
        index={discounting ?? 0}
        currency={currency}
        limitNote={limitNote}
        onApply={applyDiscount}
        onClose={() => setDiscounting(null)}
      />

      <Modal opened={confirmRebuild} onClose={() => setConfirmRebuild(false)} title="Rebuild the lines from the visit?" size="md">
        <Stack gap="lg">
          <Text>
            The lines are built again from the visit: its consultation, refraction and the medicines dispensed. Lines you
            added, quantities you changed and discounts you gave are lost.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmRebuild(false)} disabled={rebuild.isPending}>
              Cancel
            </Button>
            <Button color="orange" onClick={doRebuild} loading={rebuild.isPending} data-autofocus data-testid="confirm-rebuild">
              Rebuild
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={confirmIssue} onClose={() => setConfirmIssue(false)} title="Issue this invoice?" size="md">
        <Stack gap="lg">
          <Text data-testid="issue-confirm-text">
            Issue the invoice to {invoice.payer_kind === "payer" ? (invoice.payer_name ?? "the payer") : invoice.patient_name} for{" "}
            <Text span fw={700} ff="monospace">
              {money(invoice.totals.total_minor, currency)}
            </Text>
            ? It takes this workstation's next number and can no longer change; only a void with a reason corrects it.
          </Text>
          {issueError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not issue the invoice" role="alert" data-testid="issue-error">
              {issueError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmIssue(false)} disabled={issue.isPending}>
              Cancel
            </Button>
            <Button onClick={doIssue} loading={issue.isPending} data-autofocus data-testid="confirm-issue">
              Issue for {money(invoice.totals.total_minor, currency)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** One line of the draft: the quantity typed in place (saved on Enter or leaving the box), discount and removal. */
function DraftLineRow({
  line,
  currency,
  quantityError,
  pending,
  onQuantity,
  onDiscount,
  onRemove,
}: {
  line: InvoiceLine;
  currency: string;
  quantityError: string | null;
  pending: boolean;
  onQuantity: (quantity: number) => void;
  onDiscount: () => void;
  onRemove: () => void;
}) {
  const [text, setText] = useState(String(line.quantity));
  const [typing, setTyping] = useState<string | null>(null);
  const commit = () => {
    const parsed = parseWhole(text);
    if (parsed.error) {
      setTyping(parsed.error);
      return;
    }
    setTyping(null);
    // An emptied box is sent as none, which the core refuses with its own words.
    const quantity = parsed.value ?? 0;
    if (quantity !== line.quantity || quantityError) onQuantity(quantity);
  };
  return (
    <Table.Tr data-testid="draft-line" data-code={line.source.kind === "service" ? line.source.code : undefined}>
      <Table.Td>
        <LineDescription line={line} />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`Quantity of ${line.description}`}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setTyping(null);
          }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
          inputMode="numeric"
          error={typing ?? quantityError}
          styles={{ input: { textAlign: "right" } }}
          data-testid="line-quantity"
        />
      </Table.Td>
      <Table.Td ta="right" ff="monospace" fz="sm" data-testid="line-unit-price">
        {formatMinor(line.unit_price_minor, currency)}
      </Table.Td>
      <Table.Td ta="right">
        <LineTax line={line} currency={currency} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="space-between">
          <LineDiscount line={line} currency={currency} />
          <ActionIcon
            variant="subtle"
            onClick={onDiscount}
            disabled={pending || line.unit_price_minor === 0}
            aria-label={`Discount on ${line.description}`}
            title="Discount"
            data-testid="line-discount"
          >
            <IconDiscount size={18} />
          </ActionIcon>
        </Group>
      </Table.Td>
      <Table.Td ta="right" ff="monospace" fw={600} fz="sm" data-testid="line-total">
        {formatMinor(line.amounts.net_minor, currency)}
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="red" onClick={onRemove} disabled={pending} aria-label={`Remove ${line.description}`} title="Remove the line" data-testid="line-remove">
          <IconTrash size={18} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

/** The price list's active services, each with today's price as the core gives it; picking one adds it as a line. */
function ServicePicker({ disabled, onPick }: { disabled: boolean; onPick: (serviceId: string) => void }) {
  const services = useBillingServices();
  const currency = services.data?.currency ?? "";
  const data = (services.data?.services ?? []).map((s) => ({
    value: s.id,
    label: `${s.code} · ${s.name} — ${s.price ? money(s.price.price_minor, currency) : "no price yet"}`,
  }));
  return (
    <Select
      label="Add a service"
      placeholder={services.isError ? "Could not load the price list" : "Search the price list"}
      data={data}
      value={null}
      onChange={(value) => {
        if (value) onPick(value);
      }}
      searchable
      nothingFoundMessage="No service of the price list matches"
      disabled={disabled || services.data === undefined}
      error={services.isError ? services.error.message : undefined}
      data-testid="draft-add-service"
    />
  );
}
