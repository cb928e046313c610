//! Sign-in, sessions and user administration operations.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ClinicianProfile, CurrentUser, Role, User, lockout, password, users};
use crate::audit::{self, Actor, Outcome};
use crate::catalog::{Ctx, Empty};
use crate::catalog::{area_operations, op};
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SignInRequest {
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignedIn {
    /// Secret for this session; send it with every call.
    pub token: String,
    pub user: CurrentUser,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct UnlockRequest {
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ListUsersRequest {
    pub include_inactive: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CreateUserRequest {
    pub username: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    pub password: String,
    pub profile: Option<ClinicianProfile>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct UpdateUserRequest {
    pub id: String,
    pub full_name: String,
    pub roles: Vec<Role>,
    /// False deactivates the user: they can no longer sign in, and their sessions end. Users are never deleted.
    pub active: bool,
    pub profile: Option<ClinicianProfile>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ResetPasswordRequest {
    pub id: String,
    pub new_password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct UserIdRequest {
    pub id: String,
}

fn sign_in_refused(message: String) -> Error {
    Error::new(ErrorCode::Validation, message)
}

fn minutes_message(
    until: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let mins = ((until - now).num_seconds() + 59) / 60;
    let unit = if mins == 1 { "minute" } else { "minutes" };
    format!("Too many failed attempts. Try again in {mins} {unit}.")
}

/// Checks `password` for `username` with lockout; on failure counts it, audits it and returns the message to show.
/// The messages are the same whether or not the username exists.
fn check_credentials(cx: &Ctx<'_>, username: &str, pw: &str) -> Result<String> {
    if !cx.read(crate::workstation::ops::is_set_up)? {
        return Err(Error::conflict(
            "No clinic is set up in this database yet. Set one up with `fovea init` (or the app's first start), \
             then sign in.",
        ));
    }
    let now = cx.now();
    let typed = username.trim().to_lowercase();
    let actor = |id: Option<String>| Actor {
        user_id: id,
        username: Some(typed.clone()),
    };
    if let Some(until) = cx.read(|c| lockout::locked_at(c, &typed, now))? {
        password::verify_dummy(pw);
        cx.fovea.write(|w| {
            audit::append(
                w,
                &cx.entry(actor(None), Outcome::Failed, Some("locked out".into())),
            )
        })?;
        return Err(sign_in_refused(minutes_message(until, now)));
    }
    let creds = cx.read(|c| users::credentials(c, &typed))?;
    let accepted = match &creds {
        Some((id, phc, active)) => (password::verify(pw, phc) && *active).then(|| id.clone()),
        None => {
            password::verify_dummy(pw);
            None
        }
    };
    match accepted {
        Some(id) => Ok(id),
        None => {
            let known = creds.map(|c| c.0);
            let until = cx.fovea.write(|w| {
                let until = lockout::record_failure(w.tx(), &typed, now)?;
                audit::append(
                    w,
                    &cx.entry(
                        actor(known.clone()),
                        Outcome::Failed,
                        Some("wrong username or password".into()),
                    ),
                )?;
                if let Some(u) = until {
                    audit::append(
                        w,
                        &cx.entry(
                            actor(known.clone()),
                            Outcome::Failed,
                            Some(format!("locked out until {}", u.to_rfc3339())),
                        ),
                    )?;
                }
                Ok(until)
            })?;
            Err(sign_in_refused(match until {
                Some(u) => minutes_message(u, now),
                None => "Wrong username or password.".into(),
            }))
        }
    }
}

/// After a successful check: clear failures, upgrade an old hash, audit.
fn accept(cx: &Ctx<'_>, id: &str, pw: &str, what: &str) -> Result<CurrentUser> {
    let user = cx
        .read(|c| users::current_user(c, id))?
        .ok_or_else(|| Error::not_found("No such user."))?;
    cx.fovea.write(|w| {
        lockout::clear(w.tx(), &user.username)?;
        if password::needs_rehash(&users::stored_hash(w.tx(), id)?) {
            users::set_password(w, id, &password::hash(pw)?)?;
        }
        let actor = Actor {
            user_id: Some(user.id.clone()),
            username: Some(user.username.clone()),
        };
        audit::append(w, &cx.entry(actor, Outcome::Ok, Some(what.into())))
    })?;
    Ok(user)
}

op! {
    SignIn = "auth.sign_in", Public,
    summary: "Sign in with username and password; returns a session token.",
    label: "Signed in",
    fn(cx, req: SignInRequest) -> SignedIn {
        if req.username.trim().is_empty() || req.password.is_empty() {
            return Err(sign_in_refused("Enter your username and password.".into()));
        }
        let id = check_credentials(cx, &req.username, &req.password)?;
        let user = accept(cx, &id, &req.password, "signed in")?;
        if let Some(old) = cx.session {
            cx.fovea.sessions.close(old);
        }
        Ok(SignedIn {
            token: cx.fovea.sessions.open(&user.id, cx.now()),
            user,
        })
    }
}

op! {
    Session = "auth.session", SignedIn,
    summary: "The signed-in user of this session, with roles and permissions.",
    label: "Checked the session",
    fn(cx, _: Empty) -> CurrentUser {
        cx.user.clone().ok_or_else(super::session::unauthenticated)
    }
}

op! {
    SignOut = "auth.sign_out", Public,
    summary: "End this session.",
    label: "Signed out",
    fn(cx, _: Empty) -> Empty {
        let lifetime = cx.read(crate::clinic::session_lifetime)?;
        if let Some(token) = cx.session
            && let Some(user_id) = cx.fovea.sessions.user_of(Some(token), cx.now(), lifetime)
        {
            cx.fovea.sessions.close(token);
            let username = cx
                .read(|c| users::load(c, &user_id))
                .ok()
                .map(|u| u.username);
            let actor = Actor {
                user_id: Some(user_id),
                username,
            };
            cx.fovea.write(|w| {
                audit::append(w, &cx.entry(actor, Outcome::Ok, Some("signed out".into())),
                )
            })?;
        }
        Ok(Empty {})
    }
}

op! {
    Lock = "auth.lock", Public,
    summary: "Lock the screen: the same user resumes with their password.",
    label: "Locked the screen",
    fn(cx, _: Empty) -> Empty {
        if let Some(token) = cx.session {
            cx.fovea.sessions.lock(token);
        }
        Ok(Empty {})
    }
}

op! {
    Unlock = "auth.unlock", Public,
    summary: "Resume a locked session with the signed-in user's password.",
    label: "Unlocked the screen",
    fn(cx, req: UnlockRequest) -> CurrentUser {
        let token = cx.session.ok_or_else(super::session::unauthenticated)?;
        let lifetime = cx.read(crate::clinic::session_lifetime)?;
        let user_id = cx
            .fovea
            .sessions
            .user_of(Some(token), cx.now(), lifetime)
            .ok_or_else(super::session::unauthenticated)?;
        let username = cx.read(|c| users::load(c, &user_id))?.username;
        let id = check_credentials(cx, &username, &req.password).map_err(|e| Error {
            field: Some("password".into()),
            ..e
        })?;
        let user = accept(cx, &id, &req.password, "unlocked the screen")?;
        cx.fovea.sessions.unlock(token, cx.now());
        Ok(user)
    }
}

op! {
    ChangePassword = "auth.change_password", SignedIn,
    summary: "Change your own password.",
    label: "Changed own password",
    fn(cx, req: ChangePasswordRequest) -> Empty {
        let me = cx
            .user
            .clone()
            .ok_or_else(super::session::unauthenticated)?;
        // The new password is checked first: its answer says nothing about the current one, and a request that
        // would be refused anyway does not spend a guess.
        password::check_policy("new_password", &req.new_password, &me.username)?;
        check_own_password(
            cx,
            "current_password",
            &req.current_password,
            "wrong current password",
            "That is not your current password.",
        )?;
        let new = password::hash(&req.new_password)?;
        cx.note_detail("changed own password");
        cx.write(|w| users::set_password(w, &me.id, &new))?;
        Ok(Empty {})
    }
}

op! {
    ListUsers = "users.list", ManageUsers,
    summary: "Staff accounts, active first.",
    label: "Listed the users",
    fn(cx, req: ListUsersRequest) -> Vec<User> {
        cx.read(|c| users::list(c, req.include_inactive))
    }
}

op! {
    CreateUser = "users.create", ManageUsers,
    summary: "Create a staff account with roles and, for clinicians, a profile.",
    label: "Added a user",
    fn(cx, req: CreateUserRequest) -> User {
        cx.note_detail(format!(
            "created user {}",
            req.username.trim().to_lowercase()
        ));
        let id = cx.write(|w| {
            users::create(
                w,
                &req.username,
                &req.full_name,
                &req.roles,
                &req.password,
                req.profile.as_ref(),
            )
        })?;
        cx.read(|c| users::load(c, &id))
    }
}

/// At least one active administrator must remain, or nobody could manage the clinic any more.
fn keep_an_admin(conn: &rusqlite::Connection) -> Result<()> {
    let admins: i64 = conn.query_row(
        "SELECT count(*) FROM users, json_each(users.roles) WHERE active = 1 AND json_each.value = 'admin'",
        [],
        |r| r.get(0),
    )?;
    if admins == 0 {
        return Err(Error::conflict(
            "Fovea needs at least one active administrator; make someone else an administrator first.",
        ));
    }
    Ok(())
}

op! {
    UpdateUser = "users.update", ManageUsers,
    summary: "Change a user's name, roles, profile or active flag (deactivate, never delete).",
    label: "Changed a user",
    fn(cx, req: UpdateUserRequest) -> User {
        cx.note_detail("updated user");
        cx.write(|w| {
            users::update(
                w,
                &req.id,
                &req.full_name,
                &req.roles,
                req.active,
                req.profile.as_ref(),
            )?;
            keep_an_admin(w.tx())
        })?;
        if !req.active {
            cx.fovea.sessions.close_user(&req.id);
        }
        cx.read(|c| users::load(c, &req.id))
    }
}

op! {
    ResetPassword = "users.reset_password", ManageUsers,
    summary: "Set a new password for a user (ends their sessions, lifts a lockout).",
    label: "Reset a password",
    fn(cx, req: ResetPasswordRequest) -> Empty {
        let user = cx.read(|c| users::load(c, &req.id))?;
        password::check_policy("new_password", &req.new_password, &user.username)?;
        let phc = password::hash(&req.new_password)?;
        cx.note_detail(format!("reset the password of {}", user.username));
        cx.write(|w| {
            users::set_password(w, &user.id, &phc)?;
            lockout::clear(w.tx(), &user.username)
        })?;
        if cx.user.as_ref().is_none_or(|me| me.id != user.id) {
            cx.fovea.sessions.close_user(&user.id);
        }
        Ok(Empty {})
    }
}

op! {
    UnlockUser = "users.unlock", ManageUsers,
    summary: "Lift a sign-in lockout on this workstation.",
    label: "Lifted a sign-in lockout",
    fn(cx, req: UserIdRequest) -> User {
        let user = cx.read(|c| users::load(c, &req.id))?;
        cx.fovea.write(|w| {
            lockout::clear(w.tx(), &user.username)?;
            audit::append(w, &cx.entry(
                    cx.actor(),
                    Outcome::Ok,
                    Some(format!("lifted the lockout of {}", user.username)),
                ),
            )
        })?;
        cx.read(|c| users::load(c, &req.id))
    }
}

/// Confirms the signed-in user's password typed again (to sign a clinical record). A wrong one is audited and
/// counts towards the same lockout as signing in, so a session left open cannot be used to guess it.
pub(crate) fn confirm_password(cx: &Ctx<'_>, field: &str, pw: &str) -> Result<()> {
    check_own_password(
        cx,
        field,
        pw,
        "wrong password to sign",
        "That is not your password.",
    )
}

/// The signed-in user's own password, typed again, counted and audited as a sign-in is: `detail` goes into the
/// audit trail, `wrong` is shown when the password is wrong but the account is not (yet) locked out.
fn check_own_password(
    cx: &Ctx<'_>,
    field: &str,
    pw: &str,
    detail: &str,
    wrong: &str,
) -> Result<()> {
    let me = cx
        .user
        .clone()
        .ok_or_else(|| Error::permission_denied("Sign in first."))?;
    let now = cx.now();
    if let Some(until) = cx.read(|c| lockout::locked_at(c, &me.username, now))? {
        password::verify_dummy(pw);
        return Err(Error::validation(field, minutes_message(until, now)));
    }
    let phc = cx.read(|c| users::stored_hash(c, &me.id))?;
    if password::verify(pw, &phc) {
        return cx.fovea.write(|w| lockout::clear(w.tx(), &me.username));
    }
    let until = cx.fovea.write(|w| {
        let until = lockout::record_failure(w.tx(), &me.username, now)?;
        audit::append(
            w,
            &cx.entry(cx.actor(), Outcome::Failed, Some(detail.into())),
        )?;
        Ok(until)
    })?;
    Err(Error::validation(
        field,
        match until {
            Some(u) => minutes_message(u, now),
            None => wrong.into(),
        },
    ))
}

// The registry lists this area's operations in this order (`fovea call --list`, the bindings).
area_operations! {
    SignIn,
    Session,
    SignOut,
    Lock,
    Unlock,
    ChangePassword,
    ListUsers,
    CreateUser,
    UpdateUser,
    ResetPassword,
    UnlockUser,
}
