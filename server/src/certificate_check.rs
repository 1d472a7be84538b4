//! `zhiping verify-certificate <file.pdf> [--public-key <base64>]` and `zhiping public-key`:
//! checking a downloaded certificate offline, with nothing but the file and the issuer's
//! published public key (`/certificates/public-key`). Any changed byte fails the check.

use app::certificates::signing::{check_file, parse_public_key, IssuerKey};

use crate::config::ServerConfig;

pub fn run(args: Vec<String>) -> Result<(), String> {
    let usage = "usage: zhiping verify-certificate <certificate.pdf> --public-key <base64>\n\
                 (the key is published at /certificates/public-key; without --public-key the key in ZP_DATA_DIR is used)";
    let mut file = None;
    let mut key = None;
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--public-key" => key = Some(it.next().ok_or(usage)?),
            _ if file.is_none() => file = Some(a),
            _ => return Err(usage.into()),
        }
    }
    let file = file.ok_or(usage)?;
    let key = match key {
        Some(k) => k,
        None => local_key()?,
    };
    let public = parse_public_key(&key).map_err(|e| e.to_string())?;
    let bytes = std::fs::read(&file).map_err(|e| format!("{file}: {e}"))?;
    match check_file(&bytes, &public) {
        Ok(data) => {
            println!("VALID signature: {file}");
            println!("  number   {}", data.number);
            println!("  holder   {}", data.holder_name);
            println!("  title    {} ({} · {}, {})", data.title, data.series, data.specialty, data.level);
            println!("  issuer   {} on {}", data.issuer, data.issued_on);
            println!("  (whether it has been revoked since: /verify/{} or /certificates/status.json)", data.number);
            Ok(())
        }
        Err(e) => Err(format!("INVALID: {file}: {e}")),
    }
}

fn local_key() -> Result<String, String> {
    let cfg = ServerConfig::from_env()?;
    let path = cfg.data_dir.join("issuer-ed25519.key");
    if !path.exists() {
        return Err(format!("no --public-key given and no key at {}", path.display()));
    }
    Ok(IssuerKey::load_or_create(&path)?.public_key_b64())
}

pub fn print_public_key(cfg: &ServerConfig) -> Result<(), String> {
    let key = IssuerKey::load_or_create(&cfg.data_dir.join("issuer-ed25519.key"))?;
    println!("{}", key.public_key_b64());
    Ok(())
}
