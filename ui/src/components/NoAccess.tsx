import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "wouter";

import { useSession } from "../app/session";
import { visibleNav } from "../app/navigation";
import type { Permission } from "../bindings/Permission";
import { rolesLabel } from "../features/users/roles";

/** What a screen shows instead of itself to a user whose role does not allow it. */
export function NoAccess() {
  const { user } = useSession();
  const home = visibleNav(user.permissions)[0];
  return (
    <Paper withBorder radius="md" py={48} px="xl" maw={1100} data-testid="no-access">
      <Stack align="center" gap="sm">
        <IconLock size={40} stroke={1.4} color="var(--mantine-color-gray-5)" />
        <Title order={3} ta="center">
          You don’t have access to this screen
        </Title>
        <Text c="dimmed" ta="center" maw={560}>
          You are signed in as {user.full_name} ({rolesLabel(user.roles) || "no role"}), and this screen is not part of
          that role. If your work needs it, ask an administrator.
        </Text>
        {home && (
          <Button component={Link} href={home.path} variant="light" mt="xs">
            Go to {home.label}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** Renders `children` only for users with `permission`; the NoAccess state otherwise. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { user } = useSession();
  return user.permissions.includes(permission) ? children : <NoAccess />;
}
