//! The issuer's Ed25519 key and the signed certificate file (server only).
//!
//! A certificate carries two signatures by the same key:
//! - over the canonical JSON of its data (`CertificateData::canonical_json`), kept in the database
//!   and shown as valid on the verify page;
//! - over the whole PDF file, so that a downloaded file can be checked offline and one changed byte
//!   anywhere fails the check.
//!
//! The PDF is written first; then comment lines are appended after its `%%EOF` (PDF readers ignore
//! them): the canonical data, its signature, the key id, and last the signature of every byte
//! before that last line.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::domain::certificate::{CertificateData, FORMAT};

/// The issuer's signing key.
pub struct IssuerKey {
    signing: SigningKey,
}

impl IssuerKey {
    /// Reads the key file (the base64 of the 32-byte seed) or, when it does not exist, makes a new
    /// key from the operating system's randomness and writes it readable by the owner only.
    pub fn load_or_create(path: &std::path::Path) -> Result<Self, String> {
        match crate::security::read_private(path) {
            Ok(text) => Self::from_seed_b64(text.trim()).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut seed = [0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut seed);
                let key = Self { signing: SigningKey::from_bytes(&seed) };
                crate::security::write_private(path, &B64.encode(seed)).map_err(|e| format!("writing {}: {e}", path.display()))?;
                Ok(key)
            }
            Err(e) => Err(format!("reading {}: {e}", path.display())),
        }
    }

    pub fn from_seed_b64(seed: &str) -> Result<Self, String> {
        let bytes = B64.decode(seed).map_err(|e| format!("key is not base64: {e}"))?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| "key is not 32 bytes".to_string())?;
        Ok(Self { signing: SigningKey::from_bytes(&seed) })
    }

    /// The public key, base64 — what is published at `/certificates/public-key`.
    pub fn public_key_b64(&self) -> String {
        B64.encode(self.signing.verifying_key().to_bytes())
    }

    /// A short name of the key: the first 16 hex digits of the SHA-256 of the public key.
    pub fn key_id(&self) -> String {
        key_id_of(&self.signing.verifying_key())
    }

    pub fn sign_b64(&self, bytes: &[u8]) -> String {
        B64.encode(self.signing.sign(bytes).to_bytes())
    }

    /// Appends the signed trailer to a freshly written PDF.
    pub fn seal_file(&self, mut pdf: Vec<u8>, data: &CertificateData) -> Vec<u8> {
        let canonical = data.canonical_json();
        if !pdf.ends_with(b"\n") {
            pdf.push(b'\n');
        }
        let trailer = format!(
            "%ZP-CERTIFICATE {FORMAT}\n%ZP-DATA {}\n%ZP-DATA-SIG {}\n%ZP-KEY {}\n",
            B64.encode(canonical.as_bytes()),
            self.sign_b64(canonical.as_bytes()),
            self.key_id()
        );
        pdf.extend_from_slice(trailer.as_bytes());
        let file_sig = self.sign_b64(&pdf);
        pdf.extend_from_slice(format!("{FILE_SIG}{file_sig}\n").as_bytes());
        pdf
    }
}

const FILE_SIG: &str = "%ZP-FILE-SIG ";

fn key_id_of(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.to_bytes())[..8])
}

pub fn parse_public_key(b64: &str) -> Result<VerifyingKey, FileCheck> {
    let bytes = B64.decode(b64.trim()).map_err(|_| FileCheck::BadKey)?;
    let arr: [u8; 32] = bytes.try_into().map_err(|_| FileCheck::BadKey)?;
    VerifyingKey::from_bytes(&arr).map_err(|_| FileCheck::BadKey)
}

/// Whether `sig_b64` is `key`'s signature of `bytes`.
pub fn verifies(key: &VerifyingKey, bytes: &[u8], sig_b64: &str) -> bool {
    let Ok(raw) = B64.decode(sig_b64) else { return false };
    let Ok(arr) = <[u8; 64]>::try_from(raw.as_slice()) else { return false };
    key.verify(bytes, &Signature::from_bytes(&arr)).is_ok()
}

/// Why a certificate file does not check out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileCheck {
    #[error("the public key is not a base64 Ed25519 key")]
    BadKey,
    #[error("not a 职评 certificate file (no signature trailer)")]
    NoTrailer,
    #[error("signed by another key ({0})")]
    OtherKey(String),
    #[error("the file has been changed since it was signed")]
    FileChanged,
    #[error("the certificate data does not match its signature")]
    DataChanged,
}

/// Checks a certificate file against the issuer's public key, offline: the file signature over
/// every byte, then the data signature; gives back the data the certificate states.
pub fn check_file(file: &[u8], key: &VerifyingKey) -> Result<CertificateData, FileCheck> {
    let needle = format!("\n{FILE_SIG}");
    let at = find_last(file, needle.as_bytes()).ok_or(FileCheck::NoTrailer)?;
    let signed = &file[..=at];
    let sig_line = std::str::from_utf8(&file[at + needle.len()..]).map_err(|_| FileCheck::FileChanged)?;
    let trailer_start = find_last(signed, b"\n%ZP-CERTIFICATE ").ok_or(FileCheck::NoTrailer)?;
    let trailer = std::str::from_utf8(&signed[trailer_start + 1..]).map_err(|_| FileCheck::FileChanged)?;
    let field = |name: &str| trailer.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(' '))).map(str::to_string);
    if let Some(id) = field("%ZP-KEY") {
        if id != key_id_of(key) {
            return Err(FileCheck::OtherKey(id));
        }
    }
    // exactly one signature and one line end: nothing may follow or be added
    let sig = sig_line.strip_suffix('\n').ok_or(FileCheck::FileChanged)?;
    if !verifies(key, signed, sig) {
        return Err(FileCheck::FileChanged);
    }
    let data_b64 = field("%ZP-DATA").ok_or(FileCheck::NoTrailer)?;
    let data_sig = field("%ZP-DATA-SIG").ok_or(FileCheck::NoTrailer)?;
    let canonical = B64.decode(data_b64).ok().and_then(|b| String::from_utf8(b).ok()).ok_or(FileCheck::DataChanged)?;
    if !verifies(key, canonical.as_bytes(), &data_sig) {
        return Err(FileCheck::DataChanged);
    }
    CertificateData::from_canonical(&canonical).ok_or(FileCheck::DataChanged)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::certificate::certificate_number;

    fn data() -> CertificateData {
        CertificateData {
            number: certificate_number(2026, 1),
            holder_name: "王芳".into(),
            holder_id_number: "650102198506152024".into(),
            title: "研究员".into(),
            series: "高等教育管理研究".into(),
            specialty: "高等教育管理".into(),
            level: "senior".into(),
            work_unit: "新疆大学".into(),
            issuer: "新疆维吾尔自治区教育厅".into(),
            committee: "评审委员会".into(),
            evaluated_on: "2026-12-01".into(),
            issued_on: "2026-12-20".into(),
        }
    }

    fn key() -> IssuerKey {
        IssuerKey::from_seed_b64(&B64.encode([7u8; 32])).unwrap()
    }

    #[test]
    fn a_sealed_file_checks_out_and_any_changed_byte_fails() {
        let k = key();
        let public = parse_public_key(&k.public_key_b64()).unwrap();
        let pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".to_vec();
        let file = k.seal_file(pdf, &data());
        assert_eq!(check_file(&file, &public), Ok(data()));
        // every byte position, changed by one bit, fails the check
        for i in 0..file.len() {
            let mut bad = file.clone();
            bad[i] ^= 0x01;
            assert!(check_file(&bad, &public).is_err(), "byte {i} changed and still valid");
        }
        // a second trailer appended with forged data does not pass either
        let mut forged = file.clone();
        forged.extend_from_slice(b"%ZP-FILE-SIG AAAA\n");
        assert!(check_file(&forged, &public).is_err());
    }

    #[test]
    fn another_key_is_named() {
        let other = IssuerKey::from_seed_b64(&B64.encode([9u8; 32])).unwrap();
        let file = key().seal_file(b"%PDF-1.7\n%%EOF\n".to_vec(), &data());
        let public = parse_public_key(&other.public_key_b64()).unwrap();
        assert!(matches!(check_file(&file, &public), Err(FileCheck::OtherKey(_))));
        assert_eq!(check_file(b"%PDF-1.7\n%%EOF\n", &public), Err(FileCheck::NoTrailer));
    }

    #[test]
    fn the_key_file_is_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("zp-key-{}", crate::security::random_token()));
        let path = dir.join("issuer.key");
        let a = IssuerKey::load_or_create(&path).unwrap();
        let b = IssuerKey::load_or_create(&path).unwrap();
        assert_eq!(a.public_key_b64(), b.public_key_b64());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).ok();
    }
}
