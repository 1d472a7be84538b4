//! The application's life (SPEC "The application's life") as one explicit table, and `may`, the
//! single authorisation question the server and the UI both ask.

use serde::{Deserialize, Serialize};

/// The most submissions one application gets, the first included (SPEC rule 12, §七).
pub const MAX_SUBMISSIONS: u8 = 3;

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Status {
        Draft = "draft",
        UnitReview = "unit_review",
        UnitNotice = "unit_notice",
        AuthorityReview = "authority_review",
        OfficeReview = "office_review",
        Returned = "returned",
        FormalPassed = "formal_passed",
        UnderEvaluation = "under_evaluation",
        Evaluated = "evaluated",
        ResultNotice = "result_notice",
        Filed = "filed",
        Certified = "certified",
        /// Not recommended by the unit or the authority.
        Closed = "closed",
        /// 48 hours passed after a return without resubmission: 视为放弃申报.
        Withdrawn = "withdrawn",
    }
}

impl Status {
    /// Materials, level, specialty and region may change only here (SPEC rule 3, §四).
    pub fn is_editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }

    /// Nothing leaves these. (A certified application leaves only when fraud is found after
    /// certification: the certificate is revoked and the application closed, §(十一).)
    pub fn is_terminal(self) -> bool {
        matches!(self, Status::Closed | Status::Withdrawn)
    }
}

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Role {
        Applicant = "applicant",
        UnitReviewer = "unit_reviewer",
        AuthorityReviewer = "authority_reviewer",
        OfficeReviewer = "office_reviewer",
        CommitteeMember = "committee_member",
        HrOfficer = "hr_officer",
        Issuer = "issuer",
        Admin = "admin",
        /// The platform itself: the deadline sweeper.
        System = "system",
    }
}

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Action {
        Submit = "submit",
        StartNotice = "start_notice",
        UnitRecommend = "unit_recommend",
        UnitDecline = "unit_decline",
        AuthorityRecommend = "authority_recommend",
        AuthorityDecline = "authority_decline",
        OfficePass = "office_pass",
        OfficeReturn = "office_return",
        /// The 48 hours ran out (the sweeper).
        Expire = "expire",
        PayFee = "pay_fee",
        Evaluate = "evaluate",
        PublishResult = "publish_result",
        File = "file",
        Issue = "issue",
        /// The office records a fraud finding (§(十一)): the application ends here.
        FindFraud = "find_fraud",
        /// The unit records how it handled an objection lodged during its notice (核实情况、处理结果);
        /// the status stays, the record joins the audit chain, and the unit may recommend only once
        /// every objection has one (`review::objections_settled`).
        HandleObjection = "handle_objection",
    }
}

/// The decisions a reviewer takes on the review page, in the order the page offers them.
pub const REVIEW_ACTIONS: [Action; 7] = [
    Action::StartNotice,
    Action::UnitRecommend,
    Action::UnitDecline,
    Action::AuthorityRecommend,
    Action::AuthorityDecline,
    Action::OfficePass,
    Action::OfficeReturn,
];

/// Whose application an actor may touch, beyond having the right role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    /// The applicant who owns it.
    Owner,
    /// A reviewer of the unit that reviews it (the dispatching unit for aid-Xinjiang applicants).
    Unit,
    Authority,
    Office,
    /// A holder of the role in the application's region: the HR department that files it and the
    /// issuer that certifies it serve one region each (their organisation's parent).
    Region,
    System,
}

struct Transition {
    action: Action,
    from: Status,
    to: Status,
    role: Role,
    scope: Scope,
}

const fn t(action: Action, from: Status, to: Status, role: Role, scope: Scope) -> Transition {
    Transition { action, from, to, role, scope }
}

/// Every transition of the application, with who may take it. Nothing else moves a status (one
/// step keeps it: the unit's record of an objection's handling).
const TRANSITIONS: &[Transition] = &[
    t(Action::Submit, Status::Draft, Status::UnitReview, Role::Applicant, Scope::Owner),
    // A resubmission after the office's return goes back to the office that returned it.
    t(Action::Submit, Status::Returned, Status::OfficeReview, Role::Applicant, Scope::Owner),
    t(Action::StartNotice, Status::UnitReview, Status::UnitNotice, Role::UnitReviewer, Scope::Unit),
    t(Action::UnitDecline, Status::UnitReview, Status::Closed, Role::UnitReviewer, Scope::Unit),
    t(Action::UnitDecline, Status::UnitNotice, Status::Closed, Role::UnitReviewer, Scope::Unit),
    t(Action::UnitRecommend, Status::UnitNotice, Status::AuthorityReview, Role::UnitReviewer, Scope::Unit),
    t(Action::HandleObjection, Status::UnitNotice, Status::UnitNotice, Role::UnitReviewer, Scope::Unit),
    t(Action::AuthorityRecommend, Status::AuthorityReview, Status::OfficeReview, Role::AuthorityReviewer, Scope::Authority),
    t(Action::AuthorityDecline, Status::AuthorityReview, Status::Closed, Role::AuthorityReviewer, Scope::Authority),
    t(Action::OfficePass, Status::OfficeReview, Status::FormalPassed, Role::OfficeReviewer, Scope::Office),
    t(Action::OfficeReturn, Status::OfficeReview, Status::Returned, Role::OfficeReviewer, Scope::Office),
    t(Action::Expire, Status::Returned, Status::Withdrawn, Role::System, Scope::System),
    // The gateway's verified callback records the payment; the applicant starts it (`fee::may_pay`).
    t(Action::PayFee, Status::FormalPassed, Status::UnderEvaluation, Role::System, Scope::System),
    // The office closes a session's voting; the members' votes decide the outcome (`evaluation`).
    t(Action::Evaluate, Status::UnderEvaluation, Status::Evaluated, Role::OfficeReviewer, Scope::Office),
    t(Action::PublishResult, Status::Evaluated, Status::ResultNotice, Role::OfficeReviewer, Scope::Office),
    t(Action::File, Status::ResultNotice, Status::Filed, Role::HrOfficer, Scope::Region),
    t(Action::Issue, Status::Filed, Status::Certified, Role::Issuer, Scope::Region),
    // Fraud found ends the application (§(十一)); the bans are penalties, recorded with it. The
    // unit and the competent authority find it during their review; the office at any of its
    // steps and after certification (the certificate is then revoked).
    t(Action::FindFraud, Status::UnitReview, Status::Closed, Role::UnitReviewer, Scope::Unit),
    t(Action::FindFraud, Status::UnitNotice, Status::Closed, Role::UnitReviewer, Scope::Unit),
    t(Action::FindFraud, Status::AuthorityReview, Status::Closed, Role::AuthorityReviewer, Scope::Authority),
    t(Action::FindFraud, Status::OfficeReview, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::Returned, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::FormalPassed, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::UnderEvaluation, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::Evaluated, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::ResultNotice, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::Filed, Status::Closed, Role::OfficeReviewer, Scope::Office),
    t(Action::FindFraud, Status::Certified, Status::Closed, Role::OfficeReviewer, Scope::Office),
];

/// Whether a finder may name the recommending unit as having helped: the authority above it and
/// the office may; the unit does not judge itself.
pub fn may_find_against_unit(role: Role) -> bool {
    matches!(role, Role::AuthorityReviewer | Role::OfficeReviewer)
}

/// Who is acting: a signed-in user with one role in one organisation (or the platform itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: String,
    pub role: Role,
    pub org_id: Option<String>,
    /// The region the actor serves, for the roles whose reach is a region (`Role::is_regional`):
    /// their organisation's parent. `None` for everyone else, whose reach is their organisation.
    pub region_id: Option<String>,
}

impl Actor {
    /// An actor whose reach is their organisation (or themselves); see `in_region` for HR and issuers.
    pub fn new(user_id: impl Into<String>, role: Role, org_id: Option<String>) -> Self {
        Self { user_id: user_id.into(), role, org_id, region_id: None }
    }

    pub fn in_region(self, region_id: Option<String>) -> Self {
        Self { region_id, ..self }
    }

    pub fn system() -> Self {
        Self::new("system", Role::System, None)
    }

    /// Someone not signed in (a login or a password reset in their name), as the audit records it.
    pub fn anonymous() -> Self {
        Self::new("anonymous", Role::System, None)
    }

    /// Whether `region_id` is the region this actor serves.
    pub fn serves_region(&self, region_id: &str) -> bool {
        self.region_id.as_deref() == Some(region_id)
    }
}

impl Role {
    /// The roles that act for a whole region rather than for one organisation (SPEC: filing by
    /// the region's HR department, certificates by its issuing department).
    pub fn is_regional(self) -> bool {
        matches!(self, Role::HrOfficer | Role::Issuer)
    }
}

/// What `may` needs to know about an application; the store keeps these columns explicitly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationFacts {
    pub applicant_id: String,
    pub status: Status,
    pub submissions_used: u8,
    /// The unit that reviews it: the applicant's unit, or the dispatching unit when aiding Xinjiang.
    pub reviewing_unit_id: String,
    pub authority_id: String,
    pub office_id: String,
    /// The region the applicant applies in (where it is filed and certified).
    pub region_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Denied {
    #[error("role {0:?} may not do this")]
    Role(Role),
    #[error("not possible while the application is {0:?}")]
    State(Status),
    #[error("the application is not yours or not your organisation's")]
    NotYours,
    #[error("all submissions are used")]
    SubmissionsExhausted,
}

fn in_scope(scope: Scope, actor: &Actor, app: &ApplicationFacts) -> bool {
    let org_is = |id: &str| actor.org_id.as_deref() == Some(id);
    match scope {
        Scope::Owner => actor.user_id == app.applicant_id,
        Scope::Unit => org_is(&app.reviewing_unit_id),
        Scope::Authority => org_is(&app.authority_id),
        Scope::Office => org_is(&app.office_id),
        Scope::Region => actor.serves_region(&app.region_id),
        Scope::System => true,
    }
}

/// May `actor` take `action` on `app`? The reason comes back when not.
pub fn may(actor: &Actor, action: Action, app: &ApplicationFacts) -> Result<(), Denied> {
    transition_for(actor, action, app).map(|_| ())
}

fn transition_for(actor: &Actor, action: Action, app: &ApplicationFacts) -> Result<&'static Transition, Denied> {
    let rows = || TRANSITIONS.iter().filter(move |t| t.action == action);
    if !rows().any(|t| t.role == actor.role) {
        return Err(Denied::Role(actor.role));
    }
    let row = rows().find(|t| t.role == actor.role && t.from == app.status).ok_or(Denied::State(app.status))?;
    if !in_scope(row.scope, actor, app) {
        return Err(Denied::NotYours);
    }
    if action == Action::Submit && app.submissions_used >= MAX_SUBMISSIONS {
        return Err(Denied::SubmissionsExhausted);
    }
    Ok(row)
}

/// The facts after `action`, when it is allowed: the new status and, for a submission, one more
/// submission used. The store writes exactly this, in the same transaction as the check.
pub fn apply(actor: &Actor, action: Action, app: &ApplicationFacts) -> Result<ApplicationFacts, Denied> {
    let row = transition_for(actor, action, app)?;
    let mut next = app.clone();
    next.status = row.to;
    if action == Action::Submit {
        next.submissions_used += 1;
    }
    Ok(next)
}

/// May `actor` revoke the certificate issued on `app`? The issuer of the application's region
/// only, and only once it is certified.
pub fn may_revoke(actor: &Actor, app: &ApplicationFacts) -> Result<(), Denied> {
    if actor.role != Role::Issuer {
        return Err(Denied::Role(actor.role));
    }
    if !actor.serves_region(&app.region_id) {
        return Err(Denied::NotYours);
    }
    if app.status != Status::Certified {
        return Err(Denied::State(app.status));
    }
    Ok(())
}

/// Submissions left, as both sides show it (共3次，剩余N次).
pub fn submissions_left(app: &ApplicationFacts) -> u8 {
    MAX_SUBMISSIONS.saturating_sub(app.submissions_used)
}

/// May `actor` change this application's materials, level, specialty or region (SPEC rule 3)?
pub fn may_edit(actor: &Actor, app: &ApplicationFacts) -> Result<(), Denied> {
    if actor.role != Role::Applicant {
        return Err(Denied::Role(actor.role));
    }
    if actor.user_id != app.applicant_id {
        return Err(Denied::NotYours);
    }
    if !app.status.is_editable() {
        return Err(Denied::State(app.status));
    }
    Ok(())
}

/// May `actor` read this application? The owner always; a reviewer only while it is at their
/// organisation's step (no cross-unit reading, ever).
pub fn may_view(actor: &Actor, app: &ApplicationFacts) -> Result<(), Denied> {
    use Status::*;
    let org_is = |id: &str| actor.org_id.as_deref() == Some(id);
    let (at_step, ours) = match actor.role {
        Role::Applicant => (true, actor.user_id == app.applicant_id),
        Role::UnitReviewer => (matches!(app.status, UnitReview | UnitNotice), org_is(&app.reviewing_unit_id)),
        Role::AuthorityReviewer => (app.status == AuthorityReview, org_is(&app.authority_id)),
        Role::OfficeReviewer => (
            matches!(app.status, OfficeReview | Returned | FormalPassed | UnderEvaluation | Evaluated | ResultNotice),
            org_is(&app.office_id),
        ),
        // A member reads only the applications of their own session, never their own unit's:
        // that needs the session, which these facts do not carry (`evaluation::may_vote` and the
        // committee's own read, `api::evaluation::committee_application`).
        Role::CommitteeMember => return Err(Denied::Role(actor.role)),
        Role::HrOfficer => (matches!(app.status, ResultNotice | Filed), actor.serves_region(&app.region_id)),
        Role::Issuer => (matches!(app.status, Filed | Certified), actor.serves_region(&app.region_id)),
        Role::Admin | Role::System => return Err(Denied::Role(actor.role)),
    };
    if !ours {
        return Err(Denied::NotYours);
    }
    if !at_step {
        return Err(Denied::State(app.status));
    }
    Ok(())
}

#[cfg(test)]
mod tests;

/// Administration (notices and conditions, organisations, users, the calendar): administrators only.
pub fn may_administer(actor: &Actor) -> Result<(), Denied> {
    match actor.role {
        Role::Admin => Ok(()),
        other => Err(Denied::Role(other)),
    }
}
