import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useRenameWorkstation, type ApiError } from "../../api";
import { useClinic } from "../../app/clinic";
import { Detail, DetailCard } from "../../components/Details";
import { notifySuccess } from "../../components/notify";
import { datePattern } from "../../lib/dates";
import { normalizeWorkstationCode, workstationCodeHint } from "../../lib/workstation";
import { PrinterSection } from "./PrinterSection";

/** Settings of this workstation: what it is, where its data lives, and its code. */
export function WorkstationPage() {
  const info = useClinic();
  return (
    <Stack gap="md" maw={1100} data-testid="workstation-page">
      <Title order={2}>Workstation</Title>
      <SimpleGrid cols={2} spacing="md">
        <DetailCard title="This workstation">
          <Detail label="Clinic">{info.clinic_name}</Detail>
          <Detail label="Workstation code" testId="workstation-code">
            <Text span ff="monospace" fw={700}>
              {info.workstation_code}
            </Text>
          </Detail>
          <Detail label="Date format">{datePattern(info.date_format)}</Detail>
        </DetailCard>
        <DetailCard title="About">
          <Detail label="Fovea version">{info.version}</Detail>
          <Detail label="Database file">
            <Text span ff="monospace" size="sm" style={{ wordBreak: "break-all" }} data-testid="database-path">
              {info.database_path}
            </Text>
          </Detail>
        </DetailCard>
      </SimpleGrid>
      <PrinterSection />
      <RenameWorkstation />
    </Stack>
  );
}

function RenameWorkstation() {
  const info = useClinic();
  const current = info.workstation_code ?? "";
  const [code, setCode] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const rename = useRenameWorkstation();
  const locked = info.workstation_code_locked;
  const unchanged = normalizeWorkstationCode(code) === current;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (locked || unchanged || rename.isPending) return;
    const hint = workstationCodeHint(code);
    if (hint) {
      setError(hint);
      return;
    }
    rename.mutate(normalizeWorkstationCode(code), {
      onSuccess: (saved) => {
        setError(null);
        notifySuccess("Workstation renamed", `New records here will be numbered ${saved.workstation_code ?? ""}-000001 onwards.`);
      },
      // The form has one field, so every refusal (conflict when records exist, validation) belongs on it.
      onError: (failure: ApiError) => setError(failure.message),
    });
  };

  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={4} mb="xs">
        Workstation code
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={720}>
        The code starts every record number made on this workstation, for example{" "}
        <Text span ff="monospace">
          {current || "R1"}-000042
        </Text>
        . It keeps numbers from different workstations apart when they exchange records.
      </Text>
      {locked ? (
        <Alert color="gray" icon={<IconLock size={20} />} title="The code can no longer be changed" data-testid="workstation-locked">
          This workstation has already created records numbered with{" "}
          <Text span ff="monospace" fw={700}>
            {current}
          </Text>
          . Changing the code now would give the same clinic two numbering schemes, so it stays as it is.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              aria-label="New workstation code"
              data-testid="rename-workstation-code"
              value={code}
              maxLength={4}
              w={160}
              styles={{ input: { textTransform: "uppercase", fontFamily: "var(--mantine-font-family-monospace)" } }}
              onChange={(event) => {
                setCode(event.currentTarget.value.toUpperCase());
                setError(null);
              }}
              error={error}
              disabled={rename.isPending}
            />
            <Button type="submit" loading={rename.isPending} disabled={unchanged} data-testid="rename-workstation">
              Rename
            </Button>
          </Group>
          <Text size="xs" c="dimmed" mt="xs">
            Possible until the first patient is registered here.
          </Text>
        </form>
      )}
    </Card>
  );
}
