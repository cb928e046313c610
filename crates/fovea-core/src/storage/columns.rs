//! How values that are not plain text or numbers are stored in columns, and read back: an enum as its serde name
//! (`"waiting_doctor"`), a list as JSON. Reading fails loudly on a value this version does not know — a corrupt or
//! tampered row is an error that names the column's type and the value, never a silent default such as
//! `scheduled` for any status it cannot read.

use rusqlite::types::{FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The stored name of an enum value (its serde name).
pub fn name_of<T: Serialize>(value: &T) -> rusqlite::Result<ToSqlOutput<'static>> {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => Ok(ToSqlOutput::from(s)),
        other => Err(rusqlite::Error::ToSqlConversionFailure(
            format!("not stored as a name: {other:?}").into(),
        )),
    }
}

/// An enum value from its stored name; an unknown name is an error.
pub fn from_name<T: DeserializeOwned>(value: ValueRef<'_>, what: &str) -> FromSqlResult<T> {
    let text = value.as_str()?;
    serde_json::from_value(Value::String(text.to_string()))
        .map_err(|_| FromSqlError::Other(format!("`{text}` is not a known {what}").into()))
}

/// A value stored as JSON text (a list of phone numbers, of roles); what does not decode is an error.
pub fn json<T: DeserializeOwned>(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("`{text}` is not what this column holds: {e}").into(),
        )
    })
}

/// Stores the listed enums by name (`ToSql`) and reads them back strictly (`FromSql`).
macro_rules! stored_by_name {
    ($($ty:ty => $what:literal),* $(,)?) => {
        $(
            impl rusqlite::types::ToSql for $ty {
                fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                    $crate::storage::columns::name_of(self)
                }
            }
            impl rusqlite::types::FromSql for $ty {
                fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                    $crate::storage::columns::from_name(value, $what)
                }
            }
        )*
    };
}

stored_by_name! {
    crate::appointments::Stage => "visit stage",
    crate::appointments::AppointmentStatus => "appointment status",
    crate::appointments::AppointmentKind => "appointment kind",
    crate::patients::Sex => "sex",
    crate::audit::Outcome => "audit outcome",
    crate::accounts::Role => "role",
    crate::pharmacy::MovementKind => "stock movement kind",
    crate::pharmacy::Form => "medicine form",
    crate::pharmacy::Route => "medicine route",
    crate::pharmacy::PackUnit => "pack unit",
    crate::pharmacy::dispensing::DispenseOutcome => "dispensing outcome",
    crate::pharmacy::dispensing::NotDispensedReason => "reason not dispensed",
    crate::billing::ServiceKind => "service kind",
    crate::billing::InvoiceStatus => "invoice status",
    crate::billing::PayerKind => "payer kind",
    crate::billing::PaymentMethod => "payment method",
    crate::billing::PaymentKind => "payment kind",
}

#[cfg(test)]
mod tests {
    use crate::appointments::{AppointmentStatus, Stage};

    #[test]
    fn enums_round_trip_by_name_and_unknown_names_are_errors() {
        let dir = tempfile::tempdir().expect("temp dir");
        let conn = crate::storage::open_connection(&dir.path().join("t.db")).expect("open");
        let stored: String = conn
            .query_row("SELECT ?1", [Stage::WaitingDoctor], |r| r.get(0))
            .expect("store");
        assert_eq!(stored, "waiting_doctor");
        let back: AppointmentStatus = conn
            .query_row("SELECT 'checked_in'", [], |r| r.get(0))
            .expect("read");
        assert_eq!(back, AppointmentStatus::CheckedIn);
        let err = conn
            .query_row("SELECT 'sheduled'", [], |r| {
                r.get::<_, AppointmentStatus>(0)
            })
            .expect_err("a misspelt status");
        assert!(
            err.to_string()
                .contains("`sheduled` is not a known appointment status"),
            "{err}"
        );
        let err = conn
            .query_row("SELECT 42", [], |r| r.get::<_, Stage>(0))
            .expect_err("a number");
        assert!(
            matches!(err, rusqlite::Error::InvalidColumnType(..)),
            "{err}"
        );
    }
}
