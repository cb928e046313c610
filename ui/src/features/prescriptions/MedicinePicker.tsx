import { Badge, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";

import { useMedicineSearch } from "../../api";
import { useClinic } from "../../app/clinic";
import type { Medicine } from "../../bindings/Medicine";
import { formatDate } from "../../lib/dates";
import { medicineWords } from "./rxForm";

/** What the pharmacy has of a medicine today, as the core counts it. */
export function StockNote({ m }: { m: Pick<Medicine, "stocked" | "on_hand" | "nearest_expiry" | "out_of_stock" | "pack"> }) {
  const info = useClinic();
  if (!m.stocked)
    return (
      <Badge size="sm" variant="light" color="gray">
        Not stocked: bought elsewhere
      </Badge>
    );
  if (m.out_of_stock)
    return (
      <Badge size="sm" variant="light" color="red">
        Out of stock
      </Badge>
    );
  return (
    <Text size="xs" c="dimmed">
      On hand: {m.on_hand} {m.on_hand === 1 ? "pack" : "packs"} of {m.pack}{m.nearest_expiry ? ` · nearest expiry ${formatDate(m.nearest_expiry, info.date_format)}` : ""}
    </Text>
  );
}

/**
 * Finds a formulary medicine by name or strength and hands the chosen one back, showing what the pharmacy has of
 * each today. ↓/↑ and Enter pick, as does a click; Enter on the search picks the first.
 */
export function MedicinePicker({
  onPick,
  error,
  testId,
  label = "Medicine",
}: {
  onPick: (medicine: Medicine) => void;
  error?: string;
  testId: string;
  label?: string;
}) {
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search.trim(), 200);
  const results = useMedicineSearch(query, true);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const medicines = query === "" ? [] : (results.data?.results ?? []);

  const submit = (id: string) => {
    const m = medicines.find((x) => x.id === id);
    if (!m) return;
    onPick(m);
    setSearch("");
    combobox.closeDropdown();
  };

  let empty: string | null = null;
  if (query === "") empty = "Type the start of the name, e.g. dexa or moxi.";
  else if (results.isFetching && medicines.length === 0) empty = "Searching…";
  else if (medicines.length === 0) empty = "No medicine of the formulary matches; use “Not in the list” to type it.";

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal>
      <Combobox.Target>
        <TextInput
          label={label}
          placeholder="Search the formulary"
          leftSection={<IconSearch size={16} />}
          rightSection={results.isFetching && query !== "" ? <Loader size={14} /> : null}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === "Enter" && combobox.getSelectedOptionIndex() === -1 && medicines[0]) {
              event.preventDefault();
              submit(medicines[0].id);
            }
          }}
          error={error}
          data-testid={testId}
          id={testId}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={340} style={{ overflowY: "auto" }} aria-label="Medicines">
          {medicines.map((m) => (
            <Combobox.Option value={m.id} key={m.id} data-testid="medicine-option" data-out-of-stock={m.out_of_stock}>
              <Stack gap={2}>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {medicineWords(m)}
                  </Text>
                </Group>
                <StockNote m={m} />
              </Stack>
            </Combobox.Option>
          ))}
          {empty && <Combobox.Empty>{empty}</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
