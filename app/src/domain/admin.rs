//! Administration rules (SPEC "People and roles", the administrator's row): the shape of the
//! organisation tree, which role belongs to which kind of organisation, and what an administrator
//! may do to an account. The server refuses by these; the pages use them to offer only what fits.

use serde::{Deserialize, Serialize};

use super::workflow::{Actor, Denied, Role};

crate::stored_name! {
    /// The kinds of organisation. Region → authority → unit is the review chain (§五–§六); the
    /// offices, committees, HR departments and issuers of §七–§十 hang off the region they serve.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum OrgKind {
        Region = "region",
        Authority = "authority",
        Unit = "unit",
        Office = "office",
        Committee = "committee",
        Hr = "hr",
        Issuer = "issuer",
        /// A unit outside the region's tree that sends staff to aid Xinjiang (援疆派出单位, §(九)): it
        /// reviews its own staff's applications as their unit would, and hangs under nothing here.
        Dispatching = "dispatching",
    }
}

impl OrgKind {
    /// The kind its parent must be; `None` for a region, which is a root.
    pub fn parent_kind(self) -> Option<OrgKind> {
        match self {
            OrgKind::Region | OrgKind::Dispatching => None,
            OrgKind::Unit => Some(OrgKind::Authority),
            OrgKind::Authority | OrgKind::Office | OrgKind::Committee | OrgKind::Hr | OrgKind::Issuer => Some(OrgKind::Region),
        }
    }
}

/// What is wrong with an organisation or an account an administrator entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminProblem {
    Required,
    OrgNameLength,
    /// The parent is not of the kind this organisation hangs under.
    ParentKind {
        expected: OrgKind,
    },
    /// A region has no parent.
    RegionHasNoParent,
    UsernameFormat,
    UsernameTaken,
    /// Another series has this name.
    SeriesTaken,
    /// The series already has a round in that region that year.
    RoundTaken,
    /// This role works in another kind of organisation.
    RoleOrgKind {
        expected: OrgKind,
    },
    /// The platform's own role is not given to people.
    RoleNotAssignable,
    /// An administrator does not disable or demote themself (the last one would lock everybody out).
    NotOnSelf,
}

/// 机构名称: 2–60 characters once trimmed.
pub fn check_org_name(name: &str) -> Result<String, AdminProblem> {
    let name = name.trim();
    match name.chars().count() {
        0 => Err(AdminProblem::Required),
        1 | 61.. => Err(AdminProblem::OrgNameLength),
        _ => Ok(name.to_string()),
    }
}

/// May an organisation of `kind` hang under a parent of `parent` (None: no parent)?
pub fn check_parent(kind: OrgKind, parent: Option<OrgKind>) -> Result<(), AdminProblem> {
    match (kind.parent_kind(), parent) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(AdminProblem::RegionHasNoParent),
        (Some(expected), Some(p)) if p == expected => Ok(()),
        (Some(expected), _) => Err(AdminProblem::ParentKind { expected }),
    }
}

/// The kind of organisation a role works in. Applicants belong to none: they name their unit on
/// each application. The platform's own role (System) is never given to a person.
pub fn org_kind_of(role: Role) -> Result<Option<OrgKind>, AdminProblem> {
    Ok(match role {
        Role::Applicant => None,
        Role::UnitReviewer => Some(OrgKind::Unit),
        Role::AuthorityReviewer => Some(OrgKind::Authority),
        Role::OfficeReviewer => Some(OrgKind::Office),
        Role::CommitteeMember => Some(OrgKind::Committee),
        Role::HrOfficer => Some(OrgKind::Hr),
        Role::Issuer => Some(OrgKind::Issuer),
        Role::Admin => Some(OrgKind::Region),
        Role::System => return Err(AdminProblem::RoleNotAssignable),
    })
}

/// Does the organisation chosen fit the role? `org` is the chosen organisation's kind.
pub fn check_role_org(role: Role, org: Option<OrgKind>) -> Result<(), AdminProblem> {
    match (org_kind_of(role)?, org) {
        (None, _) => Ok(()),
        (Some(_), None) => Err(AdminProblem::Required),
        (Some(expected), Some(k)) if k == expected => Ok(()),
        // a dispatching unit's reviewers review as a unit's do (援疆)
        (Some(OrgKind::Unit), Some(OrgKind::Dispatching)) => Ok(()),
        (Some(expected), Some(_)) => Err(AdminProblem::RoleOrgKind { expected }),
    }
}

/// 用户名 for an invited account: 3–32 lower-case letters, digits, `.`, `_` or `-`, starting with a
/// letter (registration draws `zp` + 8 digits, which fits too).
pub fn check_username(username: &str) -> Result<String, AdminProblem> {
    let u = username.trim().to_ascii_lowercase();
    if u.is_empty() {
        return Err(AdminProblem::Required);
    }
    let ok = (3..=32).contains(&u.len())
        && u.starts_with(|c: char| c.is_ascii_lowercase())
        && u.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(u)
    } else {
        Err(AdminProblem::UsernameFormat)
    }
}

/// What an administrator does to an account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountChange {
    /// A new role or organisation.
    Assign {
        role: Role,
    },
    Disable,
    Enable,
    /// A one-time reset code handed over in person, after the person's ID card was checked
    /// (`account::same_id_number`): for someone who lost both phone and e-mail.
    ResetInPerson,
}

/// May `actor` make `change` to the account `target_id`? Administrators only, and never a
/// change that takes their own administration away.
pub fn may_change_account(actor: &Actor, target_id: &str, change: AccountChange) -> Result<(), AdminRefusal> {
    if actor.role != Role::Admin {
        return Err(AdminRefusal::Denied(Denied::Role(actor.role)));
    }
    let on_self = actor.user_id == target_id;
    match change {
        AccountChange::Disable | AccountChange::ResetInPerson if on_self => Err(AdminRefusal::Problem(AdminProblem::NotOnSelf)),
        AccountChange::Assign { role } if on_self && role != Role::Admin => Err(AdminRefusal::Problem(AdminProblem::NotOnSelf)),
        _ => Ok(()),
    }
}

/// Why a change to an account is refused: not an administrator, or not a change that may be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdminRefusal {
    Denied(Denied),
    Problem(AdminProblem),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin() -> Actor {
        Actor::new("u-admin", Role::Admin, Some("org-region".into()))
    }

    #[test]
    fn the_tree_is_region_authority_unit_with_the_bodies_under_the_region() {
        assert_eq!(check_parent(OrgKind::Region, None), Ok(()));
        assert_eq!(check_parent(OrgKind::Dispatching, None), Ok(()), "outside the region's tree");
        assert!(check_parent(OrgKind::Dispatching, Some(OrgKind::Authority)).is_err());
        assert_eq!(check_parent(OrgKind::Region, Some(OrgKind::Region)), Err(AdminProblem::RegionHasNoParent));
        assert_eq!(check_parent(OrgKind::Authority, Some(OrgKind::Region)), Ok(()));
        assert_eq!(check_parent(OrgKind::Unit, Some(OrgKind::Authority)), Ok(()));
        assert_eq!(check_parent(OrgKind::Unit, Some(OrgKind::Region)), Err(AdminProblem::ParentKind { expected: OrgKind::Authority }));
        assert_eq!(check_parent(OrgKind::Unit, None), Err(AdminProblem::ParentKind { expected: OrgKind::Authority }));
        for body in [OrgKind::Office, OrgKind::Committee, OrgKind::Hr, OrgKind::Issuer] {
            assert_eq!(check_parent(body, Some(OrgKind::Region)), Ok(()));
            assert!(check_parent(body, Some(OrgKind::Authority)).is_err());
        }
        for &k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn org_names_are_trimmed_and_bounded() {
        assert_eq!(check_org_name("  新疆大学 "), Ok("新疆大学".into()));
        assert_eq!(check_org_name("   "), Err(AdminProblem::Required));
        assert_eq!(check_org_name("校"), Err(AdminProblem::OrgNameLength));
        assert_eq!(check_org_name(&"校".repeat(61)), Err(AdminProblem::OrgNameLength));
        assert!(check_org_name(&"校".repeat(60)).is_ok());
    }

    #[test]
    fn each_role_works_in_its_kind_of_organisation() {
        assert_eq!(check_role_org(Role::UnitReviewer, Some(OrgKind::Unit)), Ok(()));
        assert_eq!(check_role_org(Role::UnitReviewer, Some(OrgKind::Dispatching)), Ok(()), "援疆: the dispatching unit reviews");
        assert!(check_role_org(Role::AuthorityReviewer, Some(OrgKind::Dispatching)).is_err());
        assert_eq!(check_role_org(Role::UnitReviewer, Some(OrgKind::Office)), Err(AdminProblem::RoleOrgKind { expected: OrgKind::Unit }));
        assert_eq!(check_role_org(Role::OfficeReviewer, None), Err(AdminProblem::Required));
        assert_eq!(check_role_org(Role::Applicant, None), Ok(()));
        assert_eq!(check_role_org(Role::System, Some(OrgKind::Region)), Err(AdminProblem::RoleNotAssignable));
        assert_eq!(check_role_org(Role::Admin, Some(OrgKind::Region)), Ok(()));
    }

    #[test]
    fn usernames_are_lower_case_ascii_starting_with_a_letter() {
        assert_eq!(check_username(" Wang.JG "), Ok("wang.jg".into()));
        assert_eq!(check_username("zp12345678"), Ok("zp12345678".into()));
        assert_eq!(check_username(""), Err(AdminProblem::Required));
        for bad in ["ab", "1abc", "王建国", "a b c", "abc@x", &"a".repeat(33)] {
            assert_eq!(check_username(bad), Err(AdminProblem::UsernameFormat), "{bad}");
        }
    }

    #[test]
    fn an_administrator_cannot_lock_themself_out() {
        let a = admin();
        assert_eq!(may_change_account(&a, "u-admin", AccountChange::Disable), Err(AdminRefusal::Problem(AdminProblem::NotOnSelf)));
        assert_eq!(
            may_change_account(&a, "u-admin", AccountChange::Assign { role: Role::Issuer }),
            Err(AdminRefusal::Problem(AdminProblem::NotOnSelf))
        );
        assert_eq!(may_change_account(&a, "u-admin", AccountChange::Assign { role: Role::Admin }), Ok(()));
        assert_eq!(may_change_account(&a, "u-other", AccountChange::Disable), Ok(()));
        let unit = Actor::new("u-unit", Role::UnitReviewer, Some("org-unit".into()));
        assert_eq!(
            may_change_account(&unit, "u-other", AccountChange::Enable),
            Err(AdminRefusal::Denied(Denied::Role(Role::UnitReviewer)))
        );
    }

    #[test]
    fn an_in_person_reset_is_the_administrators_and_never_on_themself() {
        let a = admin();
        assert_eq!(may_change_account(&a, "u-other", AccountChange::ResetInPerson), Ok(()));
        assert_eq!(may_change_account(&a, "u-admin", AccountChange::ResetInPerson), Err(AdminRefusal::Problem(AdminProblem::NotOnSelf)));
        for role in [Role::Applicant, Role::UnitReviewer, Role::OfficeReviewer, Role::Issuer] {
            let someone = Actor::new("u-x", role, None);
            assert_eq!(
                may_change_account(&someone, "u-other", AccountChange::ResetInPerson),
                Err(AdminRefusal::Denied(Denied::Role(role)))
            );
        }
    }
}
