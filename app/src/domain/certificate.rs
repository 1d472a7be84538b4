//! The electronic title certificate (seed §九–§十): what it states, the one canonical byte form
//! that is signed, how its number is written, and what the public verify page may show of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a certificate states. Every field is text so that the canonical form has one spelling.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateData {
    pub number: String,
    pub holder_name: String,
    /// The 18-character resident ID, upper-case X.
    pub holder_id_number: String,
    /// The title conferred, e.g. 高等教育管理研究员.
    pub title: String,
    pub series: String,
    pub specialty: String,
    /// The level's stable name (`senior`, `associate` …).
    pub level: String,
    pub work_unit: String,
    pub issuer: String,
    /// The committee that evaluated, and the filing reference.
    pub committee: String,
    /// YYYY-MM-DD, Beijing dates.
    pub evaluated_on: String,
    pub issued_on: String,
}

/// The form's version, part of what is signed, so a later layout can never be mistaken for this one.
pub const FORMAT: &str = "zhiping-certificate/1";

impl CertificateData {
    /// The signed bytes: a JSON object of strings with its keys in byte order and no whitespace
    /// (the subset of RFC 8785 that strings-only objects need), the format name included.
    pub fn canonical_json(&self) -> String {
        let mut map: BTreeMap<&str, &str> = BTreeMap::new();
        map.insert("format", FORMAT);
        map.insert("number", &self.number);
        map.insert("holder_name", &self.holder_name);
        map.insert("holder_id_number", &self.holder_id_number);
        map.insert("title", &self.title);
        map.insert("series", &self.series);
        map.insert("specialty", &self.specialty);
        map.insert("level", &self.level);
        map.insert("work_unit", &self.work_unit);
        map.insert("issuer", &self.issuer);
        map.insert("committee", &self.committee);
        map.insert("evaluated_on", &self.evaluated_on);
        map.insert("issued_on", &self.issued_on);
        serde_json::to_string(&map).unwrap_or_default()
    }

    /// Reads a canonical form back; `None` unless it is exactly canonical (so two spellings of the
    /// same data cannot both carry a valid signature).
    pub fn from_canonical(json: &str) -> Option<Self> {
        let map: BTreeMap<String, String> = serde_json::from_str(json).ok()?;
        if map.get("format").map(String::as_str) != Some(FORMAT) || map.len() != 13 {
            return None;
        }
        let get = |k: &str| map.get(k).cloned();
        let data = Self {
            number: get("number")?,
            holder_name: get("holder_name")?,
            holder_id_number: get("holder_id_number")?,
            title: get("title")?,
            series: get("series")?,
            specialty: get("specialty")?,
            level: get("level")?,
            work_unit: get("work_unit")?,
            issuer: get("issuer")?,
            committee: get("committee")?,
            evaluated_on: get("evaluated_on")?,
            issued_on: get("issued_on")?,
        };
        (data.canonical_json() == json).then_some(data)
    }
}

/// The certificate number: region prefix, year, a running number within the year and a check
/// character (ISO 7064 MOD 11-2 over the digits, as the ID number uses), e.g. `XJZC-2026-000017-6`.
/// The check catches a mistyped digit on the verify page before any lookup.
pub fn certificate_number(year: i32, seq: u32) -> String {
    let digits = format!("{year:04}{seq:06}");
    format!("XJZC-{year:04}-{seq:06}-{}", check_char(&digits))
}

fn check_char(digits: &str) -> char {
    let mut sum = 0u32;
    for c in digits.chars() {
        sum = (sum + c.to_digit(10).unwrap_or(0)) * 2 % 11;
    }
    let check = (12 - sum % 11) % 11;
    if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('0')
    }
}

/// Whether `s` is a well-formed certificate number (upper-cased and trimmed first).
pub fn normalise_number(s: &str) -> Option<String> {
    let s = s.trim().to_uppercase();
    let mut parts = s.split('-');
    let (prefix, year, seq, check) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || prefix != "XJZC" || year.len() != 4 || seq.len() != 6 || check.chars().count() != 1 {
        return None;
    }
    if !year.chars().chain(seq.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let expected = check_char(&format!("{year}{seq}"));
    check.starts_with(expected).then_some(s)
}

/// The name as the public may see it: the first character and, for names of three or more
/// characters, the last; the rest as ＊ (阿依古丽 → 阿＊＊丽, 王芳 → 王＊).
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "＊".into(),
        2 => format!("{}＊", chars[0]),
        n => format!("{}{}{}", chars[0], "＊".repeat(n - 2), chars[n - 1]),
    }
}

/// The ID number as the public may see it: the region code's first 4 and the last 4 characters.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 9 {
        return "＊".repeat(chars.len());
    }
    let n = chars.len();
    format!("{}{}{}", chars[..4].iter().collect::<String>(), "*".repeat(n - 8), chars[n - 4..].iter().collect::<String>())
}

/// Whether the name typed into the public query matches the holder (spaces and the middle dot
/// of Uyghur names written in Chinese ignored, as people type them either way).
pub fn name_matches(typed: &str, holder: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '.' | '・')).collect::<String>();
    !typed.trim().is_empty() && norm(typed) == norm(holder)
}

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum CertificateStatus {
        Valid = "valid",
        Revoked = "revoked",
    }
}

/// The title a pass confers, as the certificate names it. The seed's series (高等教育管理研究)
/// has its own titles; other series are named by series and level until their titles are entered
/// as data.
pub fn title_for(series: &str, level: crate::domain::materials::Level) -> String {
    use crate::domain::materials::Level;
    if series.contains("研究") {
        return match level {
            Level::Junior => "研究实习员",
            Level::Intermediate => "助理研究员",
            Level::AssociateSenior => "副研究员",
            Level::Senior => "研究员",
        }
        .into();
    }
    let grade = match level {
        Level::Junior => "初级",
        Level::Intermediate => "中级",
        Level::AssociateSenior => "副高级",
        Level::Senior => "正高级",
    };
    format!("{series}（{grade}）")
}

/// `2026年12月20日`, as certificates write dates.
pub fn chinese_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>()[..] {
        [y, m, d] => format!("{y}年{m}月{d}日"),
        _ => iso.to_string(),
    }
}

/// A revocation needs its reason (it is published with the status).
pub fn check_revocation_reason(reason: &str) -> bool {
    let n = reason.trim().chars().count();
    (4..=500).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> CertificateData {
        CertificateData {
            number: certificate_number(2026, 17),
            holder_name: "阿依古丽·测试".into(),
            holder_id_number: "650102198506152024".into(),
            title: "研究员".into(),
            series: "高等教育管理研究".into(),
            specialty: "高等教育管理".into(),
            level: "senior".into(),
            work_unit: "新疆大学".into(),
            issuer: "新疆维吾尔自治区教育厅".into(),
            committee: "自治区高等教育管理研究高级职称评审委员会".into(),
            evaluated_on: "2026-12-01".into(),
            issued_on: "2026-12-20".into(),
        }
    }

    #[test]
    fn canonical_form_is_sorted_compact_and_round_trips() {
        let d = sample();
        let json = d.canonical_json();
        assert!(json.starts_with("{\"committee\":"), "keys in byte order: {json}");
        assert!(!json.contains(": ") && !json.contains(", "));
        assert_eq!(CertificateData::from_canonical(&json), Some(d.clone()));
        // the same data spelled with a space is not canonical
        assert_eq!(CertificateData::from_canonical(&json.replacen(':', ": ", 1)), None);
        // an unknown key is refused
        let extra = json.replacen('{', "{\"a\":\"b\",", 1);
        assert_eq!(CertificateData::from_canonical(&extra), None);
    }

    #[test]
    fn numbers_carry_a_check_character() {
        let n = certificate_number(2026, 17);
        assert!(n.starts_with("XJZC-2026-000017-"));
        assert_eq!(normalise_number(&format!(" {} ", n.to_lowercase())), Some(n.clone()));
        // one digit changed: the check fails
        let typo = n.replacen("000017", "000018", 1);
        assert_eq!(normalise_number(&typo), None);
        assert_eq!(normalise_number("XJZC-2026-17-1"), None);
        assert_eq!(normalise_number("../../etc"), None);
    }

    #[test]
    fn titles_and_dates() {
        use crate::domain::materials::Level;
        assert_eq!(title_for("高等教育管理研究", Level::AssociateSenior), "副研究员");
        assert_eq!(title_for("工程", Level::Senior), "工程（正高级）");
        assert_eq!(chinese_date("2026-12-01"), "2026年12月01日");
    }

    #[test]
    fn masks() {
        assert_eq!(mask_name("阿依古丽"), "阿＊＊丽");
        assert_eq!(mask_name("王芳"), "王＊");
        assert_eq!(mask_id_number("650102198506152024"), "6501**********2024");
        assert!(name_matches("阿依古丽 · 测试", "阿依古丽·测试"));
        assert!(!name_matches("", "阿依古丽·测试"));
        assert!(!name_matches("阿依古丽", "阿依古丽·测试"));
    }
}
