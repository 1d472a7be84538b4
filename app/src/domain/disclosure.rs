//! What of an application each reader is shown beyond what their step needs (security review L9,
//! L11). The rules are about people, not files: an applicant must not learn through the duplicate
//! flag that someone else holds a given document; a committee member judges the work, not the
//! applicant's identity papers, nor who objected during the unit's public notice.

use super::workflow::Role;

/// Whether `role` sees how many other people's applications hold the same file. Reviewers do: it
/// is evidence of a forged or borrowed document. The uploader does not: it would let anyone test
/// whether a given diploma is on the platform.
pub fn sees_duplicates(role: Role) -> bool {
    !matches!(role, Role::Applicant)
}

/// Whether `role` sees who lodged an objection (name and contact). The text of an objection is
/// shown to every reviewer; its author only to those who have to reach them: the unit that handles
/// it during its notice and the office that answers for the procedure (issue 16).
pub fn sees_objectors(role: Role) -> bool {
    matches!(role, Role::UnitReviewer | Role::OfficeReviewer)
}

/// The file fields `role` may not open though it may read the application: the ID-card scan is
/// checked by the unit and the office, never by the committee.
pub fn withheld_files(role: Role) -> &'static [&'static str] {
    match role {
        Role::CommitteeMember => &["id_card_scan"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicants_never_learn_of_duplicates_and_reviewers_always_do() {
        assert!(!sees_duplicates(Role::Applicant));
        for r in [Role::UnitReviewer, Role::AuthorityReviewer, Role::OfficeReviewer, Role::CommitteeMember] {
            assert!(sees_duplicates(r), "{r:?}");
        }
    }

    #[test]
    fn the_committee_sees_neither_objectors_nor_identity_papers() {
        assert!(!sees_objectors(Role::CommitteeMember));
        assert_eq!(withheld_files(Role::CommitteeMember), ["id_card_scan"]);
        for r in [Role::UnitReviewer, Role::AuthorityReviewer, Role::OfficeReviewer] {
            assert!(withheld_files(r).is_empty(), "{r:?}");
        }
    }

    #[test]
    fn only_the_unit_and_the_office_see_who_objected() {
        for r in Role::ALL {
            assert_eq!(sees_objectors(*r), matches!(r, Role::UnitReviewer | Role::OfficeReviewer), "{r:?}");
        }
        assert!(withheld_files(Role::Applicant).is_empty(), "their own papers");
    }
}
