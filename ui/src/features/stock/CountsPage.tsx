import { Alert, Anchor, Badge, Button, Card, Group, Modal, Select, Skeleton, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconClipboardCheck } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";

import { usePostCount, useRecordCount, useStartCount, useStockBatches, useStockCount, useStockList } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Batch } from "../../bindings/Batch";
import type { StockCount } from "../../bindings/StockCount";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError, notifySuccess } from "../../components/notify";
import { formatDate, formatInstant } from "../../lib/dates";
import { parseWhole } from "./money";
import { packs } from "./words";

/**
 * Starting a stock count. The core lists no open counts, so a count lives at its own address
 * (`/stock/counts/:id`): keep that page open, or its link, until the count is posted.
 */
export function CountsPage() {
  const canManage = useCan("manage_stock");
  const [, navigate] = useLocation();
  const [note, setNote] = useState("");
  const start = useStartCount();
  return (
    <Stack gap="md" maw={720} data-testid="counts-page">
      <Anchor component={Link} href="/stock" size="sm">
        ← Stock
      </Anchor>
      <Title order={2}>Stock counts</Title>
      <Text c="dimmed">
        Count what is on the shelf, batch by batch. Each line is compared with the ledger as it stood when you counted it, so dispensing can go on
        while you count. Posting the count moves the differences into stock.
      </Text>
      {canManage ? (
        <Card withBorder radius="md" padding="md">
          <form
            noValidate
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              if (start.isPending) return;
              start.mutate(note.trim() === "" ? null : note, {
                onSuccess: (count) => navigate(`/stock/counts/${count.id}`),
                onError: (error) => notifyError(error, "Could not start the count"),
              });
            }}
          >
            <Stack gap="sm">
              <Textarea label="Note" description="Optional: which shelf, who counts" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} data-testid="count-note" />
              <Group justify="flex-end">
                <Button type="submit" leftSection={<IconClipboardCheck size={16} />} loading={start.isPending} data-testid="count-start">
                  Start a count
                </Button>
              </Group>
            </Stack>
          </form>
          <Text size="xs" c="dimmed" mt="xs">
            Fovea does not list counts in progress: the count opens at its own page, whose address you can keep to come back to it.
          </Text>
        </Card>
      ) : (
        <Alert color="gray">Only staff who keep the stock start and record counts.</Alert>
      )}
    </Stack>
  );
}

/** One count: record counted packs per batch, see the variances the core works out, post it. */
export function CountPage({ id }: { id: string }) {
  const count = useStockCount(id);
  return (
    <Stack gap="md" data-testid="count-page">
      <Anchor component={Link} href="/stock/counts" size="sm">
        ← Stock counts
      </Anchor>
      {count.isError ? (
        <ErrorAlert error={count.error} title="Could not open the count" onRetry={() => void count.refetch()} />
      ) : count.data === undefined ? (
        <Skeleton height={300} radius="md" />
      ) : (
        <CountSheet count={count.data} />
      )}
    </Stack>
  );
}

function CountSheet({ count }: { count: StockCount }) {
  const info = useClinic();
  const canManage = useCan("manage_stock");
  const posted = count.posted_at !== null;
  const [confirming, setConfirming] = useState(false);
  const post = usePostCount();
  const [postError, setPostError] = useState<string | null>(null);
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>Stock count</Title>
          <Text c="dimmed">
            Started {formatInstant(count.started_at, info.date_format)}
            {count.note ? ` · ${count.note}` : ""}
          </Text>
        </Stack>
        {posted ? (
          <Badge size="lg" color="teal" tt="none" data-testid="count-posted">
            Posted {formatInstant(count.posted_at ?? "", info.date_format)}
          </Badge>
        ) : (
          canManage && (
            <Button color="teal" onClick={() => setConfirming(true)} disabled={count.lines.length === 0} data-testid="count-post">
              Post the count
            </Button>
          )
        )}
      </Group>
      {postError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not post the count" role="alert">
          {postError}
        </Alert>
      )}
      {!posted && canManage && <RecordPanel countId={count.id} />}
      <Card withBorder radius="md" padding="md">
        <Title order={4} mb="xs">
          Counted
        </Title>
        {count.lines.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="count-lines-empty">
            Nothing counted yet. Choose a medicine above and type the packs on the shelf for each batch.
          </Text>
        ) : (
          <Table striped data-testid="count-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Medicine</Table.Th>
                <Table.Th>Lot</Table.Th>
                <Table.Th ta="right">Counted</Table.Th>
                <Table.Th ta="right">Ledger when counted</Table.Th>
                <Table.Th ta="right">Variance</Table.Th>
                <Table.Th>Counted at</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {count.lines.map((line) => (
                <Table.Tr key={line.batch_id} data-testid="count-line" data-lot={line.lot} data-variance={line.variance}>
                  <Table.Td>
                    <Anchor component={Link} href={`/stock/medicines/${line.medicine_id}`} size="sm">
                      {line.medicine}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{line.lot}</Table.Td>
                  <Table.Td ta="right">{line.counted}</Table.Td>
                  <Table.Td ta="right">{line.on_hand_at_count}</Table.Td>
                  <Table.Td ta="right" fw={600} c={line.variance === 0 ? undefined : line.variance < 0 ? "red.8" : "teal.8"} data-testid="count-variance">
                    {line.variance === 0 ? "none" : line.variance > 0 ? `+${line.variance}` : `−${-line.variance}`}
                  </Table.Td>
                  <Table.Td>{formatInstant(line.counted_at, info.date_format)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Post the count?">
        <Stack gap="sm">
          <Text size="sm">
            Each variance becomes a stock-count movement; stock moved since a line was counted is kept. A posted count cannot be changed.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="teal"
              loading={post.isPending}
              onClick={() => {
                setPostError(null);
                post.mutate(count.id, {
                  onSuccess: (sheet) => {
                    setConfirming(false);
                    notifySuccess("Count posted", `${sheet.lines.filter((l) => l.variance !== 0).length} variance(s) moved into stock.`);
                  },
                  onError: (error) => {
                    setConfirming(false);
                    setPostError(error.message);
                  },
                });
              }}
              data-testid="count-post-confirm"
            >
              Post
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RecordPanel({ countId }: { countId: string }) {
  const info = useClinic();
  const stock = useStockList(true);
  const [medicineId, setMedicineId] = useState<string | null>(null);
  const batches = useStockBatches(medicineId, true);
  return (
    <Card withBorder radius="md" padding="md" data-testid="count-record">
      <Title order={4} mb="xs">
        Record what is on the shelf
      </Title>
      <Select
        label="Medicine"
        placeholder="Type to find a medicine"
        searchable
        data={(stock.data?.lines ?? []).map((l) => ({ value: l.medicine_id, label: l.medicine }))}
        value={medicineId}
        onChange={setMedicineId}
        maw={420}
        nothingFoundMessage="No medicine matches"
        data-testid="count-medicine"
      />
      {medicineId !== null &&
        (batches.isError ? (
          <ErrorAlert error={batches.error} title="Could not load the batches" />
        ) : batches.data === undefined ? (
          <Skeleton height={60} mt="sm" />
        ) : batches.data.batches.length === 0 ? (
          <Text size="sm" c="dimmed" mt="sm">
            This medicine has no batches; receive a delivery first.
          </Text>
        ) : (
          <Table mt="sm" data-testid="count-batches">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lot</Table.Th>
                <Table.Th>Expiry</Table.Th>
                <Table.Th>Packs on the shelf</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {batches.data.batches.map((batch) => (
                <Table.Tr key={batch.id} data-testid="count-batch" data-lot={batch.lot}>
                  <Table.Td ff="monospace">{batch.lot}</Table.Td>
                  <Table.Td>{batch.expires_on ? formatDate(batch.expires_on, info.date_format) : "No expiry"}</Table.Td>
                  <Table.Td>
                    <CountInput countId={countId} batch={batch} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Card>
  );
}

function CountInput({ countId, batch }: { countId: string; batch: Batch }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const record = useRecordCount();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (record.isPending) return;
    const counted = parseWhole(text);
    if (counted.error || counted.value === null) {
      setError(counted.error ?? "Type the packs counted (0 if none).");
      return;
    }
    record.mutate(
      { countId, batchId: batch.id, counted: counted.value },
      {
        onSuccess: () => {
          setError(null);
          notifySuccess("Counted", `Lot ${batch.lot}: ${packs(counted.value ?? 0)} recorded.`);
        },
        onError: (e) => setError(e.message),
      },
    );
  };
  return (
    <form noValidate onSubmit={onSubmit}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={`Packs of lot ${batch.lot} on the shelf`}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          inputMode="numeric"
          w={120}
          data-testid="count-input"
        />
        <Button type="submit" variant="default" loading={record.isPending} data-testid="count-record-line">
          Record
        </Button>
      </Group>
    </form>
  );
}
