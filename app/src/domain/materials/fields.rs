//! The form's fields, section by section: what each is (text, date, yes/no, file…), when it is
//! shown (the conditional requirements of SPEC rule 7), and how a typed value is read into the
//! materials. The page draws itself from this and the server saves through it, so a field the
//! page shows is exactly a field the server accepts.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{AidXinjiang, AssessmentYear, Materials, Section, TrainingYear, WorkKind};
use crate::domain::attachments::SlotKind;
use crate::domain::instant::iso_date;

/// What kind of input a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Text,
    LongText,
    Date,
    Number,
    /// 是 / 否 (radio buttons: a form without JavaScript sends exactly one of them).
    YesNo,
    /// The kind of a written work (论文, 著作, 咨政报告…).
    WorkKind,
    /// A year that the form derives and shows, not typed (training and assessment years).
    Year,
    File(SlotKind),
    /// Several files (the 公需科目 certificates).
    Files,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub input: Input,
}

const fn f(name: &'static str, input: Input) -> Field {
    Field { name, input }
}

const DOC: Input = Input::File(SlotKind::Document);

/// A section's layout: fields of the section itself, then (optionally) a repeating list.
pub struct Layout {
    pub fields: &'static [Field],
    pub list: Option<List>,
    /// Fields shown after the list.
    pub after: &'static [Field],
}

/// A repeating list: its name (the element id the overview links to) and each item's fields.
#[derive(Clone, Copy)]
pub struct List {
    pub name: &'static str,
    pub item: &'static [Field],
    /// Whether the applicant adds and removes items; the year lists follow the post's date.
    pub editable: bool,
}

pub fn layout(section: Section) -> Layout {
    use Input::*;
    use Section as S;
    let none: &'static [Field] = &[];
    match section {
        S::BasicInfo => Layout {
            fields: const {
                &[
                    f("unit", Text),
                    f("specialty", Text),
                    f("political_conduct", LongText),
                    f("aid", YesNo),
                    f("id_card_scan", DOC),
                    f("photo", File(SlotKind::Photo)),
                ]
            },
            list: None,
            after: none,
        },
        S::Education => Layout {
            fields: none,
            list: Some(List {
                name: "education",
                item: const {
                    &[
                        f("school", Text),
                        f("major", Text),
                        f("graduated_on", Date),
                        f("diploma", DOC),
                        f("degree_certificate", DOC),
                        f("chsi_report", DOC),
                    ]
                },
                editable: true,
            }),
            after: none,
        },
        S::Qualification => Layout {
            fields: const {
                &[
                    f("current_title", Text),
                    f("obtained_on", Date),
                    f("obtained_in_xinjiang", YesNo),
                    f("years_in_profession", Number),
                    f("years_proof", DOC),
                    f("title_certificate", DOC),
                    f("evaluation_form", DOC),
                ]
            },
            list: None,
            after: none,
        },
        S::WorkHistory => Layout {
            fields: const { &[f("practice", LongText)] },
            list: Some(List {
                name: "achievements",
                item: const {
                    &[f("achievement_title", Text), f("achieved_on", Date), f("achievement_description", LongText), f("evidence", DOC)]
                },
                editable: true,
            }),
            after: none,
        },
        S::Publications => Layout {
            fields: none,
            list: Some(List {
                name: "publications",
                item: const {
                    &[
                        f("kind", WorkKind),
                        f("publication_title", Text),
                        f("published_on", Date),
                        f("first_author", YesNo),
                        f("cover", DOC),
                        f("contents", DOC),
                        f("body", DOC),
                        f("identification_form", DOC),
                        f("similarity_report", DOC),
                        f("unit_certification", DOC),
                    ]
                },
                editable: true,
            }),
            after: none,
        },
        S::ContinuingEducation => Layout {
            fields: const { &[f("exempt", YesNo), f("exemption_form", DOC)] },
            list: Some(List {
                name: "training_years",
                item: const { &[f("training_year", Year), f("hours", Number), f("training_certificate", DOC)] },
                editable: false,
            }),
            after: const { &[f("public_course_certificates", Files)] },
        },
        S::Assessment => Layout {
            fields: none,
            list: Some(List {
                name: "assessments",
                item: const { &[f("assessment_year", Year), f("assessment_result", Text), f("form_front", DOC), f("form_back", DOC)] },
                editable: false,
            }),
            after: none,
        },
        S::Other => Layout { fields: const { &[f("notice_materials", DOC), f("notice_result", DOC)] }, list: None, after: none },
        S::AidXinjiang => Layout { fields: const { &[f("dispatching_unit", Text), f("approval_proof", DOC)] }, list: None, after: none },
        S::Pledge => Layout { fields: const { &[f("pledge", File(SlotKind::Signature))] }, list: None, after: none },
    }
}

/// The element id (and form key) of a field, in an item of a list or not: `school-0`, `unit`.
pub fn field_id(name: &str, item: Option<usize>) -> String {
    match item {
        Some(i) => format!("{name}-{i}"),
        None => name.to_string(),
    }
}

/// The reverse of `field_id`.
pub fn parse_field_id(id: &str) -> (&str, Option<usize>) {
    match id.rsplit_once('-') {
        Some((name, i)) => match i.parse() {
            Ok(i) => (name, Some(i)),
            Err(_) => (id, None),
        },
        None => (id, None),
    }
}

/// The section a field belongs to (uploads go back to it).
pub fn section_of(name: &str) -> Option<Section> {
    super::ALL_SECTIONS.into_iter().find(|&s| {
        let l = layout(s);
        l.fields.iter().chain(l.after).chain(l.list.iter().flat_map(|l| l.item)).any(|f| f.name == name)
            || l.list.is_some_and(|l| l.name == name)
    })
}

/// Whether a field is shown (and so required) for these materials: the conditional requirements
/// of SPEC rule 7. `missing()` asks the same questions.
pub fn shown(m: &Materials, name: &str, item: Option<usize>) -> bool {
    let publication = item.and_then(|i| m.publications.get(i));
    match name {
        "evaluation_form" => m.qualification.obtained_in_xinjiang == Some(false),
        "exemption_form" => m.training.exempt,
        "training_years" | "training_year" | "hours" | "training_certificate" | "public_course_certificates" => !m.training.exempt,
        "first_author" => publication.is_some_and(|p| p.kind == WorkKind::Paper),
        "cover" | "contents" | "body" | "identification_form" => publication.is_some_and(|p| p.kind.is_published()),
        "similarity_report" => publication.is_some_and(|p| p.kind == WorkKind::Paper && m.level.is_senior()),
        "unit_certification" => publication.is_some_and(|p| !p.kind.is_published()),
        _ => true,
    }
}

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
            "aid" => yes_no(self.aid.is_some()),
            "school" => self.education.get(i)?.school.clone(),
            "major" => self.education.get(i)?.major.clone(),
            "graduated_on" => format_date(self.education.get(i)?.graduated_on),
            "current_title" => self.qualification.current_title.clone(),
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
            "assessment_year" => self.assessments.get(i)?.year.to_string(),
            "assessment_result" => self.assessments.get(i)?.result.clone(),
            "dispatching_unit" => self.aid.as_ref()?.dispatching_unit.clone(),
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
            "aid" => {
                let on = parse_yes_no(raw)?;
                if on && self.aid.is_none() {
                    self.aid = Some(AidXinjiang::default());
                } else if !on {
                    self.aid = None;
                }
            }
            "school" => self.education.get_mut(i).ok_or(missing)?.school = short(raw)?,
            "major" => self.education.get_mut(i).ok_or(missing)?.major = short(raw)?,
            "graduated_on" => self.education.get_mut(i).ok_or(missing)?.graduated_on = parse_date(raw)?,
            "current_title" => self.qualification.current_title = short(raw)?,
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
            "assessment_result" => self.assessments.get_mut(i).ok_or(missing)?.result = short(raw)?,
            "dispatching_unit" => self.aid.as_mut().ok_or(missing)?.dispatching_unit = short(raw)?,
            _ => return Err(missing),
        }
        Ok(())
    }

    /// Makes the year lists match the post's date: one continuing-education record per year
    /// since the post and one assessment per required year, keeping what was entered for years
    /// that are still required and dropping the rest. `today` is Beijing's date.
    pub fn sync_years(&mut self, today: Date) {
        let Some(post) = self.qualification.obtained_on else { return };
        let training = super::years_since_post(post, today);
        let mut years = std::mem::take(&mut self.training.years);
        self.training.years = training
            .iter()
            .map(|&y| match years.iter().position(|t| t.year == y) {
                Some(at) => years.swap_remove(at),
                None => TrainingYear { year: y, ..Default::default() },
            })
            .collect();
        let assessed = super::assessment_years(post, today);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::materials::{Level, Publication};
    use time::macros::date;

    #[test]
    fn dates_are_read_as_people_write_them() {
        for raw in ["2024-03-01", "2024-3-1", "2024/3/1", "2024.03.01", "2024年3月1日", "20240301", " 2024-03-01 "] {
            assert_eq!(parse_date(raw), Ok(Some(date!(2024 - 03 - 01))), "{raw}");
        }
        for raw in ["2024-0", "03/01/2024", "2024-02-30", "1899-12-31", "202403011"] {
            assert_eq!(parse_date(raw), Err(BadValue::NotADate), "{raw}");
        }
        assert_eq!(parse_date(""), Ok(None));
    }

    #[test]
    fn only_the_current_posts_work_is_bound_to_the_post() {
        use crate::domain::materials::Section;
        assert!(Section::WorkHistory.since_post_only() && Section::Assessment.since_post_only());
        assert!(
            !Section::Education.since_post_only() && !Section::Qualification.since_post_only() && !Section::BasicInfo.since_post_only()
        );
    }

    /// Materials in which every field of every section exists (one item per list, the year lists
    /// made, 援疆 set).
    fn one_of_everything() -> Materials {
        let mut m = Materials::new(Level::Senior);
        m.education.push(Default::default());
        m.work.achievements.push(Default::default());
        m.publications.push(Default::default());
        m.qualification.obtained_on = Some(date!(2022 - 05 - 01));
        m.sync_years(date!(2026 - 11 - 27));
        m.aid = Some(Default::default());
        m
    }

    #[test]
    fn every_laid_out_value_field_round_trips() {
        let mut m = one_of_everything();
        for s in m.sections() {
            let l = layout(s);
            let items = l.list.map(|_| Some(0)).into_iter().collect::<Vec<_>>();
            let fields = l.fields.iter().chain(l.after).map(|f| (f, None));
            let listed = l.list.iter().flat_map(|l| l.item).flat_map(|f| items.iter().map(move |&i| (f, i)));
            for (field, item) in fields.chain(listed) {
                let sample = match field.input {
                    Input::Text | Input::LongText => "清华大学",
                    Input::Date => "2023-06-30",
                    Input::Number => "12",
                    Input::YesNo => "yes",
                    Input::WorkKind => "book",
                    Input::Year | Input::File(_) | Input::Files => continue,
                };
                m.set_value(field.name, item, sample).unwrap_or_else(|e| panic!("{}: {e:?}", field.name));
                assert_eq!(m.value(field.name, item).as_deref(), Some(sample), "{}", field.name);
            }
        }
    }

    #[test]
    fn file_fields_are_slots_and_sections_are_found() {
        let mut m = one_of_everything();
        for s in m.sections() {
            let l = layout(s);
            for field in l.fields.iter().chain(l.list.iter().flat_map(|l| l.item)) {
                if let Input::File(kind) = field.input {
                    let item = l.list.filter(|l| l.item.contains(field)).map(|_| 0);
                    assert!(m.slot_mut(field.name, item).is_some(), "{}", field.name);
                    assert_eq!(super::super::slot_kind(field.name), kind, "{}", field.name);
                }
                assert_eq!(section_of(field.name), Some(s), "{}", field.name);
            }
        }
    }

    #[test]
    fn unreadable_values_are_refused_and_change_nothing() {
        let mut m = Materials::new(Level::Junior);
        assert_eq!(m.set_value("obtained_on", None, "2023-02-30"), Err(BadValue::NotADate));
        assert_eq!(m.set_value("obtained_on", None, "去年"), Err(BadValue::NotADate));
        assert_eq!(m.set_value("years_in_profession", None, "十"), Err(BadValue::NotANumber));
        assert_eq!(m.set_value("school", Some(0), "x"), Err(BadValue::NoSuchField));
        assert_eq!(m.set_value("aid", None, "maybe"), Err(BadValue::NotAChoice));
        assert_eq!(m.set_value("unit", None, &"字".repeat(201)), Err(BadValue::TooLong { max_chars: 200 }));
        assert_eq!(m, Materials::new(Level::Junior));
    }

    #[test]
    fn year_lists_follow_the_post_and_keep_what_was_entered() {
        let mut m = Materials::new(Level::Intermediate);
        m.qualification.obtained_on = Some(date!(2021 - 09 - 01));
        m.sync_years(date!(2026 - 11 - 27));
        let years: Vec<i32> = m.training.years.iter().map(|t| t.year).collect();
        assert_eq!(years, vec![2021, 2022, 2023, 2024, 2025]);
        assert_eq!(m.assessments.iter().map(|a| a.year).collect::<Vec<_>>(), vec![2023, 2024, 2025]);
        m.set_value("hours", Some(4), "90").unwrap();
        m.qualification.obtained_on = Some(date!(2024 - 01 - 01));
        m.sync_years(date!(2026 - 11 - 27));
        assert_eq!(m.training.years.iter().map(|t| (t.year, t.hours)).collect::<Vec<_>>(), vec![(2024, None), (2025, Some(90))]);
    }

    #[test]
    fn list_operations_add_move_and_remove() {
        let mut m = Materials::new(Level::Junior);
        assert!(m.edit_list("publications", ListOp::Add));
        assert!(m.edit_list("publications", ListOp::Add));
        m.publications[1] = Publication { title: "二".into(), ..Default::default() };
        assert!(m.edit_list("publications", ListOp::Up(1)));
        assert_eq!(m.publications[0].title, "二");
        assert!(!m.edit_list("publications", ListOp::Up(0)));
        assert!(!m.edit_list("publications", ListOp::Remove(5)));
        assert!(m.edit_list("publications", ListOp::Remove(0)));
        assert_eq!(m.publications.len(), 1);
        assert!(!m.edit_list("assessments", ListOp::Add), "year lists follow the post");
        for op in ["add", "remove:3", "up:1", "down:0"] {
            assert_eq!(ListOp::parse(op).map(ListOp::encode).as_deref(), Some(op));
        }
        assert_eq!(ListOp::parse("drop:1"), None);
    }

    #[test]
    fn conditional_fields_follow_their_conditions() {
        let mut m = Materials::new(Level::Intermediate);
        m.publications.push(Default::default());
        assert!(!shown(&m, "similarity_report", Some(0)), "intermediate: no similarity report");
        m.level = Level::AssociateSenior;
        assert!(shown(&m, "similarity_report", Some(0)));
        m.set_value("kind", Some(0), "work_plan").unwrap();
        assert!(!shown(&m, "similarity_report", Some(0)));
        assert!(shown(&m, "unit_certification", Some(0)));
        assert!(!shown(&m, "evaluation_form", None), "not asked before the applicant says where");
        assert_eq!(m.value("obtained_in_xinjiang", None).as_deref(), Some(""), "no default answer");
        m.set_value("obtained_in_xinjiang", None, "no").unwrap();
        assert!(shown(&m, "evaluation_form", None));
        m.set_value("obtained_in_xinjiang", None, "yes").unwrap();
        assert!(!shown(&m, "evaluation_form", None));
    }

    #[test]
    fn field_ids_round_trip() {
        assert_eq!(field_id("school", Some(3)), "school-3");
        assert_eq!(parse_field_id("school-3"), ("school", Some(3)));
        assert_eq!(parse_field_id("unit"), ("unit", None));
        assert_eq!(parse_field_id("form_front-0"), ("form_front", Some(0)));
    }
}
