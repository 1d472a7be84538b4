//! The form's fields, section by section: what each is (text, date, yes/no, file…) and when it is
//! shown (the conditional requirements of SPEC rule 7). How a typed value is read into the
//! materials is `values` beside it. The page draws itself from this and the server saves through
//! it, so a field the page shows is exactly a field the server accepts.

use super::{AssessmentYear, Materials, Section, TrainingYear, WorkKind};
use crate::domain::attachments::SlotKind;
use crate::domain::instant::iso_date;

#[path = "values.rs"]
mod values;
pub use values::{format_date, parse_date, BadValue, ListOp, MAX_LONG_TEXT_CHARS, MAX_TEXT_CHARS};

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
    /// A title level (初级…正高级), chosen from a list.
    TitleLevel,
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
                    f("current_level", TitleLevel),
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
                item: const { &[f("training_year", Year), f("public_hours", Number), f("hours", Number), f("training_certificate", DOC)] },
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
        S::AidXinjiang => Layout {
            // the dispatching unit is chosen with the unit at the start (it decides who reviews)
            fields: const { &[f("aid_since", Date), f("aid_still_serving", YesNo), f("approval_proof", DOC)] },
            list: None,
            after: none,
        },
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
        "training_years" | "training_year" | "hours" | "public_hours" | "training_certificate" | "public_course_certificates" => {
            !m.training.exempt
        }
        "first_author" => publication.is_some_and(|p| p.kind == WorkKind::Paper),
        "cover" | "contents" | "body" | "identification_form" => publication.is_some_and(|p| p.kind.is_published()),
        "similarity_report" => publication.is_some_and(|p| p.kind == WorkKind::Paper && m.level.is_senior()),
        "unit_certification" => publication.is_some_and(|p| !p.kind.is_published()),
        _ => true,
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
                    Input::TitleLevel => "intermediate",
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
        assert_eq!(m.set_value("exempt", None, "maybe"), Err(BadValue::NotAChoice));
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
