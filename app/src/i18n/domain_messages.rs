//! How the domain's refusals and problems are put into words (`From<…> for Text`); the names of
//! things (roles, levels, sections, statuses, fields) are in `names.rs`.

use super::names::{org_kind_name, status_name};
use super::{Msg, Text};
use crate::domain::account::Problem;
use crate::domain::id_number::IdNumberError;

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
            Refusal::QuotaReached { max_files, max_bytes } => {
                Text::with(Msg::UploadRefusedQuota, [max_files.to_string(), (max_bytes / MB).to_string()])
            }
        }
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
            P::MaybeVague { word, reason } => Text::with(Msg::ProblemMaybeVague, [word.clone(), reason.clone()]),
            P::BeforeCurrentPost { date, limit } => {
                Text::with(Msg::ProblemBeforePost, [format_date(Some(*date)), format_date(Some(*limit))])
            }
            P::YearMissing(y) => Text::with(Msg::ProblemYearMissing, [y.to_string()]),
            P::NotFirstAuthor => Text::new(Msg::ProblemNotFirstAuthor),
            P::NotChosen => Text::new(Msg::ProblemNotChosen),
            P::NeedsPostDate => Text::new(Msg::ProblemNeedsPostDate),
            P::AidTooShort { since, from } => Text::with(Msg::ProblemAidTooShort, [format_date(Some(*since)), format_date(Some(*from))]),
            P::AidEnded => Text::new(Msg::ProblemAidEnded),
            P::Unmet(u) => Text::from(*u),
            P::TooFewHours { required } => Text::with(Msg::ProblemTooFewHours, [required.to_string()]),
            P::ExemptionNotTaken => Text::new(Msg::ProblemExemptionNotTaken),
            P::NotPassing { counted } => Text::with(Msg::ProblemNotPassing, [counted.clone()]),
        }
    }
}

impl From<crate::domain::conditions::Unmet> for Text {
    fn from(u: crate::domain::conditions::Unmet) -> Self {
        use crate::domain::conditions::Unmet as U;
        use crate::domain::instant::iso_date;
        let level = |l| super::level_name(l).text(super::Lang::Zh).to_string();
        match u {
            U::TitleLevel { applying, required, held } => {
                let held = held.map(level).unwrap_or_else(|| Msg::ConditionNoTitle.text(super::Lang::Zh).to_string());
                Text::with(Msg::UnmetTitleLevel, [level(applying), level(required), held])
            }
            U::TooFewYears { required, min_years, from, reference } => {
                Text::with(Msg::UnmetTooFewYears, [level(required), min_years.to_string(), iso_date(reference), iso_date(from)])
            }
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
            P::RoundTaken => Text::new(Msg::AdminRoundTaken),
            P::RoleOrgKind { expected } => Text::with(Msg::AdminRoleOrgKind, [kind(expected)]),
            P::RoleNotAssignable => Text::new(Msg::Forbidden),
            P::NotOnSelf => Text::new(Msg::AdminNotOnSelf),
        }
    }
}

impl From<crate::domain::account::IdentityProblem> for Text {
    fn from(p: crate::domain::account::IdentityProblem) -> Self {
        use crate::domain::account::IdentityProblem as P;
        Text::new(match p {
            P::Required => Msg::Required,
            P::NoneOnFile => Msg::IdentityNoneOnFile,
            P::Mismatch => Msg::IdentityMismatch,
        })
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

impl From<crate::domain::rounds::RoundRefusal> for Text {
    fn from(r: crate::domain::rounds::RoundRefusal) -> Self {
        use crate::domain::rounds::RoundRefusal as R;
        match r {
            R::NoRound => Text::new(Msg::RoundNone),
            R::NotOpenYet { opens_on } => Text::with(Msg::RoundNotOpenYet, [crate::domain::instant::iso_date(opens_on)]),
            R::Closed { submit_by } => Text::with(Msg::RoundClosed, [crate::domain::instant::iso_date(submit_by)]),
            R::AlreadyApplied(status) => Text::with(Msg::RoundAlreadyApplied, [status_name(status).text(super::Lang::Zh).to_string()]),
        }
    }
}

impl From<crate::domain::rounds::RoundProblem> for Text {
    fn from(p: crate::domain::rounds::RoundProblem) -> Self {
        use crate::domain::rounds::RoundProblem as P;
        Text::new(match p {
            P::Required => Msg::Required,
            P::BadDate => Msg::BadDate,
            P::BadYear => Msg::RoundBadYear,
            P::SubmitBeforeOpen => Msg::RoundSubmitBeforeOpen,
        })
    }
}

impl From<crate::domain::conditions::ConditionProblem> for Text {
    fn from(p: crate::domain::conditions::ConditionProblem) -> Self {
        use crate::domain::conditions::ConditionProblem as P;
        match p {
            P::Number { max } => Text::with(Msg::ConditionNumber, [max.to_string()]),
            P::RequiresLower => Text::new(Msg::ConditionRequiresLower),
            P::NoPassingResult => Text::new(Msg::ConditionNoPassing),
        }
    }
}

impl From<crate::domain::conditions::StartProblem> for Text {
    fn from(p: crate::domain::conditions::StartProblem) -> Self {
        use crate::domain::conditions::StartProblem as P;
        match p {
            P::Required => Text::new(Msg::Required),
            P::NotAChoice => Text::new(Msg::BadChoice),
            P::NotADate => Text::new(Msg::BadDate),
            P::Unmet(u) => Text::from(u),
        }
    }
}
