//! Passwords: Argon2id with the OWASP parameters (m = 19456 KiB, t = 2, p = 1, the `argon2` crate's defaults),
//! stored as PHC strings. Length is what makes a password strong, so there are no composition rules.

use std::sync::OnceLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::{Error, Result};

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 128;

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashes a password with a fresh random salt.
pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::storage(format!("Could not hash the password: {e}")))
}

/// Whether `password` matches the stored PHC string. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Whether a stored hash was made with other parameters than today's, so it should be replaced at the next
/// successful sign-in.
pub fn needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let current = Params::default();
    let same_params = Params::try_from(&parsed).is_ok_and(|p| {
        p.m_cost() == current.m_cost()
            && p.t_cost() == current.t_cost()
            && p.p_cost() == current.p_cost()
    });
    parsed.algorithm.as_str() != "argon2id"
        || parsed.version != Some(Version::V0x13 as u32)
        || !same_params
}

/// Spends the same effort as checking a real password, so that an unknown username answers no faster.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("fovea dummy password for timing").unwrap_or_default());
    let _ = verify(password, phc);
}

/// Checks a new password against the policy: 10 to 128 characters, no control characters, not the username, not a
/// common password. Every way a password is chosen (set-up, a new user, a reset, a change) goes through here.
pub fn check_policy(field: &str, password: &str, username: &str) -> Result<()> {
    // Nobody can type them at the sign-in screen, so such a password locks its owner out (or was never theirs).
    if password
        .chars()
        .any(|c| c.is_control() || crate::text::is_bidi_control(c))
    {
        return Err(Error::validation(
            field,
            "A password can hold letters, digits, spaces and symbols, not invisible control characters.",
        ));
    }
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(Error::validation(
            field,
            format!("Use at least {MIN_LENGTH} characters; a short phrase works well."),
        ));
    }
    if len > MAX_LENGTH {
        return Err(Error::validation(
            field,
            format!("Use at most {MAX_LENGTH} characters."),
        ));
    }
    let lower = password.trim().to_lowercase();
    if !username.is_empty() && lower == username.trim().to_lowercase() {
        return Err(Error::validation(
            field,
            "The password cannot be the username.",
        ));
    }
    let squashed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if COMMON.iter().any(|c| *c == lower || *c == squashed) {
        return Err(Error::validation(
            field,
            "This password is too common; choose another.",
        ));
    }
    Ok(())
}

/// Frequent passwords of ten or more characters from public breach lists, plus obvious clinic ones.
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "0123456789",
    "0987654321",
    "1111111111",
    "0000000000",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "qwertyuiop",
    "qwerty12345",
    "qwerty123456",
    "asdfghjkl1",
    "zxcvbnm123",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "password!1",
    "p@ssw0rd123",
    "iloveyou12",
    "iloveyou123",
    "letmein123",
    "welcome123",
    "welcome1234",
    "changeme123",
    "administrator",
    "admin12345",
    "admin123456",
    "abc1234567",
    "abcdefghij",
    "abcd123456",
    "football123",
    "baseball123",
    "sunshine123",
    "princess123",
    "monkey12345",
    "dragon12345",
    "superman123",
    "trustno1234",
    "starwars123",
    "computer123",
    "whatever123",
    "michael123",
    "jennifer123",
    "liverpool1",
    "chelsea123",
    "arsenal123",
    "samsung123",
    "987654321a",
    "a123456789",
    "q1w2e3r4t5",
    "1234qwerasdf",
    "qazwsxedc123",
    "correcthorsebatterystaple",
    "clinic1234",
    "clinic12345",
    "hospital123",
    "doctor1234",
    "doctor12345",
    "nurse12345",
    "reception1",
    "reception123",
    "ophthalmology",
    "optometrist",
    "optometry123",
    "eyeclinic123",
    "fovea12345",
    "fovea123456",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_use_owasp_argon2id() {
        let phc = hash("long enough secret").expect("hash");
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify("long enough secret", &phc));
        assert!(!verify("long enough secreT", &phc));
        assert!(!verify("anything", "not a phc string"));
        assert!(!needs_rehash(&phc));
        assert_ne!(phc, hash("long enough secret").expect("hash"), "salted");
    }

    #[test]
    fn weaker_parameters_need_rehash() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(4096, 1, 1, None).expect("params"),
        );
        let salt = SaltString::generate(&mut OsRng);
        let phc = weak
            .hash_password(b"long enough secret", &salt)
            .expect("hash")
            .to_string();
        assert!(
            verify("long enough secret", &phc),
            "old hashes still verify"
        );
        assert!(needs_rehash(&phc));
        let argon2i = Argon2::new(Algorithm::Argon2i, Version::V0x13, Params::default());
        let phc = argon2i
            .hash_password(b"long enough secret", &salt)
            .expect("hash")
            .to_string();
        assert!(needs_rehash(&phc));
    }

    #[test]
    fn policy_is_length_not_composition() {
        assert!(check_policy("p", "all lower case words", "ana").is_ok());
        assert!(check_policy("p", &"x".repeat(128), "ana").is_ok());
        assert_eq!(
            check_policy("p", "short1!A", "ana")
                .expect_err("short")
                .field
                .as_deref(),
            Some("p")
        );
        assert!(check_policy("p", &"x".repeat(129), "ana").is_err());
        for hidden in [
            "\0\0\0\0\0\0\0\0\0\0",
            "long enough\u{1b}[0m",
            "tab\tseparated words",
            "right\u{202E}to left here",
        ] {
            assert!(check_policy("p", hidden, "ana").is_err(), "{hidden:?}");
        }
        assert!(
            check_policy("p", "Reception123", "ana").is_err(),
            "common, case-insensitive"
        );
        assert!(
            check_policy("p", "correct horse battery staple", "ana").is_err(),
            "common with spaces"
        );
        assert!(
            check_policy("p", "DrAnaGarcia", "draNAgarcia").is_err(),
            "the username itself"
        );
    }
}
