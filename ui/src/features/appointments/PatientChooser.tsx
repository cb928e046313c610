import { Box, Button, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch, IconUserPlus, IconX } from "@tabler/icons-react";
import { useState, type KeyboardEvent } from "react";

import { useSearchPatients } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import { useShell } from "../../app/shell";
import { formatDate } from "../../lib/dates";
import { listName } from "../patients/format";
import { prefillFromSearch } from "../patients/patientForm";
import type { PatientChoice } from "./bookingForm";

const MAX_SHOWN = 8;

/**
 * Finds the patient for a booking inline: type, ↓/↑ and Enter (or click a row); or register a new patient in the
 * usual form and carry on with them.
 */
export function PatientChooser({
  value,
  onChange,
  error,
  autoFocus = false,
}: {
  value: PatientChoice | null;
  onChange: (patient: PatientChoice | null) => void;
  error?: string;
  autoFocus?: boolean;
}) {
  const info = useClinic();
  const { openRegister } = useShell();
  const canRegister = useCan("write_patients");
  const [typed, setTyped] = useState("");
  const [highlight, setHighlight] = useState(0);
  const [query] = useDebouncedValue(typed.trim(), 200);
  const results = useSearchPatients({ query, limit: MAX_SHOWN, include_archived: false }, query !== "" && value === null);
  const found = query !== "" ? (results.data?.results ?? []).slice(0, MAX_SHOWN) : [];

  const choose = (patient: PatientChoice) => {
    onChange({
      id: patient.id,
      mrn: patient.mrn,
      first_name: patient.first_name,
      last_name: patient.last_name,
      date_of_birth: patient.date_of_birth,
    });
    setTyped("");
  };

  const register = () => openRegister(prefillFromSearch(typed, info.date_format), choose);

  if (value) {
    return (
      <Paper withBorder radius="sm" p="sm" data-testid="booking-patient">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Text fw={600}>{listName(value)}</Text>
            <Text size="sm" c="dimmed">
              <Text span ff="monospace">
                {value.mrn}
              </Text>{" "}
              · born {formatDate(value.date_of_birth, info.date_format)}
            </Text>
          </div>
          <Button variant="subtle" size="xs" leftSection={<IconX size={14} />} onClick={() => onChange(null)} data-testid="booking-patient-change">
            Change patient
          </Button>
        </Group>
      </Paper>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setHighlight((h) => Math.min(h + 1, found.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === "Enter") {
      // Enter picks a patient here; it must not submit the booking half done.
      event.preventDefault();
      const pick = found[highlight] ?? found[0];
      if (pick) choose(pick);
    }
  };

  return (
    <Stack gap={6}>
      <TextInput
        label="Patient"
        placeholder="Name, MRN, phone or date of birth"
        leftSection={<IconSearch size={16} />}
        rightSection={results.isFetching ? <Loader size="xs" /> : null}
        value={typed}
        onChange={(event) => {
          setTyped(event.currentTarget.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        error={error}
        data-testid="booking-patient-search"
        data-autofocus={autoFocus || undefined}
        aria-autocomplete="list"
        aria-controls="booking-patient-options"
        withAsterisk
      />
      {query !== "" && (
        <Box id="booking-patient-options" role="listbox" aria-label="Matching patients">
          {found.map((patient, index) => (
            <UnstyledButton
              key={patient.id}
              role="option"
              aria-selected={index === highlight}
              onClick={() => choose(patient)}
              onMouseEnter={() => setHighlight(index)}
              data-testid="booking-patient-option"
              data-mrn={patient.mrn}
              w="100%"
              px="sm"
              py={6}
              style={{ borderRadius: 4, background: index === highlight ? "var(--mantine-color-blue-0)" : undefined }}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600}>
                  {listName(patient)}
                </Text>
                <Text size="sm" c="dimmed">
                  <Text span ff="monospace">
                    {patient.mrn}
                  </Text>{" "}
                  · {formatDate(patient.date_of_birth, info.date_format)}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
          {found.length === 0 && !results.isFetching && (
            <Text size="sm" c="dimmed" px="sm" py={6}>
              No patient matches “{query}”.
            </Text>
          )}
        </Box>
      )}
      {canRegister && (
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconUserPlus size={16} />}
          onClick={register}
          data-testid="booking-register-new"
          style={{ alignSelf: "flex-start" }}
        >
          {typed.trim() === "" ? "Register a new patient" : `Register “${typed.trim()}” as a new patient`}
        </Button>
      )}
    </Stack>
  );
}
