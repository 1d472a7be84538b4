//! The names of the domain's things as people say them: roles and their duties, levels,
//! sections, statuses, form fields, kinds of work, decisions and kinds of organisation.

use super::Msg;
use crate::domain::workflow::Role;

/// The name of a role, as people call it.
pub fn role_name(role: Role) -> Msg {
    match role {
        Role::Applicant => Msg::RoleApplicant,
        Role::UnitReviewer => Msg::RoleUnitReviewer,
        Role::AuthorityReviewer => Msg::RoleAuthorityReviewer,
        Role::OfficeReviewer => Msg::RoleOfficeReviewer,
        Role::CommitteeMember => Msg::RoleCommitteeMember,
        Role::HrOfficer => Msg::RoleHrOfficer,
        Role::Issuer => Msg::RoleIssuer,
        Role::Admin => Msg::RoleAdmin,
        Role::System => Msg::RoleSystem,
    }
}

/// What the role does on the platform (the home page's description).
pub fn role_duty(role: Role) -> Msg {
    match role {
        Role::Applicant => Msg::DutyApplicant,
        Role::UnitReviewer => Msg::DutyUnitReviewer,
        Role::AuthorityReviewer => Msg::DutyAuthorityReviewer,
        Role::OfficeReviewer => Msg::DutyOfficeReviewer,
        Role::CommitteeMember => Msg::DutyCommitteeMember,
        Role::HrOfficer => Msg::DutyHrOfficer,
        Role::Issuer => Msg::DutyIssuer,
        Role::Admin | Role::System => Msg::DutyAdmin,
    }
}

pub fn level_name(level: crate::domain::materials::Level) -> Msg {
    use crate::domain::materials::Level;
    match level {
        Level::Junior => Msg::LevelJunior,
        Level::Intermediate => Msg::LevelIntermediate,
        Level::AssociateSenior => Msg::LevelAssociateSenior,
        Level::Senior => Msg::LevelSenior,
    }
}

pub fn section_name(section: crate::domain::materials::Section) -> Msg {
    use crate::domain::materials::Section as S;
    match section {
        S::BasicInfo => Msg::SectionBasicInfo,
        S::Education => Msg::SectionEducation,
        S::Qualification => Msg::SectionQualification,
        S::WorkHistory => Msg::SectionWorkHistory,
        S::Publications => Msg::SectionPublications,
        S::ContinuingEducation => Msg::SectionContinuingEducation,
        S::Assessment => Msg::SectionAssessment,
        S::Other => Msg::SectionOther,
        S::AidXinjiang => Msg::SectionAidXinjiang,
        S::Pledge => Msg::SectionPledge,
    }
}

pub fn status_name(status: crate::domain::workflow::Status) -> Msg {
    use crate::domain::workflow::Status as S;
    match status {
        S::Draft => Msg::StatusDraft,
        S::UnitReview => Msg::StatusUnitReview,
        S::UnitNotice => Msg::StatusUnitNotice,
        S::AuthorityReview => Msg::StatusAuthorityReview,
        S::OfficeReview => Msg::StatusOfficeReview,
        S::Returned => Msg::StatusReturned,
        S::FormalPassed => Msg::StatusFormalPassed,
        S::UnderEvaluation => Msg::StatusUnderEvaluation,
        S::Evaluated => Msg::StatusEvaluated,
        S::ResultNotice => Msg::StatusResultNotice,
        S::Filed => Msg::StatusFiled,
        S::Certified => Msg::StatusCertified,
        S::Closed => Msg::StatusClosed,
        S::Withdrawn => Msg::StatusWithdrawn,
    }
}

/// Where a return list's item points, in words: `学历学位 · 毕业院校`, or the section alone.
pub fn return_place(item: &crate::domain::review::ReturnItem, lang: super::Lang) -> String {
    let section = section_name(item.section).text(lang);
    match &item.field {
        Some(f) => format!("{section} · {}", field_label(crate::domain::materials::fields::parse_field_id(f).0).text(lang)),
        None => section.to_string(),
    }
}

/// The label of a form field (`domain::materials::fields`), in the seed's words.
pub fn field_label(name: &str) -> Msg {
    match name {
        "unit" => Msg::LabelUnit,
        "unit_notice_materials" => Msg::LabelUnitNoticeMaterials,
        "unit_notice_result" => Msg::LabelUnitNoticeResult,
        "specialty" => Msg::LabelSpecialty,
        "political_conduct" => Msg::LabelPoliticalConduct,
        "aid" => Msg::LabelAid,
        "id_card_scan" => Msg::LabelIdCardScan,
        "photo" => Msg::LabelPhoto,
        "education" => Msg::LabelEducation,
        "school" => Msg::LabelSchool,
        "major" => Msg::LabelMajor,
        "graduated_on" => Msg::LabelGraduatedOn,
        "diploma" => Msg::LabelDiploma,
        "degree_certificate" => Msg::LabelDegreeCertificate,
        "chsi_report" => Msg::LabelChsiReport,
        "current_title" => Msg::LabelCurrentTitle,
        "current_level" => Msg::LabelCurrentLevel,
        "obtained_on" => Msg::LabelObtainedOn,
        "obtained_in_xinjiang" => Msg::LabelObtainedInXinjiang,
        "years_in_profession" => Msg::LabelYearsInProfession,
        "years_proof" => Msg::LabelYearsProof,
        "title_certificate" => Msg::LabelTitleCertificate,
        "evaluation_form" => Msg::LabelEvaluationForm,
        "practice" => Msg::LabelPractice,
        "achievements" => Msg::LabelAchievements,
        "achievement_title" => Msg::LabelAchievementTitle,
        "achieved_on" => Msg::LabelAchievedOn,
        "achievement_description" => Msg::LabelAchievementDescription,
        "evidence" => Msg::LabelEvidence,
        "publications" => Msg::LabelPublications,
        "kind" => Msg::LabelKind,
        "publication_title" => Msg::LabelPublicationTitle,
        "published_on" => Msg::LabelPublishedOn,
        "first_author" => Msg::LabelFirstAuthor,
        "cover" => Msg::LabelCover,
        "contents" => Msg::LabelContents,
        "body" => Msg::LabelBody,
        "identification_form" => Msg::LabelIdentificationForm,
        "similarity_report" => Msg::LabelSimilarityReport,
        "unit_certification" => Msg::LabelUnitCertification,
        "exempt" => Msg::LabelExempt,
        "exemption_form" => Msg::LabelExemptionForm,
        "training_years" => Msg::LabelTrainingYears,
        "training_year" => Msg::LabelTrainingYear,
        "hours" => Msg::LabelHours,
        "public_hours" => Msg::LabelPublicHours,
        "training_certificate" => Msg::LabelTrainingCertificate,
        "public_course_certificates" => Msg::LabelPublicCourses,
        "assessments" => Msg::LabelAssessments,
        "assessment_year" => Msg::LabelAssessmentYear,
        "assessment_result" => Msg::LabelAssessmentResult,
        "form_front" => Msg::LabelFormFront,
        "form_back" => Msg::LabelFormBack,
        "notice_materials" => Msg::LabelNoticeMaterials,
        "notice_result" => Msg::LabelNoticeResult,
        "dispatching_unit" => Msg::LabelDispatchingUnit,
        "aid_since" => Msg::LabelAidSince,
        "aid_still_serving" => Msg::LabelAidStillServing,
        "approval_proof" => Msg::LabelApprovalProof,
        "pledge" => Msg::LabelPledge,
        _ => Msg::Forbidden,
    }
}

pub fn work_kind_name(kind: crate::domain::materials::WorkKind) -> Msg {
    use crate::domain::materials::WorkKind as K;
    match kind {
        K::Paper => Msg::KindPaper,
        K::Book => Msg::KindBook,
        K::AdvisoryReport => Msg::KindAdvisoryReport,
        K::WorkSummary => Msg::KindWorkSummary,
        K::WorkReport => Msg::KindWorkReport,
        K::ManagementDocument => Msg::KindManagementDocument,
        K::SurveyReport => Msg::KindSurveyReport,
        K::Regulation => Msg::KindRegulation,
        K::WorkPlan => Msg::KindWorkPlan,
    }
}

/// The name of a decision, as buttons and the history say it.
pub fn action_name(action: crate::domain::workflow::Action) -> Msg {
    use crate::domain::workflow::Action as A;
    match action {
        A::Submit => Msg::ActionSubmit,
        A::StartNotice => Msg::ActionStartNotice,
        A::UnitRecommend => Msg::ActionUnitRecommend,
        A::UnitDecline => Msg::ActionUnitDecline,
        A::AuthorityRecommend => Msg::ActionAuthorityRecommend,
        A::AuthorityDecline => Msg::ActionAuthorityDecline,
        A::OfficePass => Msg::ActionOfficePass,
        A::OfficeReturn => Msg::ActionOfficeReturn,
        A::Expire => Msg::ActionExpire,
        A::PayFee => Msg::ActionPayFee,
        A::Evaluate => Msg::ActionEvaluate,
        A::PublishResult => Msg::ActionPublishResult,
        A::File => Msg::ActionFile,
        A::Issue => Msg::ActionIssue,
        A::FindFraud => Msg::ActionFindFraud,
        A::HandleObjection => Msg::ActionHandleObjection,
    }
}

/// 单位, 主管部门… as the organisation tree names each kind.
pub fn org_kind_name(kind: crate::domain::admin::OrgKind) -> Msg {
    use crate::domain::admin::OrgKind as K;
    match kind {
        K::Region => Msg::OrgKindRegion,
        K::Authority => Msg::OrgKindAuthority,
        K::Unit => Msg::OrgKindUnit,
        K::Office => Msg::OrgKindOffice,
        K::Committee => Msg::OrgKindCommittee,
        K::Hr => Msg::OrgKindHr,
        K::Issuer => Msg::OrgKindIssuer,
        K::Dispatching => Msg::OrgKindDispatching,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::materials::{fields::layout, Section};

    #[test]
    fn every_form_field_has_a_label() {
        use Section::*;
        for s in
            [BasicInfo, Education, Qualification, WorkHistory, Publications, ContinuingEducation, Assessment, Other, AidXinjiang, Pledge]
        {
            let l = layout(s);
            let names = l.fields.iter().chain(l.after).chain(l.list.iter().flat_map(|l| l.item)).map(|f| f.name);
            for name in names.chain(l.list.map(|l| l.name)) {
                assert_ne!(field_label(name), Msg::Forbidden, "{name}");
            }
        }
    }
}
