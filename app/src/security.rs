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

/// Random digits for a one-time code (`CODE_DIGITS` of them).
pub fn random_code() -> String {
    use crate::domain::account::CODE_DIGITS;
    format!("{:0width$}", OsRng.gen_range(0..10u32.pow(CODE_DIGITS as u32)), width = CODE_DIGITS)
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

/// Writes a new secret file readable by its owner only (0600; security review L2). Refuses to
/// overwrite one that exists.
#[cfg(unix)]
pub fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
pub fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// A secret of at least 32 characters kept in `path`, made (random, 0600) when the file does not
/// exist; `true` with it when it was made just now.
pub fn load_or_create_secret(path: &std::path::Path) -> Result<(Vec<u8>, bool), String> {
    match read_private(path) {
        Ok(s) if s.trim().len() >= 32 => Ok((s.trim().as_bytes().to_vec(), false)),
        Ok(_) => Err(format!("{}: the secret is shorter than 32 characters", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let secret = random_token();
            write_private(path, &secret).map_err(|e| format!("writing {}: {e}", path.display()))?;
            Ok((secret.into_bytes(), true))
        }
        Err(e) => Err(format!("reading {}: {e}", path.display())),
    }
}

/// Reads a secret file. One that others may read (an older install, a copy made by hand) is made
/// the owner's alone first, and the log says so: the secret may have been read.
pub fn read_private(path: &std::path::Path) -> std::io::Result<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(path = %path.display(), mode = format!("{:o}", mode & 0o777), "secret file readable by others: now 0600; consider replacing the secret");
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    std::fs::read_to_string(path)
}

/// Whether `host` is this machine: the only place plain SMTP or plain HTTP to a provider may go
/// (the tests' stand-ins), since anything else would carry passwords and codes in clear.
pub fn is_loopback_host(host: &str) -> bool {
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A provider's address is HTTPS, or plain HTTP to this machine.
pub fn https_or_loopback(url: &str) -> bool {
    if url.starts_with("https://") {
        return true;
    }
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let authority = rest.split('/').next().unwrap_or("");
    let host = authority.rsplit_once(':').map_or(authority, |(h, _)| h);
    is_loopback_host(host)
}

/// HTML-escapes text written into a page or an e-mail's HTML part.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// RFC 3986 percent-encoding: only `A–Z a–z 0–9 - _ . ~` stay, every other byte is `%XX` (upper
/// case). What Alibaba's signature requires, and valid in any URL's query.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    fn codes_are_eight_digits() {
        for _ in 0..100 {
            let c = random_code();
            assert_eq!(c.len(), 8);
            assert!(c.chars().all(|ch| ch.is_ascii_digit()));
        }
    }
}
