import { Card, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled card of label/value pairs on a record page. */
export function DetailCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

/** One label and its value; an empty value reads "Not recorded" so blanks are never ambiguous. */
export function Detail({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: "0.04em" }}>
        {label}
      </Text>
      {empty ? (
        <Text c="dimmed" fs="italic" data-testid={testId}>
          Not recorded
        </Text>
      ) : (
        <Text component="div" style={{ whiteSpace: "pre-wrap" }} data-testid={testId}>
          {children}
        </Text>
      )}
    </div>
  );
}
