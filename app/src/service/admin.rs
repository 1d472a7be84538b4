//! Administration (routes `/admin/orgs` and `/admin/series`): the organisation tree and the title
//! series. The administrator is checked at the door (`api::access::admin`); every change is
//! audited in the store with them and their address (`ByAdmin`).

use crate::api::admin::OrgEntry;
use crate::api::error::AppError;
use crate::domain::admin::{check_org_name, check_parent, AdminProblem, OrgKind};
use crate::domain::series::{check_series, Series};
use crate::forms::FieldText;
use crate::state::AppState;
use crate::store::{ByAdmin, OrgRow, StoreError};

/// A refused admin form: one problem at one field.
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

/// A new organisation as the form describes it, checked: its kind, name and parent (none for a
/// region) must fit the tree (`check_parent`).
pub struct NewOrg {
    pub kind: OrgKind,
    pub name: String,
    pub parent_id: Option<String>,
}

impl NewOrg {
    /// Each refusal at its field.
    pub async fn check(state: &AppState, kind: &str, name: &str, parent_id: &str) -> Result<NewOrg, AppError> {
        let mut problems = vec![];
        let kind = OrgKind::parse(kind);
        if kind.is_none() {
            problems.push(FieldText::new("kind", AdminProblem::Required));
        }
        let name = check_org_name(name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
        let parent = org_kind(state, parent_id, "parent_id").await.map_err(|e| {
            if let AppError::Invalid(mut list) = e {
                problems.append(&mut list)
            }
        });
        if let (Some(kind), Ok(parent)) = (kind, &parent) {
            if let Err(p) = check_parent(kind, *parent) {
                problems.push(FieldText::new("parent_id", p));
            }
        }
        let (Some(kind), Some(name), true) = (kind, name, problems.is_empty()) else { return Err(AppError::Invalid(problems)) };
        Ok(NewOrg { kind, name, parent_id: Some(parent_id.trim().to_string()).filter(|p| !p.is_empty()) })
    }
}

/// Adds the organisation; returns its id.
pub async fn create_org(state: &AppState, by: &ByAdmin<'_>, org: &NewOrg) -> Result<String, AppError> {
    Ok(state.store.insert_org(org.kind, &org.name, org.parent_id.as_deref(), by).await?)
}

/// Renames an organisation; an unknown one is refused like a forbidden one.
pub async fn rename_org(state: &AppState, by: &ByAdmin<'_>, id: &str, name: &str) -> Result<(), AppError> {
    let name = check_org_name(name).map_err(|p| problem("name", p))?;
    match state.store.rename_org(id, &name, by).await {
        Ok(()) => Ok(()),
        Err(StoreError::NotFound) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}

/// A title series as the form sends it: `id` empty for a new one; `titles` for 初级 to 正高级.
pub struct SeriesForm<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub specialties: &'a str,
    pub titles: [&'a str; 4],
    pub open: bool,
}

/// Adds or changes a title series (`check_series`, each refusal at its field); returns its id.
pub async fn save_series(state: &AppState, by: &ByAdmin<'_>, form: &SeriesForm<'_>) -> Result<String, AppError> {
    let (name, specialties, titles) = check_series(form.name, form.specialties, form.titles)
        .map_err(|list| AppError::Invalid(list.into_iter().map(|(f, p)| FieldText::new(&f, p)).collect()))?;
    let series = Series { id: form.id.trim().to_string(), name, specialties, titles, open: form.open };
    match state.store.save_series(&series, by).await {
        Ok(id) => Ok(id),
        Err(StoreError::Unique(_)) => Err(problem("name", AdminProblem::SeriesTaken)),
        Err(StoreError::NotFound) => Err(AppError::Forbidden),
        Err(e) => Err(e.into()),
    }
}
