import { Alert, Button, Group, Paper, ScrollArea, Select, Skeleton, Stack, Text, Title, UnstyledButton, Badge } from "@mantine/core";
import { IconCalendarEvent, IconChevronDown, IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "wouter";

import { BOARD_REFRESH_MS, useBoard, useClinicians, useMoveVisit } from "../../api";
import { useCan, useSession } from "../../app/session";
import type { QueueCard } from "../../bindings/QueueCard";
import type { Stage } from "../../bindings/Stage";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError } from "../../components/notify";
import { ReassignModal, type ReassignTarget } from "../appointments/ReassignModal";
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
  // Stages opened by hand: an empty one, or Done (folded until asked).
  const [opened, setOpened] = useState<ReadonlySet<Stage>>(new Set());
  const [reassigning, setReassigning] = useState<ReassignTarget | null>(null);
  const stages = stagesFor(user.permissions);

  const onMove = (card: QueueCard, stage: Stage) =>
    move.mutate({ visitId: card.visit_id, stage }, { onError: (error) => notifyError(error, `Could not move ${card.patient_name}`) });

  const onReassign = (card: QueueCard) => {
    if (!card.appointment_id || !card.clinician_id) return;
    setReassigning({
      kind: "appointment",
      appointmentId: card.appointment_id,
      fromClinicianId: card.clinician_id,
      title: `${card.patient_name} (${card.patient_mrn}), waiting${card.clinician_name ? ` for ${card.clinician_name}` : ""}.`,
    });
  };

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
          <ScrollArea type="auto" offsetScrollbars data-testid="queue-scroll">
            <div style={{ display: "flex", gap: "var(--mantine-spacing-sm)", alignItems: "flex-start", paddingBottom: "var(--mantine-spacing-sm)" }}>
              {stages.map((stage) => {
                const here = byStage(stage);
                const done = stage === "done";
                // Empty stages, and Done until asked, fold to a narrow strip with their name and count, so the
                // stages with patients get the width a desk screen has.
                const open = done ? opened.has(stage) : here.length > 0 || opened.has(stage);
                const toggle = () =>
                  setOpened((o) => {
                    const next = new Set(o);
                    if (next.has(stage)) next.delete(stage);
                    else next.add(stage);
                    return next;
                  });
                if (!open) {
                  return (
                    <UnstyledButton
                      key={stage}
                      onClick={toggle}
                      aria-expanded={false}
                      aria-label={`${STAGE_LABELS[stage]}: ${here.length}. Show this stage`}
                      data-testid={`queue-column-${stage}`}
                      data-collapsed="true"
                      style={{
                        flex: "0 0 auto",
                        width: 44,
                        minHeight: 180,
                        border: "1px solid var(--mantine-color-gray-3)",
                        borderRadius: "var(--mantine-radius-md)",
                        background: "var(--mantine-color-gray-0)",
                        display: "flex",
                        flexDirection: "column",
                        alignItems: "center",
                        gap: 8,
                        padding: "8px 0",
                      }}
                    >
                      <Badge variant="light" color={here.length > 0 ? "blue" : "gray"} data-testid={done ? "queue-done-toggle" : undefined}>
                        {here.length}
                      </Badge>
                      <Text fw={700} size="sm" style={{ writingMode: "vertical-rl", whiteSpace: "nowrap" }}>
                        {STAGE_LABELS[stage]}
                      </Text>
                    </UnstyledButton>
                  );
                }
                return (
                  <Paper
                    key={stage}
                    withBorder
                    radius="md"
                    p="xs"
                    bg="gray.0"
                    style={{ flex: done ? "0.6 0 170px" : "1 0 190px", minWidth: done ? 170 : 190 }}
                    data-testid={`queue-column-${stage}`}
                  >
                    <Stack gap="xs">
                      <UnstyledButton
                        onClick={toggle}
                        aria-expanded
                        disabled={!done && here.length > 0}
                        data-testid={done ? "queue-done-toggle" : undefined}
                        style={{ cursor: !done && here.length > 0 ? "default" : "pointer" }}
                      >
                        <Group justify="space-between" wrap="nowrap" align="flex-start" gap={6}>
                          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                            {(done || here.length === 0) && <IconChevronDown size={16} style={{ flexShrink: 0 }} />}
                            <Text fw={700} size="sm" style={{ overflowWrap: "normal", wordBreak: "normal" }}>
                              {STAGE_LABELS[stage]}
                            </Text>
                          </Group>
                          <Badge variant="light" color={here.length > 0 && !done ? "blue" : "gray"} style={{ flexShrink: 0, overflow: "visible" }}>
                            {here.length}
                          </Badge>
                        </Group>
                      </UnstyledButton>
                      {here.map((card) => (
                        <QueueCardView
                          key={card.visit_id}
                          card={card}
                          pending={move.isPending}
                          onMove={onMove}
                          onReassign={canBook ? onReassign : undefined}
                          compact={done}
                        />
                      ))}
                      {here.length === 0 && (
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
      <ReassignModal target={reassigning} onClose={() => setReassigning(null)} />
    </Stack>
  );
}
