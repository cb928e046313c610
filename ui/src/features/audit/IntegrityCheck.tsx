import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconShieldCheck, IconShieldX } from "@tabler/icons-react";

import { useVerifyAudit } from "../../api";
import type { VerifyReport } from "../../bindings/VerifyReport";
import { ErrorAlert } from "../../components/ErrorAlert";

function Result({ report }: { report: VerifyReport }) {
  const brk = report.first_break;
  const deep = report.deep;
  const intact = brk === null && (deep === null || deep.problems_found === 0);
  return (
    <Stack gap="xs" data-testid="audit-integrity-result">
      <Alert
        color={intact ? "teal" : "red"}
        icon={intact ? <IconShieldCheck /> : <IconShieldX />}
        title={intact ? "Intact" : "Something was changed behind Fovea's back"}
      >
        {brk === null
          ? `${report.entries_checked} entries from ${report.workstations} workstation${report.workstations === 1 ? "" : "s"}: every chain is unbroken.`
          : `Entry ${brk.seq} of workstation ${brk.site_id}: ${brk.problem}.`}
        {deep !== null &&
          (deep.problems_found === 0
            ? ` ${deep.rows_checked} records match what Fovea wrote.`
            : ` ${deep.problems_found} of ${deep.rows_checked} records do not match what Fovea wrote.`)}
      </Alert>
      {deep !== null && deep.problems.length > 0 && (
        <Table striped withTableBorder data-testid="audit-integrity-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Table</Table.Th>
              <Table.Th>Record</Table.Th>
              <Table.Th>What is wrong</Table.Th>
              <Table.Th>Fields</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deep.problems.map((p) => (
              <Table.Tr key={`${p.table}/${p.row_id}`}>
                <Table.Td>{p.table}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {p.row_id}
                  </Text>
                </Table.Td>
                <Table.Td>{p.problem}</Table.Td>
                <Table.Td>{p.columns.join(", ")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Checks the trail on demand: the chains alone are quick; the deep check rebuilds every record from the log. */
export function IntegrityCheck() {
  const verify = useVerifyAudit();
  return (
    <Paper withBorder p="md" data-testid="audit-integrity">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={4}>Integrity</Title>
            <Text size="sm" c="dimmed">
              Whether any entry, or any record, was changed outside Fovea.
            </Text>
          </div>
          <Group gap="xs">
            <Button variant="default" loading={verify.isPending && verify.variables === false} disabled={verify.isPending} onClick={() => verify.mutate(false)} data-testid="audit-verify">
              Check the trail
            </Button>
            <Button variant="default" loading={verify.isPending && verify.variables === true} disabled={verify.isPending} onClick={() => verify.mutate(true)} data-testid="audit-verify-deep">
              Check every record
            </Button>
          </Group>
        </Group>
        {verify.isError && <ErrorAlert error={verify.error} title="Could not check the trail" />}
        {verify.data !== undefined && <Result report={verify.data} />}
      </Stack>
    </Paper>
  );
}
