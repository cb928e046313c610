import { ActionIcon, Badge, Group, Menu, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconArrowsExchange, IconDots } from "@tabler/icons-react";

import type { DayHours } from "../../bindings/DayHours";

/** Who or which day a column is, and whether anyone can be seen in it. */
export function ColumnHeader({
  title,
  subtitle,
  hours,
  closedReason,
  onClick,
  count,
  onMoveDay,
  moveDayLabel,
}: {
  title: string;
  subtitle?: string | null;
  hours: DayHours | null;
  closedReason: string | null;
  onClick?: () => void;
  count: number;
  /** A menu on the header to hand the column's day to another clinician. */
  onMoveDay?: () => void;
  moveDayLabel?: string;
}) {
  const body = (
    <Stack gap={2}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text fw={700} size="sm" truncate>
          {title}
        </Text>
        <Group gap={2} wrap="nowrap" style={{ flexShrink: 0 }}>
          {count > 0 && (
            <Badge size="sm" variant="light" color="gray" title={`${count} booked`}>
              {count}
            </Badge>
          )}
          {onMoveDay && count > 0 && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label={moveDayLabel ?? "Column actions"} data-testid="book-column-menu">
                  <IconDots size={14} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconArrowsExchange size={16} />} onClick={onMoveDay} data-testid="book-move-day">
                  Move this doctor’s day…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
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
