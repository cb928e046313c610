//! Signed-in sessions, held in memory: a restart signs everyone out, and a session never leaves its workstation.
//! A session idle for longer than the clinic's setting locks: the same user resumes with their password, or
//! someone else signs in. However active, a session ends once it is as old as the clinic's session lifetime, and its
//! user signs in again: a password proves who is at the keyboard, and a token must not outlive the shift it was
//! given for.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;

use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone)]
struct Session {
    user_id: String,
    opened_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    locked: bool,
}

#[derive(Default)]
pub struct Sessions {
    inner: Mutex<HashMap<String, Session>>,
}

pub fn unauthenticated() -> Error {
    Error::new(ErrorCode::Unauthenticated, "Please sign in.")
}

fn ended() -> Error {
    Error::new(
        ErrorCode::Unauthenticated,
        "Your session has ended. Please sign in again.",
    )
}

fn locked() -> Error {
    Error::new(
        ErrorCode::Locked,
        "The screen is locked. Enter your password to continue.",
    )
}

impl Sessions {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts a session for `user_id` and returns its secret token.
    pub fn open(&self, user_id: &str, now: DateTime<Utc>) -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        self.map().insert(
            token.clone(),
            Session {
                user_id: user_id.to_string(),
                opened_at: now,
                last_seen: now,
                locked: false,
            },
        );
        token
    }

    /// The user of an active session, recording activity. A session idle for `idle` or longer becomes locked; one
    /// opened `lifetime` or longer ago ends.
    pub fn touch(
        &self,
        token: Option<&str>,
        now: DateTime<Utc>,
        idle: Duration,
        lifetime: Duration,
    ) -> Result<String> {
        let token = token.ok_or_else(unauthenticated)?;
        let mut map = self.map();
        let s = map.get_mut(token).ok_or_else(unauthenticated)?;
        if now - s.opened_at >= lifetime {
            map.remove(token);
            return Err(ended());
        }
        if s.locked || now - s.last_seen >= idle {
            s.locked = true;
            return Err(locked());
        }
        s.last_seen = now;
        Ok(s.user_id.clone())
    }

    /// The user of a session, locked or not, without recording activity; `None` once it has ended (ending it
    /// if it is `lifetime` old), so a locked session past its lifetime cannot be resumed.
    pub fn user_of(
        &self,
        token: Option<&str>,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Option<String> {
        let token = token?;
        let mut map = self.map();
        if map.get(token)?.opened_at + lifetime <= now {
            map.remove(token);
            return None;
        }
        map.get(token).map(|s| s.user_id.clone())
    }

    pub fn lock(&self, token: &str) {
        if let Some(s) = self.map().get_mut(token) {
            s.locked = true;
        }
    }

    pub fn unlock(&self, token: &str, now: DateTime<Utc>) {
        if let Some(s) = self.map().get_mut(token) {
            s.locked = false;
            s.last_seen = now;
        }
    }

    pub fn close(&self, token: &str) {
        self.map().remove(token);
    }

    /// Ends every session of a user (deactivated, or password reset by an administrator).
    pub fn close_user(&self, user_id: &str) {
        self.map().retain(|_, s| s.user_id != user_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_sessions_lock_and_unlock() {
        let s = Sessions::default();
        let t0: DateTime<Utc> = "2026-11-25T09:00:00Z".parse().expect("time");
        let idle = Duration::minutes(10);
        let day = Duration::hours(24);
        let tok = s.open("u1", t0);
        assert_eq!(
            s.touch(Some(&tok), t0 + Duration::minutes(9), idle, day)
                .as_deref(),
            Ok("u1")
        );
        // Activity moved the idle window on.
        assert!(
            s.touch(Some(&tok), t0 + Duration::minutes(18), idle, day)
                .is_ok()
        );
        let e = s
            .touch(Some(&tok), t0 + Duration::minutes(28), idle, day)
            .expect_err("idle");
        assert_eq!(e.code, ErrorCode::Locked);
        assert_eq!(
            s.touch(Some(&tok), t0 + Duration::minutes(28), idle, day)
                .expect_err("still")
                .code,
            ErrorCode::Locked
        );
        s.unlock(&tok, t0 + Duration::minutes(30));
        assert!(
            s.touch(Some(&tok), t0 + Duration::minutes(31), idle, day)
                .is_ok()
        );
        s.close(&tok);
        assert_eq!(
            s.touch(Some(&tok), t0, idle, day).expect_err("closed").code,
            ErrorCode::Unauthenticated
        );
        assert_eq!(
            s.touch(None, t0, idle, day).expect_err("none").code,
            ErrorCode::Unauthenticated
        );
    }

    #[test]
    fn sessions_end_at_their_lifetime_however_active() {
        let s = Sessions::default();
        let t0: DateTime<Utc> = "2026-11-25T09:00:00Z".parse().expect("time");
        let (idle, life) = (Duration::minutes(10), Duration::hours(12));
        let tok = s.open("u1", t0);
        let mut t = t0;
        while t < t0 + life - Duration::minutes(5) {
            t += Duration::minutes(5);
            assert!(s.touch(Some(&tok), t, idle, life).is_ok(), "{t}");
        }
        let e = s
            .touch(Some(&tok), t0 + life, idle, life)
            .expect_err("ended");
        assert_eq!(e.code, ErrorCode::Unauthenticated);
        assert_eq!(
            s.user_of(Some(&tok), t0 + life, life),
            None,
            "gone for good"
        );

        // A locked session past its lifetime cannot be resumed either.
        let tok = s.open("u2", t0);
        s.lock(&tok);
        assert_eq!(
            s.user_of(Some(&tok), t0 + life - Duration::seconds(1), life)
                .as_deref(),
            Some("u2")
        );
        assert_eq!(s.user_of(Some(&tok), t0 + life, life), None);
        assert_eq!(
            s.touch(Some(&tok), t0 + life, idle, life)
                .expect_err("ended")
                .code,
            ErrorCode::Unauthenticated
        );
    }
}
