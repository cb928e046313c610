import { AppShell, Badge, Divider, Group, NavLink, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { IconDeviceDesktop, IconEye, IconUsers } from "@tabler/icons-react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";

import { Shortcut } from "../components/Shortcut";
import { PatientPage } from "../features/patients/PatientPage";
import { PatientsPage } from "../features/patients/PatientsPage";
import { WorkstationPage } from "../features/workstation/WorkstationPage";
import { useClinic } from "./clinic";
import { useShell } from "./shell";

/** Routes of the set-up app. Hash-based, since Tauri serves the bundle from disk. */
export function AppRoutes() {
  return (
    <Switch>
      <Route path="/patients">
        <PatientsPage />
      </Route>
      <Route path="/patients/:id">{(params) => <PatientPage key={params.id} id={params.id} />}</Route>
      <Route path="/workstation">
        <WorkstationPage />
      </Route>
      <Route>
        <Redirect to="/patients" replace />
      </Route>
    </Switch>
  );
}

/** Header, sidebar and the global shortcuts around every page. */
export function AppLayout() {
  const info = useClinic();
  const { focusSearch, openRegister, editorOpen } = useShell();
  const [location] = useLocation();

  // Ignored while the patient form is open, so a stray shortcut cannot discard what was typed.
  const unlessEditing = (action: () => void) => () => {
    if (!editorOpen) action();
  };
  useHotkeys(
    [
      ["mod+K", unlessEditing(focusSearch)],
      ["mod+N", unlessEditing(() => openRegister())],
      ["alt+N", unlessEditing(() => openRegister()), { usePhysicalKeys: true }],
    ],
    [], // also while typing in an input
  );

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg">
      <AppShell.Header data-testid="app-header">
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={32} radius="xl" aria-hidden>
              <IconEye size={20} />
            </ThemeIcon>
            <Title order={3} fw={700}>
              Fovea
            </Title>
            <Divider orientation="vertical" mx="xs" />
            <Text fw={600} size="lg" truncate data-testid="clinic-name">
              {info.clinic_name}
            </Text>
          </Group>
          <Badge size="lg" variant="light" radius="sm" data-testid="workstation-badge" title="This workstation's code">
            Workstation {info.workstation_code}
          </Badge>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow>
          <Stack gap={4}>
            <NavLink
              component={Link}
              href="/patients"
              label="Patients"
              leftSection={<IconUsers size={20} />}
              active={location === "/patients" || location.startsWith("/patients/")}
              data-testid="nav-patients"
            />
            <NavLink
              component={Link}
              href="/workstation"
              label="Workstation"
              leftSection={<IconDeviceDesktop size={20} />}
              active={location === "/workstation"}
              data-testid="nav-workstation"
            />
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={6} p="xs">
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              Shortcuts
            </Text>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs">Find patient</Text>
              <Shortcut keys={["Ctrl", "K"]} />
            </Group>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs">Register patient</Text>
              <Shortcut keys={["Ctrl", "N"]} />
            </Group>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <AppRoutes />
      </AppShell.Main>
    </AppShell>
  );
}
