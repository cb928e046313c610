import type { Permission } from "../bindings/Permission";

export interface NavItem {
  path: string;
  label: string;
  /** Shown only to users whose permissions include this (the route checks it too). */
  permission: Permission;
  testId: string;
  group: "main" | "admin";
}

/** The sidebar, in order. Each item's route is guarded by the same permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: "/patients", label: "Patients", permission: "read_patients", testId: "nav-patients", group: "main" },
  { path: "/book", label: "Appointments", permission: "manage_appointments", testId: "nav-book", group: "main" },
  { path: "/queue", label: "Queue board", permission: "use_queue", testId: "nav-queue", group: "main" },
  { path: "/pharmacy", label: "Pharmacy", permission: "dispense", testId: "nav-pharmacy", group: "main" },
  { path: "/billing", label: "Cash desk", permission: "billing", testId: "nav-billing", group: "main" },
  { path: "/recall", label: "Recall", permission: "manage_appointments", testId: "nav-recall", group: "main" },
  { path: "/stock", label: "Stock", permission: "read_stock", testId: "nav-stock", group: "main" },
  { path: "/cash-day", label: "Day close", permission: "billing", testId: "nav-cash-day", group: "main" },
  { path: "/reports", label: "Reports", permission: "read_reports", testId: "nav-reports", group: "main" },
  { path: "/admin/users", label: "Users", permission: "manage_users", testId: "nav-users", group: "admin" },
  { path: "/admin/settings", label: "Clinic settings", permission: "manage_settings", testId: "nav-settings", group: "admin" },
  { path: "/admin/prices", label: "Price list", permission: "manage_settings", testId: "nav-prices", group: "admin" },
  { path: "/admin/audit", label: "Audit trail", permission: "read_audit", testId: "nav-audit", group: "admin" },
  { path: "/workstation", label: "Workstation", permission: "manage_workstation", testId: "nav-workstation", group: "admin" },
];

/** The items these permissions may use. */
export function visibleNav(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}

/** Where a user lands: the first screen they may use, or null when there is none. */
export function homePath(permissions: readonly Permission[]): string | null {
  return visibleNav(permissions)[0]?.path ?? null;
}

/** Whether `location` belongs to the nav item (a patient's page belongs to Patients). */
export function isActive(item: NavItem, location: string): boolean {
  return location === item.path || location.startsWith(`${item.path}/`);
}
