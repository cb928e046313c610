import { Button, Group, Skeleton, Stack, Text } from "@mantine/core";

import { usePrescriptionVocabulary, useTaperTemplates } from "../../api";
import type { Eye } from "../../bindings/Eye";
import type { Frequency } from "../../bindings/Frequency";
import type { TaperTemplate } from "../../bindings/TaperTemplate";
import { ErrorAlert } from "../../components/ErrorAlert";

const TEMPLATE_EYES: { eye: Eye; label: string }[] = [
  { eye: "od", label: "Right eye" },
  { eye: "os", label: "Left eye" },
  { eye: "ou", label: "Both eyes" },
];

/** The clinic's taper templates, each applied in one click to the right, the left or both eyes. */
export function Templates({ onApply }: { onApply: (template: TaperTemplate, eye: Eye) => void }) {
  const templates = useTaperTemplates();
  const vocabulary = usePrescriptionVocabulary();
  const words = (f: Frequency) => vocabulary.data?.frequencies.find((x) => x.frequency === f)?.words ?? f;
  if (templates.isError) return <ErrorAlert error={templates.error} title="Could not load the templates" onRetry={() => void templates.refetch()} />;
  if (templates.data === undefined) return <Skeleton height={40} aria-label="Loading the templates" />;
  if (templates.data.length === 0)
    return (
      <Text size="sm" c="dimmed" fs="italic" data-testid="med-templates-empty">
        No templates yet: write a course and use “Save as template” on its line.
      </Text>
    );
  return (
    <Stack gap={6} data-testid="med-templates">
      {templates.data.map((t) => (
        <Group key={t.id} justify="space-between" wrap="nowrap" data-testid="med-template" data-name={t.name}>
          <div>
            <Text size="sm" fw={600}>
              {t.name}
            </Text>
            <Text size="xs" c="dimmed">
              {t.medicine_name ? `${t.medicine_name}: ` : ""}
              {t.steps.map((s) => `${words(s.frequency)}${s.days === null ? " until reviewed" : ` for ${s.days} days`}`).join(", then ")}
            </Text>
          </div>
          <Group gap={4} wrap="nowrap">
            {TEMPLATE_EYES.map((e) => (
              <Button key={e.eye} size="xs" variant="light" onClick={() => onApply(t, e.eye)} data-testid={`med-apply-${e.eye}`} aria-label={`Apply ${t.name} to the ${e.label.toLowerCase()}`}>
                {e.label}
              </Button>
            ))}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

