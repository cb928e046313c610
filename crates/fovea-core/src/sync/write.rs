//! The one write path for replicated data. Each insert or update of a replicated row appends an operation-log entry
//! (site, sequence, HLC, table, row, changed fields) in the same transaction, so the log can never miss a change.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Transaction, params};
use serde_json::{Map, Value};

use super::{Clock, ReplicatedTable};
use crate::{Error, Result};

/// A transaction in progress. Replicated rows change only through [`Writer::insert`] and [`Writer::update`];
/// [`Writer::tx`] is for reads and for this workstation's local tables.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    clock: &'a Clock,
    site_id: &'a str,
    /// The moment of this write, from the workstation's one clock ([`crate::Fovea::now`], which tests inject).
    now: DateTime<Utc>,
    touched: std::cell::RefCell<Vec<String>>,
}

impl<'a> Writer<'a> {
    pub(crate) fn new(
        tx: Transaction<'a>,
        clock: &'a Clock,
        site_id: &'a str,
        now: DateTime<Utc>,
    ) -> Self {
        Writer {
            tx,
            clock,
            site_id,
            now,
            touched: Default::default(),
        }
    }

    /// When this write happens: every `created_at`/`updated_at` it stores, and the operation log's `applied_at`.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// This workstation's permanent identity in the operation log and the audit chain.
    pub fn site_id(&self) -> &str {
        self.site_id
    }

    /// [`Writer::now`] as stored (RFC 3339, milliseconds, UTC).
    pub fn stamp(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// The rows this transaction has written so far, as `table:id`.
    pub fn touched(&self) -> Vec<String> {
        self.touched.borrow().clone()
    }

    pub(crate) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    /// The open transaction, for reads and local (non-replicated) tables.
    pub fn tx(&self) -> &Transaction<'a> {
        &self.tx
    }

    /// Inserts a new row with `fields` and logs every field.
    pub fn insert(
        &self,
        table: ReplicatedTable,
        id: &str,
        fields: &Map<String, Value>,
    ) -> Result<()> {
        let cols = checked_columns(table, fields)?;
        let sql = format!(
            "INSERT INTO {} (id{}) VALUES (?1{})",
            table.name,
            cols.iter().map(|c| format!(", {c}")).collect::<String>(),
            (0..cols.len())
                .map(|i| format!(", ?{}", i + 2))
                .collect::<String>()
        );
        let mut values: Vec<SqlValue> = vec![SqlValue::Text(id.to_string())];
        values.extend(cols.iter().map(|c| to_sql(&fields[*c])));
        self.tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
        self.log(table, id, fields)
    }

    /// Sets `changed` fields of an existing row and logs them. Nothing happens, and nothing is logged, when
    /// `changed` is empty.
    pub fn update(
        &self,
        table: ReplicatedTable,
        id: &str,
        changed: &Map<String, Value>,
    ) -> Result<()> {
        if changed.is_empty() {
            return Ok(());
        }
        let cols = checked_columns(table, changed)?;
        let sets: Vec<String> = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let sql = format!(
            "UPDATE {} SET {} WHERE id = ?1",
            table.name,
            sets.join(", ")
        );
        let mut values: Vec<SqlValue> = vec![SqlValue::Text(id.to_string())];
        values.extend(cols.iter().map(|c| to_sql(&changed[*c])));
        let n = self
            .tx
            .prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(values))?;
        if n == 0 {
            return Err(Error::not_found(format!("No {} row {id}.", table.name)));
        }
        self.log(table, id, changed)
    }

    /// Inserts the row if it does not exist, else updates the given fields.
    pub fn upsert(
        &self,
        table: ReplicatedTable,
        id: &str,
        fields: &Map<String, Value>,
    ) -> Result<()> {
        let exists: bool = self
            .tx
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1)",
                table.name
            ))?
            .query_row([id], |r| r.get(0))?;
        if exists {
            self.update(table, id, fields)
        } else {
            self.insert(table, id, fields)
        }
    }

    fn log(&self, table: ReplicatedTable, id: &str, fields: &Map<String, Value>) -> Result<()> {
        let key = format!("{}:{id}", table.name);
        if !self.touched.borrow().contains(&key) {
            self.touched.borrow_mut().push(key);
        }
        let hlc = self.clock.now();
        let seq: i64 = self
            .tx
            .prepare_cached(
                "UPDATE site SET last_seq = last_seq + 1, max_hlc = ?1 RETURNING last_seq",
            )?
            .query_row([&hlc], |r| r.get(0))?;
        let json = Value::Object(fields.clone()).to_string();
        self.tx
            .prepare_cached(
                "INSERT INTO oplog (site_id, seq, hlc, tbl, row_id, fields, applied_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![self.site_id, seq, hlc, table.name, id, json, self.stamp()])?;
        Ok(())
    }
}

fn checked_columns(table: ReplicatedTable, fields: &Map<String, Value>) -> Result<Vec<&str>> {
    fields
        .keys()
        .map(|k| {
            if table.columns.contains(&k.as_str()) {
                Ok(k.as_str())
            } else {
                Err(Error::bad_request(format!(
                    "`{}` has no replicated column `{k}`.",
                    table.name
                )))
            }
        })
        .collect()
}

/// How a JSON field value is stored: arrays and objects as JSON text, booleans as 0/1.
pub fn to_sql(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => SqlValue::Text(v.to_string()),
    }
}
