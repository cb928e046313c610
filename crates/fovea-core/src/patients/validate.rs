//! Registration rules. Each failure names the field it is about, with a message a receptionist understands.

use chrono::{Months, NaiveDate};

use super::{PatientInput, Sex};
use crate::clinic::Locale;
use crate::text::Lines;
use crate::{Error, Result};

const MAX_NAME: usize = 100;
const MAX_TEXT: usize = 4000;
const MAX_PHONES: usize = 5;
const OLDEST_YEARS: u32 = 130;

/// A patient's details after validation: trimmed, empty texts removed, the date of birth parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPatient {
    pub first_name: String,
    pub last_name: String,
    pub date_of_birth: NaiveDate,
    pub sex: Sex,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub national_id: Option<String>,
    pub medical_history: Option<String>,
    pub allergies: Option<String>,
    pub current_medications: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_phone: Option<String>,
    /// Trimmed; whether it names an active clinician is checked against the database by the service.
    pub usual_clinician_id: Option<String>,
}

/// Checks every field of `input` in form order and returns the first problem found.
pub fn validate(input: &PatientInput, locale: &Locale) -> Result<ValidPatient> {
    let first_name = name("first_name", "First name", &input.first_name)?;
    let last_name = name("last_name", "Last name", &input.last_name)?;
    let date_of_birth = date_of_birth(&input.date_of_birth, locale)?;
    let too_many_phones = || {
        Error::validation(
            "phones",
            format!("Keep at most {MAX_PHONES} phone numbers."),
        )
    };
    // Blank and repeated rows are dropped below, so the form may send a few more than it keeps; never thousands.
    if input.phones.len() > 2 * MAX_PHONES {
        return Err(too_many_phones());
    }
    let mut phones = Vec::new();
    for p in &input.phones {
        if let Some(p) = phone("phones", p)?
            && !phones.contains(&p)
        {
            phones.push(p);
        }
    }
    if phones.len() > MAX_PHONES {
        return Err(too_many_phones());
    }
    Ok(ValidPatient {
        first_name,
        last_name,
        date_of_birth,
        sex: input.sex,
        phones,
        email: email(input.email.as_deref())?,
        address: text("address", "Address", input.address.as_deref(), MAX_TEXT)?,
        national_id: crate::text::optional(
            "national_id",
            "National id",
            input.national_id.as_deref(),
            40,
            Lines::One,
        )?,
        medical_history: text(
            "medical_history",
            "Medical history",
            input.medical_history.as_deref(),
            MAX_TEXT,
        )?,
        allergies: text(
            "allergies",
            "Allergies",
            input.allergies.as_deref(),
            MAX_TEXT,
        )?,
        current_medications: text(
            "current_medications",
            "Current medications",
            input.current_medications.as_deref(),
            MAX_TEXT,
        )?,
        emergency_contact_name: match input.emergency_contact_name.as_deref() {
            Some(n) if !n.trim().is_empty() => {
                Some(name("emergency_contact_name", "Emergency contact", n)?)
            }
            _ => None,
        },
        emergency_contact_phone: match input.emergency_contact_phone.as_deref() {
            Some(p) => phone("emergency_contact_phone", p)?,
            None => None,
        },
        usual_clinician_id: input
            .usual_clinician_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(String::from),
    })
}

fn name(field: &str, label: &str, s: &str) -> Result<String> {
    let s = crate::text::one_line_collapsed(field, label, s, MAX_NAME)?
        .ok_or_else(|| Error::validation(field, format!("{label} is required.")))?;
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_alphabetic() || is_mark(*c) || " '’-.,".contains(*c)))
    {
        return Err(Error::validation(
            field,
            format!("{label} cannot contain “{c}”."),
        ));
    }
    if !s.chars().any(char::is_alphabetic) {
        return Err(Error::validation(
            field,
            format!("{label} needs at least one letter."),
        ));
    }
    Ok(s)
}

/// Combining marks (used by many scripts) are part of names.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E30..=0x0E4E | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn date_of_birth(s: &str, locale: &Locale) -> Result<NaiveDate> {
    const FIELD: &str = "date_of_birth";
    if s.trim().is_empty() {
        return Err(Error::validation(FIELD, "Date of birth is required."));
    }
    let d = locale
        .date_format
        .parse(s)
        .map_err(|m| Error::validation(FIELD, m))?;
    if d > locale.today {
        return Err(Error::validation(
            FIELD,
            "Date of birth cannot be in the future.",
        ));
    }
    let oldest = locale
        .today
        .checked_sub_months(Months::new(12 * OLDEST_YEARS))
        .unwrap_or(NaiveDate::MIN);
    if d < oldest {
        return Err(Error::validation(
            FIELD,
            format!("Date of birth is more than {OLDEST_YEARS} years ago."),
        ));
    }
    Ok(d)
}

/// A phone number as typed, tidied; `None` when blank. Digits, spaces and `+ - ( ) .` only, `+` only first.
pub(crate) fn phone(field: &str, s: &str) -> Result<Option<String>> {
    let s = collapse_spaces(s);
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_ascii_digit() || " +-().".contains(*c)))
    {
        return Err(Error::validation(
            field,
            format!("A phone number can hold digits, spaces and + - ( ) . only, not “{c}”."),
        ));
    }
    if s.char_indices().any(|(i, c)| c == '+' && i > 0) {
        return Err(Error::validation(
            field,
            "Put + only at the start of a phone number.",
        ));
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if !(6..=20).contains(&digits) {
        return Err(Error::validation(
            field,
            format!("{s} is not a phone number (it needs 6 to 20 digits)."),
        ));
    }
    Ok(Some(s))
}

fn email(s: Option<&str>) -> Result<Option<String>> {
    const FIELD: &str = "email";
    let Some(s) = crate::text::optional(FIELD, "The email address", s, 254, Lines::One)? else {
        return Ok(None);
    };
    let s = s.as_str();
    let bad = || {
        Error::validation(
            FIELD,
            format!("“{s}” is not an email address (like name@example.com)."),
        )
    };
    let (local, domain) = s.split_once('@').ok_or_else(bad)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with(['.', '-'])
        && !domain.ends_with(['.', '-'])
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if local.is_empty()
        || s.len() > 254
        || s.chars().any(char::is_whitespace)
        || domain.contains('@')
        || !domain_ok
    {
        return Err(bad());
    }
    Ok(Some(s.to_string()))
}

fn text(field: &str, label: &str, s: Option<&str>, max: usize) -> Result<Option<String>> {
    crate::text::optional(field, label, s, max, Lines::Many)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::DateFormat;

    fn locale() -> Locale {
        Locale {
            date_format: DateFormat::DMY,
            today: "2026-11-25".parse().expect("date"),
        }
    }

    fn input() -> PatientInput {
        PatientInput {
            first_name: " José ".into(),
            last_name: "Müller".into(),
            date_of_birth: "02/05/1980".into(),
            sex: Sex::Male,
            phones: vec!["+44 20 7946 0958".into(), "".into()],
            email: Some(" jose@example.com ".into()),
            address: Some("".into()),
            national_id: None,
            medical_history: None,
            allergies: Some("Penicillin".into()),
            current_medications: None,
            emergency_contact_name: None,
            emergency_contact_phone: None,
            usual_clinician_id: None,
        }
    }

    fn field_of(i: PatientInput) -> String {
        validate(&i, &locale())
            .expect_err("must be refused")
            .field
            .expect("field")
    }

    #[test]
    fn accepts_and_tidies_a_good_registration() {
        let v = validate(&input(), &locale()).expect("valid");
        assert_eq!(v.first_name, "José");
        assert_eq!(
            v.date_of_birth,
            "1980-05-02".parse::<NaiveDate>().expect("date")
        );
        assert_eq!(v.phones, vec!["+44 20 7946 0958"]);
        assert_eq!(v.email.as_deref(), Some("jose@example.com"));
        assert_eq!(v.address, None);
        assert_eq!(v.allergies.as_deref(), Some("Penicillin"));
    }

    #[test]
    fn names_are_required_and_made_of_letters() {
        assert_eq!(
            field_of(PatientInput {
                first_name: "  ".into(),
                ..input()
            }),
            "first_name"
        );
        assert_eq!(
            field_of(PatientInput {
                last_name: "".into(),
                ..input()
            }),
            "last_name"
        );
        assert_eq!(
            field_of(PatientInput {
                last_name: "Sm1th".into(),
                ..input()
            }),
            "last_name"
        );
        assert_eq!(
            field_of(PatientInput {
                last_name: "--".into(),
                ..input()
            }),
            "last_name"
        );
        for ok in ["O'Brien", "Nguyễn", "Jean-Pierre", "St. John", "张", "अनिल"] {
            let i = PatientInput {
                last_name: ok.into(),
                ..input()
            };
            assert!(validate(&i, &locale()).is_ok(), "{ok} should be accepted");
        }
    }

    #[test]
    fn date_of_birth_is_a_past_date_within_130_years() {
        let dob = |s: &str| PatientInput {
            date_of_birth: s.into(),
            ..input()
        };
        assert_eq!(field_of(dob("")), "date_of_birth");
        assert_eq!(field_of(dob("26/11/2026")), "date_of_birth");
        assert_eq!(field_of(dob("24/11/1896")), "date_of_birth");
        assert_eq!(field_of(dob("31/02/1990")), "date_of_birth");
        assert!(
            validate(&dob("25/11/2026"), &locale()).is_ok(),
            "born today"
        );
        assert!(
            validate(&dob("25/11/1896"), &locale()).is_ok(),
            "exactly 130 years"
        );
        assert!(
            validate(&dob("1980-05-02"), &locale()).is_ok(),
            "ISO always works"
        );
    }

    #[test]
    fn email_and_phone_shapes() {
        for bad in [
            "jose",
            "jose@",
            "@example.com",
            "jose@example",
            "jo se@example.com",
            "a@b..com",
            "a@b@c.com",
        ] {
            assert_eq!(
                field_of(PatientInput {
                    email: Some(bad.into()),
                    ..input()
                }),
                "email",
                "{bad}"
            );
        }
        for bad in ["12345", "0207 946 O958", "44+ 20 7946 0958", "call me"] {
            assert_eq!(
                field_of(PatientInput {
                    phones: vec![bad.into()],
                    ..input()
                }),
                "phones",
                "{bad}"
            );
        }
        assert_eq!(
            field_of(PatientInput {
                emergency_contact_phone: Some("x".into()),
                ..input()
            }),
            "emergency_contact_phone"
        );
        let ok = PatientInput {
            phones: vec!["(020) 7946-0958".into(), "(020) 7946-0958".into()],
            ..input()
        };
        assert_eq!(
            validate(&ok, &locale()).expect("valid").phones.len(),
            1,
            "duplicates dropped"
        );
    }
}
