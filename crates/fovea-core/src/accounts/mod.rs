//! Staff accounts: users and their roles, passwords, sign-in with lockout, sessions with idle lock and a lifetime.

mod lockout;
pub mod ops;
pub mod password;
mod roles;
mod session;
mod users;

pub use roles::{Role, permissions_of};
pub use session::Sessions;
pub use users::*;

use crate::catalog::Permission;
use crate::{Fovea, Result};

/// Who is calling, for an operation that needs `permission`. Public and set-up operations run without a user;
/// every other operation needs an active, unlocked session of an active user (its activity is recorded).
pub(crate) fn authenticate(
    fovea: &Fovea,
    session: Option<&str>,
    permission: Permission,
) -> Result<Option<CurrentUser>> {
    if matches!(permission, Permission::Public | Permission::Setup) {
        return Ok(None);
    }
    let user = fovea.read(|conn| {
        let idle = crate::clinic::idle_lock(conn)?;
        let lifetime = crate::clinic::session_lifetime(conn)?;
        let user_id = fovea.sessions.touch(session, fovea.now(), idle, lifetime)?;
        users::current_user(conn, &user_id)
    })?;
    match user {
        Some(u) => Ok(Some(u)),
        None => {
            // Deactivated (possibly on another workstation) since signing in.
            if let Some(token) = session {
                fovea.sessions.close(token);
            }
            Err(session::unauthenticated())
        }
    }
}
