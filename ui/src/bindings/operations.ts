// This file was generated from the operation catalog in fovea-core. Do not edit it by hand.
import type { AddendumRequest } from "./AddendumRequest";
import type { AdjustRequest } from "./AdjustRequest";
import type { AgingReport } from "./AgingReport";
import type { AgingRequest } from "./AgingRequest";
import type { AlertsResponse } from "./AlertsResponse";
import type { AppInfo } from "./AppInfo";
import type { Appointment } from "./Appointment";
import type { ArchivePatientRequest } from "./ArchivePatientRequest";
import type { AuditSearchRequest } from "./AuditSearchRequest";
import type { AuditSearchResponse } from "./AuditSearchResponse";
import type { Batch } from "./Batch";
import type { BatchesRequest } from "./BatchesRequest";
import type { BatchesResponse } from "./BatchesResponse";
import type { BillingSettings } from "./BillingSettings";
import type { BoardRequest } from "./BoardRequest";
import type { BoardResponse } from "./BoardResponse";
import type { BookRequest } from "./BookRequest";
import type { CashDay } from "./CashDay";
import type { CashDayRequest } from "./CashDayRequest";
import type { CashUp } from "./CashUp";
import type { CashUpRequest } from "./CashUpRequest";
import type { CashUpsRequest } from "./CashUpsRequest";
import type { CashUpsResponse } from "./CashUpsResponse";
import type { ChangePasswordRequest } from "./ChangePasswordRequest";
import type { Chart } from "./Chart";
import type { ChartRequest } from "./ChartRequest";
import type { ChoosePrinterRequest } from "./ChoosePrinterRequest";
import type { ClinicSettings } from "./ClinicSettings";
import type { ClinicianRequest } from "./ClinicianRequest";
import type { CliniciansRequest } from "./CliniciansRequest";
import type { CliniciansResponse } from "./CliniciansResponse";
import type { CloseDayRequest } from "./CloseDayRequest";
import type { ClosedDayRequest } from "./ClosedDayRequest";
import type { ClosedDaysRequest } from "./ClosedDaysRequest";
import type { ClosedDaysResponse } from "./ClosedDaysResponse";
import type { CountRequest } from "./CountRequest";
import type { CreateUserRequest } from "./CreateUserRequest";
import type { CurrentUser } from "./CurrentUser";
import type { DayRequest } from "./DayRequest";
import type { DayResponse } from "./DayResponse";
import type { DispenseRequest } from "./DispenseRequest";
import type { DispenseResult } from "./DispenseResult";
import type { DispensingLabelRequest } from "./DispensingLabelRequest";
import type { DispensingRequest } from "./DispensingRequest";
import type { DispensingSheet } from "./DispensingSheet";
import type { Document } from "./Document";
import type { Empty } from "./Empty";
import type { ExamSettings } from "./ExamSettings";
import type { ExaminationView } from "./ExaminationView";
import type { ExportReportRequest } from "./ExportReportRequest";
import type { ExportStatementRequest } from "./ExportStatementRequest";
import type { GetPatientRequest } from "./GetPatientRequest";
import type { Icd10SearchRequest } from "./Icd10SearchRequest";
import type { Icd10SearchResponse } from "./Icd10SearchResponse";
import type { Invoice } from "./Invoice";
import type { InvoiceRequest } from "./InvoiceRequest";
import type { ListUsersRequest } from "./ListUsersRequest";
import type { LotRecipientsRequest } from "./LotRecipientsRequest";
import type { LotRecipientsResponse } from "./LotRecipientsResponse";
import type { MarkCalledRequest } from "./MarkCalledRequest";
import type { MedicationRxRequest } from "./MedicationRxRequest";
import type { Medicine } from "./Medicine";
import type { MedicineRequest } from "./MedicineRequest";
import type { MoveRequest } from "./MoveRequest";
import type { MovementPosted } from "./MovementPosted";
import type { MovementsRequest } from "./MovementsRequest";
import type { MovementsResponse } from "./MovementsResponse";
import type { Patient } from "./Patient";
import type { PatientAccessRequest } from "./PatientAccessRequest";
import type { PatientAppointmentsRequest } from "./PatientAppointmentsRequest";
import type { PatientAppointmentsResponse } from "./PatientAppointmentsResponse";
import type { PatientInvoicesRequest } from "./PatientInvoicesRequest";
import type { PatientInvoicesResponse } from "./PatientInvoicesResponse";
import type { PatientReturnRequest } from "./PatientReturnRequest";
import type { PatientReturnResult } from "./PatientReturnResult";
import type { PayRequest } from "./PayRequest";
import type { PayResult } from "./PayResult";
import type { PeriodRequest } from "./PeriodRequest";
import type { PharmacySettings } from "./PharmacySettings";
import type { PrescriptionRequest } from "./PrescriptionRequest";
import type { PrescriptionView } from "./PrescriptionView";
import type { PrescriptionVocabulary } from "./PrescriptionVocabulary";
import type { PrintBillRequest } from "./PrintBillRequest";
import type { PrintDocumentRequest } from "./PrintDocumentRequest";
import type { PrintJob } from "./PrintJob";
import type { PrintRemindersRequest } from "./PrintRemindersRequest";
import type { Printers } from "./Printers";
import type { ProposeRequest } from "./ProposeRequest";
import type { QuarantineRequest } from "./QuarantineRequest";
import type { QueueCard } from "./QueueCard";
import type { RangeRequest } from "./RangeRequest";
import type { RangeResponse } from "./RangeResponse";
import type { ReassignRequest } from "./ReassignRequest";
import type { ReassignResponse } from "./ReassignResponse";
import type { RecallRequest } from "./RecallRequest";
import type { RecallResponse } from "./RecallResponse";
import type { ReceiveRequest } from "./ReceiveRequest";
import type { RecordCountRequest } from "./RecordCountRequest";
import type { RefundRequest } from "./RefundRequest";
import type { RegisterPatientRequest } from "./RegisterPatientRequest";
import type { RegisterPatientResponse } from "./RegisterPatientResponse";
import type { Reminder } from "./Reminder";
import type { RemindersRequest } from "./RemindersRequest";
import type { RemindersResponse } from "./RemindersResponse";
import type { RenameWorkstationRequest } from "./RenameWorkstationRequest";
import type { RescheduleRequest } from "./RescheduleRequest";
import type { ResetPasswordRequest } from "./ResetPasswordRequest";
import type { ReverseRequest } from "./ReverseRequest";
import type { SaveConsultationRequest } from "./SaveConsultationRequest";
import type { SaveDraftRequest } from "./SaveDraftRequest";
import type { SaveMedicineRequest } from "./SaveMedicineRequest";
import type { SavePrescriptionRequest } from "./SavePrescriptionRequest";
import type { SaveServiceRequest } from "./SaveServiceRequest";
import type { SaveTaperTemplateRequest } from "./SaveTaperTemplateRequest";
import type { SaveWorkupRequest } from "./SaveWorkupRequest";
import type { Schedule } from "./Schedule";
import type { SearchMedicinesRequest } from "./SearchMedicinesRequest";
import type { SearchMedicinesResponse } from "./SearchMedicinesResponse";
import type { SearchPatientsRequest } from "./SearchPatientsRequest";
import type { SearchPatientsResponse } from "./SearchPatientsResponse";
import type { SeedAppointmentsRequest } from "./SeedAppointmentsRequest";
import type { SeedAppointmentsResponse } from "./SeedAppointmentsResponse";
import type { SeedHistoryRequest } from "./SeedHistoryRequest";
import type { SeedHistoryResponse } from "./SeedHistoryResponse";
import type { SeedPatientsRequest } from "./SeedPatientsRequest";
import type { Service } from "./Service";
import type { ServicesRequest } from "./ServicesRequest";
import type { ServicesResponse } from "./ServicesResponse";
import type { SetPriceRequest } from "./SetPriceRequest";
import type { SetStatusRequest } from "./SetStatusRequest";
import type { SetupRequest } from "./SetupRequest";
import type { SignInRequest } from "./SignInRequest";
import type { SignRequest } from "./SignRequest";
import type { SignedIn } from "./SignedIn";
import type { SlotsRequest } from "./SlotsRequest";
import type { SlotsResponse } from "./SlotsResponse";
import type { SpectacleRxRequest } from "./SpectacleRxRequest";
import type { StartCountRequest } from "./StartCountRequest";
import type { StartVisitRequest } from "./StartVisitRequest";
import type { StartVisitResponse } from "./StartVisitResponse";
import type { Statement } from "./Statement";
import type { StatementRequest } from "./StatementRequest";
import type { StockCount } from "./StockCount";
import type { StockRequest } from "./StockRequest";
import type { StockResponse } from "./StockResponse";
import type { TakingsReport } from "./TakingsReport";
import type { TaperTemplate } from "./TaperTemplate";
import type { TaperTemplatesRequest } from "./TaperTemplatesRequest";
import type { ToBillResponse } from "./ToBillResponse";
import type { ToDispenseRequest } from "./ToDispenseRequest";
import type { ToDispenseResponse } from "./ToDispenseResponse";
import type { UnlockRequest } from "./UnlockRequest";
import type { UpdatePatientRequest } from "./UpdatePatientRequest";
import type { UpdateUserRequest } from "./UpdateUserRequest";
import type { User } from "./User";
import type { UserIdRequest } from "./UserIdRequest";
import type { VerifyReport } from "./VerifyReport";
import type { VerifyRequest } from "./VerifyRequest";
import type { VisitRequest } from "./VisitRequest";
import type { VoidRequest } from "./VoidRequest";
import type { WalkInRequest } from "./WalkInRequest";
import type { WorkupDerived } from "./WorkupDerived";
import type { WorkupInput } from "./WorkupInput";
import type { ErrorCode } from "./ErrorCode";

export type Operations = {
  "app.info": { request: Empty, response: AppInfo },
  "app.setup": { request: SetupRequest, response: AppInfo },
  "app.rename_workstation": { request: RenameWorkstationRequest, response: AppInfo },
  "auth.sign_in": { request: SignInRequest, response: SignedIn },
  "auth.session": { request: Empty, response: CurrentUser },
  "auth.sign_out": { request: Empty, response: Empty },
  "auth.lock": { request: Empty, response: Empty },
  "auth.unlock": { request: UnlockRequest, response: CurrentUser },
  "auth.change_password": { request: ChangePasswordRequest, response: Empty },
  "users.list": { request: ListUsersRequest, response: Array<User> },
  "users.create": { request: CreateUserRequest, response: User },
  "users.update": { request: UpdateUserRequest, response: User },
  "users.reset_password": { request: ResetPasswordRequest, response: Empty },
  "users.unlock": { request: UserIdRequest, response: User },
  "settings.get": { request: Empty, response: ClinicSettings },
  "settings.update": { request: ClinicSettings, response: ClinicSettings },
  "audit.search": { request: AuditSearchRequest, response: AuditSearchResponse },
  "audit.patient_access": { request: PatientAccessRequest, response: AuditSearchResponse },
  "audit.verify": { request: VerifyRequest, response: VerifyReport },
  "patients.search": { request: SearchPatientsRequest, response: SearchPatientsResponse },
  "patients.register": { request: RegisterPatientRequest, response: RegisterPatientResponse },
  "patients.get": { request: GetPatientRequest, response: Patient },
  "patients.update": { request: UpdatePatientRequest, response: Patient },
  "patients.archive": { request: ArchivePatientRequest, response: Patient },
  "appointments.book": { request: BookRequest, response: Appointment },
  "appointments.set_status": { request: SetStatusRequest, response: Appointment },
  "appointments.day": { request: DayRequest, response: DayResponse },
  "appointments.reschedule": { request: RescheduleRequest, response: Appointment },
  "appointments.reassign": { request: ReassignRequest, response: ReassignResponse },
  "appointments.reassign_preview": { request: ReassignRequest, response: ReassignResponse },
  "appointments.walk_in": { request: WalkInRequest, response: Appointment },
  "appointments.slots": { request: SlotsRequest, response: SlotsResponse },
  "appointments.clinicians": { request: CliniciansRequest, response: CliniciansResponse },
  "appointments.range": { request: RangeRequest, response: RangeResponse },
  "appointments.for_patient": { request: PatientAppointmentsRequest, response: PatientAppointmentsResponse },
  "appointments.reminders": { request: RemindersRequest, response: RemindersResponse },
  "appointments.mark_called": { request: MarkCalledRequest, response: Reminder },
  "schedules.get": { request: ClinicianRequest, response: Schedule },
  "schedules.set": { request: Schedule, response: Schedule },
  "schedules.set_closed_day": { request: ClosedDayRequest, response: Empty },
  "schedules.closed_days": { request: ClosedDaysRequest, response: ClosedDaysResponse },
  "print.reminders": { request: PrintRemindersRequest, response: Document },
  "queue.board": { request: BoardRequest, response: BoardResponse },
  "queue.move": { request: MoveRequest, response: QueueCard },
  "exams.start_visit": { request: StartVisitRequest, response: StartVisitResponse },
  "exams.get": { request: VisitRequest, response: ExaminationView },
  "exams.check_workup": { request: WorkupInput, response: WorkupDerived },
  "exams.save_workup": { request: SaveWorkupRequest, response: ExaminationView },
  "exams.save_consultation": { request: SaveConsultationRequest, response: ExaminationView },
  "exams.sign": { request: SignRequest, response: ExaminationView },
  "exams.add_addendum": { request: AddendumRequest, response: ExaminationView },
  "exams.chart": { request: ChartRequest, response: Chart },
  "exams.recall": { request: RecallRequest, response: RecallResponse },
  "print.spectacle_rx": { request: SpectacleRxRequest, response: Document },
  "icd10.search": { request: Icd10SearchRequest, response: Icd10SearchResponse },
  "exam_settings.get": { request: Empty, response: ExamSettings },
  "exam_settings.update": { request: ExamSettings, response: ExamSettings },
  "prescriptions.get": { request: PrescriptionRequest, response: PrescriptionView },
  "prescriptions.save": { request: SavePrescriptionRequest, response: PrescriptionView },
  "prescriptions.vocabulary": { request: Empty, response: PrescriptionVocabulary },
  "prescriptions.templates": { request: TaperTemplatesRequest, response: Array<TaperTemplate> },
  "prescriptions.save_template": { request: SaveTaperTemplateRequest, response: TaperTemplate },
  "prescriptions.print": { request: MedicationRxRequest, response: Document },
  "pharmacy.medicines": { request: SearchMedicinesRequest, response: SearchMedicinesResponse },
  "pharmacy.medicine": { request: MedicineRequest, response: Medicine },
  "pharmacy.save_medicine": { request: SaveMedicineRequest, response: Medicine },
  "pharmacy.receive": { request: ReceiveRequest, response: Batch },
  "pharmacy.batches": { request: BatchesRequest, response: BatchesResponse },
  "pharmacy.adjust": { request: AdjustRequest, response: MovementPosted },
  "pharmacy.reverse": { request: ReverseRequest, response: MovementPosted },
  "pharmacy.quarantine": { request: QuarantineRequest, response: Batch },
  "pharmacy.start_count": { request: StartCountRequest, response: StockCount },
  "pharmacy.record_count": { request: RecordCountRequest, response: StockCount },
  "pharmacy.count": { request: CountRequest, response: StockCount },
  "pharmacy.post_count": { request: CountRequest, response: StockCount },
  "pharmacy.stock": { request: StockRequest, response: StockResponse },
  "pharmacy.alerts": { request: Empty, response: AlertsResponse },
  "pharmacy.movements": { request: MovementsRequest, response: MovementsResponse },
  "pharmacy.lot_recipients": { request: LotRecipientsRequest, response: LotRecipientsResponse },
  "pharmacy.print_stock": { request: Empty, response: Document },
  "pharmacy.print_alerts": { request: Empty, response: Document },
  "pharmacy.settings": { request: Empty, response: PharmacySettings },
  "pharmacy.save_settings": { request: PharmacySettings, response: PharmacySettings },
  "pharmacy.to_dispense": { request: ToDispenseRequest, response: ToDispenseResponse },
  "pharmacy.dispensing": { request: DispensingRequest, response: DispensingSheet },
  "pharmacy.dispense": { request: DispenseRequest, response: DispenseResult },
  "pharmacy.return_from_patient": { request: PatientReturnRequest, response: PatientReturnResult },
  "pharmacy.print_label": { request: DispensingLabelRequest, response: Document },
  "billing.services": { request: ServicesRequest, response: ServicesResponse },
  "billing.save_service": { request: SaveServiceRequest, response: Service },
  "billing.set_price": { request: SetPriceRequest, response: Service },
  "billing.to_bill": { request: Empty, response: ToBillResponse },
  "billing.propose": { request: ProposeRequest, response: Invoice },
  "billing.save_draft": { request: SaveDraftRequest, response: Invoice },
  "billing.issue": { request: InvoiceRequest, response: Invoice },
  "billing.void": { request: VoidRequest, response: Invoice },
  "billing.invoice": { request: InvoiceRequest, response: Invoice },
  "billing.pay": { request: PayRequest, response: PayResult },
  "billing.refund": { request: RefundRequest, response: Invoice },
  "billing.patient_invoices": { request: PatientInvoicesRequest, response: PatientInvoicesResponse },
  "billing.print_invoice": { request: PrintBillRequest, response: Document },
  "billing.print_receipt": { request: PrintBillRequest, response: Document },
  "billing.settings": { request: Empty, response: BillingSettings },
  "billing.save_settings": { request: BillingSettings, response: BillingSettings },
  "billing.cash_day": { request: CashDayRequest, response: CashDay },
  "billing.close_day": { request: CloseDayRequest, response: CashUp },
  "billing.cash_up": { request: CashUpRequest, response: CashUp },
  "billing.cash_ups": { request: CashUpsRequest, response: CashUpsResponse },
  "billing.takings": { request: PeriodRequest, response: TakingsReport },
  "billing.aging": { request: AgingRequest, response: AgingReport },
  "billing.statement": { request: StatementRequest, response: Statement },
  "billing.print_cash_up": { request: CashUpRequest, response: Document },
  "billing.export_report": { request: ExportReportRequest, response: Document },
  "billing.print_statement": { request: ExportStatementRequest, response: Document },
  "documents.printers": { request: Empty, response: Printers },
  "documents.choose_printer": { request: ChoosePrinterRequest, response: Printers },
  "documents.print": { request: PrintDocumentRequest, response: PrintJob },
  "demo.seed_patients": { request: SeedPatientsRequest, response: Empty },
  "demo.add_staff": { request: Empty, response: Empty },
  "demo.seed_appointments": { request: SeedAppointmentsRequest, response: SeedAppointmentsResponse },
  "demo.seed_history": { request: SeedHistoryRequest, response: SeedHistoryResponse },
};

export type OperationName = keyof Operations;

/** What each operation did, in the words the audit trail shows. */
export const OPERATION_LABELS: Record<OperationName, string> = {
  "app.info": "Read the workstation's details",
  "app.setup": "Set up the clinic",
  "app.rename_workstation": "Renamed the workstation",
  "auth.sign_in": "Signed in",
  "auth.session": "Checked the session",
  "auth.sign_out": "Signed out",
  "auth.lock": "Locked the screen",
  "auth.unlock": "Unlocked the screen",
  "auth.change_password": "Changed own password",
  "users.list": "Listed the users",
  "users.create": "Added a user",
  "users.update": "Changed a user",
  "users.reset_password": "Reset a password",
  "users.unlock": "Lifted a sign-in lockout",
  "settings.get": "Read the clinic settings",
  "settings.update": "Changed the clinic settings",
  "audit.search": "Searched the audit trail",
  "audit.patient_access": "Looked at who opened a record",
  "audit.verify": "Verified the audit trail",
  "patients.search": "Searched for patients",
  "patients.register": "Registered the patient",
  "patients.get": "Opened the record",
  "patients.update": "Changed the record",
  "patients.archive": "Archived or restored the record",
  "appointments.book": "Booked an appointment",
  "appointments.set_status": "Changed an appointment's status",
  "appointments.day": "Opened the day's book",
  "appointments.reschedule": "Rescheduled an appointment",
  "appointments.reassign": "Moved appointments to another clinician",
  "appointments.reassign_preview": "Previewed moving appointments to another clinician",
  "appointments.walk_in": "Added a walk-in",
  "appointments.slots": "Looked for free slots",
  "appointments.clinicians": "Listed the clinicians",
  "appointments.range": "Opened the book for several days",
  "appointments.for_patient": "Listed a patient's appointments",
  "appointments.reminders": "Opened the reminder calls",
  "appointments.mark_called": "Marked a reminder call",
  "schedules.get": "Read a clinician's schedule",
  "schedules.set": "Changed a clinician's schedule",
  "schedules.set_closed_day": "Closed or reopened a day",
  "schedules.closed_days": "Listed the closed days",
  "print.reminders": "Printed the reminder calls",
  "queue.board": "Opened the queue board",
  "queue.move": "Moved a patient on the board",
  "exams.start_visit": "Started a visit",
  "exams.get": "Opened the examination",
  "exams.check_workup": "Checked a work-up form",
  "exams.save_workup": "Saved the work-up",
  "exams.save_consultation": "Saved the consultation",
  "exams.sign": "Signed the examination",
  "exams.add_addendum": "Added an addendum",
  "exams.chart": "Opened the chart",
  "exams.recall": "Opened the recall list",
  "print.spectacle_rx": "Printed a spectacle prescription",
  "icd10.search": "Searched ICD-10 codes",
  "exam_settings.get": "Read the examination settings",
  "exam_settings.update": "Changed the examination settings",
  "prescriptions.get": "Opened the medication prescription",
  "prescriptions.save": "Saved the medication prescription",
  "prescriptions.vocabulary": "Read the prescription vocabulary",
  "prescriptions.templates": "Listed the taper templates",
  "prescriptions.save_template": "Saved a taper template",
  "prescriptions.print": "Printed a medication prescription",
  "pharmacy.medicines": "Searched the formulary",
  "pharmacy.medicine": "Opened a medicine",
  "pharmacy.save_medicine": "Saved a formulary medicine",
  "pharmacy.receive": "Received stock",
  "pharmacy.batches": "Listed a medicine's batches",
  "pharmacy.adjust": "Adjusted stock",
  "pharmacy.reverse": "Reversed a stock movement",
  "pharmacy.quarantine": "Quarantined or released a batch",
  "pharmacy.start_count": "Started a stock count",
  "pharmacy.record_count": "Recorded a stock count line",
  "pharmacy.count": "Opened a stock count",
  "pharmacy.post_count": "Posted a stock count",
  "pharmacy.stock": "Opened the stock list",
  "pharmacy.alerts": "Opened the stock alerts",
  "pharmacy.movements": "Opened stock movements",
  "pharmacy.lot_recipients": "Traced the patients who received a lot",
  "pharmacy.print_stock": "Printed the stock list",
  "pharmacy.print_alerts": "Printed the stock alerts",
  "pharmacy.settings": "Read the pharmacy settings",
  "pharmacy.save_settings": "Changed the pharmacy settings",
  "pharmacy.to_dispense": "Opened the pharmacy's list",
  "pharmacy.dispensing": "Opened a prescription to dispense",
  "pharmacy.dispense": "Dispensed medicines",
  "pharmacy.return_from_patient": "Took back a returned medicine",
  "pharmacy.print_label": "Printed a dispensing label",
  "billing.services": "Opened the price list",
  "billing.save_service": "Saved a service of the price list",
  "billing.set_price": "Set a price",
  "billing.to_bill": "Opened the billing list",
  "billing.propose": "Proposed an invoice",
  "billing.save_draft": "Changed a draft invoice",
  "billing.issue": "Issued an invoice",
  "billing.void": "Voided an invoice",
  "billing.invoice": "Opened an invoice",
  "billing.pay": "Took a payment",
  "billing.refund": "Refunded a payment",
  "billing.patient_invoices": "Opened a patient's invoices",
  "billing.print_invoice": "Printed an invoice",
  "billing.print_receipt": "Printed a receipt",
  "billing.settings": "Read the billing settings",
  "billing.save_settings": "Changed the billing settings",
  "billing.cash_day": "Opened the day's takings",
  "billing.close_day": "Closed the day's takings",
  "billing.cash_up": "Opened a day report",
  "billing.cash_ups": "Listed closed days",
  "billing.takings": "Read the takings report",
  "billing.aging": "Read the outstanding balances",
  "billing.statement": "Read a patient's statement",
  "billing.print_cash_up": "Printed a day report",
  "billing.export_report": "Exported a billing report",
  "billing.print_statement": "Printed a patient's statement",
  "documents.printers": "Listed the printers",
  "documents.choose_printer": "Chose the workstation's printer",
  "documents.print": "Printed a document",
  "demo.seed_patients": "Added demo patients",
  "demo.add_staff": "Added the demo staff",
  "demo.seed_appointments": "Added demo appointments",
  "demo.seed_history": "Added demo past visits",
};

/** Every error code the core answers with. */
export const ERROR_CODES: readonly ErrorCode[] = ["validation", "bad_request", "not_found", "permission_denied", "conflict", "unauthenticated", "locked", "busy", "storage"];
