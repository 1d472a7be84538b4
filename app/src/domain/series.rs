//! Title series (评审系列), their specialties and the title each level confers, as the
//! administrator keeps them. An application names a series from this catalogue and, when the
//! series lists specialties, one of them; the certificate prints the level's title from here.

use serde::{Deserialize, Serialize};

use super::admin::AdminProblem;
use super::materials::Level;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub id: String,
    pub name: String,
    /// Empty: any specialty the applicant names.
    pub specialties: Vec<String>,
    /// The titles of 初级, 中级, 副高级 and 正高级, in the order of `Level::ALL`.
    pub titles: [String; 4],
    /// Closed series take no new applications.
    pub open: bool,
}

impl Series {
    pub fn title(&self, level: Level) -> &str {
        let i = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
        &self.titles[i]
    }
}

/// Specialties as typed: one per line (or separated by 、，, ;), trimmed, without blanks or repeats.
pub fn parse_specialties(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for s in text.split(['\n', '、', '，', ',', ';', '；']).map(str::trim).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

/// A series as entered and checked: its name, its specialties, the title of each level.
pub type CheckedSeries = (String, Vec<String>, [String; 4]);

/// What an administrator entered for a series, checked field by field (`name`, `specialties`,
/// `title_<level>`).
pub fn check_series(name: &str, specialties: &str, titles: [&str; 4]) -> Result<CheckedSeries, Vec<(String, AdminProblem)>> {
    let mut problems = vec![];
    let name = name.trim();
    match name.chars().count() {
        0 => problems.push(("name".to_string(), AdminProblem::Required)),
        1 | 41.. => problems.push(("name".to_string(), AdminProblem::OrgNameLength)),
        _ => {}
    }
    let list = parse_specialties(specialties);
    if list.iter().any(|s| s.chars().count() > 40) {
        problems.push(("specialties".to_string(), AdminProblem::OrgNameLength));
    }
    let mut out: [String; 4] = Default::default();
    for (i, level) in Level::ALL.iter().copied().enumerate() {
        let t = titles[i].trim();
        if t.is_empty() {
            problems.push((format!("title_{}", level.as_str()), AdminProblem::Required));
        } else if t.chars().count() > 30 {
            problems.push((format!("title_{}", level.as_str()), AdminProblem::OrgNameLength));
        }
        out[i] = t.to_string();
    }
    if problems.is_empty() {
        Ok((name.to_string(), list, out))
    } else {
        Err(problems)
    }
}

/// Why an application's series or specialty is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChoiceProblem {
    Required,
    UnknownSeries,
    SeriesClosed,
    /// The series lists its specialties and this is not one of them.
    UnknownSpecialty,
}

/// Checks an application's series and specialty against the catalogue. Returns the series and the
/// specialty as the catalogue spells it. `field` says where each refusal belongs.
pub fn check_choice<'a>(
    catalogue: &'a [Series],
    series: &str,
    specialty: &str,
) -> Result<(&'a Series, String), Vec<(&'static str, ChoiceProblem)>> {
    let mut problems = vec![];
    let (series, specialty) = (series.trim(), specialty.trim());
    if specialty.is_empty() {
        problems.push(("specialty", ChoiceProblem::Required));
    }
    if series.is_empty() {
        problems.insert(0, ("series", ChoiceProblem::Required));
        return Err(problems);
    }
    let Some(found) = catalogue.iter().find(|s| s.name == series) else {
        problems.insert(0, ("series", ChoiceProblem::UnknownSeries));
        return Err(problems);
    };
    if !found.open {
        problems.insert(0, ("series", ChoiceProblem::SeriesClosed));
    }
    if !specialty.is_empty() && !found.specialties.is_empty() && !found.specialties.iter().any(|s| s == specialty) {
        problems.push(("specialty", ChoiceProblem::UnknownSpecialty));
    }
    if problems.is_empty() {
        Ok((found, specialty.to_string()))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hem(open: bool) -> Series {
        Series {
            id: "s".into(),
            name: "高等学校教育管理研究".into(),
            specialties: vec!["高等教育管理".into(), "教育管理".into()],
            titles: ["研究实习员".into(), "助理研究员".into(), "副研究员".into(), "研究员".into()],
            open,
        }
    }

    #[test]
    fn specialties_split_on_lines_and_chinese_commas_without_repeats() {
        assert_eq!(parse_specialties("高等教育管理\n 教育管理 、教学管理，教育管理\n\n"), vec!["高等教育管理", "教育管理", "教学管理"]);
        assert!(parse_specialties("  \n ").is_empty());
    }

    #[test]
    fn a_series_needs_a_name_and_a_title_for_every_level() {
        let ok = check_series(" 工程 ", "", ["技术员", "工程师", "高级工程师", "正高级工程师"]).unwrap();
        assert_eq!(ok.0, "工程");
        let bad = check_series("", "", ["技术员", "", "高级工程师", "正高级工程师"]).unwrap_err();
        assert_eq!(bad, vec![("name".into(), AdminProblem::Required), ("title_intermediate".into(), AdminProblem::Required)]);
    }

    #[test]
    fn the_choice_must_be_a_listed_series_and_specialty() {
        let cat = vec![hem(true)];
        let (s, spec) = check_choice(&cat, "高等学校教育管理研究", " 教育管理 ").unwrap();
        assert_eq!((s.title(Level::AssociateSenior), spec.as_str()), ("副研究员", "教育管理"));
        assert_eq!(check_choice(&cat, "工程", "x").unwrap_err(), vec![("series", ChoiceProblem::UnknownSeries)]);
        assert_eq!(check_choice(&cat, "高等学校教育管理研究", "化学").unwrap_err(), vec![("specialty", ChoiceProblem::UnknownSpecialty)]);
        assert_eq!(
            check_choice(&cat, "", "").unwrap_err(),
            vec![("series", ChoiceProblem::Required), ("specialty", ChoiceProblem::Required)]
        );
        let closed = vec![hem(false)];
        assert_eq!(check_choice(&closed, "高等学校教育管理研究", "教育管理").unwrap_err(), vec![("series", ChoiceProblem::SeriesClosed)]);
        let mut any = hem(true);
        any.specialties.clear();
        assert!(check_choice(&[any], "高等学校教育管理研究", "任何专业").is_ok());
    }
}
