import { Alert, Button, Group, Paper, ScrollArea, Select, Skeleton, Stack, Text, Title, UnstyledButton, Badge } from "@mantine/core";
import { IconCalendarEvent, IconChevronDown, IconChevronRight, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "wouter";

import { BOARD_REFRESH_MS, useBoard, useClinicians, useMoveVisit } from "../../api";
import { useCan, useSession } from "../../app/session";
import type { QueueCard } from "../../bindings/QueueCard";
import type { Stage } from "../../bindings/Stage";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { longDay } from "../appointments/time";
import { QueueCardView } from "./QueueCardView";
import { STAGE_LABELS, stagesFor } from "./stages";

const ALL = "all";

/** Today's patients by stage, the signed-in user's own stages first. Refreshes by itself. */
export function QueueBoardPage() {
  const { user } = useSession();
  const canBook = useCan("manage_appointments");
  const [clinician, setClinician] = useState<string>(ALL);
  const clinicians = useClinicians();
  const board = useBoard(clinician === ALL ? null : clinician);
  const move = useMoveVisit();
  const [doneOpen, setDoneOpen] = useState(false);
  const stages = stagesFor(user.permissions);

  const onMove = (card: QueueCard, stage: Stage) =>
    move.mutate({ visitId: card.visit_id, stage }, { onError: (error) => notifyError(error, `Could not move ${card.patient_name}`) });

  const cards = board.data?.cards ?? [];
  const byStage = (stage: Stage) => cards.filter((card) => card.stage === stage);

  return (
    <Stack gap="md" data-testid="queue-board">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={2}>Queue board</Title>
          <Text c="dimmed">
            {board.data ? longDay(board.data.date) : "Today"} · refreshes every {BOARD_REFRESH_MS / 1000} seconds
            {board.data ? ` · amber after ${board.data.amber_minutes} min, red after ${board.data.red_minutes} min in a stage` : ""}
          </Text>
        </Stack>
        <Group gap="sm">
          <Select
            aria-label="Clinician"
            data={[{ value: ALL, label: "All clinicians" }, ...(clinicians.data?.clinicians ?? []).map((c) => ({ value: c.id, label: c.full_name }))]}
            value={clinician}
            onChange={(value) => setClinician(value ?? ALL)}
            allowDeselect={false}
            w={240}
            data-testid="queue-filter-clinician"
          />
          <Button
            variant="default"
            leftSection={<IconRefresh size={18} />}
            onClick={() => void board.refetch()}
            loading={board.isFetching && board.data === undefined}
            data-testid="queue-refresh"
          >
            Refresh
          </Button>
        </Group>
      </Group>

      {board.isError && board.data === undefined ? (
        <ErrorAlert error={board.error} title="Could not load the board" onRetry={() => void board.refetch()} />
      ) : board.data === undefined ? (
        <Skeleton height={360} radius="md" data-testid="queue-loading" />
      ) : cards.length === 0 && clinician === ALL ? (
        <Alert color="gray" title="No one is checked in today yet" data-testid="queue-empty">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Patients appear here when reception checks them in, or registers a walk-in.</Text>
            {canBook && (
              <Button component={Link} href="/book" size="xs" variant="white" leftSection={<IconCalendarEvent size={16} />}>
                Open today’s book
              </Button>
            )}
          </Stack>
        </Alert>
      ) : (
        <>
          {cards.length === 0 && (
            <Text c="dimmed" data-testid="queue-empty">
              No patients of this clinician on the board today.
            </Text>
          )}
          <ScrollArea type="auto" offsetScrollbars>
            <div
              style={{
                display: "grid",
                // Every stage in view on a desk screen; "Done" stays narrow.
                gridTemplateColumns: stages.map((stage) => (stage === "done" ? "minmax(104px, 0.6fr)" : "minmax(130px, 1fr)")).join(" "),
                gap: "var(--mantine-spacing-sm)",
                alignItems: "start",
                paddingBottom: "var(--mantine-spacing-sm)",
              }}
            >
              {stages.map((stage) => {
                const here = byStage(stage);
                const done = stage === "done";
                return (
                  <Paper
                    key={stage}
                    withBorder
                    radius="md"
                    p="xs"
                    bg="gray.0"
                    data-testid={`queue-column-${stage}`}
                  >
                    <Stack gap="xs">
                      {done ? (
                        <UnstyledButton onClick={() => setDoneOpen((o) => !o)} aria-expanded={doneOpen} data-testid="queue-done-toggle">
                          <Group justify="space-between" wrap="nowrap">
                            <Group gap={4} wrap="nowrap">
                              {doneOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                              <Text fw={700} size="sm">
                                {STAGE_LABELS[stage]}
                              </Text>
                            </Group>
                            <Badge variant="light" color="gray">
                              {here.length}
                            </Badge>
                          </Group>
                        </UnstyledButton>
                      ) : (
                        <Group justify="space-between" wrap="nowrap">
                          <Text fw={700} size="sm">
                            {STAGE_LABELS[stage]}
                          </Text>
                          <Badge variant="light" color={here.length > 0 ? "blue" : "gray"}>
                            {here.length}
                          </Badge>
                        </Group>
                      )}
                      {(!done || doneOpen) &&
                        here.map((card) => <QueueCardView key={card.visit_id} card={card} pending={move.isPending} onMove={onMove} compact={done} />)}
                      {!done && here.length === 0 && (
                        <Text size="xs" c="dimmed" ta="center" py="sm">
                          No one
                        </Text>
                      )}
                    </Stack>
                  </Paper>
                );
              })}
            </div>
          </ScrollArea>
        </>
      )}
    </Stack>
  );
}
