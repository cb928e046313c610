import { Avatar, Box, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconKey, IconLock, IconLogout, IconUsers } from "@tabler/icons-react";
import { useState } from "react";

import { useSession } from "../../app/session";
import { initials, rolesLabel } from "../users/roles";
import { ChangePasswordModal } from "./ChangePasswordModal";

/** Who is signed in, and what they can do about it. */
export function UserMenu() {
  const { user, lock, switchUser, signOut } = useSession();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md">
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={`${user.full_name}: account menu`} px="xs" py={4} style={{ borderRadius: 8 }}>
            <Group gap="sm" wrap="nowrap">
              <Avatar size={34} radius="xl" color="fovea">
                {initials(user.full_name)}
              </Avatar>
              <Box style={{ minWidth: 0, maxWidth: 220 }}>
                <Text size="sm" fw={600} truncate data-testid="user-name">
                  {user.full_name}
                </Text>
                <Text size="xs" c="dimmed" truncate data-testid="user-roles">
                  {rolesLabel(user.roles)}
                </Text>
              </Box>
              <IconChevronDown size={16} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in as {user.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChanging(true)} data-testid="change-password">
            Change password
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} onClick={lock} data-testid="menu-lock">
            Lock screen
          </Menu.Item>
          <Menu.Item leftSection={<IconUsers size={16} />} onClick={switchUser} data-testid="menu-switch-user">
            Switch user
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={signOut} data-testid="sign-out">
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={() => setChanging(false)} />
    </>
  );
}
