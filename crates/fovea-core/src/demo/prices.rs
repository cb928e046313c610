//! A demo clinic's price list: the services an eye clinic bills, priced in the clinic's currency without tax, and a
//! price per pack on the shelf's medicines, so a visit at the cash desk proposes a priced invoice.

use serde_json::{Map, json};

use crate::billing::ServiceKind;
use crate::billing::ops::{SaveService, SetPrice};
use crate::billing::prices::{SaveServiceRequest, SetPriceRequest};
use crate::pharmacy::starter;
use crate::sync::tables::MEDICINES;
use crate::{Fovea, Result};

/// Code, name, kind and price in minor units.
const SERVICES: &[(&str, &str, ServiceKind, i64)] = &[
    (
        "CONS-N",
        "Consultation, new patient",
        ServiceKind::ConsultationNew,
        4500,
    ),
    (
        "CONS-F",
        "Consultation, follow-up",
        ServiceKind::ConsultationFollowUp,
        2500,
    ),
    (
        "POST-OP",
        "Post-operative review",
        ServiceKind::PostOperative,
        2000,
    ),
    ("REFR", "Refraction", ServiceKind::Refraction, 2000),
    (
        "OCT",
        "Optical coherence tomography (OCT)",
        ServiceKind::Test,
        6000,
    ),
    ("VF", "Visual fields", ServiceKind::Test, 4500),
    (
        "YAG",
        "YAG laser capsulotomy, one eye",
        ServiceKind::Procedure,
        25000,
    ),
];

/// Adds the price list once (nothing when the clinic already has services), as the holder of `admin`, a session
/// with `ManageSettings`; then prices the starter medicines that have no price yet.
pub fn seed_prices(fovea: &Fovea, admin: &str) -> Result<()> {
    let any: bool = fovea
        .read(|c| Ok(c.query_row("SELECT EXISTS (SELECT 1 FROM services)", [], |r| r.get(0))?))?;
    if !any {
        for &(code, name, kind, price_minor) in SERVICES {
            let service = fovea.run::<SaveService>(
                Some(admin),
                SaveServiceRequest {
                    id: None,
                    code: code.into(),
                    name: name.into(),
                    kind,
                    active: true,
                },
            )?;
            fovea.run::<SetPrice>(
                Some(admin),
                SetPriceRequest {
                    service_id: service.id,
                    price_minor,
                    tax_rate_bp: 0,
                    valid_from: None,
                },
            )?;
        }
    }
    fovea.write(|w| {
        for n in 0..starter::len() {
            let id = starter::starter_id(n);
            let unpriced: bool = w
                .tx()
                .query_row(
                    "SELECT price_minor IS NULL FROM medicines WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .unwrap_or(false);
            if unpriced {
                let mut f = Map::new();
                f.insert("price_minor".into(), json!(650 + 125 * (n as i64 % 9)));
                f.insert("updated_at".into(), json!(w.stamp()));
                w.update(MEDICINES, &id, &f)?;
            }
        }
        Ok(())
    })
}
