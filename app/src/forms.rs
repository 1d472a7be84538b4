//! Form input → typed value or a message at the field. Shared by the pages (live, as a person
//! types) and the server functions (enforced), so both always agree.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::domain::account;
use crate::domain::id_number::IdNumber;
use crate::i18n::Text;

/// A message that belongs to one named form field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldText {
    pub field: String,
    pub text: Text,
}

impl FieldText {
    pub fn new(field: &str, text: impl Into<Text>) -> Self {
        Self { field: field.to_string(), text: text.into() }
    }
}

/// The registration form as typed.
#[derive(Clone, Debug, Default)]
pub struct Registration<'a> {
    pub name: &'a str,
    pub id_number: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub password2: &'a str,
}

/// The registration form once every field is valid.
#[derive(Clone, Debug)]
pub struct ValidRegistration {
    pub name: String,
    pub id_number: IdNumber,
    pub phone: String,
    pub email: String,
}

impl Registration<'_> {
    /// The message for one field, or `None` when it is fine. `today` is Beijing's date.
    pub fn problem(&self, field: &str, today: Date) -> Option<Text> {
        match field {
            "name" => account::check_name(self.name).err().map(Into::into),
            "id_number" => IdNumber::parse(self.id_number, today).err().map(Into::into),
            "phone" => account::check_phone(self.phone).err().map(Into::into),
            "email" => account::check_email(self.email).err().map(Into::into),
            "password" => {
                let id = IdNumber::parse(self.id_number, today).ok();
                account::check_password(self.password, id.as_ref().map(IdNumber::as_str)).err().map(Into::into)
            }
            "password2" => account::check_password_repeat(self.password, self.password2).err().map(Into::into),
            _ => None,
        }
    }

    pub const FIELDS: [&'static str; 6] = ["name", "id_number", "phone", "email", "password", "password2"];

    /// Every field's message, in form order; empty when all is well.
    pub fn problems(&self, today: Date) -> Vec<FieldText> {
        Self::FIELDS.iter().filter_map(|f| self.problem(f, today).map(|t| FieldText::new(f, t))).collect()
    }

    pub fn validate(&self, today: Date) -> Result<ValidRegistration, Vec<FieldText>> {
        let problems = self.problems(today);
        if !problems.is_empty() {
            return Err(problems);
        }
        // Every parse below succeeded in `problems`; map_err keeps this total all the same.
        let invalid = |f: &str| vec![FieldText::new(f, crate::i18n::Msg::Required)];
        Ok(ValidRegistration {
            name: account::check_name(self.name).map_err(|_| invalid("name"))?,
            id_number: IdNumber::parse(self.id_number, today).map_err(|_| invalid("id_number"))?,
            phone: account::check_phone(self.phone).map_err(|_| invalid("phone"))?,
            email: account::check_email(self.email).map_err(|_| invalid("email"))?,
        })
    }
}

/// The new-password pair of the reset form.
pub fn new_password_problems(password: &str, password2: &str) -> Vec<FieldText> {
    let mut out = vec![];
    if let Err(p) = account::check_password(password, None) {
        out.push(FieldText::new("password", p));
    }
    if let Err(p) = account::check_password_repeat(password, password2) {
        out.push(FieldText::new("password2", p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Msg;
    use time::macros::date;

    #[test]
    fn a_good_registration_validates() {
        let r = Registration {
            name: "古丽米拉",
            id_number: "650102198506152024",
            phone: "13991001234",
            email: "g@example.cn",
            password: "天山雪莲2026春",
            password2: "天山雪莲2026春",
        };
        let v = r.validate(date!(2026 - 11 - 27)).unwrap();
        assert_eq!(v.id_number.as_str(), "650102198506152024");
    }

    #[test]
    fn every_bad_field_is_reported_at_its_place() {
        let r = Registration { id_number: "650102198506152025", password: "123", password2: "124", ..Default::default() };
        let p = r.problems(date!(2026 - 11 - 27));
        let fields: Vec<&str> = p.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "id_number", "phone", "email", "password", "password2"]);
        assert_eq!(p[1].text.msg, Msg::IdCheckCharacter);
        assert_eq!(p[1].text.args, ["4", "5"]);
    }
}
