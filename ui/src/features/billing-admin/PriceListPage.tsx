import { Alert, Badge, Button, Checkbox, Group, Paper, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { IconChevronDown, IconChevronRight, IconPencil, IconPlus, IconTag } from "@tabler/icons-react";
import { Fragment, useState } from "react";

import { usePriceList } from "../../api/billingAdminQueries";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { Service } from "../../bindings/Service";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatDate } from "../../lib/dates";
import { percent } from "../../lib/percent";
import { money } from "../stock/money";
import { ServiceFormModal, SetPriceModal } from "./ServiceForms";
import { kindLabel } from "./words";

/**
 * The clinic's price list: each service with the price the desk uses today and its tax rate, its dated prices, and
 * the forms that add a service, change one and set a new price from a day on.
 */
export function PriceListPage() {
  const canRead = useCan("billing");
  return (
    <Stack gap="md" data-testid="price-list-page">
      {canRead ? (
        <PriceList />
      ) : (
        <>
          <Title order={2}>Price list</Title>
          <Alert color="gray" title="The price list is read with the billing permission">
            Your role changes the clinic's settings but does not bill; ask an administrator to add billing to your roles.
          </Alert>
        </>
      )}
    </Stack>
  );
}

function PriceList() {
  const [includeInactive, setIncludeInactive] = useState(false);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Service | null>(null);
  const [pricing, setPricing] = useState<Service | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = usePriceList(includeInactive);
  const currency = list.data?.currency ?? "";
  const services = list.data?.services ?? [];

  return (
    <>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Price list</Title>
          <Text c="dimmed">What the cash desk charges for each service, from the day each price was set.</Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="price-list-add">
          Add a service
        </Button>
      </Group>
      <Checkbox
        label="Also services no longer offered"
        checked={includeInactive}
        onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
        data-testid="price-list-include-inactive"
      />
      {list.isError ? (
        <ErrorAlert error={list.error} title="Could not load the price list" onRetry={() => void list.refetch()} />
      ) : list.data === undefined ? (
        <Skeleton height={320} radius="md" aria-label="Loading the price list" />
      ) : services.length === 0 ? (
        <Alert color="gray" title="No services yet" data-testid="price-list-empty">
          The price list is empty. Add the services the clinic charges for (consultations, refraction, tests, procedures),
          then set each one's price.
        </Alert>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Table verticalSpacing={6} striped highlightOnHover data-testid="price-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40} />
                <Table.Th w={110}>Code</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th w={200}>Kind</Table.Th>
                <Table.Th w={140} ta="right">
                  Price today
                </Table.Th>
                <Table.Th w={90} ta="right">
                  Tax
                </Table.Th>
                <Table.Th w={100}>Offered</Table.Th>
                <Table.Th w={230} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {services.map((service) => (
                <ServiceRow
                  key={service.id}
                  service={service}
                  currency={currency}
                  open={open === service.id}
                  onToggle={() => setOpen(open === service.id ? null : service.id)}
                  onEdit={() => setEditing(service)}
                  onPrice={() => setPricing(service)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <ServiceFormModal
        opened={adding || editing !== null}
        service={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
        onSaved={(saved) => {
          // A new service has no price yet: ask for it at once.
          if (saved.price === null) setPricing(saved);
        }}
      />
      <SetPriceModal service={pricing} currency={currency} onClose={() => setPricing(null)} />
    </>
  );
}

function ServiceRow({
  service,
  currency,
  open,
  onToggle,
  onEdit,
  onPrice,
}: {
  service: Service;
  currency: string;
  open: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onPrice: () => void;
}) {
  const info = useClinic();
  // A price set from a day still ahead is shown under today's, so nobody sets it twice.
  const next = service.prices.find((p) => p.valid_from > info.today);
  return (
    <Fragment>
      <Table.Tr data-testid="price-row" data-code={service.code}>
        <Table.Td>
          <Button
            variant="subtle"
            size="compact-xs"
            onClick={onToggle}
            aria-label={open ? `Hide the price history of ${service.code}` : `Show the price history of ${service.code}`}
            aria-expanded={open}
            data-testid="price-row-history"
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </Button>
        </Table.Td>
        <Table.Td fw={600}>{service.code}</Table.Td>
        <Table.Td>{service.name}</Table.Td>
        <Table.Td>{kindLabel(service.kind)}</Table.Td>
        <Table.Td ta="right" data-testid="price-row-price">
          {service.price ? money(service.price.price_minor, currency) : <Text c="orange.8" size="sm">No price yet</Text>}
          {next && (
            <Text size="xs" c="dimmed" data-testid="price-row-next">
              {`${money(next.price_minor, currency)} from ${formatDate(next.valid_from, info.date_format)}`}
            </Text>
          )}
        </Table.Td>
        <Table.Td ta="right" data-testid="price-row-tax">
          {service.price ? percent(service.price.tax_rate_bp) : "—"}
        </Table.Td>
        <Table.Td>
          {service.active ? (
            <Badge color="teal" variant="light" tt="none">
              Offered
            </Badge>
          ) : (
            <Badge color="gray" variant="light" tt="none">
              Inactive
            </Badge>
          )}
        </Table.Td>
        <Table.Td>
          <Group gap={6} justify="flex-end" wrap="nowrap">
            <Button size="xs" variant="light" leftSection={<IconTag size={14} />} onClick={onPrice} data-testid="price-row-set-price">
              New price
            </Button>
            <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={onEdit} data-testid="price-row-edit">
              Change
            </Button>
          </Group>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr data-testid="price-history" data-code={service.code}>
          <Table.Td />
          <Table.Td colSpan={7}>
            <PriceHistory service={service} currency={currency} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

function PriceHistory({ service, currency }: { service: Service; currency: string }) {
  const info = useClinic();
  if (service.prices.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No price has been set for {service.code} yet.
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Prices of {service.code}, newest first
      </Text>
      <Table withTableBorder verticalSpacing={4} maw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>From</Table.Th>
            <Table.Th ta="right">Price</Table.Th>
            <Table.Th ta="right">Tax</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...service.prices].reverse().map((p) => {
            const current = service.price?.valid_from === p.valid_from;
            const ahead = p.valid_from > info.today;
            return (
              <Table.Tr key={p.valid_from} data-testid="price-history-row" data-from={p.valid_from}>
                <Table.Td>{formatDate(p.valid_from, info.date_format)}</Table.Td>
                <Table.Td ta="right">{money(p.price_minor, currency)}</Table.Td>
                <Table.Td ta="right">{percent(p.tax_rate_bp)}</Table.Td>
                <Table.Td>
                  {current ? (
                    <Badge color="teal" variant="light" tt="none">
                      In use today
                    </Badge>
                  ) : ahead ? (
                    <Badge color="blue" variant="light" tt="none">
                      From a day ahead
                    </Badge>
                  ) : (
                    <Text size="xs" c="dimmed">
                      Replaced
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
