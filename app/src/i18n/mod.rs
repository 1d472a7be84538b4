//! The message catalogue: every user-visible string, zh-CN first, English second.
//! Components never hold literal text; they ask `Msg::X.text(lang)`. Adding a language means
//! adding a column to `catalogue.rs` and a variant to `Lang`.

mod catalogue;
#[cfg(test)]
mod checks;
mod domain_messages;
mod names;

pub use names::{
    action_name, field_label, level_name, org_kind_name, return_place, role_duty, role_name, section_name, status_name, work_kind_name,
};

pub use catalogue::Msg;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The cookie value and the `lang` attribute of the page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Self {
        if code.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language named by a `Cookie:` header (`zp_lang=en`), Chinese by default.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .map(|(_, v)| Lang::from_code(v))
            .unwrap_or_default()
    }
}

pub const LANG_COOKIE: &str = "zp_lang";

/// A message with its arguments, as the server sends it and the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub msg: Msg,
    pub args: Vec<String>,
}

impl Text {
    pub fn new(msg: Msg) -> Self {
        Self { msg, args: vec![] }
    }
    pub fn with(msg: Msg, args: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self { msg, args: args.into_iter().map(Into::into).collect() }
    }
    pub fn render(&self, lang: Lang) -> String {
        fill(self.msg.text(lang), &self.args)
    }
}

impl From<Msg> for Text {
    fn from(msg: Msg) -> Self {
        Text::new(msg)
    }
}

/// Replaces each `{}` in order with the next argument.
pub fn fill(template: &str, args: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().map(String::as_str).unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_arguments_in_order() {
        assert_eq!(fill("a{}b{}c", &["1".into(), "2".into()]), "a1b2c");
        assert_eq!(fill("no args", &[]), "no args");
    }

    #[test]
    fn every_message_has_both_languages() {
        for m in Msg::ALL {
            assert!(!m.text(Lang::Zh).is_empty(), "{m:?}");
            assert!(!m.text(Lang::En).is_empty(), "{m:?}");
        }
    }

    #[test]
    fn a_message_is_its_key_in_json_both_ways() {
        for m in Msg::ALL {
            let json = serde_json::to_string(m).unwrap();
            assert_eq!(json, format!("\"{m:?}\""));
            assert_eq!(serde_json::from_str::<Msg>(&json).unwrap(), *m);
        }
        assert!(serde_json::from_str::<Msg>("\"NoSuchMessage\"").is_err());
        assert!(serde_json::from_str::<Msg>("3").is_err());
    }

    #[test]
    fn language_comes_from_the_cookie() {
        assert_eq!(Lang::from_cookie_header("a=b; zp_lang=en"), Lang::En);
        assert_eq!(Lang::from_cookie_header("zp_session=x"), Lang::Zh);
    }
}
