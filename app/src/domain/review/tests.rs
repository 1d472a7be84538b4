use super::*;
use crate::domain::instant::MINUTE_MS;

#[test]
fn the_pledge_must_name_the_applicant() {
    let name = "古丽米拉·艾买提";
    let ok = format!("经审核，{}。", unit_pledge(name));
    assert_eq!(check_unit_recommendation(&ok, name), Ok(()));
    // line breaks and spaces typed inside the sentence do not matter
    let spaced = "本单位已对古丽米拉·艾买提提供的申报材料逐一审核，\n真实准确， 同意推荐";
    assert_eq!(check_unit_recommendation(spaced, name), Ok(()));
    // another name, or XXX left in, or a changed word is refused with the expected sentence
    for wrong in [unit_pledge("张三"), unit_pledge("XXX"), "本单位已对古丽米拉·艾买提提供的申报材料审核，真实准确，同意推荐".to_string()]
    {
        assert_eq!(check_unit_recommendation(&wrong, name), Err(OpinionProblem::PledgeMissing(unit_pledge(name))));
    }
    assert_eq!(check_unit_recommendation("  ", name), Err(OpinionProblem::Empty));
}

#[test]
fn opinions_need_words_within_a_limit() {
    assert_eq!(check_opinion("同意"), Ok(()));
    assert_eq!(check_opinion("\n "), Err(OpinionProblem::Empty));
    assert_eq!(check_opinion(&"字".repeat(MAX_OPINION_CHARS + 1)), Err(OpinionProblem::TooLong));
}

fn item(section: Section, field: Option<&str>, note: &str) -> ReturnItem {
    ReturnItem { section, field: field.map(Into::into), note: note.into() }
}

#[test]
fn a_return_list_is_checked_item_by_item() {
    let good = vec![
        item(Section::BasicInfo, Some("photo"), "请上传近期免冠彩色一寸照片"),
        item(Section::Publications, Some("similarity_report-0"), "缺少论文相似性检测报告"),
        item(Section::Assessment, None, "请补充2024年度考核表背面"),
    ];
    assert!(check_return_list(&good).is_empty(), "{:?}", check_return_list(&good));
    assert_eq!(check_return_list(&[]), vec![(None, ReturnProblem::NoItems)]);
    let bad = vec![
        item(Section::BasicInfo, Some("chsi_report-0"), "学信网报告不清晰"),
        item(Section::BasicInfo, Some("photo"), " "),
        item(Section::BasicInfo, Some("photo"), "照片"),
        item(Section::BasicInfo, Some("photo"), "照片"),
    ];
    assert_eq!(
        check_return_list(&bad),
        vec![(Some(0), ReturnProblem::FieldNotInSection), (Some(1), ReturnProblem::NoteEmpty), (Some(3), ReturnProblem::Duplicate),]
    );
}

#[test]
fn every_reviewer_queue_matches_what_they_may_view() {
    use crate::domain::workflow::{may_view, Actor, ApplicationFacts};
    for &role in Role::ALL {
        let Some((org, statuses)) = queue_of(role) else { continue };
        for &status in Status::ALL {
            let app = ApplicationFacts {
                applicant_id: "a".into(),
                status,
                submissions_used: 1,
                reviewing_unit_id: "u".into(),
                authority_id: "au".into(),
                office_id: "o".into(),
                region_id: "r".into(),
            };
            let org_id = match org {
                QueueOrg::ReviewingUnit => "u",
                QueueOrg::Authority => "au",
                QueueOrg::Office => "o",
            };
            let actor = Actor::new("r", role, Some(org_id.into()));
            assert_eq!(may_view(&actor, &app).is_ok(), statuses.contains(&status), "{role:?} {status:?}");
        }
    }
}

#[test]
fn reminders_go_out_a_day_and_two_hours_before_once_each() {
    let d = Deadline::correction_window(Instant(0));
    let at = |h: i64| Instant(d.due.0 - h * HOUR_MS);
    assert_eq!(reminder_due(d, at(30), 0), None);
    assert_eq!(reminder_due(d, at(24), 0), Some(Reminder::DayBefore));
    assert_eq!(reminder_due(d, at(23), mark_sent(0, Reminder::DayBefore)), None);
    assert_eq!(reminder_due(d, at(2), 1), Some(Reminder::TwoHoursBefore));
    assert_eq!(reminder_due(d, at(1), mark_sent(1, Reminder::TwoHoursBefore)), None);
    // a server that was down for the 24-hour mark sends only the nearer reminder
    assert_eq!(reminder_due(d, at(1), 0), Some(Reminder::TwoHoursBefore));
    assert_eq!(reminder_due(d, Instant(d.due.0 - MINUTE_MS), 3), None);
    assert_eq!(reminder_due(d, d.due, 0), None);
}

#[test]
fn a_notice_closes_from_its_earliest_moment() {
    assert!(!notice_may_close(Instant(1000), Instant(999)));
    assert!(notice_may_close(Instant(1000), Instant(1000)));
}

#[test]
fn an_objection_is_handled_with_findings_and_an_outcome() {
    assert_eq!(check_objection_handling("经核实，论文检索证明日期为录用日期", "异议不成立，已告知异议人"), vec![]);
    assert_eq!(check_objection_handling("  ", "异议不成立"), vec![(ObjectionField::Findings, OpinionProblem::Empty)]);
    let long = "很".repeat(MAX_OPINION_CHARS + 1);
    assert_eq!(
        check_objection_handling("", &long),
        vec![(ObjectionField::Findings, OpinionProblem::Empty), (ObjectionField::Outcome, OpinionProblem::TooLong)]
    );
    assert_eq!(ObjectionField::Outcome.form_name("ob1"), "outcome-ob1");
}

#[test]
fn the_unit_recommends_only_when_no_objection_is_left_unhandled() {
    assert_eq!(objections_settled(0), Ok(()));
    assert_eq!(objections_settled(2), Err(2));
}
