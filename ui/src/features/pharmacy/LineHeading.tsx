import { Badge, Group, Stack, Text } from "@mantine/core";

import type { DispensingItem } from "../../bindings/DispensingItem";
import { capitalized, packs } from "./dispensingForm";

/** What the line allows, in packs, as the core counts them. */
function Counts({ item }: { item: DispensingItem }) {
  return (
    <Group gap="lg" data-testid="line-counts">
      <Text size="sm">
        Prescribed <b data-testid="line-prescribed">{packs(item.packs_allowed)}</b>
        {item.repeats > 0 && ` (${packs(item.quantity)} with ${item.repeats} ${item.repeats === 1 ? "repeat" : "repeats"})`}
      </Text>
      <Text size="sm">
        Already dispensed <b data-testid="line-dispensed">{packs(item.dispensed)}</b>
      </Text>
      <Text size="sm">
        Still allowed <b data-testid="line-still-allowed">{packs(item.still_allowed)}</b>
      </Text>
    </Group>
  );
}

/** The medicine, the eye and the directions in words. */
export function LineHeading({ item }: { item: DispensingItem }) {
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text fw={700} data-testid="line-medicine">
          {item.medicine}
          {item.brand ? ` (${item.brand})` : ""}
        </Text>
        {item.eye && (
          <Badge variant="light" tt="none" data-testid="line-eye">
            {capitalized(item.eye)}
          </Badge>
        )}
      </Group>
      <Text size="sm" data-testid="line-directions">
        {item.directions}
      </Text>
      {item.instructions && (
        <Text size="sm" c="dimmed">
          {item.instructions}
        </Text>
      )}
      <Counts item={item} />
    </Stack>
  );
}

