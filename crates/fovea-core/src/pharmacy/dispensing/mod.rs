//! Dispensing: the pharmacy's queue of signed prescriptions, batches proposed first expiry first out, packs handed
//! over or the reason a line was not, the dispensing label, and the visit moving on to billing.

pub mod ops;
