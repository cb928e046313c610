import { Badge, Group, Stack, Text, UnstyledButton } from "@mantine/core";

import type { DayHours } from "../../bindings/DayHours";

/** Who or which day a column is, and whether anyone can be seen in it. */
export function ColumnHeader({
  title,
  subtitle,
  hours,
  closedReason,
  onClick,
  count,
}: {
  title: string;
  subtitle?: string | null;
  hours: DayHours | null;
  closedReason: string | null;
  onClick?: () => void;
  count: number;
}) {
  const body = (
    <Stack gap={2}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text fw={700} size="sm" truncate>
          {title}
        </Text>
        {count > 0 && (
          <Badge size="sm" variant="light" color="gray" style={{ flexShrink: 0 }} title={`${count} booked`}>
            {count}
          </Badge>
        )}
      </Group>
      {closedReason ? (
        <Text size="xs" c="orange.8" fw={600} truncate>
          Closed: {closedReason}
        </Text>
      ) : hours ? (
        <Text size="xs" c="dimmed" truncate>
          {hours.start}–{hours.end}
          {subtitle ? ` · ${subtitle}` : ""}
        </Text>
      ) : (
        <Text size="xs" c="dimmed" fs="italic">
          Not working
        </Text>
      )}
    </Stack>
  );
  return onClick ? (
    <UnstyledButton onClick={onClick} w="100%" title="Open this day">
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}
