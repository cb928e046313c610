//! The day's takings at the cash desk. A cashier's day at a workstation is what they received and refunded there
//! on one clinic day, by method; closing it records what they counted against what the payments say, the variance
//! and its reason, as a numbered day report. A closed day is locked: that cashier takes no more payments or refunds
//! at that desk on that day, and a correction made later (a refund of one of its payments) is a new row on the day
//! it is made, so a printed day report stays true.
//!
//! Money methods are counted; payments from the patient's credit move no money and are shown apart.

use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::{PaymentKind, PaymentMethod, Permission, currency, may, user_id};
use crate::catalog::Ctx;
use crate::sync::tables::CASH_UPS;
use crate::text::{self, Lines};
use crate::{Error, Result, clinic, time, workstation};

const MAX_REASON: usize = 500;
/// More notes or coins of one value than any drawer holds.
const MAX_PIECES: i64 = 1_000_000;
/// Far above any day's takings, far below overflow.
const MAX_COUNTED_MINOR: i64 = 1_000_000_000_000;

/// The methods that put money in a drawer or an account, in the order the day sheet lists them.
pub const MONEY_METHODS: [PaymentMethod; 5] = [
    PaymentMethod::Cash,
    PaymentMethod::Card,
    PaymentMethod::MobileMoney,
    PaymentMethod::BankTransfer,
    PaymentMethod::Cheque,
];

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CashDayRequest {
    /// ISO date of the clinic day; today when none.
    #[serde(default)]
    pub day: Option<String>,
}

/// One method's takings of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MethodTakings {
    pub method: PaymentMethod,
    pub payments: u32,
    pub refunds: u32,
    pub received_minor: i64,
    pub refunded_minor: i64,
    /// Received less refunded: what the count should find.
    pub expected_minor: i64,
}

/// A payment or refund of the day, for the cashier to check against slips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayTransaction {
    pub payment_id: String,
    pub received_at: String,
    pub kind: PaymentKind,
    pub method: PaymentMethod,
    pub amount_minor: i64,
    pub reference: Option<String>,
    pub invoice_id: String,
    pub invoice_number: Option<String>,
    pub patient_name: String,
    pub patient_mrn: String,
}

/// A cashier's day at this workstation: what the payments say, and the closing once it is closed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CashDay {
    pub day: String,
    pub workstation: String,
    pub cashier_id: String,
    pub cashier_name: String,
    pub currency: String,
    /// Every money method, cash first, with the day's figures (zero when unused).
    pub methods: Vec<MethodTakings>,
    /// The sum of the methods' expected amounts.
    pub expected_minor: i64,
    /// Paid from patients' credit: no money moved.
    pub credit_used_minor: i64,
    /// Oldest first.
    pub transactions: Vec<DayTransaction>,
    pub closed: Option<CashUp>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CountedMethod {
    pub method: PaymentMethod,
    pub counted_minor: i64,
}

/// Notes or coins of one value, as counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Denomination {
    pub value_minor: i64,
    pub count: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CloseDayRequest {
    /// ISO date of the clinic day; today when none. A past day not yet closed may be closed late.
    #[serde(default)]
    pub day: Option<String>,
    /// What was counted per method. Every method the day used must be counted; cash may instead come from
    /// `denominations`.
    pub counted: Vec<CountedMethod>,
    /// The cash counted by notes and coins; when given, it must add up to the cash counted.
    #[serde(default)]
    pub denominations: Option<Vec<Denomination>>,
    /// Required when any count differs from what the payments say.
    #[serde(default)]
    pub variance_reason: Option<String>,
}

/// One method's line of a closed day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CashUpMethod {
    pub method: PaymentMethod,
    pub expected_minor: i64,
    pub counted_minor: i64,
    /// Counted − expected: positive when the drawer holds more than the payments say.
    pub variance_minor: i64,
}

/// A closed day: the numbered day report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CashUp {
    pub id: String,
    /// `<workstation>-DAY-<year>-<0001>`, gapless per workstation.
    pub number: String,
    pub workstation: String,
    pub cashier_id: String,
    pub cashier_name: String,
    pub clinic_day: String,
    pub currency: String,
    pub methods: Vec<CashUpMethod>,
    pub denominations: Option<Vec<Denomination>>,
    pub expected_minor: i64,
    pub counted_minor: i64,
    pub variance_minor: i64,
    pub variance_reason: Option<String>,
    pub payments: u32,
    pub refunds: u32,
    pub closed_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CashUpsRequest {
    /// ISO dates, both included.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CashUpsResponse {
    pub currency: String,
    /// By day, then workstation, then number.
    pub cash_ups: Vec<CashUp>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CashUpRequest {
    pub cash_up_id: String,
}

/// Parses an ISO day (`field` names it in the error); today when none. A day after today is refused.
pub(crate) fn day_or_today(
    conn: &Connection,
    cx: &Ctx<'_>,
    field: &str,
    day: Option<&str>,
) -> Result<NaiveDate> {
    let today = clinic::locale(conn, cx.now())?.today;
    let Some(s) = day.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(today);
    };
    let d: NaiveDate = s
        .parse()
        .map_err(|_| Error::validation(field, "Give the day as YYYY-MM-DD."))?;
    if d > today {
        return Err(Error::validation(
            field,
            "That day has not come yet; its takings cannot be closed or read.",
        ));
    }
    Ok(d)
}

/// The UTC instants between which clinic day `day` runs: [start, end).
pub(crate) fn day_bounds(conn: &Connection, day: NaiveDate) -> Result<(String, String)> {
    let tz = clinic::get(conn, clinic::TIME_ZONE)?;
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    Ok((
        time::day_start_utc(day, tz.as_deref()),
        time::day_start_utc(next, tz.as_deref()),
    ))
}

fn desk(conn: &Connection) -> Result<String> {
    workstation::code(conn)?.ok_or_else(|| {
        Error::conflict("This workstation has no code yet; set one before taking payments.")
    })
}

fn user_name(conn: &Connection, id: &str) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT full_name FROM users WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// Refuses a payment or refund by `user` at this workstation now if they have already closed today there.
pub(crate) fn ensure_open(conn: &Connection, cx: &Ctx<'_>, user: &str) -> Result<()> {
    let Some(ws) = workstation::code(conn)? else {
        return Ok(());
    };
    let today = clinic::locale(conn, cx.now())?.today.to_string();
    let closed: Option<String> = conn
        .prepare_cached(
            "SELECT number FROM cash_ups WHERE workstation = ?1 AND cashier_id = ?2 AND clinic_day = ?3",
        )?
        .query_row(params![ws, user, today], |r| r.get(0))
        .optional()?;
    match closed {
        Some(number) => Err(Error::conflict(format!(
            "You have closed today's takings at {ws} ({number}); nothing more can be taken or refunded there \
             under your name today. Another cashier can take it, or it waits until tomorrow."
        ))),
        None => Ok(()),
    }
}

fn takings(conn: &Connection, ws: &str, user: &str, day: NaiveDate) -> Result<CashDay> {
    let (start, end) = day_bounds(conn, day)?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.received_at, p.kind, p.method, p.amount_minor, p.reference, p.invoice_id, i.number,
                pt.first_name || ' ' || pt.last_name, pt.mrn
           FROM payments p
           JOIN invoices i ON i.id = p.invoice_id
           JOIN patients pt ON pt.id = p.patient_id
          WHERE p.workstation = ?1 AND p.received_by = ?2 AND p.received_at >= ?3 AND p.received_at < ?4
          ORDER BY p.received_at, p.id",
    )?;
    let transactions = stmt
        .query_map(params![ws, user, start, end], |r| {
            Ok(DayTransaction {
                payment_id: r.get(0)?,
                received_at: r.get(1)?,
                kind: r.get(2)?,
                method: r.get(3)?,
                amount_minor: r.get(4)?,
                reference: r.get(5)?,
                invoice_id: r.get(6)?,
                invoice_number: r.get(7)?,
                patient_name: r.get(8)?,
                patient_mrn: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut methods: Vec<MethodTakings> = MONEY_METHODS
        .iter()
        .map(|&method| MethodTakings {
            method,
            payments: 0,
            refunds: 0,
            received_minor: 0,
            refunded_minor: 0,
            expected_minor: 0,
        })
        .collect();
    let mut credit_used_minor = 0;
    for t in &transactions {
        let Some(m) = methods.iter_mut().find(|m| m.method == t.method) else {
            // Credit: a payment from the account uses it, a refund to it puts it back; no money moves.
            credit_used_minor += match t.kind {
                PaymentKind::Payment => t.amount_minor,
                PaymentKind::Refund => -t.amount_minor,
            };
            continue;
        };
        match t.kind {
            PaymentKind::Payment => {
                m.payments += 1;
                m.received_minor += t.amount_minor;
            }
            PaymentKind::Refund => {
                m.refunds += 1;
                m.refunded_minor += t.amount_minor;
            }
        }
        m.expected_minor = m.received_minor - m.refunded_minor;
    }
    let expected_minor = methods.iter().map(|m| m.expected_minor).sum();
    let closed_id: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM cash_ups WHERE workstation = ?1 AND cashier_id = ?2 AND clinic_day = ?3",
        )?
        .query_row(params![ws, user, day.to_string()], |r| r.get(0))
        .optional()?;
    let closed = closed_id.map(|id| cash_up(conn, &id)).transpose()?;
    Ok(CashDay {
        day: day.to_string(),
        workstation: ws.to_string(),
        cashier_id: user.to_string(),
        cashier_name: user_name(conn, user)?,
        currency: currency(conn)?,
        methods,
        expected_minor,
        credit_used_minor,
        transactions,
        closed,
    })
}

/// The caller's day at this workstation (today unless `day` says otherwise).
pub fn day(cx: &Ctx<'_>, req: &CashDayRequest) -> Result<CashDay> {
    let user = user_id(cx)?;
    cx.read(|conn| {
        let d = day_or_today(conn, cx, "day", req.day.as_deref())?;
        cx.note_detail(d.to_string());
        takings(conn, &desk(conn)?, &user, d)
    })
}

fn cash_up(conn: &Connection, id: &str) -> Result<CashUp> {
    conn.prepare_cached(
        "SELECT c.id, c.number, c.workstation, c.cashier_id, coalesce(u.full_name, ''), c.clinic_day, c.currency,
                c.methods, c.denominations, c.expected_minor, c.counted_minor, c.variance_minor, c.variance_reason,
                c.payments, c.refunds, c.closed_at
           FROM cash_ups c LEFT JOIN users u ON u.id = c.cashier_id WHERE c.id = ?1",
    )?
    .query_row([id], |r| {
        let methods: String = r.get(7)?;
        let denominations: Option<String> = r.get(8)?;
        Ok((
            CashUp {
                id: r.get(0)?,
                number: r.get(1)?,
                workstation: r.get(2)?,
                cashier_id: r.get(3)?,
                cashier_name: r.get(4)?,
                clinic_day: r.get(5)?,
                currency: r.get(6)?,
                methods: Vec::new(),
                denominations: None,
                expected_minor: r.get(9)?,
                counted_minor: r.get(10)?,
                variance_minor: r.get(11)?,
                variance_reason: r.get(12)?,
                payments: r.get(13)?,
                refunds: r.get(14)?,
                closed_at: r.get(15)?,
            },
            methods,
            denominations,
        ))
    })
    .optional()?
    .ok_or_else(|| Error::not_found("There is no such day report."))
    .and_then(|(mut c, methods, denominations)| {
        let bad = |_| Error::storage("A day report's figures are unreadable.");
        c.methods = serde_json::from_str(&methods).map_err(bad)?;
        c.denominations = denominations
            .map(|d| serde_json::from_str(&d).map_err(bad))
            .transpose()?;
        Ok(c)
    })
}

/// Checks the count and works out each method's line: every money method the day used (or that was counted) with
/// what was expected, counted and the difference.
fn closing_lines(
    sheet: &CashDay,
    req: &CloseDayRequest,
) -> Result<(Vec<CashUpMethod>, Option<Vec<Denomination>>)> {
    let cur = crate::money::Currency::of(&sheet.currency);
    let money = |minor: i64| cur.grouped(minor);
    let mut counted: Vec<(PaymentMethod, i64)> = Vec::new();
    for (i, c) in req.counted.iter().enumerate() {
        let field = format!("counted.{i}.counted_minor");
        if c.method == PaymentMethod::Credit {
            return Err(Error::validation(
                format!("counted.{i}.method"),
                "Credit moves no money; it is not counted.",
            ));
        }
        if c.counted_minor < 0 {
            return Err(Error::validation(field, "A count is never negative."));
        }
        if c.counted_minor > MAX_COUNTED_MINOR {
            return Err(Error::validation(field, "The count is out of range."));
        }
        if counted.iter().any(|(m, _)| *m == c.method) {
            return Err(Error::validation(
                format!("counted.{i}.method"),
                "Each method is counted once.",
            ));
        }
        counted.push((c.method, c.counted_minor));
    }
    let denominations = match &req.denominations {
        None => None,
        Some(list) => {
            let mut sum: i64 = 0;
            for (i, d) in list.iter().enumerate() {
                if d.value_minor <= 0 || d.value_minor > MAX_COUNTED_MINOR {
                    return Err(Error::validation(
                        format!("denominations.{i}.value_minor"),
                        "A note or coin is worth more than nothing.",
                    ));
                }
                if !(0..=MAX_PIECES).contains(&d.count) {
                    return Err(Error::validation(
                        format!("denominations.{i}.count"),
                        "Count the notes or coins: zero or more.",
                    ));
                }
                if list[..i].iter().any(|e| e.value_minor == d.value_minor) {
                    return Err(Error::validation(
                        format!("denominations.{i}.value_minor"),
                        "Each value is counted once.",
                    ));
                }
                sum = sum
                    .checked_add(d.value_minor * d.count)
                    .filter(|s| *s <= MAX_COUNTED_MINOR)
                    .ok_or_else(|| {
                        Error::validation("denominations", "The count is out of range.")
                    })?;
            }
            match counted.iter().position(|(m, _)| *m == PaymentMethod::Cash) {
                None => counted.push((PaymentMethod::Cash, sum)),
                Some(k) if counted[k].1 == sum => {}
                Some(k) => {
                    return Err(Error::validation(
                        format!("counted.{k}.counted_minor"),
                        format!(
                            "The notes and coins add up to {}, not {}.",
                            money(sum),
                            money(counted[k].1)
                        ),
                    ));
                }
            }
            Some(list.iter().filter(|d| d.count > 0).cloned().collect())
        }
    };
    let mut lines = Vec::new();
    for m in &sheet.methods {
        let c = counted
            .iter()
            .find(|(k, _)| *k == m.method)
            .map(|(_, v)| *v);
        let used = m.payments + m.refunds > 0;
        let counted_minor = match c {
            Some(v) => v,
            // Cash is always counted: a drawer with nothing taken still holds its float.
            None if used || m.method == PaymentMethod::Cash => {
                return Err(Error::validation(
                    "counted",
                    format!(
                        "Count the {} takings too (expected {}).",
                        method_words(m.method),
                        money(m.expected_minor)
                    ),
                ));
            }
            None => continue,
        };
        if !used && counted_minor == 0 && m.method != PaymentMethod::Cash {
            continue;
        }
        lines.push(CashUpMethod {
            method: m.method,
            expected_minor: m.expected_minor,
            counted_minor,
            variance_minor: counted_minor - m.expected_minor,
        });
    }
    Ok((lines, denominations))
}

/// Figures kept as JSON text in a column.
fn json_text<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::storage(format!("Cannot record the count: {e}")))
}

/// A method in words, as the day report and messages print it.
pub fn method_words(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Cash => "cash",
        PaymentMethod::Card => "card",
        PaymentMethod::MobileMoney => "mobile money",
        PaymentMethod::BankTransfer => "bank transfer",
        PaymentMethod::Cheque => "cheque",
        PaymentMethod::Credit => "patient credit",
    }
}

/// Closes the caller's day at this workstation: checks the count, takes the workstation's next day-report number
/// and records expected, counted and variance per method, all in one transaction. A day is closed once.
pub fn close(cx: &Ctx<'_>, req: &CloseDayRequest) -> Result<CashUp> {
    let user = user_id(cx)?;
    let reason = text::optional(
        "variance_reason",
        "The reason",
        req.variance_reason.as_deref(),
        MAX_REASON,
        Lines::Many,
    )?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let d = day_or_today(conn, cx, "day", req.day.as_deref())?;
        let ws = desk(conn)?;
        let sheet = takings(conn, &ws, &user, d)?;
        if let Some(c) = &sheet.closed {
            return Err(Error::conflict(format!(
                "This day is already closed ({}); later corrections post to the current day.",
                c.number
            )));
        }
        let (lines, denominations) = closing_lines(&sheet, req)?;
        let cur = crate::money::Currency::of(&sheet.currency);
        let money = |minor: i64| cur.grouped(minor);
        let expected: i64 = lines.iter().map(|l| l.expected_minor).sum();
        let counted: i64 = lines.iter().map(|l| l.counted_minor).sum();
        let off: Vec<String> = lines
            .iter()
            .filter(|l| l.variance_minor != 0)
            .map(|l| format!("{} {}", method_words(l.method), money(l.variance_minor)))
            .collect();
        if !off.is_empty() && reason.is_none() {
            return Err(Error::validation(
                "variance_reason",
                format!(
                    "The count differs from the payments ({}); say why.",
                    off.join(", ")
                ),
            ));
        }
        let n = workstation::next_number(conn, &format!("cash-up-{}", d.year()))?;
        let number = format!("{ws}-DAY-{}-{n:04}", d.year());
        let id = Uuid::now_v7().to_string();
        let payments: u32 = sheet.methods.iter().map(|m| m.payments).sum();
        let refunds: u32 = sheet.methods.iter().map(|m| m.refunds).sum();
        let mut f = Map::new();
        f.insert("number".into(), json!(number));
        f.insert("workstation".into(), json!(ws));
        f.insert("cashier_id".into(), json!(user));
        f.insert("clinic_day".into(), json!(d.to_string()));
        f.insert("currency".into(), json!(sheet.currency));
        f.insert("methods".into(), json!(json_text(&lines)?));
        f.insert(
            "denominations".into(),
            json!(denominations.as_ref().map(json_text).transpose()?),
        );
        f.insert("expected_minor".into(), json!(expected));
        f.insert("counted_minor".into(), json!(counted));
        f.insert("variance_minor".into(), json!(counted - expected));
        f.insert("variance_reason".into(), json!(reason));
        f.insert("payments".into(), json!(payments));
        f.insert("refunds".into(), json!(refunds));
        f.insert("closed_at".into(), json!(w.stamp()));
        f.insert("created_at".into(), json!(w.stamp()));
        w.insert(CASH_UPS, &id, &f)?;
        cx.note_detail(format!("{number}, variance {}", money(counted - expected)));
        cash_up(conn, &id)
    })
}

/// Every closed day between two dates, all cashiers and workstations (a manager's view).
pub fn list(cx: &Ctx<'_>, req: &CashUpsRequest) -> Result<CashUpsResponse> {
    let parse = |field: &str, s: &str| {
        s.trim()
            .parse::<NaiveDate>()
            .map_err(|_| Error::validation(field, "Give the day as YYYY-MM-DD."))
    };
    let (from, to) = (parse("from", &req.from)?, parse("to", &req.to)?);
    if to < from {
        return Err(Error::validation("to", "The end comes before the start."));
    }
    cx.note_detail(format!("{from} to {to}"));
    cx.read(|conn| {
        let ids = conn
            .prepare_cached(
                "SELECT id FROM cash_ups WHERE clinic_day BETWEEN ?1 AND ?2
                  ORDER BY clinic_day, workstation, number",
            )?
            .query_map(params![from.to_string(), to.to_string()], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(CashUpsResponse {
            currency: currency(conn)?,
            cash_ups: ids
                .iter()
                .map(|id| cash_up(conn, id))
                .collect::<Result<_>>()?,
        })
    })
}

/// One day report: the caller's own, or anyone's for a holder of `ReadReports`.
pub fn get(cx: &Ctx<'_>, req: &CashUpRequest) -> Result<CashUp> {
    let user = user_id(cx)?;
    let c = cx.read(|conn| cash_up(conn, &req.cash_up_id))?;
    if c.cashier_id != user && !may(cx, Permission::ReadReports) {
        return Err(Error::permission_denied(
            "Only the cashier who closed this day, or a manager who reads reports, may see it.",
        ));
    }
    cx.note_detail(c.number.clone());
    Ok(c)
}
