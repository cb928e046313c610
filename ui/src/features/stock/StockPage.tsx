import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconAlertTriangle, IconClipboardList, IconPlus, IconPrinter, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { Link, useLocation } from "wouter";

import { useSettings, useStockAlerts, useStockFormulary, useStockList, usePrintStock, usePrintStockAlerts } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { AlertBatch } from "../../bindings/AlertBatch";
import type { Medicine } from "../../bindings/Medicine";
import type { StockLine } from "../../bindings/StockLine";
import { openSavedDocument } from "../../components/documents";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { formatDate } from "../../lib/dates";
import { MedicineFormModal } from "./MedicineForm";
import { money } from "./money";
import { packs } from "./words";

/**
 * The pharmacy's stock on hand: one line per medicine with what is usable, the nearest expiry, its value at cost and
 * the core's warnings; the alerts beside it; printing both; and a new formulary medicine for those who keep stock.
 */
export function StockPage() {
  const canManage = useCan("manage_stock");
  const [, navigate] = useLocation();
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search.trim(), 200);
  const [includeAll, setIncludeAll] = useState(false);
  const [creating, setCreating] = useState(false);
  const stock = useStockList(includeAll);
  const formulary = useStockFormulary(query);
  const settings = useSettings();
  const currency = settings.data?.currency ?? null;
  const printStock = usePrintStock();

  const byId = new Map<string, Medicine>((formulary.data?.results ?? []).map((m) => [m.id, m]));
  const searching = query !== "";
  const lines = (stock.data?.lines ?? []).filter((line) => !searching || byId.has(line.medicine_id));

  return (
    <Stack gap="md" data-testid="stock-page">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Stock</Title>
          <Text c="dimmed">
            Packs on hand per medicine
            {stock.data && currency ? ` · value at cost ${money(stock.data.total_value_minor, currency)}` : ""}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component={Link} href="/stock/counts" variant="default" leftSection={<IconClipboardList size={16} />} data-testid="stock-counts">
            Stock counts
          </Button>
          <Button
            variant="default"
            leftSection={<IconPrinter size={16} />}
            loading={printStock.isPending}
            onClick={() =>
              printStock.mutate(undefined, {
                onSuccess: (document) => void openSavedDocument(document, "Stock list saved"),
                onError: (error) => notifyError(error, "Could not print the stock list"),
              })
            }
            data-testid="stock-print"
          >
            Print stock list
          </Button>
          {canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="stock-new-medicine">
              New medicine
            </Button>
          )}
        </Group>
      </Group>

      <AlertsPanel />

      <Group align="flex-end">
        <TextInput
          label="Find a medicine"
          placeholder="Generic or brand name, or strength"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
          data-testid="stock-search"
          autoFocus
        />
        <Checkbox
          label="Also inactive medicines and those bought elsewhere"
          checked={includeAll}
          onChange={(event) => setIncludeAll(event.currentTarget.checked)}
          mb={8}
          data-testid="stock-include-all"
        />
      </Group>

      {stock.isError ? (
        <ErrorAlert error={stock.error} title="Could not load the stock list" onRetry={() => void stock.refetch()} />
      ) : stock.data === undefined || (searching && formulary.data === undefined) ? (
        <Skeleton height={320} radius="md" aria-label="Loading the stock list" />
      ) : lines.length === 0 ? (
        <Alert color="gray" title={searching ? "No medicine matches" : "No stock yet"} data-testid="stock-empty">
          {searching
            ? `Nothing in the formulary starts with “${query}”.`
            : canManage
              ? "The formulary has no stocked medicine. Add one with New medicine, then receive a delivery on its page."
              : "The formulary has no stocked medicine yet."}
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Table verticalSpacing={6} striped highlightOnHover data-testid="stock-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Medicine</Table.Th>
                <Table.Th w={130}>Pack</Table.Th>
                <Table.Th w={110} ta="right">
                  On hand
                </Table.Th>
                <Table.Th w={110} ta="right">
                  Usable
                </Table.Th>
                <Table.Th w={130}>Nearest expiry</Table.Th>
                <Table.Th w={140} ta="right">
                  Value at cost
                </Table.Th>
                <Table.Th w={260}>Warnings</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <StockRow key={line.medicine_id} line={line} medicine={byId.get(line.medicine_id) ?? null} currency={currency} />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <MedicineFormModal
        opened={creating}
        medicine={null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          navigate(`/stock/medicines/${saved.id}`);
        }}
      />
    </Stack>
  );
}

function StockRow({ line, medicine, currency }: { line: StockLine; medicine: Medicine | null; currency: string | null }) {
  const info = useClinic();
  const flags: { key: string; label: string; color: string }[] = [];
  if (line.negative) flags.push({ key: "negative", label: "Negative: count it", color: "red" });
  if (medicine?.out_of_stock && (medicine.stocked || line.on_hand !== 0)) flags.push({ key: "out", label: "Out of stock", color: "red" });
  if (line.has_expired) flags.push({ key: "expired", label: "Expired stock", color: "red" });
  if (line.expiring_soon) flags.push({ key: "expiring", label: "Expiring soon", color: "orange" });
  if (line.below_reorder) flags.push({ key: "reorder", label: `Below reorder (${line.reorder_level})`, color: "yellow" });
  if (medicine && !medicine.active) flags.push({ key: "inactive", label: "Inactive", color: "gray" });
  return (
    <Table.Tr data-testid="stock-row" data-medicine={line.medicine_id} data-flags={flags.map((f) => f.key).join(" ")}>
      <Table.Td>
        <Anchor component={Link} href={`/stock/medicines/${line.medicine_id}`} fw={600} size="sm" data-testid="stock-row-link">
          {line.medicine}
        </Anchor>
        {medicine?.brand && (
          <Text size="xs" c="dimmed">
            {medicine.brand}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{medicine?.pack ?? ""}</Text>
      </Table.Td>
      <Table.Td ta="right" data-testid="stock-row-on-hand">
        {line.on_hand}
      </Table.Td>
      <Table.Td ta="right" data-testid="stock-row-usable">
        {line.usable}
      </Table.Td>
      <Table.Td>{line.nearest_expiry ? formatDate(line.nearest_expiry, info.date_format) : "—"}</Table.Td>
      <Table.Td ta="right">
        {currency ? money(line.value_minor, currency) : ""}
        {line.cost_missing && (
          <Text size="xs" c="dimmed" title="Some packs on hand have no recorded cost">
            some packs without a cost
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {flags.map((flag) => (
            <Badge key={flag.key} color={flag.color} variant="light" tt="none" data-testid={`stock-flag-${flag.key}`}>
              {flag.label}
            </Badge>
          ))}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** What needs the pharmacist: below reorder level, expired batches to write off, batches expiring soon, negative stock. */
function AlertsPanel() {
  const alerts = useStockAlerts();
  const printAlerts = usePrintStockAlerts();
  const data = alerts.data;
  const none = data && data.below_reorder.length + data.expired.length + data.expiring.length + data.negative.length === 0;
  return (
    <Card withBorder radius="md" padding="md" data-testid="stock-alerts">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <IconAlertTriangle size={20} color="var(--mantine-color-orange-6)" />
          <Title order={4}>Alerts</Title>
          {data && (
            <Text size="sm" c="dimmed">
              expiring means within {data.expiry_warning_days} days (a clinic setting)
            </Text>
          )}
        </Group>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPrinter size={14} />}
          loading={printAlerts.isPending}
          onClick={() =>
            printAlerts.mutate(undefined, {
              onSuccess: (document) => void openSavedDocument(document, "Stock alerts saved"),
              onError: (error) => notifyError(error, "Could not print the alerts"),
            })
          }
          data-testid="stock-alerts-print"
        >
          Print alerts
        </Button>
      </Group>
      {alerts.isError ? (
        <ErrorAlert error={alerts.error} title="Could not load the alerts" onRetry={() => void alerts.refetch()} />
      ) : data === undefined ? (
        <Skeleton height={80} />
      ) : none ? (
        <Text c="dimmed" size="sm" data-testid="stock-alerts-empty">
          Nothing needs attention: no expired or expiring batches, nothing below its reorder level.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {data.negative.length > 0 && <BatchAlerts title="Negative stock: count these" color="red" batches={data.negative} testId="alerts-negative" />}
          {data.expired.length > 0 && <BatchAlerts title="Expired: write off" color="red" batches={data.expired} testId="alerts-expired" />}
          {data.expiring.length > 0 && (
            <BatchAlerts title={`Expiring within ${data.expiry_warning_days} days`} color="orange" batches={data.expiring} testId="alerts-expiring" />
          )}
          {data.below_reorder.length > 0 && (
            <Stack gap={4} data-testid="alerts-reorder">
              <Text fw={600} size="sm" c="yellow.8">
                Below reorder level
              </Text>
              {data.below_reorder.map((line) => (
                <Group key={line.medicine_id} gap="xs" data-testid="alert-item" data-medicine={line.medicine_id}>
                  <Anchor component={Link} href={`/stock/medicines/${line.medicine_id}`} size="sm">
                    {line.medicine}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {packs(line.usable)} usable, reorder at {line.reorder_level}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </SimpleGrid>
      )}
    </Card>
  );
}

function BatchAlerts({ title, color, batches, testId }: { title: string; color: string; batches: AlertBatch[]; testId: string }) {
  const info = useClinic();
  return (
    <Stack gap={4} data-testid={testId}>
      <Text fw={600} size="sm" c={`${color}.8`}>
        {title}
      </Text>
      {batches.map((batch) => (
        <Group key={batch.batch_id} gap="xs" data-testid="alert-item" data-lot={batch.lot} data-medicine={batch.medicine_id}>
          <Anchor component={Link} href={`/stock/medicines/${batch.medicine_id}`} size="sm">
            {batch.medicine}
          </Anchor>
          <Text size="sm" ff="monospace">
            lot {batch.lot}
          </Text>
          <Text size="sm" c="dimmed">
            {batch.expires_on ? `expires ${formatDate(batch.expires_on, info.date_format)}` : "no expiry"} · {packs(batch.on_hand)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
