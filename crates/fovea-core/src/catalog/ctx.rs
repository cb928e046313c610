//! The context an operation runs in: who is calling, and the audit notes the operation leaves behind.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::accounts::CurrentUser;
use crate::audit::{self, Actor, NewEntry, Outcome};
use crate::sync::Writer;
use crate::{Fovea, Result};

pub struct Ctx<'a> {
    pub fovea: &'a Fovea,
    /// The session token sent with the call, valid or not (sign-in and unlock need it).
    pub session: Option<&'a str>,
    /// The signed-in caller; `None` only for public and set-up operations.
    pub user: Option<CurrentUser>,
    pub operation: &'static str,
    patient: RefCell<Option<String>>,
    detail: RefCell<Option<String>>,
    audited: Cell<bool>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        fovea: &'a Fovea,
        session: Option<&'a str>,
        user: Option<CurrentUser>,
        operation: &'static str,
    ) -> Self {
        Ctx {
            fovea,
            session,
            user,
            operation,
            patient: RefCell::new(None),
            detail: RefCell::new(None),
            audited: Cell::new(false),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.fovea.now()
    }

    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.fovea.read(f)
    }

    /// Runs `f` in one transaction and records the audit entry for this operation (who, which rows, which
    /// patient) in the same transaction, so a change and its audit entry are committed together or not at all.
    /// (If the transaction fails, nothing was written and `audited` stays false.)
    pub fn write<T>(&self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.fovea.write(|w| {
            let out = f(w)?;
            let rows = w.touched();
            // A save that changed nothing is audited as an access (by `finish`), not as a write.
            if !rows.is_empty() {
                let mut entry = self.entry(self.actor(), Outcome::Ok, self.noted_detail());
                entry.rows = rows;
                audit::append(w, &entry)?;
                self.audited.set(true);
            }
            Ok(out)
        })
    }

    /// The signed-in caller as the audit trail names them.
    pub fn actor(&self) -> Actor {
        match &self.user {
            Some(u) => Actor {
                user_id: Some(u.id.clone()),
                username: Some(u.username.clone()),
            },
            None => Actor::default(),
        }
    }

    /// An audit entry for this operation, with the noted patient.
    pub fn entry(&self, actor: Actor, outcome: Outcome, detail: Option<String>) -> NewEntry {
        NewEntry {
            actor,
            operation: self.operation.to_string(),
            outcome,
            patient_id: self.noted_patient(),
            rows: Vec::new(),
            detail,
        }
    }

    /// Records that this operation read or changed this patient's record.
    pub fn note_patient(&self, patient_id: &str) {
        *self.patient.borrow_mut() = Some(patient_id.to_string());
    }

    /// A short description for the audit trail (for example the search typed).
    pub fn note_detail(&self, detail: impl Into<String>) {
        *self.detail.borrow_mut() = Some(detail.into());
    }

    fn noted_patient(&self) -> Option<String> {
        self.patient.borrow().clone()
    }

    fn noted_detail(&self) -> Option<String> {
        self.detail.borrow().clone()
    }

    /// Writes this operation's audit entry now, in its own transaction (reads, refusals).
    pub fn audit(&self, outcome: Outcome) -> Result<()> {
        let entry = self.entry(self.actor(), outcome, self.noted_detail());
        self.fovea.write(|w| audit::append(w, &entry))?;
        self.audited.set(true);
        Ok(())
    }

    /// Reads that touched a patient's record are audited once the operation has succeeded.
    pub(crate) fn finish(&self) -> Result<()> {
        if !self.audited.get()
            && (self.patient.borrow().is_some() || self.detail.borrow().is_some())
        {
            self.audit(Outcome::Ok)?;
        }
        Ok(())
    }
}
