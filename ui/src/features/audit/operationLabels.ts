// What an audited operation means, in words a clinic manager reads. Unknown names show as they are.

const LABELS: Record<string, string> = {
  "app.setup": "Set up the clinic",
  "app.rename_workstation": "Renamed the workstation",
  "auth.sign_in": "Signed in",
  "auth.sign_out": "Signed out",
  "auth.lock": "Locked the screen",
  "auth.unlock": "Unlocked the screen",
  "auth.change_password": "Changed own password",
  "users.list": "Listed the users",
  "users.create": "Added a user",
  "users.update": "Changed a user",
  "users.reset_password": "Reset a password",
  "users.unlock": "Lifted a sign-in lockout",
  "settings.update": "Changed the clinic settings",
  "audit.search": "Searched the audit trail",
  "audit.patient_access": "Looked at who opened a record",
  "patients.search": "Searched for patients",
  "patients.register": "Registered the patient",
  "patients.get": "Opened the record",
  "patients.update": "Changed the record",
  "patients.archive": "Archived or restored the record",
};

export function operationLabel(operation: string): string {
  return LABELS[operation] ?? operation;
}
