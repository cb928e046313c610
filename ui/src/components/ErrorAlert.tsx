import { Alert, Button, Group, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";

import { errorTitle, normalizeError } from "../api";

/** An error shown where the content would have been, with an optional retry. */
export function ErrorAlert({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const apiError = normalizeError(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={title ?? errorTitle(apiError.code)} role="alert">
      <Text size="sm">{apiError.message}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}
