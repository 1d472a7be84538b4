//! Account fields (SPEC rules 1–2): what registration, login and recovery accept.
//! Each check returns what is wrong as a value; the catalogue (crate::i18n) turns it into words,
//! so the browser and the server say the same thing.

/// What is wrong with one account field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    Required,
    NameLength,
    NameCharacters,
    PhoneInvalid,
    EmailInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    PasswordContainsId,
    PasswordMismatch,
    CodeFormat,
}

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The most common passwords (public breach lists' head, plus the obvious local ones). Compared
/// case-insensitively; a person who picks one is asked for another.
const COMMON_PASSWORDS: &[&str] = &[
    "12345678",
    "123456789",
    "1234567890",
    "87654321",
    "11111111",
    "00000000",
    "88888888",
    "66666666",
    "password",
    "password1",
    "password123",
    "passw0rd",
    "qwerty123",
    "qwertyuiop",
    "1q2w3e4r",
    "1qaz2wsx",
    "abc12345",
    "abcd1234",
    "a1234567",
    "iloveyou",
    "admin123",
    "admin1234",
    "welcome1",
    "11223344",
    "12341234",
    "123123123",
    "5201314520",
    "woaini1314",
    "zxcvbnm123",
    "asdfghjkl",
    "aa123456",
    "qq123456",
    "123qweasd",
    "qweasdzxc",
    "abc123456",
    "a123456789",
    "12345678a",
    "zhiping123",
    "xinjiang123",
];

/// The 10,000 most common passwords of 8 to 128 characters in public breach corpora, lowercased and
/// sorted: the head of zxcvbn's ranked list (`@zxcvbn-ts/language-common` 4.1.3, `passwords.json`,
/// MIT). ASVS 5.0 §6.2 asks for at least the top 3,000. The server checks the whole list before it
/// saves a password; the browser checks `COMMON_PASSWORDS` only, because the list would add about
/// 30 KB to the wasm every page loads — a common password typed in the browser is then refused by
/// the server, at the same field with the same words.
#[cfg(feature = "ssr")]
fn is_breached(lower: &str) -> bool {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| include_str!("breached_passwords.txt").lines().collect()).binary_search(&lower).is_ok()
}

#[cfg(not(feature = "ssr"))]
fn is_breached(_lower: &str) -> bool {
    false
}

/// 姓名: 2–30 characters, letters (any script, including the middle dot of minority names), no digits.
pub fn check_name(name: &str) -> Result<String, Problem> {
    let name = name.trim();
    let n = name.chars().count();
    if n == 0 {
        return Err(Problem::Required);
    }
    if !(2..=30).contains(&n) {
        return Err(Problem::NameLength);
    }
    if !name.chars().all(|c| c.is_alphabetic() || c == '·' || c == '•' || c == ' ') {
        return Err(Problem::NameCharacters);
    }
    Ok(name.to_string())
}

/// 手机号: a mainland mobile number, 11 digits starting 13–19 (spaces and dashes ignored).
pub fn check_phone(phone: &str) -> Result<String, Problem> {
    let digits: String = phone.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() {
        return Err(Problem::Required);
    }
    let b = digits.as_bytes();
    if b.len() != 11 || !digits.chars().all(|c| c.is_ascii_digit()) || b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
        return Err(Problem::PhoneInvalid);
    }
    Ok(digits)
}

/// 电子邮箱: one `@`, a dotted domain, no spaces. Full RFC 5322 is not the point: a typo is.
pub fn check_email(email: &str) -> Result<String, Problem> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Problem::Required);
    }
    let ok = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        });
    if ok {
        Ok(email.to_ascii_lowercase())
    } else {
        Err(Problem::EmailInvalid)
    }
}

/// 密码: long enough, not absurdly long, not on the common list, not the ID number itself.
pub fn check_password(password: &str, id_number: Option<&str>) -> Result<(), Problem> {
    let n = password.chars().count();
    if n == 0 {
        return Err(Problem::Required);
    }
    if n < PASSWORD_MIN_CHARS {
        return Err(Problem::PasswordTooShort);
    }
    if n > PASSWORD_MAX_CHARS {
        return Err(Problem::PasswordTooLong);
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) || is_breached(&lower) || password.chars().all(|c| password.starts_with(c)) {
        return Err(Problem::PasswordTooCommon);
    }
    if id_number.is_some_and(|id| !id.is_empty() && lower.contains(&id.to_lowercase())) {
        return Err(Problem::PasswordContainsId);
    }
    Ok(())
}

/// 确认密码 must repeat 密码.
pub fn check_password_repeat(password: &str, repeat: &str) -> Result<(), Problem> {
    if repeat.is_empty() {
        Err(Problem::Required)
    } else if password != repeat {
        Err(Problem::PasswordMismatch)
    } else {
        Ok(())
    }
}

/// Digits of a one-time code (reset, invitation): 10⁸ values, above ASVS 5.0's 20 bits with room
/// to spare; five tries per code make a guess one in twenty million.
pub const CODE_DIGITS: usize = 8;

pub fn check_code(code: &str) -> Result<String, Problem> {
    let code = code.trim();
    if code.len() == CODE_DIGITS && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code.to_string())
    } else {
        Err(Problem::CodeFormat)
    }
}

/// How long a code handed over in person stays valid: the person sets a new password there and
/// then, on their own phone or at the counter's computer.
pub const IN_PERSON_CODE_VALID_MS: i64 = 30 * super::instant::MINUTE_MS;

/// Why an in-person identity check failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdentityProblem {
    /// Nothing typed.
    Required,
    /// The account has no ID number to compare with (a staff account).
    NoneOnFile,
    /// The card's number is not the account's.
    Mismatch,
}

/// The in-person reset's identity check: the number typed from the ID card held by the person at
/// the counter must be the one the account registered with (spaces and a lower-case x forgiven).
pub fn same_id_number(typed: &str, on_file: Option<&str>) -> Result<(), IdentityProblem> {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    let typed = squeeze(typed);
    if typed.is_empty() {
        return Err(IdentityProblem::Required);
    }
    let on_file = on_file.map(squeeze).filter(|s| !s.is_empty()).ok_or(IdentityProblem::NoneOnFile)?;
    if typed == on_file {
        Ok(())
    } else {
        Err(IdentityProblem::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_in_person_reset_compares_the_card_with_the_account() {
        assert_eq!(same_id_number(" 65010219850615202x ", Some("65010219850615202X")), Ok(()));
        assert_eq!(same_id_number("650102 1985 0615 2024", Some("650102198506152024")), Ok(()));
        assert_eq!(same_id_number("650102198506152025", Some("650102198506152024")), Err(IdentityProblem::Mismatch));
        assert_eq!(same_id_number("650102198506152024", None), Err(IdentityProblem::NoneOnFile));
        assert_eq!(same_id_number("  ", Some("650102198506152024")), Err(IdentityProblem::Required));
    }

    #[test]
    fn names() {
        assert_eq!(check_name(" 张三 "), Ok("张三".into()));
        assert_eq!(check_name("阿依古丽·买买提"), Ok("阿依古丽·买买提".into()));
        assert_eq!(check_name("张"), Err(Problem::NameLength));
        assert_eq!(check_name("张3"), Err(Problem::NameCharacters));
        assert_eq!(check_name(""), Err(Problem::Required));
    }

    #[test]
    fn phones() {
        assert_eq!(check_phone("139 9100 1234"), Ok("13991001234".into()));
        assert_eq!(check_phone("12991001234"), Err(Problem::PhoneInvalid));
        assert_eq!(check_phone("1399100123"), Err(Problem::PhoneInvalid));
    }

    #[test]
    fn emails() {
        assert_eq!(check_email("A@Example.cn"), Ok("a@example.cn".into()));
        for bad in ["a@b", "a@@b.cn", "@b.cn", "a b@c.cn", "a@.cn", "a@b..cn"] {
            assert_eq!(check_email(bad), Err(Problem::EmailInvalid), "{bad}");
        }
    }

    #[test]
    fn passwords() {
        assert_eq!(check_password("short", None), Err(Problem::PasswordTooShort));
        assert_eq!(check_password("Password123", None), Err(Problem::PasswordTooCommon));
        assert_eq!(check_password("aaaaaaaaaa", None), Err(Problem::PasswordTooCommon));
        assert_eq!(check_password("x11010519491231002Xy", Some("11010519491231002X")), Err(Problem::PasswordContainsId));
        assert_eq!(check_password("天山雪莲2026春", None), Ok(()));
        assert_eq!(check_password_repeat("abcdefgh1", "abcdefgh2"), Err(Problem::PasswordMismatch));
    }

    #[test]
    fn the_breach_list_refuses_ten_thousand_common_passwords_whatever_their_case() {
        let list: Vec<&str> = include_str!("breached_passwords.txt").lines().collect();
        assert_eq!(list.len(), 10_000);
        assert!(list.windows(2).all(|w| w[0] < w[1]), "sorted and without repeats: the lookup is a binary search");
        for p in ["Sunshine", "FOOTBALL1", "iloveyou1", "trustno1", "baseball", list[0], list[9_999]] {
            assert_eq!(check_password(p, None), Err(Problem::PasswordTooCommon), "{p}");
        }
        assert_eq!(check_password("Zhiping@2026", None), Ok(()), "the demo's password is not a breached one");
    }

    #[test]
    fn codes() {
        assert_eq!(check_code(" 01234567 "), Ok("01234567".into()));
        assert_eq!(check_code("012345"), Err(Problem::CodeFormat), "six digits were the old length");
    }
}
