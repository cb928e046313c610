// Thin typed helpers, one per backend operation.
import type { AppInfo } from "../bindings/AppInfo";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentKind } from "../bindings/AppointmentKind";
import type { AppointmentStatus } from "../bindings/AppointmentStatus";
import type { AuditSearchRequest } from "../bindings/AuditSearchRequest";
import type { AuditSearchResponse } from "../bindings/AuditSearchResponse";
import type { BoardResponse } from "../bindings/BoardResponse";
import type { BookRequest } from "../bindings/BookRequest";
import type { ChangePasswordRequest } from "../bindings/ChangePasswordRequest";
import type { CliniciansResponse } from "../bindings/CliniciansResponse";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import type { CreateUserRequest } from "../bindings/CreateUserRequest";
import type { ClosedDayRequest } from "../bindings/ClosedDayRequest";
import type { CurrentUser } from "../bindings/CurrentUser";
import type { DayResponse } from "../bindings/DayResponse";
import type { Patient } from "../bindings/Patient";
import type { PatientAppointmentsResponse } from "../bindings/PatientAppointmentsResponse";
import type { QueueCard } from "../bindings/QueueCard";
import type { RangeRequest } from "../bindings/RangeRequest";
import type { RangeResponse } from "../bindings/RangeResponse";
import type { RegisterPatientRequest } from "../bindings/RegisterPatientRequest";
import type { RegisterPatientResponse } from "../bindings/RegisterPatientResponse";
import type { Reminder } from "../bindings/Reminder";
import type { RemindersResponse } from "../bindings/RemindersResponse";
import type { ReassignRequest } from "../bindings/ReassignRequest";
import type { ReassignResponse } from "../bindings/ReassignResponse";
import type { RescheduleRequest } from "../bindings/RescheduleRequest";
import type { Schedule } from "../bindings/Schedule";
import type { SearchPatientsRequest } from "../bindings/SearchPatientsRequest";
import type { SearchPatientsResponse } from "../bindings/SearchPatientsResponse";
import type { SetupRequest } from "../bindings/SetupRequest";
import type { SignInRequest } from "../bindings/SignInRequest";
import type { SlotsResponse } from "../bindings/SlotsResponse";
import type { Stage } from "../bindings/Stage";
import type { UpdatePatientRequest } from "../bindings/UpdatePatientRequest";
import type { UpdateUserRequest } from "../bindings/UpdateUserRequest";
import type { User } from "../bindings/User";
import type { VerifyReport } from "../bindings/VerifyReport";
import type { WalkInRequest } from "../bindings/WalkInRequest";
import type { Chart } from "../bindings/Chart";
import type { ConsultationInput } from "../bindings/ConsultationInput";
import type { Document } from "../bindings/Document";
import type { ExaminationView } from "../bindings/ExaminationView";
import type { ExamSettings } from "../bindings/ExamSettings";
import type { Icd10SearchResponse } from "../bindings/Icd10SearchResponse";
import type { RecallResponse } from "../bindings/RecallResponse";
import type { StartVisitResponse } from "../bindings/StartVisitResponse";
import type { WorkupDerived } from "../bindings/WorkupDerived";
import type { WorkupInput } from "../bindings/WorkupInput";
import type { Printers } from "../bindings/Printers";
import type { PrintJob } from "../bindings/PrintJob";
import { call, openDocumentFile, showDocumentInFolder } from "./client";

// ---------------------------------------------------------------- app

export function getAppInfo(): Promise<AppInfo> {
  return call("app.info", {});
}

export function setupApp(request: SetupRequest): Promise<AppInfo> {
  return call("app.setup", request);
}

export function renameWorkstation(workstationCode: string): Promise<AppInfo> {
  return call("app.rename_workstation", { workstation_code: workstationCode });
}

// ---------------------------------------------------------------- session

/** Signs in and keeps the session token inside src/api; callers get only the user. */
export async function signIn(request: SignInRequest): Promise<CurrentUser> {
  const signedIn = await call("auth.sign_in", request);
  return signedIn.user;
}

/** Who is signed in (also tells the core the user is still at the keyboard). */
export function getSession(): Promise<CurrentUser> {
  return call("auth.session", {});
}

export async function signOut(): Promise<void> {
  await call("auth.sign_out", {});
}

export async function lockSession(): Promise<void> {
  await call("auth.lock", {});
}

export function unlockSession(password: string): Promise<CurrentUser> {
  return call("auth.unlock", { password });
}

export async function changePassword(request: ChangePasswordRequest): Promise<void> {
  await call("auth.change_password", request);
}

// ---------------------------------------------------------------- users

export function listUsers(includeInactive: boolean): Promise<User[]> {
  return call("users.list", { include_inactive: includeInactive });
}

export function createUser(request: CreateUserRequest): Promise<User> {
  return call("users.create", request);
}

export function updateUser(request: UpdateUserRequest): Promise<User> {
  return call("users.update", request);
}

export async function resetPassword(id: string, newPassword: string): Promise<void> {
  await call("users.reset_password", { id, new_password: newPassword });
}

export function unlockUser(id: string): Promise<User> {
  return call("users.unlock", { id });
}

// ---------------------------------------------------------------- settings and audit

export function getSettings(): Promise<ClinicSettings> {
  return call("settings.get", {});
}

export function updateSettings(settings: ClinicSettings): Promise<ClinicSettings> {
  return call("settings.update", settings);
}

export function searchAudit(request: AuditSearchRequest): Promise<AuditSearchResponse> {
  return call("audit.search", request);
}

export function verifyAudit(deep: boolean): Promise<VerifyReport> {
  return call("audit.verify", { deep });
}

export function patientAccess(patientId: string): Promise<AuditSearchResponse> {
  return call("audit.patient_access", { patient_id: patientId });
}

// ---------------------------------------------------------------- patients

export function searchPatients(request: SearchPatientsRequest): Promise<SearchPatientsResponse> {
  return call("patients.search", request);
}

export function registerPatient(request: RegisterPatientRequest): Promise<RegisterPatientResponse> {
  return call("patients.register", request);
}

export function getPatient(id: string): Promise<Patient> {
  return call("patients.get", { id });
}

export function updatePatient(request: UpdatePatientRequest): Promise<Patient> {
  return call("patients.update", request);
}

export function archivePatient(id: string, archived: boolean): Promise<Patient> {
  return call("patients.archive", { id, archived });
}

// ---------------------------------------------------------------- appointments

/** The clinicians to book with; for a patient, their usual clinician first (`usual_clinician_id`). */
export function listClinicians(patientId: string | null = null): Promise<CliniciansResponse> {
  return call("appointments.clinicians", patientId ? { patient_id: patientId } : {});
}

/** What moving an appointment, or a clinician's day, to another clinician would move; writes nothing. */
export function reassignPreview(request: ReassignRequest): Promise<ReassignResponse> {
  return call("appointments.reassign_preview", request);
}

export function reassignAppointments(request: ReassignRequest): Promise<ReassignResponse> {
  return call("appointments.reassign", request);
}

export function appointmentsDay(date: string, clinicianId: string | null = null): Promise<DayResponse> {
  return call("appointments.day", { date, clinician_id: clinicianId });
}

export function appointmentsRange(request: RangeRequest): Promise<RangeResponse> {
  return call("appointments.range", request);
}

export function bookAppointment(request: BookRequest): Promise<Appointment> {
  return call("appointments.book", request);
}

export function setAppointmentStatus(id: string, status: AppointmentStatus, reason: string | null = null): Promise<Appointment> {
  return call("appointments.set_status", { id, status, reason });
}

export function rescheduleAppointment(request: RescheduleRequest): Promise<Appointment> {
  return call("appointments.reschedule", request);
}

export function walkIn(request: WalkInRequest): Promise<Appointment> {
  return call("appointments.walk_in", request);
}

export function freeSlots(clinicianId: string, date: string, kind: AppointmentKind): Promise<SlotsResponse> {
  return call("appointments.slots", { clinician_id: clinicianId, date, kind });
}

export function patientAppointments(patientId: string): Promise<PatientAppointmentsResponse> {
  return call("appointments.for_patient", { patient_id: patientId });
}

export function reminders(date: string | null): Promise<RemindersResponse> {
  return call("appointments.reminders", { date });
}

export function markCalled(id: string, called: boolean, note: string | null): Promise<Reminder> {
  return call("appointments.mark_called", { id, called, note });
}

// ---------------------------------------------------------------- schedules

export function getSchedule(clinicianId: string): Promise<Schedule> {
  return call("schedules.get", { clinician_id: clinicianId });
}

export function setSchedule(schedule: Schedule): Promise<Schedule> {
  return call("schedules.set", schedule);
}

export async function setClosedDay(request: ClosedDayRequest): Promise<void> {
  await call("schedules.set_closed_day", request);
}

// ---------------------------------------------------------------- queue

export function queueBoard(clinicianId: string | null): Promise<BoardResponse> {
  return call("queue.board", { clinician_id: clinicianId });
}

export function moveVisit(visitId: string, stage: Stage): Promise<QueueCard> {
  return call("queue.move", { visit_id: visitId, stage });
}

// ---------------------------------------------------------------- examinations

export function getExam(visitId: string): Promise<ExaminationView> {
  return call("exams.get", { visit_id: visitId });
}

/** Checks a work-up form without saving: rejects with the first field error, or resolves with what to show beside it. */
export function checkWorkup(workup: WorkupInput): Promise<WorkupDerived> {
  return call("exams.check_workup", workup);
}

export function saveWorkup(visitId: string, workup: WorkupInput): Promise<ExaminationView> {
  return call("exams.save_workup", { visit_id: visitId, workup });
}

export function saveConsultation(visitId: string, consultation: ConsultationInput): Promise<ExaminationView> {
  return call("exams.save_consultation", { visit_id: visitId, consultation });
}

export function signExam(visitId: string, password: string): Promise<ExaminationView> {
  return call("exams.sign", { visit_id: visitId, password });
}

export function addAddendum(visitId: string, text: string): Promise<ExaminationView> {
  return call("exams.add_addendum", { visit_id: visitId, text });
}

export function startVisit(patientId: string): Promise<StartVisitResponse> {
  return call("exams.start_visit", { patient_id: patientId });
}

export function getChart(patientId: string): Promise<Chart> {
  return call("exams.chart", { patient_id: patientId });
}

/** Patients due back between two days (ISO); null for the core's default of four weeks either side of today. */
export function recall(from: string | null, to: string | null): Promise<RecallResponse> {
  return call("exams.recall", { from, to });
}

export function searchIcd10(query: string, limit: number | null = null): Promise<Icd10SearchResponse> {
  return call("icd10.search", { query, limit });
}

export function getExamSettings(): Promise<ExamSettings> {
  return call("exam_settings.get", {});
}

export function updateExamSettings(settings: ExamSettings): Promise<ExamSettings> {
  return call("exam_settings.update", settings);
}

// ---------------------------------------------------------------- documents

export function printSpectacleRx(visitId: string, notes: string | null): Promise<Document> {
  return call("print.spectacle_rx", { visit_id: visitId, notes });
}

export function printReminders(date: string | null): Promise<Document> {
  return call("print.reminders", { date });
}

/** Opens a PDF Fovea saved (in its documents folder) with the system's viewer. Rejects with an ApiError. */
export function openDocument(path: string): Promise<void> {
  return openDocumentFile(path);
}

/** The file manager, with the saved document selected (desktop app only). */
export function showDocument(path: string): Promise<void> {
  return showDocumentInFolder(path);
}

// ---------------------------------------------------------------- printing

export function listPrinters(): Promise<Printers> {
  return call("documents.printers", {});
}

export function choosePrinter(printer: string | null): Promise<Printers> {
  return call("documents.choose_printer", { printer });
}

/** Sends a saved document to this workstation's printer (CUPS). */
export function printDocument(path: string): Promise<PrintJob> {
  return call("documents.print", { path });
}
