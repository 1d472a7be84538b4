use super::*;
use time::macros::date;

const TODAY: Date = date!(2026 - 11 - 27);

fn f(id: &str) -> Slot {
    Some(Attachment { id: id.into() })
}

/// A complete 副高级 application: 中级 since 2021-07-01, five years by the reference date as the
/// notice's conditions ask (so 2021–2025 need training
/// records and 2023–2025 assessments), one degree, one achievement, one paper.
fn complete() -> Materials {
    let mut m = Materials::new(Level::AssociateSenior);
    m.basic = BasicInfo {
        unit: "新疆大学".into(),
        specialty: "高等教育管理".into(),
        political_conduct: "拥护党的路线方针政策，遵纪守法".into(),
        id_card_scan: f("id"),
        photo: f("photo"),
    };
    m.education = vec![Degree {
        school: "新疆师范大学".into(),
        major: "教育学".into(),
        graduated_on: Some(date!(2010 - 06 - 30)),
        diploma: f("dip"),
        degree_certificate: f("deg"),
        chsi_report: f("chsi"),
    }];
    m.qualification = Qualification {
        current_title: "助理研究员".into(),
        current_level: Some(Level::Intermediate),
        obtained_on: Some(date!(2021 - 07 - 01)),
        obtained_in_xinjiang: Some(true),
        years_in_profession: Some(12),
        years_proof: f("years"),
        title_certificate: f("cert"),
        evaluation_form: None,
    };
    m.work = WorkHistory {
        practice: "负责学校本科教学质量监测，主持评估3次".into(),
        achievements: vec![Achievement {
            title: "本科教学审核评估自评报告".into(),
            achieved_on: Some(date!(2023 - 05 - 10)),
            description: "执笔完成自评报告4.5万字".into(),
            evidence: f("ev"),
        }],
    };
    m.publications = vec![Publication {
        kind: WorkKind::Paper,
        title: "高校教学质量保障体系研究".into(),
        published_on: Some(date!(2024 - 03 - 01)),
        first_author: true,
        cover: f("c"),
        contents: f("t"),
        body: f("b"),
        identification_form: f("i"),
        similarity_report: f("s"),
        unit_certification: None,
    }];
    m.training = ContinuingEducation {
        exempt: false,
        exemption_form: None,
        years: (2021..=2025).map(|y| TrainingYear { year: y, hours: Some(60), public_hours: Some(30), certificate: f("tr") }).collect(),
        public_course_certificates: vec![Attachment { id: "pub".into() }],
    };
    m.assessments =
        (2023..=2025).map(|y| AssessmentYear { year: y, result: "合格".into(), form_front: f("af"), form_back: f("ab") }).collect();
    m.other = Other { notice_materials: f("nm"), notice_result: f("nr") };
    m.pledge = f("sig");
    m
}

fn fields(m: &Materials) -> Vec<(Section, String, Option<usize>, Problem)> {
    missing(m, &Basis::notice(TODAY)).into_iter().map(|x| (x.section, x.field, x.item, x.problem)).collect()
}

#[test]
fn a_complete_application_misses_nothing() {
    assert_eq!(fields(&complete()), vec![]);
}

#[test]
fn an_empty_application_lists_every_section_in_order() {
    let m = Materials::new(Level::Intermediate);
    let sections: Vec<Section> = missing(&m, &Basis::notice(TODAY)).iter().map(|x| x.section).collect();
    let mut seen = sections.clone();
    seen.dedup();
    assert_eq!(
        seen,
        vec![
            Section::BasicInfo,
            Section::Education,
            Section::Qualification,
            Section::WorkHistory,
            Section::ContinuingEducation,
            Section::Assessment,
            Section::Other,
            Section::Pledge
        ]
    );
    // without the post's date, the years owed are unknown: missing, never "complete"
    let gaps = missing(&m, &Basis::notice(TODAY));
    assert!(gaps.iter().any(|g| g.section == Section::Assessment && g.field == "assessments" && g.problem == Problem::NeedsPostDate));
    assert!(gaps
        .iter()
        .any(|g| g.section == Section::ContinuingEducation && g.field == "training_years" && g.problem == Problem::NeedsPostDate));
}

#[test]
fn where_the_title_was_obtained_has_no_default_answer() {
    let mut m = complete();
    m.qualification.obtained_in_xinjiang = None;
    assert_eq!(fields(&m), vec![(Section::Qualification, "obtained_in_xinjiang".into(), None, Problem::NotChosen)]);
    let fresh = missing(&Materials::new(Level::Intermediate), &Basis::notice(TODAY));
    assert!(fresh.iter().any(|g| g.field == "obtained_in_xinjiang" && g.problem == Problem::NotChosen));
    assert!(!fresh.iter().any(|g| g.field == "evaluation_form"), "the 评审表 is asked for only after 否");
}

#[test]
fn a_title_from_outside_xinjiang_also_needs_the_evaluation_form() {
    let mut m = complete();
    m.qualification.obtained_in_xinjiang = Some(false);
    assert_eq!(fields(&m), vec![(Section::Qualification, "evaluation_form".into(), None, Problem::NoFile)]);
}

#[test]
fn papers_need_a_similarity_report_only_for_senior_levels() {
    let mut m = complete();
    m.publications[0].similarity_report = None;
    assert_eq!(fields(&m), vec![(Section::Publications, "similarity_report".into(), Some(0), Problem::NoFile)]);
    m.level = Level::Intermediate;
    m.qualification.current_level = Some(Level::Junior);
    assert_eq!(fields(&m), vec![]);
}

#[test]
fn reports_and_plans_need_the_units_certification_instead() {
    let mut m = complete();
    m.publications.push(Publication {
        kind: WorkKind::SurveyReport,
        title: "南疆高校师资调研报告".into(),
        published_on: Some(date!(2025 - 01 - 15)),
        ..Default::default()
    });
    assert_eq!(fields(&m), vec![(Section::Publications, "unit_certification".into(), Some(1), Problem::NoFile)]);
}

#[test]
fn papers_count_only_as_first_author() {
    let mut m = complete();
    m.publications[0].first_author = false;
    assert_eq!(fields(&m), vec![(Section::Publications, "first_author".into(), Some(0), Problem::NotFirstAuthor)]);
}

#[test]
fn every_year_since_the_post_needs_a_training_record_unless_exempt() {
    let mut m = complete();
    m.training.years.retain(|y| y.year != 2023);
    assert_eq!(fields(&m), vec![(Section::ContinuingEducation, "training_years".into(), None, Problem::YearMissing(2023))]);
    m.training.exempt = true;
    assert_eq!(fields(&m), vec![(Section::ContinuingEducation, "exemption_form".into(), None, Problem::NoFile)]);
    m.training.exemption_form = f("ex");
    assert_eq!(fields(&m), vec![]);
}

#[test]
fn assessments_cover_the_last_three_years_or_all_when_fewer() {
    assert_eq!(assessment_years(date!(2022 - 07 - 01), TODAY), vec![2023, 2024, 2025]);
    assert_eq!(assessment_years(date!(2024 - 09 - 01), TODAY), vec![2024, 2025]);
    assert_eq!(assessment_years(date!(2026 - 03 - 01), TODAY), Vec::<i32>::new());
    let mut m = complete();
    m.assessments[1].form_back = None;
    assert_eq!(fields(&m), vec![(Section::Assessment, "form_back".into(), Some(1), Problem::NoFile)]);
}

#[test]
fn material_from_before_the_current_post_is_refused_with_both_dates() {
    let mut m = complete();
    m.work.achievements[0].achieved_on = Some(date!(2020 - 12 - 31));
    assert_eq!(
        fields(&m),
        vec![(
            Section::WorkHistory,
            "achieved_on".into(),
            Some(0),
            Problem::BeforeCurrentPost { date: date!(2020 - 12 - 31), limit: date!(2021 - 07 - 01) }
        )]
    );
    m.work.achievements[0].achieved_on = Some(date!(2021 - 07 - 01)); // the day itself counts
    assert_eq!(fields(&m), vec![]);
}

#[test]
fn vague_words_are_named_at_their_field() {
    let mut m = complete();
    m.work.practice = "主持相关评估若干次".into();
    let got = fields(&m);
    assert_eq!(got.len(), 1);
    assert!(matches!(&got[0].3, Problem::Vague { word, .. } if word == "相关"), "{got:?}");
}

#[test]
fn aid_xinjiang_adds_its_section_and_proof() {
    let mut m = complete();
    m.aid = Some(AidXinjiang { dispatching_unit: "北京师范大学".into(), ..Default::default() });
    assert!(m.sections().contains(&Section::AidXinjiang));
    assert_eq!(
        fields(&m),
        vec![
            (Section::AidXinjiang, "aid_since".into(), None, Problem::Empty),
            (Section::AidXinjiang, "aid_still_serving".into(), None, Problem::NotChosen),
            (Section::AidXinjiang, "approval_proof".into(), None, Problem::NoFile),
        ]
    );
    assert!(!complete().sections().contains(&Section::AidXinjiang));
}

#[test]
fn aid_counts_from_a_full_year_on_a_posting_still_served() {
    let today = date!(2026 - 11 - 27);
    let aid = |since, still_serving| {
        let mut m = complete();
        m.aid =
            Some(AidXinjiang {
                dispatching_unit: "北京师范大学".into(), since: Some(since), still_serving, approval_proof: f("proof")
            });
        missing(&m, &Basis::notice(today)).into_iter().map(|g| (g.field, g.problem)).collect::<Vec<_>>()
    };
    assert_eq!(aid(date!(2025 - 11 - 27), Some(true)), vec![], "one year to the day");
    assert_eq!(
        aid(date!(2025 - 11 - 28), Some(true)),
        vec![("aid_since".into(), Problem::AidTooShort { since: date!(2025 - 11 - 28), from: date!(2026 - 11 - 28) })]
    );
    assert_eq!(aid(date!(2020 - 03 - 01), Some(false)), vec![("aid_still_serving".into(), Problem::AidEnded)], "the posting is over");
    assert_eq!(one_year_on(date!(2024 - 02 - 29)), date!(2025 - 03 - 01));
}

#[test]
fn uploads_land_in_the_slot_their_field_names() {
    let mut m = complete();
    *m.slot_mut("photo", None).unwrap() = f("new-photo");
    assert_eq!(m.basic.photo, f("new-photo"));
    *m.slot_mut("form_back", Some(2)).unwrap() = None;
    assert_eq!(fields(&m), vec![(Section::Assessment, "form_back".into(), Some(2), Problem::NoFile)]);
    assert!(m.slot_mut("form_back", Some(9)).is_none(), "no such assessment year");
    assert!(m.slot_mut("photo", Some(0)).is_none(), "photo is not a repeated item");
    assert!(m.slot_mut("approval_proof", None).is_none(), "no aid flag set");
    assert!(m.slot_mut("password", None).is_none());
    assert_eq!(slot_kind("photo"), SlotKind::Photo);
    assert_eq!(slot_kind("pledge"), SlotKind::Signature);
    assert_eq!(slot_kind("diploma"), SlotKind::Document);
}

#[test]
fn wording_that_may_be_exact_warns_without_holding_submission() {
    let mut m = complete();
    m.publications[0].title = "基于深度学习的棉花病害识别相关研究".into();
    assert_eq!(fields(&m), vec![], "a title's idiom does not block");
    let warned = advice(&m, &Basis::notice(TODAY));
    assert_eq!(warned.len(), 1);
    assert_eq!((warned[0].field.as_str(), warned[0].item), ("publication_title", Some(0)));
    assert!(matches!(&warned[0].problem, Problem::MaybeVague { word, .. } if word == "相关"), "{warned:?}");
    // the same word where it is surely vague blocks, and is not repeated as a warning
    m.publications[0].title = "负责相关工作".into();
    assert_eq!(fields(&m).len(), 1);
    assert_eq!(advice(&m, &Basis::notice(TODAY)), vec![]);
}

#[test]
fn the_rounds_conditions_decide_the_title_its_years_the_hours_the_results_and_the_similarity_report() {
    use crate::domain::conditions::{Conditions, LevelRule, Unmet};
    let notice = Basis::notice(TODAY);
    let judged = |m: &Materials, b: &Basis| missing(m, b).into_iter().map(|g| (g.field, g.item, g.problem)).collect::<Vec<_>>();

    let mut m = complete();
    m.qualification.current_level = Some(Level::Junior);
    let unmet = Unmet::TitleLevel { applying: Level::AssociateSenior, required: Level::Intermediate, held: Some(Level::Junior) };
    assert_eq!(judged(&m, &notice), vec![("current_level".into(), None, Problem::Unmet(unmet))]);
    m.qualification.current_level = None;
    assert_eq!(judged(&m, &notice), vec![("current_level".into(), None, Problem::NotChosen)]);

    // a round asking six years: eligible from 2027-07-01, said at the date
    let mut levels = Conditions::default().levels;
    levels[2] = LevelRule { requires: Some(Level::Intermediate), min_years: 6 };
    let stricter = Basis { reference_date: TODAY, conditions: Conditions { levels, ..Default::default() } };
    let unmet = Unmet::TooFewYears { required: Level::Intermediate, min_years: 6, from: date!(2027 - 07 - 01), reference: TODAY };
    assert_eq!(judged(&complete(), &stricter), vec![("obtained_on".into(), None, Problem::Unmet(unmet))]);

    let mut m = complete();
    m.training.years[0].hours = Some(50);
    m.training.years[1].hours = None;
    m.assessments[0].result = "基本合格".into();
    m.publications[0].similarity_report = None;
    assert_eq!(
        judged(&m, &notice),
        vec![
            ("similarity_report".into(), Some(0), Problem::NoFile),
            ("hours".into(), Some(0), Problem::TooFewHours { required: 60 }),
            ("hours".into(), Some(1), Problem::Empty),
            ("assessment_result".into(), Some(0), Problem::NotPassing { counted: "优秀、合格".into() }),
        ]
    );
    // a round counting 基本合格, asking 60 hours, and the report of 正高级 papers only
    let lenient = Basis {
        reference_date: TODAY,
        conditions: Conditions {
            professional_hours: 40,
            passing_results: vec!["优秀".into(), "合格".into(), "基本合格".into()],
            similarity_levels: vec![Level::Senior],
            ..Default::default()
        },
    };
    assert_eq!(judged(&m, &lenient), vec![("hours".into(), Some(1), Problem::Empty)]);
    // 公需科目 hours are their own condition; a round without the exemption says so at 免试
    let mut m = complete();
    m.training.years[2].public_hours = Some(20);
    assert_eq!(judged(&m, &notice), vec![("public_hours".into(), Some(2), Problem::TooFewHours { required: 30 })]);
    let mut m = complete();
    m.training.exempt = true;
    m.training.exemption_form = f("ex");
    let strict = Basis { reference_date: TODAY, conditions: Conditions { exemption_allowed: false, ..Default::default() } };
    assert_eq!(judged(&m, &notice), vec![]);
    assert_eq!(judged(&m, &strict), vec![("exempt".into(), None, Problem::ExemptionNotTaken)]);
}
