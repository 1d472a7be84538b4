//! Secrets (server only): password hashing with argon2id, random tokens and codes, SHA-256.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

/// At most this many argon2id computations at once (one per core): each takes 19 MiB and tens of
/// milliseconds by design, so a flood of logins queues here instead of exhausting memory and the
/// runtime's blocking threads.
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)))
}

/// argon2id with the crate's defaults (19 MiB, 2 passes): OWASP's recommended minimum. Runs on
/// a blocking thread because it takes tens of milliseconds by design.
pub async fn hash_password(password: String) -> Result<String, String> {
    let _permit = hashing_permits().acquire().await.map_err(|e| e.to_string())?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Checks a password against a stored hash. `None` as the hash still spends the same work, so
/// that an unknown account answers as slowly as a known one.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    let Ok(_permit) = hashing_permits().acquire().await else { return false };
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
        match PasswordHash::new(&hash) {
            Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && known,
            Err(_) => false,
        }
    })
    .await
    .unwrap_or(false)
}

/// A real argon2id hash of a random token nobody knows, made once, for the unknown-account path.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(random_token().as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

/// 32 random bytes as hex: session tokens.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// Six random digits: one-time codes.
pub fn random_code() -> String {
    format!("{:06}", OsRng.gen_range(0..1_000_000u32))
}

/// What the store keeps of a one-time code (reset or invitation): bound to the account, so a
/// code is worthless for any other.
pub fn reset_code_hash(user_id: &str, code: &str) -> String {
    sha256_hex(&format!("{user_id}:{code}"))
}

pub fn sha256_hex(data: &str) -> String {
    hex::encode(Sha256::digest(data.as_bytes()))
}

/// Constant-time comparison of two hex digests.
pub fn same_digest(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_never_match() {
        let h = hash_password("天山雪莲2026春".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("天山雪莲2026春".into(), Some(h.clone())).await);
        assert!(!verify_password("wrong-password".into(), Some(h)).await);
        assert!(!verify_password("anything".into(), None).await);
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let c = random_code();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|ch| ch.is_ascii_digit()));
        }
    }
}
