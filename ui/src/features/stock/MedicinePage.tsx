import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, Menu, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowBackUp, IconChevronDown, IconPackageImport, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "wouter";

import { useSettings, useStockBatches, useStockMedicine, useStockMovements } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Batch } from "../../bindings/Batch";
import type { Medicine } from "../../bindings/Medicine";
import type { Movement } from "../../bindings/Movement";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate, formatInstant } from "../../lib/dates";
import { AdjustModal, LotRecipientsModal, QuarantineModal, ReverseModal } from "./BatchActions";
import { MedicineFormModal } from "./MedicineForm";
import { money } from "./money";
import { ReceiveModal } from "./ReceiveForm";
import { BATCH_STATE_WORDS, FORM_WORDS, MOVEMENT_KIND_WORDS, ROUTE_WORDS, packs } from "./words";

/** One formulary medicine: its details (editable by those who keep stock), its batches, deliveries, corrections and movements. */
export function MedicinePage({ id }: { id: string }) {
  const medicine = useStockMedicine(id);
  return (
    <Stack gap="md" data-testid="medicine-page">
      <Anchor component={Link} href="/stock" size="sm">
        ← Stock
      </Anchor>
      {medicine.isError ? (
        <ErrorAlert error={medicine.error} title="Could not open the medicine" onRetry={() => void medicine.refetch()} />
      ) : medicine.data === undefined ? (
        <Skeleton height={400} radius="md" aria-label="Loading the medicine" />
      ) : (
        <MedicineView medicine={medicine.data} />
      )}
    </Stack>
  );
}

function MedicineView({ medicine }: { medicine: Medicine }) {
  const info = useClinic();
  const canManage = useCan("manage_stock");
  const settings = useSettings();
  const currency = settings.data?.currency ?? null;
  const [editing, setEditing] = useState(false);
  const [receiving, setReceiving] = useState(false);

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2} data-testid="medicine-title">
            {medicine.generic_name} {medicine.strength}
          </Title>
          <Text c="dimmed">
            {[medicine.brand, FORM_WORDS[medicine.form], medicine.pack, ROUTE_WORDS[medicine.route]].filter(Boolean).join(" · ")}
          </Text>
          <Group gap="xs" mt={4}>
            <Badge size="lg" variant="light" color={medicine.out_of_stock ? "red" : "teal"} tt="none" data-testid="medicine-on-hand">
              {medicine.out_of_stock ? "Out of stock" : `${packs(medicine.on_hand)} usable`}
            </Badge>
            {medicine.nearest_expiry && (
              <Badge size="lg" variant="light" color="gray" tt="none">
                Next expiry {formatDate(medicine.nearest_expiry, info.date_format)}
              </Badge>
            )}
            {!medicine.active && (
              <Badge size="lg" color="gray" tt="none">
                Inactive
              </Badge>
            )}
            {!medicine.stocked && (
              <Badge size="lg" color="gray" variant="outline" tt="none">
                Bought elsewhere
              </Badge>
            )}
          </Group>
        </Stack>
        {canManage && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="medicine-edit">
              Edit
            </Button>
            <Button
              leftSection={<IconPackageImport size={16} />}
              onClick={() => setReceiving(true)}
              disabled={currency === null}
              data-testid="receive-open"
            >
              Receive a delivery
            </Button>
          </Group>
        )}
      </Group>

      {medicine.starter_note && (
        <Alert color="blue" variant="light">
          {medicine.starter_note}
        </Alert>
      )}

      <Card withBorder radius="md" padding="md" data-testid="medicine-details">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Detail label="Reorder level" value={medicine.reorder_level === 0 ? "No warning" : packs(medicine.reorder_level)} />
          <Detail label="Price per pack" value={medicine.price_minor === null ? "Not priced" : currency ? money(medicine.price_minor, currency) : ""} />
          <Detail label="Use within" value={medicine.use_within_days === null ? "No limit once opened" : `${medicine.use_within_days} days of opening`} />
          <Detail label="Kept in stock" value={medicine.stocked ? "Yes" : "No, bought elsewhere"} />
        </SimpleGrid>
      </Card>

      <BatchesSection medicine={medicine} currency={currency} />
      <MovementsSection medicineId={medicine.id} />

      <MedicineFormModal opened={editing} medicine={medicine} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      {currency && <ReceiveModal opened={receiving} medicine={medicine} currency={currency} onClose={() => setReceiving(false)} />}
    </>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Stack>
  );
}

function BatchesSection({ medicine, currency }: { medicine: Medicine; currency: string | null }) {
  const info = useClinic();
  const canManage = useCan("manage_stock");
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const batches = useStockBatches(medicine.id, includeEmpty);
  const [adjusting, setAdjusting] = useState<Batch | null>(null);
  const [quarantining, setQuarantining] = useState<Batch | null>(null);
  const [tracing, setTracing] = useState<Batch | null>(null);
  const list = batches.data?.batches ?? [];

  return (
    <Card withBorder radius="md" padding="md" data-testid="batches">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Batches</Title>
        <Checkbox label="Also empty batches" checked={includeEmpty} onChange={(e) => setIncludeEmpty(e.currentTarget.checked)} data-testid="batches-include-empty" />
      </Group>
      {batches.isError ? (
        <ErrorAlert error={batches.error} title="Could not load the batches" onRetry={() => void batches.refetch()} />
      ) : batches.data === undefined ? (
        <Skeleton height={120} />
      ) : list.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="batches-empty">
          No batch holds any of this medicine.{canManage ? " Receive a delivery to add one." : ""}
        </Text>
      ) : (
        <Table striped verticalSpacing={6} data-testid="batch-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Lot</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th ta="right">On hand</Table.Th>
              <Table.Th>Supplier</Table.Th>
              <Table.Th ta="right">Cost per pack</Table.Th>
              <Table.Th>Received</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((batch) => (
              <Table.Tr key={batch.id} data-testid="batch-row" data-lot={batch.lot} data-state={batch.state}>
                <Table.Td ff="monospace">{batch.lot}</Table.Td>
                <Table.Td>{batch.expires_on ? formatDate(batch.expires_on, info.date_format) : "No expiry"}</Table.Td>
                <Table.Td>
                  <Badge color={BATCH_STATE_WORDS[batch.state].color} variant="light" tt="none" data-testid="batch-state">
                    {BATCH_STATE_WORDS[batch.state].label}
                  </Badge>
                  {batch.on_hand < 0 && (
                    <Badge color="red" ml={4} tt="none">
                      Negative: count it
                    </Badge>
                  )}
                  {batch.quarantine_reason && (
                    <Text size="xs" c="dimmed">
                      {batch.quarantine_reason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" data-testid="batch-on-hand">
                  {batch.on_hand}
                </Table.Td>
                <Table.Td>{batch.supplier ?? "—"}</Table.Td>
                <Table.Td ta="right">{batch.cost_minor === null ? "—" : currency ? money(batch.cost_minor, currency) : ""}</Table.Td>
                <Table.Td>{formatInstant(batch.received_at, info.date_format)}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button size="compact-sm" variant="default" rightSection={<IconChevronDown size={14} />} data-testid="batch-actions">
                          Actions
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setAdjusting(batch)} data-testid="batch-adjust">
                          Adjust, return or write off…
                        </Menu.Item>
                        <Menu.Item onClick={() => setQuarantining(batch)} data-testid="batch-quarantine">
                          {batch.quarantined ? "Release from quarantine…" : "Quarantine…"}
                        </Menu.Item>
                        <Menu.Item onClick={() => setTracing(batch)} data-testid="batch-recipients">
                          Who received this lot
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AdjustModal batch={adjusting} onClose={() => setAdjusting(null)} />
      <QuarantineModal batch={quarantining} onClose={() => setQuarantining(null)} />
      <LotRecipientsModal batch={tracing} onClose={() => setTracing(null)} />
    </Card>
  );
}

function MovementsSection({ medicineId }: { medicineId: string }) {
  const info = useClinic();
  const canManage = useCan("manage_stock");
  const movements = useStockMovements(medicineId);
  const [reversing, setReversing] = useState<Movement | null>(null);
  const list = movements.data?.movements ?? [];
  return (
    <Card withBorder radius="md" padding="md" data-testid="movements">
      <Title order={4} mb="xs">
        Movements
      </Title>
      {movements.isError ? (
        <ErrorAlert error={movements.error} title="Could not load the movements" onRetry={() => void movements.refetch()} />
      ) : movements.data === undefined ? (
        <Skeleton height={120} />
      ) : list.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="movements-empty">
          No stock of this medicine has moved yet.
        </Text>
      ) : (
        <Paper>
          <Table striped verticalSpacing={4} data-testid="movement-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Lot</Table.Th>
                <Table.Th ta="right">Packs</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>By</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((m) => (
                <Table.Tr key={m.id} data-testid="movement-row" data-kind={m.kind} data-quantity={m.quantity}>
                  <Table.Td>{formatInstant(m.moved_at, info.date_format)}</Table.Td>
                  <Table.Td>
                    {MOVEMENT_KIND_WORDS[m.kind]}
                    {m.reversed_by && (
                      <Badge ml={4} size="xs" color="gray" tt="none">
                        reversed
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace">{m.lot}</Table.Td>
                  <Table.Td ta="right" c={m.quantity < 0 ? "red.8" : "teal.8"} fw={600}>
                    {m.quantity > 0 ? `+${m.quantity}` : `−${-m.quantity}`}
                  </Table.Td>
                  <Table.Td>{m.reason ?? "—"}</Table.Td>
                  <Table.Td>{m.moved_by_name}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      {/* The core refuses a second reversal or reversing a reversal; the button is not offered for those. */}
                      {m.reversible && (
                        <Button size="compact-xs" variant="subtle" color="red" leftSection={<IconArrowBackUp size={14} />} onClick={() => setReversing(m)} data-testid="movement-reverse">
                          Reverse
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <ReverseModal movement={reversing} onClose={() => setReversing(null)} />
    </Card>
  );
}
