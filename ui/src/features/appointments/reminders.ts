import type { Reminder } from "../../bindings/Reminder";

export interface ReminderGroup {
  clinicianId: string;
  clinicianName: string;
  reminders: Reminder[];
}

/**
 * The call list by clinician, in the order the core sends (clinician name, then time): one group per clinician,
 * each keeping its rows' order.
 */
export function groupByClinician(reminders: readonly Reminder[]): ReminderGroup[] {
  const groups: ReminderGroup[] = [];
  const byId = new Map<string, ReminderGroup>();
  for (const reminder of reminders) {
    const { clinician_id: id, clinician_name: name } = reminder.appointment;
    let group = byId.get(id);
    if (!group) {
      group = { clinicianId: id, clinicianName: name, reminders: [] };
      byId.set(id, group);
      groups.push(group);
    }
    group.reminders.push(reminder);
  }
  return groups;
}

/** How many of the list are still to call. */
export function stillToCall(reminders: readonly Reminder[]): number {
  return reminders.filter((reminder) => reminder.called_at === null).length;
}
