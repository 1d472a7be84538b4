//! The 18-character resident identity number of GB 11643-1999 (SPEC rule 1).
//!
//! Layout: 6-digit address code, 8-digit birth date (YYYYMMDD), 3-digit sequence (odd = male),
//! 1 check character computed with ISO 7064 MOD 11-2 (`0`–`9` or `X`).

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// A parsed, valid resident ID. Always stored with an upper-case `X`, so `x` and `X` are one person.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdNumber(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// What is wrong with an ID, part by part, so the form can say exactly that.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("length {0}, expected 18")]
    Length(usize),
    #[error("characters: the first 17 must be digits, the last a digit or X")]
    Characters,
    #[error("region code {0} is not a province-level code")]
    Region(String),
    #[error("birth date {0} is not a real date, is before 1900 or in the future")]
    BirthDate(String),
    #[error("check character is {found}, expected {expected}")]
    CheckCharacter { found: char, expected: char },
}

/// Province-level codes (the first two digits) in use under GB/T 2260, plus 71/81/82/83.
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    83,
];

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The ISO 7064 MOD 11-2 check character for the first 17 digits.
pub fn check_character(first17: &[u8; 17]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(*d) * w).sum();
    CHECK_CHARS[(sum % 11) as usize]
}

impl IdNumber {
    /// Parses an ID typed by a person (surrounding spaces ignored). `today` is the calendar date
    /// in Beijing, given by the caller because the domain never reads the clock.
    pub fn parse(input: &str, today: Date) -> Result<Self, IdNumberError> {
        let s = input.trim();
        let n = s.chars().count();
        if n != 18 {
            return Err(IdNumberError::Length(n));
        }
        let upper = s.to_ascii_uppercase();
        let bytes = upper.as_bytes();
        let mut digits = [0u8; 17];
        for (i, b) in bytes[..17].iter().enumerate() {
            if !b.is_ascii_digit() {
                return Err(IdNumberError::Characters);
            }
            digits[i] = b - b'0';
        }
        let last = bytes[17] as char;
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(IdNumberError::Characters);
        }
        let province = digits[0] * 10 + digits[1];
        if !(1..=8).contains(&digits[0]) || !PROVINCES.contains(&province) {
            return Err(IdNumberError::Region(upper[..6].to_string()));
        }
        let birth = &upper[6..14];
        if birth_date(birth).filter(|d| *d <= today && d.year() >= 1900).is_none() {
            return Err(IdNumberError::BirthDate(birth.to_string()));
        }
        let expected = check_character(&digits);
        if last != expected {
            return Err(IdNumberError::CheckCharacter { found: last, expected });
        }
        Ok(Self(upper))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> Date {
        // Parsing guaranteed a real date; the fallback is unreachable but keeps this total.
        birth_date(&self.0[6..14]).unwrap_or(Date::MIN)
    }

    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The form shown to other people: region and check character only (public notices, lists).
    pub fn masked(&self) -> String {
        format!("{}**********{}", &self.0[..6], &self.0[16..])
    }
}

fn birth_date(yyyymmdd: &str) -> Option<Date> {
    let y: i32 = yyyymmdd.get(0..4)?.parse().ok()?;
    let m: u8 = yyyymmdd.get(4..6)?.parse().ok()?;
    let d: u8 = yyyymmdd.get(6..8)?.parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 27);

    /// Builds a valid ID from its first 17 digits (test helper).
    fn with_check(first17: &str) -> String {
        let mut d = [0u8; 17];
        for (i, b) in first17.bytes().enumerate() {
            d[i] = b - b'0';
        }
        format!("{first17}{}", check_character(&d))
    }

    #[test]
    fn accepts_the_standards_own_example() {
        // GB 11643-1999 appendix example: 11010519491231002X
        let id = IdNumber::parse("11010519491231002X", TODAY).unwrap();
        assert_eq!(id.birth_date(), date!(1949 - 12 - 31));
        assert_eq!(id.sex(), Sex::Female);
    }

    #[test]
    fn lowercase_x_is_the_same_person() {
        let a = IdNumber::parse("11010519491231002x", TODAY).unwrap();
        let b = IdNumber::parse(" 11010519491231002X ", TODAY).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "11010519491231002X");
    }

    #[test]
    fn each_part_has_its_own_error() {
        assert_eq!(IdNumber::parse("1234", TODAY), Err(IdNumberError::Length(4)));
        assert_eq!(IdNumber::parse("11010519491231002Y", TODAY), Err(IdNumberError::Characters));
        assert_eq!(IdNumber::parse("1101051949123100A2", TODAY), Err(IdNumberError::Characters));
        assert!(matches!(IdNumber::parse(&with_check("99010519491231002"), TODAY), Err(IdNumberError::Region(_))));
        assert!(matches!(IdNumber::parse(&with_check("01010519491231002"), TODAY), Err(IdNumberError::Region(_))));
        assert!(matches!(IdNumber::parse(&with_check("65010219900230123"), TODAY), Err(IdNumberError::BirthDate(_))));
        assert!(matches!(IdNumber::parse(&with_check("65010220300101123"), TODAY), Err(IdNumberError::BirthDate(_))));
        assert_eq!(IdNumber::parse("110105194912310021", TODAY), Err(IdNumberError::CheckCharacter { found: '1', expected: 'X' }));
    }

    #[test]
    fn sex_follows_the_17th_digit() {
        let id = IdNumber::parse(&with_check("65010219900101123"), TODAY).unwrap();
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.masked(), format!("650102**********3{}", &id.as_str()[17..]));
    }

    #[test]
    fn a_leap_day_is_a_real_birth_date() {
        assert!(IdNumber::parse(&with_check("65010220000229123"), TODAY).is_ok());
        assert!(IdNumber::parse(&with_check("65010219000229123"), TODAY).is_err());
    }
}
