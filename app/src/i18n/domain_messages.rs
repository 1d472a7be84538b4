//! How the domain's findings are put into words.

use super::{Msg, Text};
use crate::domain::account::Problem;
use crate::domain::id_number::IdNumberError;
use crate::domain::workflow::Role;

impl From<Problem> for Msg {
    fn from(p: Problem) -> Self {
        match p {
            Problem::Required => Msg::Required,
            Problem::NameLength => Msg::NameLength,
            Problem::NameCharacters => Msg::NameCharacters,
            Problem::PhoneInvalid => Msg::PhoneInvalid,
            Problem::EmailInvalid => Msg::EmailInvalid,
            Problem::PasswordTooShort => Msg::PasswordTooShort,
            Problem::PasswordTooLong => Msg::PasswordTooLong,
            Problem::PasswordTooCommon => Msg::PasswordTooCommon,
            Problem::PasswordContainsId => Msg::PasswordContainsId,
            Problem::PasswordMismatch => Msg::PasswordMismatch,
            Problem::CodeFormat => Msg::CodeFormat,
        }
    }
}

impl From<Problem> for Text {
    fn from(p: Problem) -> Self {
        Text::new(p.into())
    }
}

impl From<IdNumberError> for Text {
    fn from(e: IdNumberError) -> Self {
        match e {
            IdNumberError::Length(0) => Text::new(Msg::Required),
            IdNumberError::Length(n) => Text::with(Msg::IdLength, [n.to_string()]),
            IdNumberError::Characters => Text::new(Msg::IdCharacters),
            IdNumberError::Region(code) => Text::with(Msg::IdRegion, [code]),
            IdNumberError::BirthDate(d) => Text::with(Msg::IdBirthDate, [d]),
            IdNumberError::CheckCharacter { found, expected } => {
                Text::with(Msg::IdCheckCharacter, [expected.to_string(), found.to_string()])
            }
        }
    }
}

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

impl From<crate::domain::attachments::Refusal> for Text {
    fn from(r: crate::domain::attachments::Refusal) -> Self {
        use crate::domain::attachments::{Refusal, MB};
        match r {
            Refusal::Empty => Text::new(Msg::UploadRefusedEmpty),
            Refusal::TooLarge { max_bytes } => Text::with(Msg::UploadRefusedTooLarge, [(max_bytes / MB).to_string()]),
            Refusal::NotAccepted => Text::new(Msg::UploadRefusedKind),
            Refusal::WrongKind { found } => Text::with(Msg::UploadRefusedWrongKind, [format!("{found:?}").to_uppercase()]),
            Refusal::PdfUnreadable => Text::new(Msg::UploadRefusedPdf),
            Refusal::ImageUnreadable => Text::new(Msg::UploadRefusedImage),
            Refusal::TooManyPixels { width, height } => Text::with(Msg::UploadRefusedPixels, [width.to_string(), height.to_string()]),
            Refusal::TooSmall { width, height, min_short_side } => {
                Text::with(Msg::UploadRefusedSmall, [width.to_string(), height.to_string(), min_short_side.to_string()])
            }
            Refusal::Blurred { sharpness, min } => Text::with(Msg::UploadRefusedBlurred, [sharpness.to_string(), min.to_string()]),
            Refusal::NotColour => Text::new(Msg::UploadRefusedColour),
            Refusal::WrongRatio { width, height } => Text::with(Msg::UploadRefusedRatio, [width.to_string(), height.to_string()]),
        }
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

impl From<&crate::domain::materials::Problem> for Text {
    fn from(p: &crate::domain::materials::Problem) -> Self {
        use crate::domain::materials::fields::format_date;
        use crate::domain::materials::Problem as P;
        match p {
            P::Empty => Text::new(Msg::ProblemEmpty),
            P::NoFile => Text::new(Msg::ProblemNoFile),
            P::NoItems => Text::new(Msg::ProblemNoItems),
            P::Vague { word, reason } => Text::with(Msg::ProblemVague, [word.clone(), reason.clone()]),
            P::BeforeCurrentPost { date, limit } => {
                Text::with(Msg::ProblemBeforePost, [format_date(Some(*date)), format_date(Some(*limit))])
            }
            P::YearMissing(y) => Text::with(Msg::ProblemYearMissing, [y.to_string()]),
            P::NotFirstAuthor => Text::new(Msg::ProblemNotFirstAuthor),
            P::NotChosen => Text::new(Msg::ProblemNotChosen),
            P::NeedsPostDate => Text::new(Msg::ProblemNeedsPostDate),
        }
    }
}

impl From<crate::domain::materials::fields::BadValue> for Text {
    fn from(b: crate::domain::materials::fields::BadValue) -> Self {
        use crate::domain::materials::fields::BadValue as B;
        match b {
            B::NotADate => Text::new(Msg::BadDate),
            B::NotANumber => Text::new(Msg::BadNumber),
            B::NotAChoice => Text::new(Msg::BadChoice),
            B::TooLong { max_chars } => Text::with(Msg::BadTooLong, [max_chars.to_string()]),
            B::NoSuchField => Text::new(Msg::BadNoSuchField),
        }
    }
}

impl From<crate::domain::signature::SignatureProblem> for Text {
    fn from(p: crate::domain::signature::SignatureProblem) -> Self {
        use crate::domain::signature::SignatureProblem as S;
        match p {
            S::Empty => Text::new(Msg::SignatureEmpty),
            S::TooFewStrokes { strokes, min } => Text::with(Msg::SignatureTooFewStrokes, [strokes.to_string(), min.to_string()]),
            S::TooLittleInk => Text::new(Msg::SignatureTooLittleInk),
            S::TooNarrow => Text::new(Msg::SignatureTooNarrow),
            S::Malformed => Text::new(Msg::SignatureMalformed),
        }
    }
}

impl From<crate::domain::workflow::Denied> for Text {
    fn from(d: crate::domain::workflow::Denied) -> Self {
        use crate::domain::workflow::Denied as D;
        match d {
            D::Role(_) | D::NotYours => Text::new(Msg::Forbidden),
            D::State(status) => Text::with(Msg::DeniedState, [status_name(status).text(super::Lang::Zh).to_string()]),
            D::SubmissionsExhausted => Text::new(Msg::SubmitNoneLeft),
        }
    }
}

impl From<crate::domain::notices::NoticeProblem> for Text {
    fn from(p: crate::domain::notices::NoticeProblem) -> Self {
        use crate::domain::notices::{NoticeProblem as P, MAX_BODY_CHARS, MAX_TITLE_CHARS};
        match p {
            P::TitleEmpty | P::BodyEmpty => Text::new(Msg::Required),
            P::TitleTooLong => Text::with(Msg::BadTooLong, [MAX_TITLE_CHARS.to_string()]),
            P::BodyTooLong => Text::with(Msg::BadTooLong, [MAX_BODY_CHARS.to_string()]),
            P::BadLink => Text::new(Msg::NoticeBadLink),
        }
    }
}

impl From<crate::domain::review::OpinionProblem> for Text {
    fn from(p: crate::domain::review::OpinionProblem) -> Self {
        use crate::domain::review::{OpinionProblem as P, MAX_OPINION_CHARS};
        match p {
            P::Empty => Text::new(Msg::OpinionEmpty),
            P::TooLong => Text::with(Msg::BadTooLong, [MAX_OPINION_CHARS.to_string()]),
            P::PledgeMissing(expected) => Text::with(Msg::PledgeMissing, [expected]),
        }
    }
}

impl From<crate::domain::review::ReturnProblem> for Text {
    fn from(p: crate::domain::review::ReturnProblem) -> Self {
        use crate::domain::review::{ReturnProblem as P, MAX_NOTE_CHARS};
        match p {
            P::NoItems => Text::new(Msg::ReturnNoItems),
            P::TooMany => Text::new(Msg::ReturnTooMany),
            P::NoteEmpty => Text::new(Msg::ReturnNoteEmpty),
            P::NoteTooLong => Text::with(Msg::BadTooLong, [MAX_NOTE_CHARS.to_string()]),
            P::FieldNotInSection => Text::new(Msg::ReturnFieldNotInSection),
            P::Duplicate => Text::new(Msg::ReturnDuplicate),
        }
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
    }
}

impl From<crate::domain::admin::AdminProblem> for Text {
    fn from(p: crate::domain::admin::AdminProblem) -> Self {
        use crate::domain::admin::AdminProblem as P;
        let kind = |k| org_kind_name(k).text(super::Lang::Zh).to_string();
        match p {
            P::Required => Text::new(Msg::Required),
            P::OrgNameLength => Text::new(Msg::AdminNameLength),
            P::ParentKind { expected } => Text::with(Msg::AdminParentKind, [kind(expected)]),
            P::RegionHasNoParent => Text::new(Msg::AdminRegionNoParent),
            P::UsernameFormat => Text::new(Msg::AdminUsernameFormat),
            P::UsernameTaken => Text::new(Msg::AdminUsernameTaken),
            P::SeriesTaken => Text::new(Msg::AdminSeriesTaken),
            P::RoleOrgKind { expected } => Text::with(Msg::AdminRoleOrgKind, [kind(expected)]),
            P::RoleNotAssignable => Text::new(Msg::Forbidden),
            P::NotOnSelf => Text::new(Msg::AdminNotOnSelf),
        }
    }
}

impl From<crate::domain::series::ChoiceProblem> for Text {
    fn from(p: crate::domain::series::ChoiceProblem) -> Self {
        use crate::domain::series::ChoiceProblem as P;
        Text::new(match p {
            P::Required => Msg::Required,
            P::UnknownSeries => Msg::SeriesUnknown,
            P::SeriesClosed => Msg::SeriesClosed,
            P::UnknownSpecialty => Msg::SpecialtyUnknown,
        })
    }
}

impl From<crate::domain::seal::SealProblem> for Text {
    fn from(p: crate::domain::seal::SealProblem) -> Self {
        use crate::domain::seal::{SealProblem as P, SEAL_MAX_BYTES, SEAL_MAX_SIDE, SEAL_MIN_SIDE};
        match p {
            P::NotPng => Text::new(Msg::SealNotPng),
            P::TooLarge => Text::with(Msg::SealTooLarge, [(SEAL_MAX_BYTES / 1024).to_string()]),
            P::Opaque => Text::new(Msg::SealOpaque),
            P::Shape => Text::with(Msg::SealShape, [SEAL_MIN_SIDE.to_string(), SEAL_MAX_SIDE.to_string()]),
        }
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
