import { ActionIcon, Anchor, Badge, Button, Group, Menu, Paper, Stack, Text } from "@mantine/core";
import { IconAlertOctagon, IconAlertTriangle, IconArrowRight, IconArrowsExchange, IconCash, IconClock, IconDots, IconEye, IconPill } from "@tabler/icons-react";
import { Link } from "wouter";

import { useCan } from "../../app/session";
import type { QueueCard } from "../../bindings/QueueCard";
import type { Stage } from "../../bindings/Stage";
import { formatWait, isWaiting, nextStage, STAGE_LABELS, STAGES } from "./stages";

const LEVEL_STYLE = {
  normal: { border: "var(--mantine-color-gray-3)", background: "var(--mantine-color-white)", color: "dimmed" },
  amber: { border: "var(--mantine-color-yellow-6)", background: "var(--mantine-color-yellow-0)", color: "yellow.9" },
  red: { border: "var(--mantine-color-red-6)", background: "var(--mantine-color-red-0)", color: "red.8" },
} as const;

/** The wait, with an icon and words as well as colour, so it reads without colour vision and in print. */
function Wait({ card }: { card: QueueCard }) {
  const style = LEVEL_STYLE[card.level];
  const Icon = card.level === "red" ? IconAlertOctagon : card.level === "amber" ? IconAlertTriangle : IconClock;
  const label = card.level === "red" ? "Very long wait" : card.level === "amber" ? "Long wait" : null;
  return (
    <Group gap={4} wrap="nowrap" data-testid="queue-card-wait">
      <Icon size={14} color={`var(--mantine-color-${card.level === "normal" ? "gray-6" : card.level === "amber" ? "yellow-8" : "red-7"})`} aria-hidden />
      <Text size="xs" c={style.color} fw={card.level === "normal" ? 400 : 700}>
        {formatWait(card.minutes_in_stage)} here{label ? ` · ${label}` : ""}
      </Text>
    </Group>
  );
}

/** One patient on the board: who, with whom, since when, and the move to the next stage one click away. */
export function QueueCardView({
  card,
  pending,
  onMove,
  onReassign,
  compact = false,
}: {
  card: QueueCard;
  pending: boolean;
  onMove: (card: QueueCard, stage: Stage) => void;
  /** Hand a waiting patient to another clinician; absent when the card cannot be (or may not be) handed over. */
  onReassign?: (card: QueueCard) => void;
  compact?: boolean;
}) {
  const next = nextStage(card.stage);
  const style = LEVEL_STYLE[card.level];
  const canExamine = useCan("read_clinical");
  const canDispense = useCan("dispense");
  const canBill = useCan("billing");
  const common = {
    "data-testid": "queue-card",
    "data-stage": card.stage,
    "data-mrn": card.patient_mrn,
    "data-level": card.level,
  };
  const menu = (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${card.patient_name}`} data-testid="queue-card-menu">
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Move to</Menu.Label>
        {STAGES.filter((stage) => stage !== card.stage).map((stage) => (
          <Menu.Item key={stage} onClick={() => onMove(card, stage)} data-testid={`queue-move-${stage}`}>
            {STAGE_LABELS[stage]}
          </Menu.Item>
        ))}
        {onReassign && isWaiting(card) && (
          <>
            <Menu.Divider />
            <Menu.Item leftSection={<IconArrowsExchange size={16} />} onClick={() => onReassign(card)} data-testid="queue-card-reassign">
              Reassign…
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );

  if (compact) {
    return (
      <Group {...common} justify="space-between" wrap="nowrap" gap={4} px={6} py={2}>
        <Text size="sm" truncate>
          {card.patient_name}{" "}
          <Text span size="xs" c="dimmed" ff="monospace">
            {card.patient_mrn}
          </Text>
        </Text>
        {menu}
      </Group>
    );
  }

  return (
    <Paper
      {...common}
      withBorder
      radius="sm"
      p="xs"
      style={{ borderColor: style.border, borderLeft: `4px solid ${style.border}`, background: style.background }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
          <Anchor component={Link} href={`/patients/${card.patient_id}`} fw={700} size="sm" c="dark" style={{ overflowWrap: "normal", wordBreak: "normal", hyphens: "manual", minWidth: 0 }}>
            {card.patient_name}
          </Anchor>
          {menu}
        </Group>
        <Group gap={6} style={{ rowGap: 0 }}>
          <Text size="xs" ff="monospace" fw={600} style={{ whiteSpace: "nowrap" }}>
            {card.patient_mrn}
          </Text>
          {card.appointment_kind === "walk_in" || !card.appointment_time ? (
            <Badge size="xs" variant="light" color="grape" data-testid="queue-card-walk-in">
              Walk-in
            </Badge>
          ) : (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              appt {card.appointment_time}
            </Text>
          )}
        </Group>
        {card.clinician_name && (
          <Text size="xs" c="dimmed" truncate>
            {card.clinician_name}
          </Text>
        )}
        <Wait card={card} />
        {canExamine && (
          <Anchor component={Link} href={`/visits/${card.visit_id}/exam`} size="xs" fw={600} data-testid="queue-card-exam">
            <IconEye size={14} style={{ verticalAlign: "-2px", marginRight: 4 }} aria-hidden />
            Open examination
          </Anchor>
        )}
        {canDispense && card.stage === "pharmacy" && (
          <Anchor component={Link} href={`/pharmacy/${card.visit_id}`} size="xs" fw={600} data-testid="queue-card-dispense">
            <IconPill size={14} style={{ verticalAlign: "-2px", marginRight: 4 }} aria-hidden />
            Dispense
          </Anchor>
        )}
        {canBill && card.stage === "billing" && (
          <Anchor component={Link} href={`/billing/visit/${card.visit_id}`} size="xs" fw={600} data-testid="queue-card-bill">
            <IconCash size={14} style={{ verticalAlign: "-2px", marginRight: 4 }} aria-hidden />
            Bill
          </Anchor>
        )}
        {next && (
          <Button
            size="compact-xs"
            variant="light"
            rightSection={<IconArrowRight size={14} />}
            onClick={() => onMove(card, next)}
            disabled={pending}
            data-testid="queue-card-next"
            title={`Move to ${STAGE_LABELS[next]}`}
            // Inside the card whatever its width: the label shortens, the button never overflows.
            style={{ alignSelf: "flex-start", maxWidth: "100%" }}
            styles={{ inner: { minWidth: 0 }, label: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", display: "block" } }}
          >
            {STAGE_LABELS[next]}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
