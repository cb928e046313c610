import { Alert, Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconEye, IconInfoCircle } from "@tabler/icons-react";

import { useClinic } from "../../app/clinic";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { SignInForm } from "./SignInForm";

/** The only screen while nobody is signed in. */
export function SignInScreen({
  initialUsername,
  notice,
  onSignedIn,
}: {
  initialUsername: string;
  notice: string | null;
  onSignedIn: (user: CurrentUser) => void;
}) {
  const info = useClinic();
  return (
    <Center mih="100vh" p="xl" bg="gray.0" style={{ alignItems: "flex-start", paddingTop: "12vh" }}>
      <Paper withBorder shadow="sm" radius="lg" p={36} w={420}>
        <Stack gap="lg">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={44} radius="xl">
              <IconEye size={26} />
            </ThemeIcon>
            <Box style={{ minWidth: 0 }}>
              <Title order={2}>Sign in</Title>
              <Text c="dimmed" size="sm" truncate data-testid="signin-clinic">
                {info.clinic_name} · Workstation {info.workstation_code}
              </Text>
            </Box>
          </Group>
          {notice && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={20} />}>
              {notice}
            </Alert>
          )}
          <SignInForm initialUsername={initialUsername} onSignedIn={onSignedIn} />
          <Text size="xs" c="dimmed">
            Forgotten your password? An administrator can set a new one.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
