import { Badge, Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconKey, IconLockOpen, IconPencil, IconUserPlus, IconUsers } from "@tabler/icons-react";
import { useRef, useState } from "react";

import { useUnlockUser, useUsers } from "../../api";
import { useClinic } from "../../app/clinic";
import { useSession } from "../../app/session";
import type { User } from "../../bindings/User";
import { ErrorAlert } from "../../components/ErrorAlert";
import { notifyError, notifySuccess } from "../../components/notify";
import { formatInstant } from "../../lib/dates";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { ROLE_LABELS, ROLES } from "./roles";
import { UserFormModal, type UserEditorState } from "./UserFormModal";

/** Staff accounts: add, edit, deactivate, reset a password, lift a sign-in lockout. */
export function UsersPage() {
  const users = useUsers(true);
  const [editor, setEditor] = useState<{ state: UserEditorState | null; opened: boolean }>({ state: null, opened: false });
  const [resetting, setResetting] = useState<User | null>(null);
  const sequence = useRef(0);

  const open = (state: { kind: "create" } | { kind: "edit"; user: User }) => {
    sequence.current += 1;
    setEditor({ state: { ...state, key: sequence.current }, opened: true });
  };

  // Active accounts first; the core's order within each.
  const rows = users.data ? [...users.data].sort((a, b) => Number(b.active) - Number(a.active)) : [];

  let content;
  if (users.isError) {
    content = <ErrorAlert error={users.error} title="Could not load the users" onRetry={() => void users.refetch()} />;
  } else if (users.data === undefined) {
    content = (
      <Center py="xl">
        <Group gap="sm">
          <Loader size="sm" />
          <Text c="dimmed">Loading users…</Text>
        </Group>
      </Center>
    );
  } else if (rows.length === 0) {
    content = (
      <Paper withBorder radius="md" py={48} px="xl">
        <Stack align="center" gap="sm">
          <IconUsers size={40} stroke={1.4} color="var(--mantine-color-gray-5)" />
          <Title order={3}>No users yet</Title>
          <Text c="dimmed" ta="center" maw={480}>
            Add an account for everyone who works at the clinic, with the roles they need.
          </Text>
        </Stack>
      </Paper>
    );
  } else {
    content = (
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Users" highlightOnHover>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={150}>Username</Table.Th>
              <Table.Th>Full name</Table.Th>
              <Table.Th>Roles</Table.Th>
              <Table.Th w={200}>Status</Table.Th>
              <Table.Th w={250} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((user) => (
              <UserRow key={user.id} user={user} onEdit={() => open({ kind: "edit", user })} onReset={() => setResetting(user)} />
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    );
  }

  return (
    <Stack gap="md" maw={1100} data-testid="users-page">
      <Group justify="space-between">
        <Title order={2}>Users</Title>
        <Button leftSection={<IconUserPlus size={18} />} onClick={() => open({ kind: "create" })} data-testid="add-user">
          Add user
        </Button>
      </Group>
      <Text c="dimmed" size="sm" maw={760}>
        Everyone signs in with their own account. Roles decide what each person sees; a user who leaves is deactivated,
        never deleted, so the audit trail keeps their name.
      </Text>
      {content}
      <UserFormModal
        state={editor.state}
        opened={editor.opened}
        onClose={() => setEditor((current) => ({ ...current, opened: false }))}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}

function UserRow({ user, onEdit, onReset }: { user: User; onEdit: () => void; onReset: () => void }) {
  const info = useClinic();
  const session = useSession();
  const unlock = useUnlockUser();
  const isMe = user.id === session.user.id;

  const onUnlock = () =>
    unlock.mutate(user.id, {
      onSuccess: (saved) => notifySuccess("Sign-in unlocked", `${saved.full_name} can try to sign in again.`),
      onError: (error) => notifyError(error, "Could not unlock the user"),
    });

  return (
    <Table.Tr data-testid="user-row" data-username={user.username} style={{ opacity: user.active ? 1 : 0.6 }}>
      <Table.Td ff="monospace" fw={600}>
        {user.username}
      </Table.Td>
      <Table.Td>
        <Text span>{user.full_name}</Text>
        {isMe && (
          <Badge size="xs" variant="outline" ml="xs" tt="none" style={{ verticalAlign: "middle" }}>
            You
          </Badge>
        )}
        {user.profile?.specialization && (
          <Text size="xs" c="dimmed">
            {user.profile.specialization}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          {ROLES.filter((role) => user.roles.includes(role)).map((role) => (
            <Badge key={role} variant="light" color={role === "admin" ? "grape" : "fovea"} radius="sm" tt="none">
              {ROLE_LABELS[role]}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          {user.active ? (
            <Badge color="teal" variant="light" radius="sm" tt="none">
              Active
            </Badge>
          ) : (
            <Badge color="gray" variant="filled" radius="sm" tt="none" data-testid="user-inactive">
              Deactivated
            </Badge>
          )}
          {user.locked_until !== null && (
            <>
              <Badge color="red" variant="light" radius="sm" tt="none" data-testid="user-locked-out" title="Too many wrong passwords">
                Locked out
              </Badge>
              <Text size="xs" c="dimmed">
                until {formatInstant(user.locked_until, info.date_format)}
              </Text>
            </>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {user.locked_until !== null && (
            <Button
              size="xs"
              color="red"
              variant="light"
              leftSection={<IconLockOpen size={16} />}
              onClick={onUnlock}
              loading={unlock.isPending}
              data-testid="unlock-user"
            >
              Unlock
            </Button>
          )}
          <Button size="xs" variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} data-testid="edit-user">
            Edit
          </Button>
          <Button size="xs" variant="default" leftSection={<IconKey size={16} />} onClick={onReset} data-testid="reset-user-password">
            Reset password
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
