//! The clinic pharmacy: the formulary, stock as an append-only ledger of movements per batch, stock counts, alerts
//! and reports, and dispensing against signed prescriptions. Quantities are whole packs; on hand is always the sum
//! of a batch's movements, never a stored number two workstations could overwrite.

pub mod adjust;
pub mod count;
pub mod dispensing;
pub mod formulary;
pub mod ledger;
pub mod ops;
pub mod receive;
pub mod reports;
pub mod settings;
pub mod starter;

pub use formulary::{Form, PackUnit, Route};
pub use ledger::{BatchOnHand, MovementKind, NewMovement};

/// Clinic setting: drops in one mL of an eye drop, for "will one bottle last the course" (products vary).
pub const DROPS_PER_ML_KEY: &str = "pharmacy_drops_per_ml";
pub const DEFAULT_DROPS_PER_ML: u32 = 20;
/// Clinic setting: days ahead that "expiring soon" looks.
pub const EXPIRY_WARNING_DAYS_KEY: &str = "pharmacy_expiry_warning_days";
pub const DEFAULT_EXPIRY_WARNING_DAYS: u32 = 60;
