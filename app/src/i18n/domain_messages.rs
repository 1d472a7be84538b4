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
