import { Badge, Button, Center, Group, Loader, Paper, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useReducer, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { Link, useLocation } from "wouter";

import { patientSearchQuery, useSearchPatients } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import { useShell } from "../../app/shell";
import type { PatientSummary } from "../../bindings/PatientSummary";
import type { SearchPatientsRequest } from "../../bindings/SearchPatientsRequest";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { Shortcut } from "../../components/Shortcut";
import { formatDate } from "../../lib/dates";
import { ageLabel, listName, phoneToShow } from "./format";
import { highlightedIndex, highlightReducer, initialHighlight, rowToOpen } from "./highlight";
import { prefillFromSearch } from "./patientForm";
import classes from "./PatientsPage.module.css";

const SEARCH_DEBOUNCE_MS = 150;
const RESULT_LIMIT = 50;

function requestFor(query: string, includeArchived: boolean): SearchPatientsRequest {
  return { query: query.trim(), limit: RESULT_LIMIT, include_archived: includeArchived };
}

/** The landing page: find a patient by name, MRN, phone or date of birth, or register one. */
export function PatientsPage() {
  const info = useClinic();
  const { search, setSearch, searchInputRef, openRegister } = useShell();
  const canWrite = useCan("write_patients");
  const [, navigate] = useLocation();
  const queryClient = useQueryClient();
  const [debouncedQuery] = useDebouncedValue(search.query, SEARCH_DEBOUNCE_MS);
  const request = requestFor(debouncedQuery, search.includeArchived);
  const result = useSearchPatients(request);
  const rows = result.data?.results ?? [];

  const key = `${request.query}\u0000${request.include_archived}`;
  const [highlight, dispatch] = useReducer(highlightReducer, initialHighlight);
  const active = highlightedIndex(highlight, key, rows.length);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);

  // Put the cursor in the search box when the page opens, ready to type over the last search.
  useEffect(() => {
    const input = searchInputRef.current;
    input?.focus();
    input?.select();
  }, [searchInputRef]);

  useEffect(() => {
    if (active >= 0) rowRefs.current[active]?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const open = (id: string) => navigate(`/patients/${id}`);

  const openFromKeyboard = async () => {
    const typed = requestFor(search.query, search.includeArchived);
    const upToDate = typed.query === request.query && !result.isPlaceholderData && result.data !== undefined;
    if (upToDate) {
      const index = rowToOpen(highlight, key, rows.length);
      const row = rows[index];
      if (row) open(row.id);
      return;
    }
    // Enter came before the debounced search ran: search for exactly what was typed
    // rather than opening a row of the previous results.
    try {
      const fresh = await queryClient.fetchQuery(patientSearchQuery(typed));
      const first = fresh.results[0];
      if (first) open(first.id);
    } catch (error) {
      notifyError(error, "Could not search patients");
    }
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      dispatch({ type: "down", key, count: rows.length });
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      dispatch({ type: "up", key, count: rows.length });
    } else if (event.key === "Enter") {
      event.preventDefault();
      void openFromKeyboard();
    } else if (event.key === "Escape" && search.query !== "") {
      event.preventDefault();
      setSearch({ query: "" });
    }
  };

  const onRowClick = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    if ((event.target as HTMLElement).closest("a, button")) return; // the link handles itself
    open(id);
  };

  const typedQuery = search.query.trim();
  const searching = result.isFetching;
  // The caption line always keeps its height, so the table does not jump as results come and go.
  let caption = "\u00a0";
  if (result.data !== undefined && rows.length > 0) {
    caption =
      request.query === ""
        ? "Recently registered patients"
        : `${result.data.total_shown} ${result.data.total_shown === 1 ? "match" : "matches"} for “${request.query}”`;
  }

  let content;
  if (result.isError) {
    content = <ErrorAlert error={result.error} title="Could not search patients" onRetry={() => void result.refetch()} />;
  } else if (result.data === undefined) {
    content = (
      <Center py="xl" data-testid="patients-loading">
        <Group gap="sm">
          <Loader size="sm" />
          <Text c="dimmed">Loading patients…</Text>
        </Group>
      </Center>
    );
  } else if (rows.length === 0 && request.query === "") {
    content = (
      <EmptyState
        title="No patients yet"
        text={canWrite ? "Patients you register appear here. Start with the first one." : "Registered patients will appear here."}
        action={
          canWrite && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => openRegister()}>
              Register patient
            </Button>
          )
        }
      />
    );
  } else if (rows.length === 0) {
    const prefill = prefillFromSearch(request.query, info.date_format);
    content = (
      <EmptyState
        title={`No patients match “${request.query}”`}
        text={
          canWrite
            ? "Check the spelling, try the last 6 digits of a phone number, or the date of birth. Is the patient new?"
            : "Check the spelling, try the last 6 digits of a phone number, or the date of birth."
        }
        action={
          canWrite && (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => openRegister(prefill)} data-testid="register-from-search">
              {Object.keys(prefill).length > 0 ? `Register “${request.query}” as a new patient` : "Register a new patient"}
            </Button>
          )
        }
      />
    );
  } else {
    content = (
      <Paper withBorder radius="md" className={classes.tableWrap}>
        <Table verticalSpacing="sm" horizontalSpacing="md" className={classes.table} aria-label="Patients">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th w={130}>MRN</Table.Th>
              <Table.Th w={220}>Date of birth</Table.Th>
              <Table.Th w={190}>Phone</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody id="patient-results" data-testid="patient-results" className={result.isPlaceholderData ? classes.stale : undefined}>
            {rows.map((patient, index) => (
              <ResultRow
                key={patient.id}
                id={`patient-row-${index}`}
                patient={patient}
                query={request.query}
                active={index === active}
                rowRef={(element) => {
                  rowRefs.current[index] = element;
                }}
                onClick={(event) => onRowClick(event, patient.id)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="center">
        <Title order={2}>Patients</Title>
        {canWrite && (
          <Button
            data-testid="register-patient"
            leftSection={<IconUserPlus size={18} />}
            rightSection={<Shortcut keys={["Ctrl", "N"]} />}
            onClick={() => openRegister(prefillFromSearch(typedQuery, info.date_format))}
          >
            Register patient
          </Button>
        )}
      </Group>
      <Group align="center" gap="lg" wrap="nowrap">
        <TextInput
          ref={searchInputRef}
          data-testid="patient-search"
          aria-label="Search patients"
          placeholder="Name, MRN, phone or date of birth"
          size="md"
          style={{ flex: 1 }}
          leftSection={<IconSearch size={18} />}
          rightSection={searching ? <Loader size={16} /> : <Shortcut keys={["Ctrl", "K"]} />}
          rightSectionWidth={96}
          rightSectionPointerEvents="none"
          value={search.query}
          onChange={(event) => setSearch({ query: event.currentTarget.value })}
          onKeyDown={onSearchKeyDown}
          aria-controls="patient-results"
          aria-activedescendant={active >= 0 ? `patient-row-${active}` : undefined}
        />
        <Switch
          label="Include archived"
          checked={search.includeArchived}
          onChange={(event) => setSearch({ includeArchived: event.currentTarget.checked })}
          data-testid="include-archived"
        />
      </Group>
      <Group justify="space-between" h={20}>
        <Text size="sm" c="dimmed">
          {caption}
        </Text>
        {rows.length > 0 && (
          <Text size="xs" c="dimmed">
            <Shortcut keys={["↓"]} /> <Shortcut keys={["↑"]} /> to choose, <Shortcut keys={["Enter"]} /> to open
          </Text>
        )}
      </Group>
      {content}
    </Stack>
  );
}

function ResultRow({
  id,
  patient,
  query,
  active,
  rowRef,
  onClick,
}: {
  id: string;
  patient: PatientSummary;
  query: string;
  active: boolean;
  rowRef: (element: HTMLTableRowElement | null) => void;
  onClick: (event: MouseEvent<HTMLTableRowElement>) => void;
}) {
  const info = useClinic();
  const phone = phoneToShow(patient.phones, patient.matched_by === "phone" ? query : "");
  return (
    <Table.Tr
      ref={rowRef}
      id={id}
      data-testid="patient-row"
      data-mrn={patient.mrn}
      data-active={active || undefined}
      aria-selected={active}
      className={classes.row}
      onClick={onClick}
    >
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Link href={`/patients/${patient.id}`} className={classes.name}>
            {listName(patient)}
          </Link>
          {patient.archived && (
            <Badge color="gray" variant="light" size="sm" data-testid="archived-badge">
              Archived
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td ff="monospace" fw={patient.matched_by === "mrn" ? 700 : undefined}>
        {patient.mrn}
      </Table.Td>
      <Table.Td fw={patient.matched_by === "date_of_birth" ? 700 : undefined}>
        {formatDate(patient.date_of_birth, info.date_format)}{" "}
        <Text span size="sm" c="dimmed" fw={400}>
          · {ageLabel(patient.date_of_birth, patient.age_years, info.today)}
        </Text>
      </Table.Td>
      <Table.Td fw={patient.matched_by === "phone" ? 700 : undefined}>
        {phone ?? (
          <Text span c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function EmptyState({ title, text, action }: { title: string; text: string; action: ReactNode }) {
  return (
    <Paper withBorder radius="md" py={48} px="xl">
      <Stack align="center" gap="sm">
        <IconUsers size={40} stroke={1.4} color="var(--mantine-color-gray-5)" />
        <Title order={3} ta="center">
          {title}
        </Title>
        <Text c="dimmed" ta="center" maw={520}>
          {text}
        </Text>
        <div>{action}</div>
      </Stack>
    </Paper>
  );
}
