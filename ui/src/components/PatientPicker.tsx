import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";

import { useSearchPatients } from "../api";
import { useClinic } from "../app/clinic";
import type { PatientSummary } from "../bindings/PatientSummary";
import { listName } from "../features/patients/format";
import { formatDate } from "../lib/dates";

/** Picks one patient with the patient search (name, MRN, phone or date of birth). */
export function PatientPicker({
  value,
  onChange,
  label,
  placeholder = "Any patient",
  testId,
}: {
  value: PatientSummary | null;
  onChange: (patient: PatientSummary | null) => void;
  label: string;
  placeholder?: string;
  testId?: string;
}) {
  const info = useClinic();
  const optionLabel = (patient: PatientSummary) =>
    `${listName(patient)} · ${patient.mrn} · ${formatDate(patient.date_of_birth, info.date_format)}`;

  const [search, setSearch] = useState(value ? optionLabel(value) : "");
  // Once a patient is chosen the box shows their label; that is not a new search.
  const typed = value && search === optionLabel(value) ? "" : search.trim();
  const [query] = useDebouncedValue(typed, 200);
  const results = useSearchPatients({ query, limit: 20, include_archived: true }, query !== "");

  const found = query !== "" ? (results.data?.results ?? []) : [];
  const candidates = value && !found.some((patient) => patient.id === value.id) ? [value, ...found] : found;

  let nothingFound = "Type a name, MRN, phone or date of birth";
  if (query !== "") nothingFound = results.isFetching ? "Searching…" : "No patients match";

  return (
    <Select
      data-testid={testId}
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      searchable
      clearable
      data={candidates.map((patient) => ({ value: patient.id, label: optionLabel(patient) }))}
      // The core already searched; Mantine's own filter would drop "ana ruiz" for "Ruiz, Ana".
      filter={({ options }) => options}
      value={value?.id ?? null}
      onChange={(id) => onChange(candidates.find((patient) => patient.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={nothingFound}
      maxDropdownHeight={320}
      comboboxProps={{ width: 420, position: "bottom-start" }}
    />
  );
}
