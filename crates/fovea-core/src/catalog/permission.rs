//! Permissions: what an operation requires of its caller. Each operation declares one; roles map to sets of them
//! (see [`crate::accounts::Role::permissions`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Permission {
    /// Anyone at the keyboard, signed in or not (what clinic is this, sign in).
    Public,
    /// First-start set-up of an empty database; refused once set up.
    Setup,
    /// Any signed-in user (their own session and password, reading clinic settings).
    SignedIn,
    /// Change this workstation's settings.
    ManageWorkstation,
    /// Find patients and read their demographics.
    ReadPatients,
    /// Register patients and edit or archive their demographics.
    WritePatients,
    /// Create, edit and deactivate staff accounts; reset passwords; lift lockouts.
    ManageUsers,
    /// Change the clinic's settings.
    ManageSettings,
    /// Read and verify the audit trail.
    ReadAudit,
    /// Read examinations, consultations and prescriptions.
    ReadClinical,
    /// Record the optometry work-up.
    WriteWorkup,
    /// Record consultations, diagnoses and prescriptions.
    WriteConsultation,
    /// Sign clinical records.
    SignClinical,
    /// Book, check in and move patients through the day.
    ManageAppointments,
    /// See the queue board and move patients between its stages.
    UseQueue,
    /// See the formulary, what is in stock and when it expires (prescribing, pricing, reports).
    ReadStock,
    /// Dispense medicines.
    Dispense,
    /// Receive and adjust stock.
    ManageStock,
    /// Invoices and payments: propose, change and issue invoices, take payments, read the price list.
    Billing,
    /// Void an issued invoice, with a reason.
    VoidInvoices,
    /// Refund a payment, never more than was paid.
    RefundPayments,
    /// Give a line a discount larger than the clinic's limit (setting `billing_discount_limit_bp`).
    DiscountAboveLimit,
    /// The clinic's reports: takings by day, method and service, balances outstanding by age, every cashier's
    /// closed days.
    ReadReports,
    /// Back up and restore the database.
    ManageBackups,
    /// Export and import sync bundles.
    ManageSync,
}
