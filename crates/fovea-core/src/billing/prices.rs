//! The price list: services with a code, a name and a kind, each with prices dated from a day on. The price of a
//! day is the latest one set from that day or before; invoices copy it into their lines, so a later change never
//! alters an invoice already written.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, json};
use ts_rs::TS;
use uuid::Uuid;

use super::arithmetic::{BP, MAX_UNIT_PRICE_MINOR};
use super::{ServiceKind, user_id};
use crate::catalog::Ctx;
use crate::sync::tables::{SERVICE_PRICES, SERVICES};
use crate::text::{self, Lines};
use crate::{Error, Result, clinic};

/// A service with the price in effect today (none until one is set).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Service {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: ServiceKind,
    pub active: bool,
    pub price: Option<Price>,
    /// Every price set, oldest first (a price from a future day shows here before it applies).
    pub prices: Vec<Price>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Price {
    pub price_minor: i64,
    pub tax_rate_bp: i64,
    /// ISO date from which it applies.
    pub valid_from: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ServicesRequest {
    /// Inactive services too.
    #[serde(default)]
    pub include_inactive: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ServicesResponse {
    pub currency: String,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SaveServiceRequest {
    /// None adds a service.
    pub id: Option<String>,
    pub code: String,
    pub name: String,
    pub kind: ServiceKind,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetPriceRequest {
    pub service_id: String,
    pub price_minor: i64,
    /// Basis points: 1800 = 18 %; 0 for a clinic without tax.
    pub tax_rate_bp: i64,
    /// ISO date from which it applies; today when none.
    pub valid_from: Option<String>,
}

fn read_service(conn: &Connection, id: &str, today: NaiveDate) -> Result<Option<Service>> {
    let row = conn
        .prepare_cached("SELECT code, name, kind, active FROM services WHERE id = ?1")?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, ServiceKind>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })
        .optional()?;
    let Some((code, name, kind, active)) = row else {
        return Ok(None);
    };
    let prices = conn
        .prepare_cached(
            "SELECT price_minor, tax_rate_bp, valid_from FROM service_prices
              WHERE service_id = ?1 ORDER BY valid_from",
        )?
        .query_map([id], |r| {
            Ok(Price {
                price_minor: r.get(0)?,
                tax_rate_bp: r.get(1)?,
                valid_from: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let day = today.to_string();
    let price = prices.iter().rev().find(|p| p.valid_from <= day).cloned();
    Ok(Some(Service {
        id: id.to_string(),
        code,
        name,
        kind,
        active,
        price,
        prices,
    }))
}

/// One service with its prices; not found when there is none.
pub fn service(conn: &Connection, id: &str, today: NaiveDate) -> Result<Service> {
    read_service(conn, id, today)?.ok_or_else(|| Error::not_found("There is no such service."))
}

/// The price list by code, each service with today's price.
pub fn services(cx: &Ctx<'_>, req: &ServicesRequest) -> Result<ServicesResponse> {
    cx.read(|conn| {
        let today = clinic::locale(conn, cx.now())?.today;
        let ids = conn
            .prepare_cached("SELECT id FROM services WHERE active = 1 OR ?1 ORDER BY code")?
            .query_map([req.include_inactive], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let services = ids
            .iter()
            .map(|id| service(conn, id, today))
            .collect::<Result<Vec<_>>>()?;
        Ok(ServicesResponse {
            currency: super::currency(conn)?,
            services,
        })
    })
}

/// The price of a service on `day`: the latest set from that day or before. None when no price applies yet.
pub fn price_on(conn: &Connection, service_id: &str, day: NaiveDate) -> Result<Option<Price>> {
    Ok(conn
        .prepare_cached(
            "SELECT price_minor, tax_rate_bp, valid_from FROM service_prices
              WHERE service_id = ?1 AND valid_from <= ?2 ORDER BY valid_from DESC LIMIT 1",
        )?
        .query_row(params![service_id, day.to_string()], |r| {
            Ok(Price {
                price_minor: r.get(0)?,
                tax_rate_bp: r.get(1)?,
                valid_from: r.get(2)?,
            })
        })
        .optional()?)
}

/// Adds or changes a service. Codes are upper-cased and unique (a second service with the same code is refused).
pub fn save_service(cx: &Ctx<'_>, req: &SaveServiceRequest) -> Result<Service> {
    let code = text::optional("code", "The code", Some(&req.code), 20, Lines::One)?
        .ok_or_else(|| Error::validation("code", "Give the service a short code."))?
        .to_uppercase();
    let name = text::one_line_collapsed("name", "The name", &req.name, 120)?
        .ok_or_else(|| Error::validation("name", "Give the service a name."))?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let today = clinic::locale(conn, cx.now())?.today;
        let clash: Option<String> = conn
            .prepare_cached("SELECT id FROM services WHERE code = ?1")?
            .query_row([&code], |r| r.get(0))
            .optional()?;
        if clash.is_some() && clash != req.id {
            return Err(Error::validation(
                "code",
                format!("Another service already has the code {code}."),
            ));
        }
        let mut f = Map::new();
        f.insert("code".into(), json!(code));
        f.insert("name".into(), json!(name));
        f.insert("kind".into(), json!(req.kind));
        f.insert("active".into(), json!(req.active));
        f.insert("updated_at".into(), json!(w.stamp()));
        let id = match &req.id {
            Some(id) => {
                let old = service(conn, id, today)?;
                if old.code == code
                    && old.name == name
                    && old.kind == req.kind
                    && old.active == req.active
                {
                    return Ok(old);
                }
                w.update(SERVICES, id, &f)?;
                id.clone()
            }
            None => {
                let id = Uuid::now_v7().to_string();
                f.insert("created_at".into(), json!(w.stamp()));
                w.insert(SERVICES, &id, &f)?;
                id
            }
        };
        service(conn, &id, today)
    })
}

/// Sets a service's price from a day on (today by default); setting the same day again replaces that day's price.
/// Invoices already written keep the price they copied.
pub fn set_price(cx: &Ctx<'_>, req: &SetPriceRequest) -> Result<Service> {
    if !(0..=MAX_UNIT_PRICE_MINOR).contains(&req.price_minor) {
        return Err(Error::validation(
            "price_minor",
            "A price is never negative (and not absurdly large).",
        ));
    }
    if !(0..=BP).contains(&req.tax_rate_bp) {
        return Err(Error::validation(
            "tax_rate_bp",
            "A tax rate is from 0 to 100 %.",
        ));
    }
    let by = user_id(cx)?;
    cx.write(|w| {
        let conn: &Connection = w.tx();
        let today = clinic::locale(conn, cx.now())?.today;
        let from = match req.valid_from.as_deref() {
            None => today,
            Some(s) => s
                .parse::<NaiveDate>()
                .map_err(|_| Error::validation("valid_from", "Give the date as YYYY-MM-DD."))?,
        };
        service(conn, &req.service_id, today)?;
        let id = format!("{}/{from}", req.service_id);
        let mut f = Map::new();
        f.insert("price_minor".into(), json!(req.price_minor));
        f.insert("tax_rate_bp".into(), json!(req.tax_rate_bp));
        f.insert("set_by".into(), json!(by));
        f.insert("updated_at".into(), json!(w.stamp()));
        let exists: bool = conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM service_prices WHERE id = ?1)")?
            .query_row([&id], |r| r.get(0))?;
        if !exists {
            f.insert("service_id".into(), json!(req.service_id));
            f.insert("valid_from".into(), json!(from.to_string()));
            f.insert("created_at".into(), json!(w.stamp()));
        }
        w.upsert(SERVICE_PRICES, &id, &f)?;
        service(conn, &req.service_id, today)
    })
}

/// The first active service of a kind (by code), for the visit's proposal.
pub(crate) fn service_of_kind(conn: &Connection, kind: ServiceKind) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM services WHERE kind = ?1 AND active = 1 ORDER BY code LIMIT 1",
        )?
        .query_row([kind], |r| r.get(0))
        .optional()?)
}
