import { AppShell, Badge, Button, Divider, Group, NavLink, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import {
  IconBellRinging,
  IconCashRegister,
  IconChartBar,
  IconCalendarEvent,
  IconCash,
  IconDeviceDesktop,
  IconEye,
  IconLayoutKanban,
  IconListSearch,
  IconLock,
  IconPackages,
  IconPill,
  IconReceipt2,
  IconSettings,
  IconUserCog,
  IconUsers,
  type Icon,
} from "@tabler/icons-react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";

import { NoAccess, RequirePermission } from "../components/NoAccess";
import { Shortcut } from "../components/Shortcut";
import { BookPage } from "../features/appointments/BookPage";
import { CashDeskPage } from "../features/billing/CashDeskPage";
import { InvoiceEditorPage } from "../features/billing/InvoiceEditorPage";
import { InvoicePage } from "../features/billing/InvoicePage";
import { ExamPage } from "../features/exam/ExamPage";
import { RemindersPage } from "../features/appointments/RemindersPage";
import { SchedulesPage } from "../features/appointments/SchedulesPage";
import { AuditPage } from "../features/audit/AuditPage";
import { PriceListPage } from "../features/billing-admin/PriceListPage";
import { CashDayPage } from "../features/cashday/CashDayPage";
import { UserMenu } from "../features/auth/UserMenu";
import { PatientPage } from "../features/patients/PatientPage";
import { PatientsPage } from "../features/patients/PatientsPage";
import { DispensingSheetPage } from "../features/pharmacy/DispensingSheetPage";
import { PharmacyPage } from "../features/pharmacy/PharmacyPage";
import { QueueBoardPage } from "../features/queue/QueueBoardPage";
import { RecallPage } from "../features/recall/RecallPage";
import { ReportsPage } from "../features/reports/ReportsPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { CountPage, CountsPage } from "../features/stock/CountsPage";
import { MedicinePage } from "../features/stock/MedicinePage";
import { StockPage } from "../features/stock/StockPage";
import { UsersPage } from "../features/users/UsersPage";
import { WorkstationPage } from "../features/workstation/WorkstationPage";
import { useClinic } from "./clinic";
import { homePath, isActive, visibleNav, type NavItem } from "./navigation";
import { useCan, useSession } from "./session";
import { useShell } from "./shell";

/** Routes of the set-up app. Hash-based, since Tauri serves the bundle from disk. */
export function AppRoutes() {
  const { user } = useSession();
  const home = homePath(user.permissions);
  return (
    <Switch>
      <Route path="/patients">
        <RequirePermission permission="read_patients">
          <PatientsPage />
        </RequirePermission>
      </Route>
      <Route path="/patients/:id">
        {(params) => (
          <RequirePermission permission="read_patients">
            <PatientPage key={params.id} id={params.id} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/book/reminders">
        <RequirePermission permission="manage_appointments">
          <RemindersPage />
        </RequirePermission>
      </Route>
      <Route path="/book/schedules">
        <RequirePermission permission="manage_appointments">
          <SchedulesPage />
        </RequirePermission>
      </Route>
      <Route path="/book/:date?/:appointmentId?">
        {(params) => (
          <RequirePermission permission="manage_appointments">
            <BookPage date={params.date} appointmentId={params.appointmentId} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/queue">
        <RequirePermission permission="use_queue">
          <QueueBoardPage />
        </RequirePermission>
      </Route>
      <Route path="/visits/:visitId/exam">
        {(params) => (
          <RequirePermission permission="read_clinical">
            <ExamPage key={params.visitId} visitId={params.visitId} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/pharmacy">
        <RequirePermission permission="dispense">
          <PharmacyPage />
        </RequirePermission>
      </Route>
      <Route path="/pharmacy/:visitId">
        {(params) => (
          <RequirePermission permission="dispense">
            <DispensingSheetPage key={params.visitId} visitId={params.visitId} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/billing">
        <RequirePermission permission="billing">
          <CashDeskPage />
        </RequirePermission>
      </Route>
      <Route path="/billing/visit/:visitId">
        {(params) => (
          <RequirePermission permission="billing">
            <InvoiceEditorPage key={params.visitId} visitId={params.visitId} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/billing/invoice/:id">
        {(params) => (
          <RequirePermission permission="billing">
            <InvoicePage key={params.id} id={params.id} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/recall">
        <RequirePermission permission="manage_appointments">
          <RecallPage />
        </RequirePermission>
      </Route>
      <Route path="/stock">
        <RequirePermission permission="read_stock">
          <StockPage />
        </RequirePermission>
      </Route>
      <Route path="/stock/medicines/:id">
        {(params) => (
          <RequirePermission permission="read_stock">
            <MedicinePage key={params.id} id={params.id} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/stock/counts">
        <RequirePermission permission="read_stock">
          <CountsPage />
        </RequirePermission>
      </Route>
      <Route path="/stock/counts/:id">
        {(params) => (
          <RequirePermission permission="read_stock">
            <CountPage key={params.id} id={params.id} />
          </RequirePermission>
        )}
      </Route>
      <Route path="/cash-day">
        <RequirePermission permission="billing">
          <CashDayPage />
        </RequirePermission>
      </Route>
      <Route path="/reports">
        <RequirePermission permission="read_reports">
          <ReportsPage />
        </RequirePermission>
      </Route>
      <Route path="/admin/prices">
        <RequirePermission permission="manage_settings">
          <PriceListPage />
        </RequirePermission>
      </Route>
      <Route path="/admin/users">
        <RequirePermission permission="manage_users">
          <UsersPage />
        </RequirePermission>
      </Route>
      <Route path="/admin/settings">
        <RequirePermission permission="manage_settings">
          <SettingsPage />
        </RequirePermission>
      </Route>
      <Route path="/admin/audit">
        <RequirePermission permission="read_audit">
          <AuditPage />
        </RequirePermission>
      </Route>
      <Route path="/workstation">
        <RequirePermission permission="manage_workstation">
          <WorkstationPage />
        </RequirePermission>
      </Route>
      <Route>{home ? <Redirect to={home} replace /> : <NoAccess />}</Route>
    </Switch>
  );
}

const NAV_ICONS: Record<string, Icon> = {
  "/patients": IconUsers,
  "/book": IconCalendarEvent,
  "/queue": IconLayoutKanban,
  "/pharmacy": IconPill,
  "/billing": IconCash,
  "/recall": IconBellRinging,
  "/stock": IconPackages,
  "/cash-day": IconCashRegister,
  "/reports": IconChartBar,
  "/admin/prices": IconReceipt2,
  "/admin/users": IconUserCog,
  "/admin/settings": IconSettings,
  "/admin/audit": IconListSearch,
  "/workstation": IconDeviceDesktop,
};

function NavItemLink({ item, location }: { item: NavItem; location: string }) {
  const ItemIcon = NAV_ICONS[item.path] ?? IconUsers;
  return (
    <NavLink
      component={Link}
      href={item.path}
      label={item.label}
      leftSection={<ItemIcon size={20} />}
      active={isActive(item, location)}
      data-testid={item.testId}
    />
  );
}

/** Header, sidebar (filtered by the user's permissions) and the global shortcuts around every page. */
export function AppLayout() {
  const info = useClinic();
  const { user, locked, lock } = useSession();
  const { focusSearch, openRegister, editorOpen } = useShell();
  const canRead = useCan("read_patients");
  const canWrite = useCan("write_patients");
  const [location] = useLocation();
  const items = visibleNav(user.permissions);
  const main = items.filter((item) => item.group === "main");
  const admin = items.filter((item) => item.group === "admin");

  // Ignored while the patient form is open, so a stray shortcut cannot discard what was typed,
  // and while the screen is locked.
  const when = (allowed: boolean, action: () => void) => () => {
    if (allowed && !editorOpen && !locked) action();
  };
  useHotkeys(
    [
      ["mod+K", when(canRead, focusSearch)],
      ["mod+N", when(canWrite, () => openRegister())],
      ["alt+N", when(canWrite, () => openRegister()), { usePhysicalKeys: true }],
      ["mod+L", when(true, lock)],
    ],
    [], // also while typing in an input
  );

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 0 }} padding="lg">
      <AppShell.Header data-testid="app-header">
        <Group h="100%" px="lg" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
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
            <Badge size="lg" variant="light" radius="sm" data-testid="workstation-badge" title="This workstation's code" style={{ flexShrink: 0 }}>
              Workstation {info.workstation_code}
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Button
              variant="default"
              leftSection={<IconLock size={18} />}
              onClick={lock}
              data-testid="lock-now"
              title="Lock the screen (Ctrl+L)"
            >
              Lock
            </Button>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section grow>
          <Stack gap={4}>
            {main.map((item) => (
              <NavItemLink key={item.path} item={item} location={location} />
            ))}
            {admin.length > 0 && (
              <>
                <Text size="xs" c="dimmed" fw={700} tt="uppercase" px="sm" pt="md" pb={2} style={{ letterSpacing: "0.05em" }}>
                  Administration
                </Text>
                {admin.map((item) => (
                  <NavItemLink key={item.path} item={item} location={location} />
                ))}
              </>
            )}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={6} p="xs">
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              Shortcuts
            </Text>
            {canRead && (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="xs">Find patient</Text>
                <Shortcut keys={["Ctrl", "K"]} />
              </Group>
            )}
            {canWrite && (
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="xs">Register patient</Text>
                <Shortcut keys={["Ctrl", "N"]} />
              </Group>
            )}
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs">Lock the screen</Text>
              <Shortcut keys={["Ctrl", "L"]} />
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
