//! Roles and what each may do. A user may hold several roles and gets the union of their permissions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::Permission::{self, *};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Admin,
    Doctor,
    Optometrist,
    Receptionist,
    Pharmacist,
    Cashier,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Doctor,
        Role::Optometrist,
        Role::Receptionist,
        Role::Pharmacist,
        Role::Cashier,
    ];

    /// The clinic's defaults. Receptionists see demographics and appointments, not clinical notes; optometrists
    /// record work-ups; doctors do everything clinical and sign; pharmacists dispense and keep stock; cashiers
    /// bill; administrators manage people, settings, backups, sync and the audit trail, and see demographics (to
    /// filter the trail by patient) but not clinical notes unless they also hold a clinical role. Administrators also bill
    /// and alone void invoices, refund payments and give discounts above the clinic's limit (a cashier only bills).
    pub fn permissions(self) -> &'static [Permission] {
        match self {
            Role::Admin => &[
                SignedIn,
                ManageWorkstation,
                ReadPatients,
                ManageUsers,
                ManageSettings,
                ReadAudit,
                ManageBackups,
                ManageSync,
                ReadStock,
                Billing,
                VoidInvoices,
                RefundPayments,
                DiscountAboveLimit,
                ReadReports,
            ],
            Role::Doctor => &[
                SignedIn,
                ReadPatients,
                WritePatients,
                ReadClinical,
                WriteWorkup,
                WriteConsultation,
                SignClinical,
                ManageAppointments,
                UseQueue,
                ReadStock,
            ],
            Role::Optometrist => &[
                SignedIn,
                ReadPatients,
                ReadClinical,
                WriteWorkup,
                ManageAppointments,
                UseQueue,
            ],
            Role::Receptionist => &[
                SignedIn,
                ReadPatients,
                WritePatients,
                ManageAppointments,
                UseQueue,
            ],
            Role::Pharmacist => &[
                SignedIn,
                ReadPatients,
                UseQueue,
                ReadStock,
                Dispense,
                ManageStock,
            ],
            Role::Cashier => &[SignedIn, ReadPatients, UseQueue, ReadStock, Billing],
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Doctor => "doctor",
            Role::Optometrist => "optometrist",
            Role::Receptionist => "receptionist",
            Role::Pharmacist => "pharmacist",
            Role::Cashier => "cashier",
        }
    }
}

/// The permissions of someone holding `roles`, sorted and without repeats.
pub fn permissions_of(roles: &[Role]) -> Vec<Permission> {
    let mut p: Vec<Permission> = roles
        .iter()
        .flat_map(|r| r.permissions().iter().copied())
        .collect();
    p.sort();
    p.dedup();
    p
}
