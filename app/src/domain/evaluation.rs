//! The committee's evaluation (seed §八): who may see and vote on an application in a session, and
//! how the votes become an outcome. The store counts; these functions decide.

use serde::{Deserialize, Serialize};

/// The share of the members present (and not excluded) who must vote pass: `num / den`.
/// The default is at least two thirds; an office may configure another per session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassRule {
    pub num: u32,
    pub den: u32,
}

impl Default for PassRule {
    fn default() -> Self {
        Self { num: 2, den: 3 }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleError {
    /// 0 < num ≤ den is required; a rule of "more than all" or "none" is a typing mistake.
    OutOfRange,
}

impl PassRule {
    pub fn new(num: u32, den: u32) -> Result<Self, RuleError> {
        if num == 0 || den == 0 || num > den || den > 100 {
            return Err(RuleError::OutOfRange);
        }
        Ok(Self { num, den })
    }

    /// Pass when `pass / eligible ≥ num / den`, in integers (no rounding: 2 of 3 passes 2/3,
    /// 3 of 5 does not). Nobody eligible means no decision can be made: fail.
    pub fn passes(self, pass_votes: u32, eligible: u32) -> bool {
        eligible > 0 && u64::from(pass_votes) * u64::from(self.den) >= u64::from(self.num) * u64::from(eligible)
    }
}

crate::stored_name! {
    /// Where an evaluation session stands: members vote while it is open; closing fixes the
    /// outcomes; publishing starts the results' public notice.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum SessionState {
        Open = "open",
        Closed = "closed",
        Published = "published",
    }
}

crate::stored_name! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Outcome {
        Pass = "pass",
        Fail = "fail",
    }
}

/// One member of a session as the tally sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub user_id: String,
    /// The unit the member works at (a committee member is an expert from some unit).
    pub home_unit_id: Option<String>,
    pub present: bool,
}

/// Why a member may not see or vote on an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VoteBar {
    /// Not a member of the session the application is assigned to.
    NotMember,
    /// The member works at the applicant's unit (回避).
    OwnUnit,
    /// Recorded absent: absent members do not vote.
    Absent,
    /// The session's voting is closed.
    Closed,
}

/// A member of the applicant's own unit neither sees nor votes on that application (回避). The
/// applicant's unit is the one that reviewed it (the dispatching unit for aid-Xinjiang applicants)
/// and also the one the applicant works at, when they differ.
pub fn conflicted(member: &Member, applicant_units: &[&str]) -> bool {
    member.home_unit_id.as_deref().is_some_and(|u| applicant_units.contains(&u))
}

/// May this member read the application's materials? Members of its session may, before and
/// after the vote, present or not — except a member from the applicant's own unit (回避).
pub fn may_read(member: Option<&Member>, applicant_units: &[&str]) -> Result<(), VoteBar> {
    let m = member.ok_or(VoteBar::NotMember)?;
    if conflicted(m, applicant_units) {
        return Err(VoteBar::OwnUnit);
    }
    Ok(())
}

/// May this member vote on this application now?
pub fn may_vote(member: Option<&Member>, applicant_units: &[&str], voting_open: bool) -> Result<(), VoteBar> {
    let m = member.ok_or(VoteBar::NotMember)?;
    if conflicted(m, applicant_units) {
        return Err(VoteBar::OwnUnit);
    }
    if !voting_open {
        return Err(VoteBar::Closed);
    }
    if !m.present {
        return Err(VoteBar::Absent);
    }
    Ok(())
}

/// The outcome of one application: the members present and not conflicted are the electorate; a
/// present member who did not vote counts as not voting pass.
pub fn tally(rule: PassRule, members: &[Member], pass_voters: &[&str], applicant_units: &[&str]) -> Outcome {
    let electorate: Vec<&Member> = members.iter().filter(|m| m.present && !conflicted(m, applicant_units)).collect();
    let passes = electorate.iter().filter(|m| pass_voters.contains(&m.user_id.as_str())).count();
    if rule.passes(passes as u32, electorate.len() as u32) {
        Outcome::Pass
    } else {
        Outcome::Fail
    }
}

/// A comment is required with a fail vote (the applicant and the office need the reason) and is
/// kept short enough to read in a table.
pub const COMMENT_MAX_CHARS: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentError {
    NeededForFail,
    TooLong,
}

pub fn check_vote_comment(pass: bool, comment: &str) -> Result<(), CommentError> {
    if comment.chars().count() > COMMENT_MAX_CHARS {
        return Err(CommentError::TooLong);
    }
    if !pass && comment.trim().is_empty() {
        return Err(CommentError::NeededForFail);
    }
    Ok(())
}

/// Voting ends — and so results can be published — only once the session has met: not before the
/// day and time it is held (`held_at`). A session closed early would fix outcomes before the
/// committee sat.
pub fn may_close(held_at: i64, now: i64) -> bool {
    now >= held_at
}

#[cfg(test)]
mod tests {
    #[test]
    fn members_read_their_session_s_applications_except_their_own_unit_s() {
        let m = Member { user_id: "m".into(), home_unit_id: Some("unit-a".into()), present: false };
        assert_eq!(may_read(Some(&m), &["unit-b"]), Ok(()), "absent members may still read");
        assert_eq!(may_read(Some(&m), &["unit-b", "unit-a"]), Err(VoteBar::OwnUnit));
        assert_eq!(may_read(None, &["unit-b"]), Err(VoteBar::NotMember));
    }

    use super::*;

    #[test]
    fn a_session_closes_only_once_it_has_met() {
        let held = 1_000_000;
        assert!(!may_close(held, held - 1), "the minute before it starts");
        assert!(may_close(held, held));
        assert!(may_close(held, held + 86_400_000));
    }

    fn m(id: &str, unit: &str, present: bool) -> Member {
        Member { user_id: id.into(), home_unit_id: Some(unit.into()), present }
    }

    #[test]
    fn two_thirds_is_exact_in_integers() {
        let r = PassRule::default();
        assert!(r.passes(2, 3));
        assert!(!r.passes(3, 5), "3/5 = 0.6 < 2/3");
        assert!(r.passes(4, 6));
        assert!(!r.passes(6, 10));
        assert!(r.passes(7, 10));
        assert!(!r.passes(0, 0), "nobody eligible: no pass");
        assert!(PassRule::new(1, 2).unwrap().passes(1, 2));
        assert_eq!(PassRule::new(3, 2), Err(RuleError::OutOfRange));
        assert_eq!(PassRule::new(0, 2), Err(RuleError::OutOfRange));
    }

    #[test]
    fn the_own_unit_member_is_outside_the_electorate() {
        let members = [m("a", "xju", true), m("b", "xjnu", true), m("c", "other", true), m("d", "other", false)];
        // b and c pass; a is from the applicant's unit, d absent: 2 of 2 eligible
        assert_eq!(tally(PassRule::default(), &members, &["b", "c"], &["xju"]), Outcome::Pass);
        // the same votes for an xjnu applicant: a, c eligible (b excluded); only c passes: 1/2
        assert_eq!(tally(PassRule::default(), &members, &["b", "c"], &["xjnu"]), Outcome::Fail);
        // a present member who did not vote counts against
        assert_eq!(tally(PassRule::default(), &members, &["b"], &["xju"]), Outcome::Fail);
        // an absent member's vote is not counted
        assert_eq!(tally(PassRule::default(), &members, &["d", "b"], &["xju"]), Outcome::Fail);
    }

    #[test]
    fn who_may_vote() {
        let a = m("a", "xju", true);
        assert_eq!(may_vote(Some(&a), &["xju"], true), Err(VoteBar::OwnUnit));
        assert_eq!(may_vote(Some(&a), &["xjnu", "xju"], true), Err(VoteBar::OwnUnit), "either unit");
        assert_eq!(may_vote(Some(&a), &["xjnu"], true), Ok(()));
        assert_eq!(may_vote(Some(&a), &["xjnu"], false), Err(VoteBar::Closed));
        assert_eq!(may_vote(None, &["xjnu"], true), Err(VoteBar::NotMember));
        assert_eq!(may_vote(Some(&m("d", "o", false)), &["xjnu"], true), Err(VoteBar::Absent));
        let unaffiliated = Member { user_id: "e".into(), home_unit_id: None, present: true };
        assert_eq!(may_vote(Some(&unaffiliated), &["xju"], true), Ok(()));
    }

    #[test]
    fn a_fail_vote_gives_its_reason() {
        assert_eq!(check_vote_comment(false, "  "), Err(CommentError::NeededForFail));
        assert_eq!(check_vote_comment(true, ""), Ok(()));
        assert_eq!(check_vote_comment(true, &"字".repeat(501)), Err(CommentError::TooLong));
    }
}
