//! How a value typed into the form is read into the materials and shown back: dates, numbers,
//! yes/no, the kind of a work, text within its length, and the operations on repeating lists.
//! Every refusal is a `BadValue` the page shows at the field; nothing typed is lost.

use serde::{Deserialize, Serialize};
use time::Date;

use super::*;

/// Why a typed value could not be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BadValue {
    /// Not a date of the form 2024-03-01.
    NotADate,
    /// Not a whole number from 0 to 100 (years) or to 10000 (hours).
    NotANumber,
    /// Not one of the offered choices.
    NotAChoice,
    /// Longer than the field takes.
    TooLong { max_chars: usize },
    /// No such field, or no such item (a stale page after an item was removed).
    NoSuchField,
}

pub const MAX_TEXT_CHARS: usize = 200;
pub const MAX_LONG_TEXT_CHARS: usize = 4000;

/// A typed date (`<input type=date>` sends 2024-03-01): empty is "not given"; anything else must
/// be a real date between 1900 and 2100.
pub fn parse_date(raw: &str) -> Result<Option<Date>, BadValue> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    match crate::domain::instant::parse_written_date(raw) {
        Some(d) if (1900..=2100).contains(&d.year()) => Ok(Some(d)),
        _ => Err(BadValue::NotADate),
    }
}

pub fn format_date(d: Option<Date>) -> String {
    d.map(iso_date).unwrap_or_default()
}

fn parse_number(raw: &str, max: u32) -> Result<Option<u32>, BadValue> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(BadValue::NotANumber),
    }
}

fn parse_yes_no(raw: &str) -> Result<bool, BadValue> {
    match raw {
        "yes" | "true" => Ok(true),
        "no" | "false" | "" => Ok(false),
        _ => Err(BadValue::NotAChoice),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn text(raw: &str, max_chars: usize) -> Result<String, BadValue> {
    if raw.chars().count() > max_chars {
        return Err(BadValue::TooLong { max_chars });
    }
    Ok(raw.to_string())
}

impl Materials {
    /// A field's value as the form shows it (dates as 2024-03-01, yes/no as `yes`/`no`).
    /// `None` for names that are not value fields or items that do not exist.
    pub fn value(&self, name: &str, item: Option<usize>) -> Option<String> {
        let i = item.unwrap_or(usize::MAX);
        let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        Some(match name {
            "unit" => self.basic.unit.clone(),
            "specialty" => self.basic.specialty.clone(),
            "political_conduct" => self.basic.political_conduct.clone(),
            "school" => self.education.get(i)?.school.clone(),
            "major" => self.education.get(i)?.major.clone(),
            "graduated_on" => format_date(self.education.get(i)?.graduated_on),
            "current_title" => self.qualification.current_title.clone(),
            "current_level" => self.qualification.current_level.map(|l| l.as_str().to_string()).unwrap_or_default(),
            "obtained_on" => format_date(self.qualification.obtained_on),
            "obtained_in_xinjiang" => self.qualification.obtained_in_xinjiang.map(yes_no).unwrap_or_default(),
            "years_in_profession" => num(self.qualification.years_in_profession),
            "practice" => self.work.practice.clone(),
            "achievement_title" => self.work.achievements.get(i)?.title.clone(),
            "achieved_on" => format_date(self.work.achievements.get(i)?.achieved_on),
            "achievement_description" => self.work.achievements.get(i)?.description.clone(),
            "kind" => self.publications.get(i)?.kind.as_str().to_string(),
            "publication_title" => self.publications.get(i)?.title.clone(),
            "published_on" => format_date(self.publications.get(i)?.published_on),
            "first_author" => yes_no(self.publications.get(i)?.first_author),
            "exempt" => yes_no(self.training.exempt),
            "training_year" => self.training.years.get(i)?.year.to_string(),
            "hours" => num(self.training.years.get(i)?.hours),
            "public_hours" => num(self.training.years.get(i)?.public_hours),
            "assessment_year" => self.assessments.get(i)?.year.to_string(),
            "assessment_result" => self.assessments.get(i)?.result.clone(),
            "dispatching_unit" => self.aid.as_ref()?.dispatching_unit.clone(),
            "aid_since" => format_date(self.aid.as_ref()?.since),
            "aid_still_serving" => self.aid.as_ref()?.still_serving.map(yes_no).unwrap_or_default(),
            _ => return None,
        })
    }

    /// Takes a typed value. Vague words and dates before the post are kept (the applicant sees
    /// the problem at the field and cannot submit until it is fixed: nothing typed is lost);
    /// values that cannot be read at all are refused.
    pub fn set_value(&mut self, name: &str, item: Option<usize>, raw: &str) -> Result<(), BadValue> {
        let i = item.unwrap_or(usize::MAX);
        let short = |raw: &str| text(raw, MAX_TEXT_CHARS);
        let long = |raw: &str| text(raw, MAX_LONG_TEXT_CHARS);
        let missing = BadValue::NoSuchField;
        match name {
            "unit" => self.basic.unit = short(raw)?,
            "specialty" => self.basic.specialty = short(raw)?,
            "political_conduct" => self.basic.political_conduct = long(raw)?,
            "school" => self.education.get_mut(i).ok_or(missing)?.school = short(raw)?,
            "major" => self.education.get_mut(i).ok_or(missing)?.major = short(raw)?,
            "graduated_on" => self.education.get_mut(i).ok_or(missing)?.graduated_on = parse_date(raw)?,
            "current_title" => self.qualification.current_title = short(raw)?,
            "current_level" => {
                self.qualification.current_level = match raw.trim() {
                    "" => None,
                    l => Some(crate::domain::materials::Level::parse(l).ok_or(BadValue::NotAChoice)?),
                }
            }
            "obtained_on" => self.qualification.obtained_on = parse_date(raw)?,
            "obtained_in_xinjiang" => {
                self.qualification.obtained_in_xinjiang = if raw.is_empty() { None } else { Some(parse_yes_no(raw)?) }
            }
            "years_in_profession" => self.qualification.years_in_profession = parse_number(raw, 100)?,
            "practice" => self.work.practice = long(raw)?,
            "achievement_title" => self.work.achievements.get_mut(i).ok_or(missing)?.title = short(raw)?,
            "achieved_on" => self.work.achievements.get_mut(i).ok_or(missing)?.achieved_on = parse_date(raw)?,
            "achievement_description" => self.work.achievements.get_mut(i).ok_or(missing)?.description = long(raw)?,
            "kind" => self.publications.get_mut(i).ok_or(missing)?.kind = WorkKind::parse(raw).ok_or(BadValue::NotAChoice)?,
            "publication_title" => self.publications.get_mut(i).ok_or(missing)?.title = short(raw)?,
            "published_on" => self.publications.get_mut(i).ok_or(missing)?.published_on = parse_date(raw)?,
            "first_author" => self.publications.get_mut(i).ok_or(missing)?.first_author = parse_yes_no(raw)?,
            "exempt" => self.training.exempt = parse_yes_no(raw)?,
            "hours" => self.training.years.get_mut(i).ok_or(missing)?.hours = parse_number(raw, 10_000)?,
            "public_hours" => self.training.years.get_mut(i).ok_or(missing)?.public_hours = parse_number(raw, 10_000)?,
            "assessment_result" => self.assessments.get_mut(i).ok_or(missing)?.result = short(raw)?,
            "dispatching_unit" => self.aid.as_mut().ok_or(missing)?.dispatching_unit = short(raw)?,
            "aid_since" => self.aid.as_mut().ok_or(missing)?.since = parse_date(raw)?,
            "aid_still_serving" => {
                let answer = if raw.is_empty() { None } else { Some(parse_yes_no(raw)?) };
                self.aid.as_mut().ok_or(missing)?.still_serving = answer;
            }
            _ => return Err(missing),
        }
        Ok(())
    }

    /// Makes the year lists match the post's date: one continuing-education record per year
    /// since the post and one assessment per required year, keeping what was entered for years
    /// that are still required and dropping the rest. `today` is Beijing's date.
    pub fn sync_years(&mut self, today: Date) {
        let Some(post) = self.qualification.obtained_on else { return };
        let training = crate::domain::materials::years_since_post(post, today);
        let mut years = std::mem::take(&mut self.training.years);
        self.training.years = training
            .iter()
            .map(|&y| match years.iter().position(|t| t.year == y) {
                Some(at) => years.swap_remove(at),
                None => TrainingYear { year: y, ..Default::default() },
            })
            .collect();
        let assessed = crate::domain::materials::assessment_years(post, today);
        let mut old = std::mem::take(&mut self.assessments);
        self.assessments = assessed
            .iter()
            .map(|&y| match old.iter().position(|a| a.year == y) {
                Some(at) => old.swap_remove(at),
                None => AssessmentYear { year: y, ..Default::default() },
            })
            .collect();
    }

    /// The number of items in a repeating list (those the applicant edits and the year lists).
    pub fn list_len(&self, list: &str) -> Option<usize> {
        Some(match list {
            "training_years" => self.training.years.len(),
            "assessments" => self.assessments.len(),
            "education" => self.education.len(),
            "achievements" => self.work.achievements.len(),
            "publications" => self.publications.len(),
            _ => return None,
        })
    }

    /// Adds, removes or moves an item of an editable list. `false` when the list or index does
    /// not exist (a stale page): nothing changes then.
    pub fn edit_list(&mut self, list: &str, op: ListOp) -> bool {
        fn apply<T: Default>(v: &mut Vec<T>, op: ListOp) -> bool {
            match op {
                ListOp::Add => v.push(T::default()),
                ListOp::Remove(i) if i < v.len() => drop(v.remove(i)),
                ListOp::Up(i) if i > 0 && i < v.len() => v.swap(i - 1, i),
                ListOp::Down(i) if i + 1 < v.len() => v.swap(i, i + 1),
                _ => return false,
            }
            true
        }
        const MAX_ITEMS: usize = 50;
        if op == ListOp::Add && self.list_len(list).is_some_and(|n| n >= MAX_ITEMS) {
            return false;
        }
        match list {
            "education" => apply(&mut self.education, op),
            "achievements" => apply(&mut self.work.achievements, op),
            "publications" => apply(&mut self.publications, op),
            _ => false,
        }
    }
}

/// An operation on a repeating list, as a form button sends it: `add`, `remove:2`, `up:1`, `down:0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListOp {
    Add,
    Remove(usize),
    Up(usize),
    Down(usize),
}

impl ListOp {
    pub fn parse(s: &str) -> Option<Self> {
        if s == "add" {
            return Some(ListOp::Add);
        }
        let (op, i) = s.split_once(':')?;
        let i = i.parse().ok()?;
        match op {
            "remove" => Some(ListOp::Remove(i)),
            "up" => Some(ListOp::Up(i)),
            "down" => Some(ListOp::Down(i)),
            _ => None,
        }
    }

    pub fn encode(self) -> String {
        match self {
            ListOp::Add => "add".into(),
            ListOp::Remove(i) => format!("remove:{i}"),
            ListOp::Up(i) => format!("up:{i}"),
            ListOp::Down(i) => format!("down:{i}"),
        }
    }
}
