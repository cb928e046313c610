//! Operations of this area (declared with `op!`, listed below in catalog order): the price list, invoices from the
//! visit, payments and refunds, and billing's settings.
//!
//! Cashiers hold `Billing`; voids, refunds and discounts above the clinic's limit need permissions of their own.
//! The price list and the settings are the clinic's, changed with `ManageSettings`.

use super::cashup::{
    self, CashDay, CashDayRequest, CashUp, CashUpRequest, CashUpsRequest, CashUpsResponse,
    CloseDayRequest,
};
use super::exports::{self, ExportReportRequest, ExportStatementRequest};
use super::invoice::{
    self, Invoice, InvoiceRequest, ProposeRequest, SaveDraftRequest, VoidRequest,
};
use super::lists::{self, PatientInvoicesRequest, PatientInvoicesResponse, ToBillResponse};
use super::payments::{self, PayRequest, PayResult, RefundRequest};
use super::prices::{self, SaveServiceRequest, ServicesRequest, ServicesResponse, SetPriceRequest};
use super::print::{self, PrintBillRequest};
use super::reports::{
    self, AgingReport, AgingRequest, PeriodRequest, Statement, StatementRequest, TakingsReport,
};
use super::settings::{self, BillingSettings};
use crate::catalog::{Empty, area_operations, op};

/// The price list's service, as the price operations answer it.
pub use super::prices::Service;

op! {
    Services = "billing.services", Billing,
    summary: "The price list by code: each service with today's price and tax rate, and every dated price.",
    label: "Opened the price list",
    fn(cx, r: ServicesRequest) -> ServicesResponse {
        prices::services(cx, &r)
    }
}
op! {
    SaveService = "billing.save_service", ManageSettings,
    summary: "Add a service to the price list or change one (code unique, kind, active).",
    label: "Saved a service of the price list",
    fn(cx, r: SaveServiceRequest) -> Service {
        prices::save_service(cx, &r)
    }
}
op! {
    SetPrice = "billing.set_price", ManageSettings,
    summary: "Set a service's price and tax rate from a date on; issued invoices keep the price they were issued with.",
    label: "Set a price",
    fn(cx, r: SetPriceRequest) -> Service {
        prices::set_price(cx, &r)
    }
}
op! {
    ToBill = "billing.to_bill", Billing,
    summary: "Visits at the billing stage, longest waiting first, with their draft's total and what is still owed.",
    label: "Opened the billing list",
    fn(cx, _r: Empty) -> ToBillResponse {
        lists::to_bill(cx)
    }
}
op! {
    Propose = "billing.propose", Billing,
    summary: "A draft invoice from the visit: consultation by appointment kind, refraction for a work-up, dispensed medicines with their lots.",
    label: "Proposed an invoice",
    fn(cx, r: ProposeRequest) -> Invoice {
        invoice::propose(cx, &r)
    }
}
op! {
    SaveDraft = "billing.save_draft", Billing,
    summary: "Replace a draft's payer and lines (priced by the core); a discount needs a reason, above the limit a manager.",
    label: "Changed a draft invoice",
    fn(cx, r: SaveDraftRequest) -> Invoice {
        invoice::save_draft(cx, &r)
    }
}
op! {
    Issue = "billing.issue", Billing,
    summary: "Issue a draft with this workstation's next gapless number (C1-2026-000123); an issued invoice never changes.",
    label: "Issued an invoice",
    fn(cx, r: InvoiceRequest) -> Invoice {
        invoice::issue(cx, &r)
    }
}
op! {
    Void = "billing.void", VoidInvoices,
    summary: "Void an issued invoice with a reason (it stays, marked void); refused while payments stand on it.",
    label: "Voided an invoice",
    fn(cx, r: VoidRequest) -> Invoice {
        invoice::void(cx, &r)
    }
}
op! {
    GetInvoice = "billing.invoice", Billing,
    summary: "One invoice: lines, totals, payments and refunds, the balance and the patient's credit.",
    label: "Opened an invoice",
    fn(cx, r: InvoiceRequest) -> Invoice {
        invoice::get(cx, &r)
    }
}
op! {
    Pay = "billing.pay", Billing,
    summary: "Take a payment (cash with change, card, mobile money, transfer, cheque, credit); paid in full moves the visit to done.",
    label: "Took a payment",
    fn(cx, r: PayRequest) -> PayResult {
        payments::pay(cx, &r)
    }
}
op! {
    Refund = "billing.refund", RefundPayments,
    summary: "Refund part or all of a payment, never more than is left of it, with a reason.",
    label: "Refunded a payment",
    fn(cx, r: RefundRequest) -> Invoice {
        payments::refund(cx, &r)
    }
}
op! {
    PatientInvoices = "billing.patient_invoices", Billing,
    summary: "A patient's invoices, newest first, with what they owe and their credit.",
    label: "Opened a patient's invoices",
    fn(cx, r: PatientInvoicesRequest) -> PatientInvoicesResponse {
        lists::patient_invoices(cx, &r)
    }
}
op! {
    GetSettings = "billing.settings", Billing,
    summary: "Billing's settings: free follow-up days, the discount limit and the tax on medicines.",
    label: "Read the billing settings",
    fn(cx, _r: Empty) -> BillingSettings {
        cx.read(settings::load)
    }
}
op! {
    SaveSettings = "billing.save_settings", ManageSettings,
    summary: "Change the free follow-up days (0 to 365), the discount limit and the tax on medicines (basis points).",
    label: "Changed the billing settings",
    fn(cx, r: BillingSettings) -> BillingSettings {
        cx.write(|w| settings::save(w, &r))?;
        cx.read(settings::load)
    }
}

op! {
    CashDayOp = "billing.cash_day", Billing,
    summary: "The caller's takings at this workstation on a day (today by default): by method, every payment and refund, and the closing once closed.",
    label: "Opened the day's takings",
    fn(cx, r: CashDayRequest) -> CashDay {
        cashup::day(cx, &r)
    }
}
op! {
    CloseDay = "billing.close_day", Billing,
    summary: "Close the caller's day at this workstation: counted against expected per method (cash by notes and coins if wished), a reason for any variance; numbered, then locked.",
    label: "Closed the day's takings",
    fn(cx, r: CloseDayRequest) -> CashUp {
        cashup::close(cx, &r)
    }
}
op! {
    GetCashUp = "billing.cash_up", Billing,
    summary: "One closed day's report: the cashier's own, or anyone's with the reports permission.",
    label: "Opened a day report",
    fn(cx, r: CashUpRequest) -> CashUp {
        cashup::get(cx, &r)
    }
}
op! {
    CashUps = "billing.cash_ups", ReadReports,
    summary: "Every closed day between two dates, all cashiers and workstations, with their variances.",
    label: "Listed closed days",
    fn(cx, r: CashUpsRequest) -> CashUpsResponse {
        cashup::list(cx, &r)
    }
}

op! {
    Takings = "billing.takings", ReadReports,
    summary: "Takings over a period by clinic day and method, and what was invoiced by service and medicine.",
    label: "Read the takings report",
    fn(cx, r: PeriodRequest) -> TakingsReport {
        reports::takings(cx, &r)
    }
}
op! {
    Aging = "billing.aging", ReadReports,
    summary: "What is owed on issued invoices as of a day, by age: 0-30, 31-60, 61-90 and over 90 days.",
    label: "Read the outstanding balances",
    fn(cx, r: AgingRequest) -> AgingReport {
        reports::aging(cx, &r)
    }
}
op! {
    PatientStatement = "billing.statement", Billing,
    summary: "A patient's statement: their invoices, payments, refunds and voids in order with the running balance.",
    label: "Read a patient's statement",
    fn(cx, r: StatementRequest) -> Statement {
        reports::statement(cx, &r)
    }
}

op! {
    PrintCashUp = "billing.print_cash_up", Billing,
    summary: "Save a closed day's report as a PDF: the cashier's own, or anyone's with the reports permission.",
    label: "Printed a day report",
    fn(cx, r: CashUpRequest) -> crate::documents::Document {
        exports::print_cash_up(cx, &r)
    }
}
op! {
    ExportReport = "billing.export_report", ReadReports,
    summary: "Save a billing report (takings, takings by item, outstanding balances, closed days) as a PDF or CSV file.",
    label: "Exported a billing report",
    fn(cx, r: ExportReportRequest) -> crate::documents::Document {
        exports::export_report(cx, &r)
    }
}
op! {
    ExportStatement = "billing.print_statement", Billing,
    summary: "Save a patient's statement as a PDF or CSV file.",
    label: "Printed a patient's statement",
    fn(cx, r: ExportStatementRequest) -> crate::documents::Document {
        exports::export_statement(cx, &r)
    }
}

op! {
    PrintInvoice = "billing.print_invoice", Billing,
    summary: "Save an issued invoice as a PDF (by its id or number): letterhead with registration details, lines with tax, totals, payments, balance.",
    label: "Printed an invoice",
    fn(cx, r: PrintBillRequest) -> crate::documents::Document {
        print::print_invoice(cx, &r)
    }
}
op! {
    PrintReceipt = "billing.print_receipt", Billing,
    summary: "Save the receipt for what was paid on an invoice as a PDF: every payment with its method, change and cashier, and the balance.",
    label: "Printed a receipt",
    fn(cx, r: PrintBillRequest) -> crate::documents::Document {
        print::print_receipt(cx, &r)
    }
}
// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    Services,
    SaveService,
    SetPrice,
    ToBill,
    Propose,
    SaveDraft,
    Issue,
    Void,
    GetInvoice,
    Pay,
    Refund,
    PatientInvoices,
    PrintInvoice,
    PrintReceipt,
    GetSettings,
    SaveSettings,
    CashDayOp,
    CloseDay,
    GetCashUp,
    CashUps,
    Takings,
    Aging,
    PatientStatement,
    PrintCashUp,
    ExportReport,
    ExportStatement,
}
