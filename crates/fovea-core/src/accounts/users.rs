//! Users: who they are, their roles and clinician profile. Usernames are unique and compared in lower case.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use ts_rs::TS;
use uuid::Uuid;

use super::{Role, password, permissions_of};
use crate::catalog::Permission;
use crate::sync::Writer;
use crate::sync::tables::USERS;
use crate::{Error, Result};

/// The signed-in user, as the window needs them: what to show and what to offer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CurrentUser {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub permissions: Vec<Permission>,
    /// Minutes without activity before the screen locks (a clinic setting).
    pub idle_lock_minutes: u32,
}

/// What is printed for a doctor or optometrist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ClinicianProfile {
    pub specialization: Option<String>,
    /// Licence or registration number, printed on prescriptions.
    pub licence_number: Option<String>,
    /// Printed under the signature line.
    pub signature_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct User {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub profile: Option<ClinicianProfile>,
    /// Set while sign-in for this user is locked out on this workstation (RFC 3339 UTC).
    pub locked_until: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Validates a username: 3 to 32 of `a-z 0-9 . _ -`, starting with a letter; returned in lower case.
pub fn normalize_username(field: &str, s: &str) -> Result<String> {
    let u = s.trim().to_lowercase();
    let ok = (3..=32).contains(&u.len())
        && u.starts_with(|c: char| c.is_ascii_lowercase())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok {
        Ok(u)
    } else {
        Err(Error::validation(
            field,
            "Use 3 to 32 letters, digits, dots, dashes or underscores, starting with a letter.",
        ))
    }
}

pub(crate) fn full_name(field: &str, s: &str) -> Result<String> {
    crate::text::one_line_collapsed(field, "The name", s, 100)?
        .ok_or_else(|| Error::validation(field, "Enter the person's full name."))
}

fn roles(list: &[Role]) -> Result<Vec<Role>> {
    crate::text::at_most("roles", list, 16, "roles")?;
    let mut r = list.to_vec();
    r.sort();
    r.dedup();
    if r.is_empty() {
        return Err(Error::validation(
            "roles",
            "Give the user at least one role.",
        ));
    }
    Ok(r)
}

/// Fields of `users` for the given details; the profile is kept only for clinicians.
fn detail_fields(
    full: &str,
    roles: &[Role],
    active: bool,
    profile: Option<&ClinicianProfile>,
) -> Result<Map<String, Value>> {
    let clinician = roles
        .iter()
        .any(|r| matches!(r, Role::Doctor | Role::Optometrist));
    let p = if clinician { profile } else { None };
    let mut m = Map::new();
    m.insert("full_name".into(), json!(full));
    m.insert("roles".into(), json!(roles));
    m.insert("active".into(), json!(active));
    m.insert(
        "specialization".into(),
        json!(crate::text::optional(
            "specialization",
            "The specialization",
            p.and_then(|p| p.specialization.as_deref()),
            100,
            crate::text::Lines::One,
        )?),
    );
    m.insert(
        "licence_number".into(),
        json!(crate::text::optional(
            "licence_number",
            "The licence number",
            p.and_then(|p| p.licence_number.as_deref()),
            50,
            crate::text::Lines::One,
        )?),
    );
    m.insert(
        "signature_text".into(),
        json!(crate::text::optional(
            "signature_text",
            "The signature text",
            p.and_then(|p| p.signature_text.as_deref()),
            300,
            crate::text::Lines::Many,
        )?),
    );
    Ok(m)
}

/// Creates a user. The username must be free on this workstation; see the sync notes for two workstations
/// creating the same username offline.
pub fn create(
    w: &Writer<'_>,
    username: &str,
    full: &str,
    role_list: &[Role],
    pw: &str,
    profile: Option<&ClinicianProfile>,
) -> Result<String> {
    let normalized = normalize_username("username", username)?;
    password::check_policy("password", pw, &normalized)?;
    create_with_hash(w, username, full, role_list, &password::hash(pw)?, profile)
}

/// Creates a user whose password hash is already made (demo staff share the administrator's).
pub fn create_with_hash(
    w: &Writer<'_>,
    username: &str,
    full: &str,
    role_list: &[Role],
    phc: &str,
    profile: Option<&ClinicianProfile>,
) -> Result<String> {
    let username = normalize_username("username", username)?;
    let full = full_name("full_name", full)?;
    let role_list = roles(role_list)?;
    if id_by_username(w.tx(), &username)?.is_some() {
        return Err(Error::validation(
            "username",
            format!("The username {username} is taken."),
        ));
    }
    let mut fields = detail_fields(&full, &role_list, true, profile)?;
    let now = w.stamp();
    fields.insert("username".into(), json!(username));
    fields.insert("password_hash".into(), json!(phc));
    fields.insert("created_at".into(), json!(now));
    fields.insert("updated_at".into(), json!(now));
    let id = Uuid::now_v7().to_string();
    w.insert(USERS, &id, &fields)?;
    Ok(id)
}

/// Saves changed details of a user; returns whether the user was deactivated by this change.
pub(crate) fn update(
    w: &Writer<'_>,
    id: &str,
    full: &str,
    role_list: &[Role],
    active: bool,
    profile: Option<&ClinicianProfile>,
) -> Result<()> {
    let current = load(w.tx(), id)?;
    let full = full_name("full_name", full)?;
    let role_list = roles(role_list)?;
    let mut changed = detail_fields(&full, &role_list, active, profile)?;
    let stored = detail_fields(
        &current.full_name,
        &current.roles,
        current.active,
        current.profile.as_ref(),
    )?;
    changed.retain(|k, v| stored.get(k) != Some(v));
    if !changed.is_empty() {
        changed.insert("updated_at".into(), json!(w.stamp()));
        w.update(USERS, id, &changed)?;
    }
    Ok(())
}

pub(crate) fn set_password(w: &Writer<'_>, id: &str, phc: &str) -> Result<()> {
    let mut m = Map::new();
    m.insert("password_hash".into(), json!(phc));
    m.insert("updated_at".into(), json!(w.stamp()));
    w.update(USERS, id, &m)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
}

pub fn id_by_username(conn: &Connection, username: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username.trim().to_lowercase()],
            |r| r.get(0),
        )
        .optional()?)
}

/// (id, password hash, active) for a username.
pub(crate) fn credentials(
    conn: &Connection,
    username: &str,
) -> Result<Option<(String, String, bool)>> {
    Ok(conn
        .query_row(
            "SELECT id, password_hash, active FROM users WHERE username = ?1",
            [username.trim().to_lowercase()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

pub fn stored_hash(conn: &Connection, id: &str) -> Result<String> {
    conn.query_row("SELECT password_hash FROM users WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found("No such user."))
}

const COLUMNS: &str = "id, username, full_name, roles, active, specialization, licence_number, signature_text, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
    let roles: Vec<Role> = crate::storage::columns::json(r, 3)?;
    let (specialization, licence_number, signature_text): (
        Option<String>,
        Option<String>,
        Option<String>,
    ) = (r.get(5)?, r.get(6)?, r.get(7)?);
    let clinician = roles
        .iter()
        .any(|r| matches!(r, Role::Doctor | Role::Optometrist));
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        full_name: r.get(2)?,
        active: r.get(4)?,
        profile: clinician.then_some(ClinicianProfile {
            specialization,
            licence_number,
            signature_text,
        }),
        roles,
        locked_until: None,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

pub fn load(conn: &Connection, id: &str) -> Result<User> {
    let mut u = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::not_found("No such user."))?;
    u.locked_until = super::lockout::locked_until(conn, &u.username)?;
    Ok(u)
}

pub fn list(conn: &Connection, include_inactive: bool) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM users WHERE active = 1 OR ?1 ORDER BY active DESC, full_name COLLATE NOCASE"
    ))?;
    let mut users = stmt
        .query_map([include_inactive], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for u in &mut users {
        u.locked_until = super::lockout::locked_until(conn, &u.username)?;
    }
    Ok(users)
}

/// The active user `id` as a caller, or `None` if there is no such active user.
pub(crate) fn current_user(conn: &Connection, id: &str) -> Result<Option<CurrentUser>> {
    let u = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM users WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?;
    let idle = crate::clinic::idle_lock(conn)?;
    Ok(u.filter(|u| u.active).map(|u| CurrentUser {
        permissions: permissions_of(&u.roles),
        id: u.id,
        username: u.username,
        full_name: u.full_name,
        roles: u.roles,
        idle_lock_minutes: idle.num_minutes() as u32,
    }))
}
