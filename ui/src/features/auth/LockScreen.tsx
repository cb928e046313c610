import { Alert, Avatar, Box, Button, Center, FocusTrap, Group, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconLock, IconLockOpen, IconUserCircle } from "@tabler/icons-react";
import { useRef, useState, type FormEvent } from "react";

import { useUnlockSession } from "../../api";
import { useClinic } from "../../app/clinic";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { initials, rolesLabel } from "../users/roles";
import { SignInForm } from "./SignInForm";

/**
 * Covers the whole window while the session is locked. The app underneath stays mounted (and
 * inert), so the same user resumes exactly where they were; someone else signing in gets a fresh app.
 */
export function LockScreen({
  user,
  switching,
  onSwitching,
  onUnlocked,
  onSwitched,
}: {
  user: CurrentUser | null;
  switching: boolean;
  onSwitching: (switching: boolean) => void;
  onUnlocked: (user: CurrentUser) => void;
  onSwitched: (user: CurrentUser) => void;
}) {
  const info = useClinic();
  return (
    <Box
      data-testid="lock-screen"
      role="dialog"
      aria-modal="true"
      aria-label="Screen locked"
      pos="fixed"
      inset={0}
      style={{
        zIndex: 9000,
        // Opaque: a locked reception screen must not show the record behind it.
        background: "linear-gradient(160deg, var(--mantine-color-fovea-9) 0%, var(--mantine-color-fovea-7) 100%)",
        overflowY: "auto",
      }}
    >
      <FocusTrap active>
        <Center mih="100%" p="xl" style={{ alignItems: "flex-start", paddingTop: "14vh" }}>
          <Stack w={420} gap="md">
            <Group gap="xs" c="white" justify="center">
              <IconLock size={18} />
              <Text fw={600} c="white">
                {info.clinic_name} · Workstation {info.workstation_code}
              </Text>
            </Group>
            <Paper radius="lg" p={32} shadow="xl">
              {switching || user === null ? (
                <SwitchUser user={user} onSwitched={onSwitched} onBack={user === null ? null : () => onSwitching(false)} />
              ) : (
                <Unlock user={user} onUnlocked={onUnlocked} onSwitch={() => onSwitching(true)} />
              )}
            </Paper>
          </Stack>
        </Center>
      </FocusTrap>
    </Box>
  );
}

function Unlock({ user, onUnlocked, onSwitch }: { user: CurrentUser; onUnlocked: (user: CurrentUser) => void; onSwitch: () => void }) {
  const [password, setPassword] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const unlock = useUnlockSession();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (unlock.isPending) return;
    setFormError(null);
    if (password === "") {
      setFieldError("Enter your password");
      passwordRef.current?.focus();
      return;
    }
    unlock.mutate(password, {
      onSuccess: onUnlocked,
      onError: (error) => {
        // A wrong password belongs on the field; anything else (the core busy, …) above the form.
        if (error.code === "validation") setFieldError(error.message);
        else setFormError(error.message);
        setPassword("");
        window.setTimeout(() => passwordRef.current?.focus(), 0);
      },
    });
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        <Stack gap={6} align="center">
          <Avatar size={64} radius="xl" color="fovea" variant="filled">
            {initials(user.full_name)}
          </Avatar>
          <Title order={3} ta="center" data-testid="lock-user">
            {user.full_name}
          </Title>
          <Text size="sm" c="dimmed" ta="center">
            {rolesLabel(user.roles)} · the screen is locked
          </Text>
        </Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert">
            {formError}
          </Alert>
        )}
        <PasswordInput
          ref={passwordRef}
          data-testid="unlock-password"
          label="Password"
          description="Type your password to carry on where you left off."
          autoComplete="current-password"
          data-autofocus
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setFieldError(null);
          }}
          error={fieldError}
          disabled={unlock.isPending}
        />
        <Button type="submit" size="md" leftSection={<IconLockOpen size={18} />} loading={unlock.isPending} data-testid="unlock-submit">
          Unlock
        </Button>
        <Button variant="subtle" leftSection={<IconUserCircle size={18} />} onClick={onSwitch} data-testid="switch-user">
          Sign in as someone else
        </Button>
      </Stack>
    </form>
  );
}

function SwitchUser({
  user,
  onSwitched,
  onBack,
}: {
  user: CurrentUser | null;
  onSwitched: (user: CurrentUser) => void;
  onBack: (() => void) | null;
}) {
  return (
    <Stack gap="md">
      <Box>
        <Title order={3}>{user === null ? "The screen is locked" : "Sign in as someone else"}</Title>
        {user !== null && (
          <Text size="sm" c="dimmed" mt={4}>
            Anything {user.full_name} has not saved will be closed.
          </Text>
        )}
      </Box>
      <SignInForm onSignedIn={onSwitched} />
      {onBack && user !== null && (
        <Button variant="subtle" leftSection={<IconArrowLeft size={18} />} onClick={onBack}>
          Back to {user.full_name}
        </Button>
      )}
    </Stack>
  );
}
