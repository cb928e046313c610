//! Sample documents shared by the integration tests, the bench and the `samples` example.
// Each test binary, the bench and the example use a different subset of these helpers.
#![allow(dead_code)]

use fovea_print::{
    Align, Authorisation, ClinicHeader, Column, Paper, PatientLine, Prescriber, RxEye, SpectacleRx,
    TableDocument,
};

pub fn clinic() -> ClinicHeader {
    ClinicHeader {
        name: "Augenklinik am Fluss".into(),
        address: Some("Hauptstraße 12\n2. Stock\n80331 München, Deutschland".into()),
        phone: Some("+49 89 1234 5678".into()),
        registration: None,
    }
}

pub fn rx(paper: Paper) -> SpectacleRx {
    SpectacleRx {
        clinic: clinic(),
        paper,
        patient: PatientLine {
            full_name: "Zoë Łukasiewicz-Ó Briain".into(),
            date_of_birth: "04/07/1961".into(),
            age: Some("64".into()),
            mrn: "R1-000123".into(),
        },
        authorisation: Authorisation::Signed(Prescriber {
            full_name: "Dr. Małgorzata Nowak-Schäfer".into(),
            specialization: Some("Consultant ophthalmologist".into()),
            licence_number: Some("LÄK-BY 0456789".into()),
            signature_text: Some("Signed electronically on 12/03/2026 at 10:14".into()),
        }),
        issued_on: "12/03/2026".into(),
        expires_on: Some("12/03/2028".into()),
        od: RxEye {
            sphere: "+1.25".into(),
            cylinder: "-0.50".into(),
            axis: "090".into(),
            add: "+2.00".into(),
            prism: "".into(),
            pd: "32.0".into(),
        },
        os: RxEye {
            sphere: "-2.75".into(),
            cylinder: "-1.25".into(),
            axis: "175".into(),
            add: "+2.00".into(),
            prism: "1.0 BI".into(),
            pd: "31.5".into(),
        },
        binocular_pd: Some("63.5".into()),
        cylinder_form: "minus cylinder".into(),
        notes: Some(
            "Progressive lenses, index 1.6, anti-reflective coating.\n\
             Photochromic grey for driving; patient works long hours at a computer, so consider a \
             separate pair of occupational (office) lenses with an intermediate zone."
                .into(),
        ),
        reference: Some("V-2026-000481".into()),
    }
}

pub fn long_notes() -> String {
    let sentence = "Occupational progressive lenses with a wide intermediate corridor for the two \
                    monitors at work, anti-reflective and blue-filter coating, frame 54□18 in \
                    tortoiseshell. ";
    format!(
        "{}\nSupercalifragilisticexpialidociousAntireflectiveHydrophobicOleophobicCoatingWithoutSpaces\n{}",
        sentence.repeat(3),
        sentence.repeat(2)
    )
}

pub fn reminder_list(rows: usize) -> TableDocument {
    let names = [
        "Ana María Núñez",
        "Jürgen Groß",
        "Zoë Łukasiewicz-Ó Briain",
        "Søren Kierkegård",
        "Αλέξανδρος Παπαδόπουλος",
        "Иван Петров",
        "Chloé Dubois-Lefèvre",
        "Oğuz Yılmaz",
    ];
    TableDocument {
        clinic: clinic(),
        paper: Paper::A4,
        title: "Reminder calls for tomorrow".into(),
        subtitle: Some("Appointments on Friday 13/03/2026 — all doctors".into()),
        columns: vec![
            Column {
                title: "Time".into(),
                width: 0.7,
                align: Align::Right,
            },
            Column {
                title: "Patient".into(),
                width: 2.6,
                align: Align::Left,
            },
            Column {
                title: "MRN".into(),
                width: 1.2,
                align: Align::Left,
            },
            Column {
                title: "Phone".into(),
                width: 1.6,
                align: Align::Left,
            },
            Column {
                title: "Doctor".into(),
                width: 1.6,
                align: Align::Left,
            },
            Column {
                title: "Notes".into(),
                width: 2.2,
                align: Align::Left,
            },
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    format!("{:02}:{:02}", 8 + i / 12, (i % 12) * 5),
                    names[i % names.len()].to_owned(),
                    format!("R1-{:06}", 1000 + i),
                    format!("+49 170 {:07}", 1_234_000 + i * 7),
                    if i % 3 == 0 {
                        "Dr. Nowak-Schäfer"
                    } else {
                        "Dr. Okafor"
                    }
                    .to_owned(),
                    match i % 5 {
                        0 => "Bring current glasses and the referral letter from the GP".to_owned(),
                        3 => "Dilation: needs a driver".to_owned(),
                        _ => String::new(),
                    },
                ]
            })
            .collect(),
        empty_text: "No reminder calls are due tomorrow.".into(),
        footer_note: Some("Printed 12/03/2026 17:05 by reception (R1)".into()),
    }
}
