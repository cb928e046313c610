import { ActionIcon, Alert, Button, Group, SimpleGrid, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useSetSchedule } from "../../api";
import type { Schedule } from "../../bindings/Schedule";
import { notifySuccess } from "../../components/notify";
import type { FieldErrors } from "../../lib/formErrors";
import { BOOKABLE_KINDS, KIND_LABELS } from "./kinds";
import {
  formToSchedule,
  placeScheduleError,
  scheduleErrorKeys,
  scheduleToForm,
  validateScheduleForm,
  type DayForm,
  type ScheduleFormValues,
} from "./scheduleForm";
import { weekdayName } from "./time";

/** One clinician's week: which days, from when to when, breaks, and how long each kind of appointment takes. */
export function ScheduleForm({ clinicianName, schedule }: { clinicianName: string; schedule: Schedule }) {
  const [values, setValues] = useState<ScheduleFormValues>(() => scheduleToForm(schedule));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSetSchedule();
  const hints = validateScheduleForm(values);
  const errorFor = (key: string) => serverErrors[key] ?? (submitted ? hints[key] : undefined);

  const setDay = (index: number, update: Partial<DayForm>) => {
    setValues((v) => ({ ...v, days: v.days.map((d, i) => (i === index ? { ...d, ...update } : d)) }));
    setServerErrors({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(hints).length > 0) return;
    save.mutate(formToSchedule(values, schedule.clinician_id), {
      onSuccess: () => {
        setSubmitted(false);
        notifySuccess("Schedule saved", clinicianName);
      },
      onError: (error) => {
        const key = placeScheduleError(error.field, scheduleErrorKeys(values));
        if (key) setServerErrors({ [key]: error.message });
        else setFormError(error.message);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="schedule-form">
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={20} />} title="Could not save the schedule" role="alert">
            {formError}
          </Alert>
        )}
        <Table verticalSpacing="xs" withRowBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>Day</Table.Th>
              <Table.Th w={120}>From</Table.Th>
              <Table.Th w={120}>To</Table.Th>
              <Table.Th>Breaks</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {values.days.map((day, i) => (
              <Table.Tr key={i} data-testid={`schedule-day-${i}`} style={{ verticalAlign: "top" }}>
                <Table.Td>
                  <Switch
                    label={weekdayName(i)}
                    checked={day.working}
                    onChange={(e) => setDay(i, { working: e.currentTarget.checked })}
                    data-testid={`schedule-day-${i}-working`}
                  />
                  {errorFor(`days.${i}`) && (
                    <Text c="red" size="xs" mt={4} role="alert">
                      {errorFor(`days.${i}`)}
                    </Text>
                  )}
                </Table.Td>
                {day.working ? (
                  <>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`${weekdayName(i)} from`}
                        placeholder="HH:MM"
                        value={day.start}
                        onChange={(e) => setDay(i, { start: e.currentTarget.value })}
                        error={errorFor(`days.${i}.start`)}
                        data-testid={`schedule-day-${i}-start`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`${weekdayName(i)} to`}
                        placeholder="HH:MM"
                        value={day.end}
                        onChange={(e) => setDay(i, { end: e.currentTarget.value })}
                        error={errorFor(`days.${i}.end`)}
                        data-testid={`schedule-day-${i}-end`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        {day.breaks.map((b, j) => (
                          <Stack key={j} gap={2}>
                            <Group gap={4} wrap="nowrap">
                              <TextInput
                                size="xs"
                                w={80}
                                aria-label={`${weekdayName(i)} break ${j + 1} from`}
                                value={b.start}
                                onChange={(e) => setDay(i, { breaks: day.breaks.map((x, k) => (k === j ? { ...x, start: e.currentTarget.value } : x)) })}
                                error={Boolean(errorFor(`days.${i}.breaks.${j}`))}
                                data-testid={`schedule-day-${i}-break-${j}-start`}
                              />
                              <Text size="xs">–</Text>
                              <TextInput
                                size="xs"
                                w={80}
                                aria-label={`${weekdayName(i)} break ${j + 1} to`}
                                value={b.end}
                                onChange={(e) => setDay(i, { breaks: day.breaks.map((x, k) => (k === j ? { ...x, end: e.currentTarget.value } : x)) })}
                                error={Boolean(errorFor(`days.${i}.breaks.${j}`))}
                                data-testid={`schedule-day-${i}-break-${j}-end`}
                              />
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={`Remove ${weekdayName(i)} break ${j + 1}`}
                                onClick={() => setDay(i, { breaks: day.breaks.filter((_, k) => k !== j) })}
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Group>
                            {errorFor(`days.${i}.breaks.${j}`) && (
                              <Text c="red" size="xs" role="alert">
                                {errorFor(`days.${i}.breaks.${j}`)}
                              </Text>
                            )}
                          </Stack>
                        ))}
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          leftSection={<IconPlus size={14} />}
                          onClick={() => setDay(i, { breaks: [...day.breaks, { start: "13:00", end: "14:00" }] })}
                          style={{ alignSelf: "flex-start" }}
                          data-testid={`schedule-day-${i}-add-break`}
                        >
                          Add break
                        </Button>
                      </Stack>
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed" fs="italic" pt={4}>
                      Not working
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>

        <Text fw={600}>Appointment lengths (minutes)</Text>
        <SimpleGrid cols={5} spacing="sm">
          <TextInput
            label="Default"
            inputMode="numeric"
            value={values.defaultMinutes}
            onChange={(e) => {
              const defaultMinutes = e.currentTarget.value;
              setValues((v) => ({ ...v, defaultMinutes }));
            }}
            error={errorFor("default_minutes")}
            data-testid="schedule-default-minutes"
          />
          {BOOKABLE_KINDS.map((kind) => (
            <TextInput
              key={kind}
              label={KIND_LABELS[kind]}
              inputMode="numeric"
              placeholder={`Default (${values.defaultMinutes || "?"})`}
              value={values.byKind[kind]}
              onChange={(e) => {
                const minutes = e.currentTarget.value;
                setValues((v) => ({ ...v, byKind: { ...v.byKind, [kind]: minutes } }));
              }}
              error={errorFor(`minutes_by_kind.${kind}`)}
              data-testid={`schedule-minutes-${kind}`}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="schedule-submit">
            Save schedule
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
