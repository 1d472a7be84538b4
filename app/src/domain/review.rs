//! The reviewers' rules (SPEC rules 8–12, seed §五–§七): which applications each reviewer's queue
//! holds, the unit's pledge, reasons, the office's one complete return list, and the reminders
//! before the 48-hour deadline. Used by the server to decide and by the page to show.

use serde::{Deserialize, Serialize};

use super::deadline::Deadline;
use super::instant::{Instant, HOUR_MS};
use super::materials::fields::{layout, parse_field_id, Input};
use super::materials::Section;
use super::workflow::{Role, Status};

/// The unit's pledge, with the applicant's name in place of XXX (§五).
pub fn unit_pledge(applicant_name: &str) -> String {
    format!("本单位已对{applicant_name}提供的申报材料逐一审核，真实准确，同意推荐")
}

pub const MAX_OPINION_CHARS: usize = 2000;
pub const MAX_NOTE_CHARS: usize = 500;
/// A return list longer than this is a sign of a wrong application, not of one list.
pub const MAX_RETURN_ITEMS: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpinionProblem {
    Empty,
    TooLong,
    /// The unit's recommendation lacks the pledge sentence; the expected sentence comes along.
    PledgeMissing(String),
}

/// A recommendation, a decline or a return needs words from the reviewer ("谁审核，谁负责").
pub fn check_opinion(opinion: &str) -> Result<(), OpinionProblem> {
    let t = opinion.trim();
    if t.is_empty() {
        return Err(OpinionProblem::Empty);
    }
    if t.chars().count() > MAX_OPINION_CHARS {
        return Err(OpinionProblem::TooLong);
    }
    Ok(())
}

/// The unit's recommendation must contain the pledge with this applicant's name. Spaces and
/// line breaks the reviewer typed inside it are ignored; a different name or wording is not.
pub fn check_unit_recommendation(opinion: &str, applicant_name: &str) -> Result<(), OpinionProblem> {
    check_opinion(opinion)?;
    let squeezed: String = opinion.chars().filter(|c| !c.is_whitespace()).collect();
    let expected = unit_pledge(applicant_name);
    let expected_squeezed: String = expected.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.contains(&expected_squeezed) {
        Ok(())
    } else {
        Err(OpinionProblem::PledgeMissing(expected))
    }
}

/// One item of the office's return list (一次性告知): where, and what to change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnItem {
    pub section: Section,
    /// A field id as the form names it (`fields::field_id`), or none for the section as a whole.
    pub field: Option<String>,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReturnProblem {
    /// The list has no item.
    NoItems,
    TooMany,
    NoteEmpty,
    NoteTooLong,
    /// The field is not one of the section's.
    FieldNotInSection,
    /// The same place twice: say it once, with everything.
    Duplicate,
}

/// Whether `field` (a field id) belongs to `section`'s layout.
pub fn field_in_section(section: Section, field: &str) -> bool {
    let (name, item) = parse_field_id(field);
    let l = layout(section);
    // a top field has no item number, except a several-files field whose files are numbered
    let top = l.fields.iter().chain(l.after.iter()).any(|f| f.name == name && (item.is_none() || f.input == Input::Files));
    let in_list = l.list.is_some_and(|list| (list.name == name && item.is_none()) || list.item.iter().any(|f| f.name == name));
    top || in_list
}

/// Checks the whole list at once; problems come back per item index (`None` for the list).
pub fn check_return_list(items: &[ReturnItem]) -> Vec<(Option<usize>, ReturnProblem)> {
    let mut out = vec![];
    if items.is_empty() {
        out.push((None, ReturnProblem::NoItems));
    }
    if items.len() > MAX_RETURN_ITEMS {
        out.push((None, ReturnProblem::TooMany));
    }
    for (i, item) in items.iter().enumerate() {
        let note = item.note.trim();
        if note.is_empty() {
            out.push((Some(i), ReturnProblem::NoteEmpty));
        } else if note.chars().count() > MAX_NOTE_CHARS {
            out.push((Some(i), ReturnProblem::NoteTooLong));
        }
        if let Some(f) = &item.field {
            if !field_in_section(item.section, f) {
                out.push((Some(i), ReturnProblem::FieldNotInSection));
            }
        }
        if items[..i].iter().any(|o| o.section == item.section && o.field == item.field && o.note.trim() == note) {
            out.push((Some(i), ReturnProblem::Duplicate));
        }
    }
    out
}

/// Where a reviewer's queue looks: which organisation column must be theirs, and at which steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueueOrg {
    ReviewingUnit,
    Authority,
    Office,
}

impl QueueOrg {
    /// The column of `applications` that holds this organisation.
    pub fn column(self) -> &'static str {
        match self {
            QueueOrg::ReviewingUnit => "reviewing_unit_id",
            QueueOrg::Authority => "authority_id",
            QueueOrg::Office => "office_id",
        }
    }
}

/// The queue of a role: its organisation column and the statuses at its step. The same sets
/// decide what `workflow::may_view` lets a reviewer read.
pub fn queue_of(role: Role) -> Option<(QueueOrg, &'static [Status])> {
    use Status::*;
    match role {
        Role::UnitReviewer => Some((QueueOrg::ReviewingUnit, &[UnitReview, UnitNotice])),
        Role::AuthorityReviewer => Some((QueueOrg::Authority, &[AuthorityReview])),
        Role::OfficeReviewer => Some((QueueOrg::Office, &[OfficeReview, Returned, FormalPassed, UnderEvaluation, Evaluated, ResultNotice])),
        _ => None,
    }
}

/// The reminders sent before a return's deadline, as bits of `reminders_sent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    DayBefore = 1,
    TwoHoursBefore = 2,
}

impl Reminder {
    pub fn hours_before(self) -> i64 {
        match self {
            Reminder::DayBefore => 24,
            Reminder::TwoHoursBefore => 2,
        }
    }
}

/// The reminder to send now, if any: the latest one whose time has come and that was not sent.
/// After an outage only the nearer one goes out (a "24 hours left" message with 1 hour left
/// would mislead). Nothing once the deadline has passed.
pub fn reminder_due(deadline: Deadline, now: Instant, sent: i64) -> Option<Reminder> {
    if deadline.is_expired(now) {
        return None;
    }
    let left = deadline.due.0 - now.0;
    [Reminder::TwoHoursBefore, Reminder::DayBefore]
        .into_iter()
        .find(|r| left <= r.hours_before() * HOUR_MS)
        .filter(|r| sent & (*r as i64) == 0 && !(*r == Reminder::DayBefore && sent & Reminder::TwoHoursBefore as i64 != 0))
}

/// The bits to record after sending `r`: a 2-hour reminder also stands for the day-before one.
pub fn mark_sent(sent: i64, r: Reminder) -> i64 {
    match r {
        Reminder::DayBefore => sent | 1,
        Reminder::TwoHoursBefore => sent | 3,
    }
}

/// How a unit handled one objection lodged during its notice (§五: 核实情况、处理结果): both in the
/// unit's words, each within an opinion's length. The problems come back by field.
pub fn check_objection_handling(findings: &str, outcome: &str) -> Vec<(ObjectionField, OpinionProblem)> {
    [(ObjectionField::Findings, findings), (ObjectionField::Outcome, outcome)]
        .into_iter()
        .filter_map(|(field, text)| check_opinion(text).err().map(|p| (field, p)))
        .collect()
}

/// The two parts of an objection's handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectionField {
    Findings,
    Outcome,
}

impl ObjectionField {
    /// The form field's name for the objection `objection_id` (several forms share one page).
    pub fn form_name(self, objection_id: &str) -> String {
        match self {
            ObjectionField::Findings => format!("findings-{objection_id}"),
            ObjectionField::Outcome => format!("outcome-{objection_id}"),
        }
    }
}

/// A unit recommends only when every objection lodged during its notice has a recorded handling:
/// an objection left unanswered would travel up the chain unseen. `Err` carries how many are left.
pub fn objections_settled(unhandled: u32) -> Result<(), u32> {
    match unhandled {
        0 => Ok(()),
        n => Err(n),
    }
}

/// A unit may close its notice (recommend or decline after it) from this moment on.
pub fn notice_may_close(closes_at: Instant, now: Instant) -> bool {
    now >= closes_at
}

#[cfg(test)]
mod tests;
