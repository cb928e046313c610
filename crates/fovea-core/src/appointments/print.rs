//! The reminder call list as a printed sheet: one row per appointment with the phone numbers and room to write.

use serde::Deserialize;
use ts_rs::TS;

use super::lists::{self, RemindersRequest};
use crate::catalog::{Ctx, area_operations, op};
use crate::documents::{self, Document};
use crate::{Error, Result, clinic};
use fovea_print::{Align, Column, TableDocument};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PrintRemindersRequest {
    /// Clinic day; tomorrow when absent.
    pub date: Option<String>,
}

pub fn reminders(cx: &Ctx<'_>, req: &PrintRemindersRequest) -> Result<Document> {
    let list = lists::reminders(
        cx,
        &RemindersRequest {
            date: req.date.clone(),
        },
    )?;
    let (doc, day) = cx.read(|conn| {
        let locale = clinic::locale(conn, cx.now())?;
        let (clinic, paper) = documents::letterhead(conn)?;
        let day = list
            .date
            .parse()
            .map(|d| locale.date_format.format(d))
            .unwrap_or(list.date.clone());
        let col = |title: &str, width: f32| Column {
            title: title.into(),
            width,
            align: Align::Left,
        };
        let rows = list
            .reminders
            .iter()
            .map(|r| {
                let a = &r.appointment;
                vec![
                    a.start_time.clone(),
                    a.clinician_name.clone(),
                    a.patient_name.clone(),
                    a.patient_mrn.clone(),
                    r.phones.join("\n"),
                    a.reason.clone().unwrap_or_default(),
                    match (&r.called_by_name, &r.call_note) {
                        (Some(by), Some(note)) => format!("Called ({by}): {note}"),
                        (Some(by), None) => format!("Called ({by})"),
                        _ => String::new(),
                    },
                ]
            })
            .collect();
        Ok((
            TableDocument {
                clinic,
                paper,
                title: "Reminder calls".into(),
                subtitle: Some(format!("Appointments on {day}")),
                columns: vec![
                    col("Time", 0.6),
                    col("Clinician", 1.2),
                    col("Patient", 1.5),
                    col("MRN", 1.0),
                    col("Phone", 1.3),
                    col("Reason", 1.8),
                    col("Call notes", 2.6),
                ],
                rows,
                empty_text: "No appointments on this day.".into(),
                footer_note: Some(format!("Reminder calls for {day}")),
            },
            list.date.clone(),
        ))
    })?;
    let bytes = fovea_print::table(&doc).map_err(|e| Error::storage(e.to_string()))?;
    documents::save(cx.fovea, &format!("Reminder calls {day}"), &bytes)
}

op! {
    PrintReminders = "print.reminders", ManageAppointments,
    summary: "Save a day's reminder call list (tomorrow by default) as a PDF in the documents folder.",
    label: "Printed the reminder calls",
    fn(cx, req: PrintRemindersRequest) -> crate::documents::Document {
        reminders(cx, &req)
    }
}

// The registry lists these operations in this order (`fovea call --list`, the bindings).
area_operations! {
    PrintReminders,
}
