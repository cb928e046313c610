import { Combobox, Group, Loader, Text, TextInput, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";

import { useIcd10Search } from "../../api";
import type { Icd10Code } from "../../bindings/Icd10Code";

/**
 * Finds an ICD-10 code by code or words in any order (`glauc open`, `H40.11`) and hands the chosen one back. Headings
 * that group more specific codes are listed but cannot be chosen. ↓/↑ and Enter pick, as does a click.
 */
export function DiagnosisPicker({ onPick, error, disabled }: { onPick: (code: Icd10Code) => void; error?: string; disabled?: boolean }) {
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search.trim(), 250);
  const results = useIcd10Search(query);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const codes = query === "" ? [] : (results.data?.codes ?? []);

  const submit = (value: string) => {
    const code = codes.find((c) => c.code === value);
    if (!code || !code.billable) return;
    onPick(code);
    setSearch("");
    combobox.closeDropdown();
  };

  let empty: string | null = null;
  if (query === "") empty = "Type a code (H40.11) or words (glauc open).";
  else if (results.isFetching && codes.length === 0) empty = "Searching…";
  else if (codes.length === 0) empty = "No ICD-10 code matches.";

  return (
    <Combobox store={combobox} onOptionSubmit={submit} withinPortal>
      <Combobox.Target>
        <TextInput
          label="Add a diagnosis"
          placeholder="Search ICD-10 by code or words, e.g. glauc open"
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
            // The first usable code is one Enter away.
            if (event.key === "Enter" && combobox.getSelectedOptionIndex() === -1) {
              const first = codes.find((c) => c.billable);
              if (first) {
                event.preventDefault();
                submit(first.code);
              }
            }
          }}
          error={error}
          disabled={disabled}
          data-testid="dx-search"
          id="dx-search"
          aria-label="Search ICD-10 diagnoses"
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={340} style={{ overflowY: "auto" }} aria-label="ICD-10 codes">
          {codes.map((code) => (
            <Combobox.Option value={code.code} key={code.code} disabled={!code.billable} data-testid="dx-option" data-code={code.code} data-billable={code.billable}>
              <Group gap={6} wrap="nowrap" align="baseline">
                <Text size="sm" fw={700} ff="monospace" style={{ whiteSpace: "nowrap" }}>
                  {code.code}
                </Text>
                <Text size="sm">— {code.description}</Text>
              </Group>
              {!code.billable && (
                <Text size="xs" c="dimmed" fs="italic">
                  A heading: choose a more specific code
                </Text>
              )}
            </Combobox.Option>
          ))}
          {empty && <Combobox.Empty>{empty}</Combobox.Empty>}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
