//! Administration's shared steps (server only): who the administrator is, the organisation tree
//! as the pages list it, and what a refused admin form says where.

use leptos::prelude::use_context;

use crate::api::admin::{OrgEntry, UserEntry};
use crate::api::context::{client_ip, request_parts, require_session};
use crate::api::error::AppError;
use crate::domain::admin::AdminProblem;
use crate::domain::admin::OrgKind;
use crate::domain::workflow::{may_administer, Actor};
use crate::forms::FieldText;
use crate::state::AppState;
use crate::store::OrgRow;

/// The signed-in administrator, or Forbidden for everybody else.
pub async fn admin(state: &AppState) -> Result<Actor, AppError> {
    let (actor, _) = require_session(state).await?;
    may_administer(&actor).map_err(|_| AppError::Forbidden)?;
    Ok(actor)
}

pub fn ip(state: &AppState) -> Result<String, AppError> {
    Ok(client_ip(&request_parts()?, state))
}

pub fn problem(field: &str, p: AdminProblem) -> AppError {
    AppError::Invalid(vec![FieldText::new(field, p)])
}

/// The tree in reading order: each region, then its authorities each with their units, then
/// the region's office, committees, HR department and issuers.
pub async fn tree(state: &AppState) -> Result<Vec<OrgEntry>, AppError> {
    let orgs = state.store.organisations().await?;
    let people = state.store.people_per_org().await?;
    let seals = state.store.org_seals().await?;
    type Counts<'a> = (&'a [(String, i64)], &'a [(String, String)]);
    fn walk(orgs: &[OrgRow], (people, seals): Counts<'_>, parent: Option<&str>, depth: usize, out: &mut Vec<OrgEntry>) {
        let mut children: Vec<(OrgKind, &OrgRow)> = orgs.iter().filter(|o| o.parent_id.as_deref() == parent).map(|o| (o.kind, o)).collect();
        children.sort_by(|a, b| (a.0 as u8).cmp(&(b.0 as u8)).then(a.1.name.cmp(&b.1.name)));
        for (kind, o) in children {
            let n = people.iter().find(|(id, _)| *id == o.id).map(|(_, n)| *n).unwrap_or(0);
            out.push(OrgEntry {
                id: o.id.clone(),
                kind,
                name: o.name.clone(),
                parent_id: o.parent_id.clone(),
                depth,
                people: n,
                seal: seals.iter().find(|(id, _)| *id == o.id).map(|(_, s)| s.clone()),
            });
            walk(orgs, (people, seals), Some(&o.id), depth + 1, out);
        }
    }
    let mut out = vec![];
    walk(&orgs, (&people, &seals), None, 0, &mut out);
    Ok(out)
}

/// The organisation `id`'s kind, or the field's refusal when there is none.
pub async fn org_kind(state: &AppState, id: &str, field: &str) -> Result<Option<OrgKind>, AppError> {
    if id.trim().is_empty() {
        return Ok(None);
    }
    let org = state.store.organisation(id.trim()).await?;
    match org.map(|o| o.kind) {
        Some(k) => Ok(Some(k)),
        None => Err(problem(field, AdminProblem::Required)),
    }
}

/// Where a plain form post from the account list goes back to: the same filtered list (the
/// Referer's path and query, when it is that page), with the saved notice.
pub fn back_to_users() -> String {
    let referer = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string));
    let path = referer
        .as_deref()
        .and_then(|r| r.find("/admin/users").map(|i| &r[i..]))
        .filter(|p| !p.contains("saved=1"))
        .unwrap_or("/admin/users");
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}saved=1")
}

pub fn user_entry(u: crate::store::UserRow) -> Option<UserEntry> {
    Some(UserEntry {
        role: u.role,
        id: u.id,
        username: u.username,
        name: u.name,
        phone: u.phone,
        email: u.email,
        org_id: u.org_id,
        org_name: u.org_name.unwrap_or_default(),
        disabled: u.disabled != 0,
    })
}
