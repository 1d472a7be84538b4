//! Administration (issue 5 part 7): the organisation tree, accounts and roles, title series and
//! the working-day calendar. Administrators only; every change is audited in the store.

// `save_series` takes a form of eight fields; the browser-side function the #[server] macro
// generates from it carries no attribute of ours, so the allowance is the module's.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::api::context::internal;
#[cfg(feature = "ssr")]
use crate::api::error::OrInternal;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::admin::OrgKind;
use crate::domain::series::Series;
use crate::domain::workflow::Role;

/// One organisation in tree order: `depth` 0 is a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgEntry {
    pub id: String,
    pub kind: OrgKind,
    pub name: String,
    pub parent_id: Option<String>,
    pub depth: usize,
    /// Accounts that work there (enabled or not).
    pub people: i64,
    /// An issuer's uploaded seal (its SHA-256, which also busts the image cache).
    pub seal: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEntry {
    pub id: String,
    pub username: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    pub org_id: Option<String>,
    pub org_name: String,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersData {
    pub users: Vec<UserEntry>,
    pub orgs: Vec<OrgEntry>,
    /// The administrator's own id (the page offers no disable button there).
    pub me: String,
    /// More accounts match than are shown.
    pub more: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub day: String,
    /// `holiday` or `workday`.
    pub kind: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarData {
    pub year: i32,
    pub days: Vec<CalendarEntry>,
}

/// How many accounts the user list shows at once (a filter narrows it).
pub const USERS_PAGE: usize = 200;
/// An invitation's code is valid this long: a new colleague may not read mail the same day.
pub const INVITE_VALID_HOURS: i64 = 72;

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::api::context::{client_ip, request_parts, require_session};
    use crate::domain::admin::AdminProblem;
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
            let mut children: Vec<(OrgKind, &OrgRow)> =
                orgs.iter().filter(|o| o.parent_id.as_deref() == parent).map(|o| (o.kind, o)).collect();
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
}

#[server(prefix = "/api", endpoint = "org_tree")]
pub async fn org_tree() -> Result<Vec<OrgEntry>, AppError> {
    let state = crate::api::context::app_state()?;
    server::admin(&state).await?;
    server::tree(&state).await
}

/// Adds an organisation under `parent_id` (none for a region).
#[server(prefix = "/api", endpoint = "create_org")]
pub async fn create_org(
    #[server(default)] kind: String,
    #[server(default)] name: String,
    #[server(default)] parent_id: String,
) -> Result<String, AppError> {
    use crate::domain::admin::{check_org_name, check_parent, AdminProblem};
    use crate::forms::FieldText;
    let state = crate::api::context::app_state()?;
    let actor = server::admin(&state).await?;
    let mut problems = vec![];
    let kind = OrgKind::parse(&kind);
    if kind.is_none() {
        problems.push(FieldText::new("kind", AdminProblem::Required));
    }
    let checked_name = check_org_name(&name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
    let parent = server::org_kind(&state, &parent_id, "parent_id").await.map_err(|e| {
        if let AppError::Invalid(mut list) = e {
            problems.append(&mut list)
        }
    });
    if let (Some(kind), Ok(parent)) = (kind, &parent) {
        if let Err(p) = check_parent(kind, *parent) {
            problems.push(FieldText::new("parent_id", p));
        }
    }
    let (Some(kind), Some(checked_name), true) = (kind, checked_name, problems.is_empty()) else {
        crate::api::context::remember_form(&[("name", &name)]);
        return Err(AppError::Invalid(problems));
    };
    let parent_id = Some(parent_id.trim()).filter(|p| !p.is_empty());
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &server::ip(&state)?, now: state.clock.now().millis() };
    let id = state.store.insert_org(kind, &checked_name, parent_id, &by).await?;
    crate::api::form::redirect_form_post("/admin/orgs?saved=1");
    Ok(id)
}

#[server(prefix = "/api", endpoint = "rename_org")]
pub async fn rename_org(id: String, #[server(default)] name: String) -> Result<(), AppError> {
    use crate::domain::admin::check_org_name;
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let actor = server::admin(&state).await?;
    let name = check_org_name(&name).map_err(|p| server::problem("name", p))?;
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &server::ip(&state)?, now: state.clock.now().millis() };
    match state.store.rename_org(&id, &name, &by).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("rename org", e)),
    }
    crate::api::form::redirect_form_post("/admin/orgs?saved=1");
    Ok(())
}

/// Accounts, filtered by role, organisation and a text (name, user name, phone, e-mail).
#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users(
    #[server(default)] role: String,
    #[server(default)] org_id: String,
    #[server(default)] q: String,
) -> Result<UsersData, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = server::admin(&state).await?;
    let filter = crate::store::UserFilter {
        role: Role::parse(&role).map(|r| r.as_str().to_string()).unwrap_or_default(),
        org_id: org_id.trim().to_string(),
        text: q.trim().chars().take(50).collect(),
        limit: USERS_PAGE as i64 + 1,
    };
    let rows = state.store.users(&filter).await?;
    let more = rows.len() > USERS_PAGE;
    let users = rows.into_iter().take(USERS_PAGE).filter_map(server::user_entry).collect();
    Ok(UsersData { users, orgs: server::tree(&state).await?, me: actor.user_id, more })
}

/// Opens an account for a colleague: the role and organisation are set now, the password by the
/// person, with the code the invitation sends to their phone and e-mail (valid 72 hours, the
/// same form as a password reset).
#[server(prefix = "/api", endpoint = "invite_user")]
pub async fn invite_user(
    #[server(default)] username: String,
    #[server(default)] name: String,
    #[server(default)] phone: String,
    #[server(default)] email: String,
    #[server(default)] role: String,
    #[server(default)] org_id: String,
) -> Result<String, AppError> {
    use crate::domain::account::{check_email, check_name, check_phone};
    use crate::domain::admin::{check_role_org, check_username, AdminProblem};
    use crate::domain::instant::HOUR_MS;
    use crate::forms::FieldText;
    use crate::i18n::{Lang, Msg, Text};
    use crate::security::{hash_password, random_code, random_token, reset_code_hash};
    use crate::store::outbox::{Channel, Message};
    use crate::store::{NewUser, StoreError};

    let state = crate::api::context::app_state()?;
    let actor = server::admin(&state).await?;
    let mut problems = vec![];
    let username_ok = check_username(&username).map_err(|p| problems.push(FieldText::new("username", p))).ok();
    let name_ok = check_name(&name).map_err(|p| problems.push(FieldText::new("name", p))).ok();
    let phone_ok = check_phone(&phone).map_err(|p| problems.push(FieldText::new("phone", p))).ok();
    let email_ok = check_email(&email).map_err(|p| problems.push(FieldText::new("email", p))).ok();
    let role_ok = Role::parse(&role).filter(|r| *r != Role::System);
    if role_ok.is_none() {
        problems.push(FieldText::new("role", AdminProblem::Required));
    }
    match server::org_kind(&state, &org_id, "org_id").await {
        Ok(kind) => {
            if let Some(Err(p)) = role_ok.map(|r| check_role_org(r, kind)) {
                problems.push(FieldText::new("org_id", p));
            }
        }
        Err(AppError::Invalid(mut list)) => problems.append(&mut list),
        Err(e) => return Err(e),
    }
    let keep = || crate::api::context::remember_form(&[("username", &username), ("name", &name), ("phone", &phone), ("email", &email)]);
    let (Some(username), Some(name), Some(phone), Some(email), Some(role), true) =
        (username_ok, name_ok, phone_ok, email_ok, role_ok, problems.is_empty())
    else {
        keep();
        return Err(AppError::Invalid(problems));
    };
    let org_id = Some(org_id.trim()).filter(|o| !o.is_empty() && role != Role::Applicant);
    let now = state.clock.now().millis();
    // No password anyone knows: the person sets one with the invitation's code.
    let hash = hash_password(random_token()).await.or_internal("hash")?;
    let id = crate::store::new_id();
    let user = NewUser {
        id: &id,
        username: &username,
        id_number: None,
        name: &name,
        phone: &phone,
        email: &email,
        password_hash: &hash,
        role: role.as_str(),
        org_id,
        created_at: now,
    };
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &server::ip(&state)?, now };
    match state.store.invite_user(&user, &by).await {
        Ok(()) => {}
        Err(StoreError::Unique(_)) => {
            keep();
            return Err(server::problem("username", AdminProblem::UsernameTaken));
        }
        Err(e) => return Err(internal("invite", e)),
    }
    let code = random_code();
    state.store.insert_reset_code(&id, &reset_code_hash(&id, &code), "invite", now, now + INVITE_VALID_HOURS * HOUR_MS).await?;
    let origin = state.config.public_origin.clone().unwrap_or_default();
    let body = Text::with(Msg::InviteMessage, [name.clone(), username.clone(), format!("{origin}/recover#reset"), code]).render(Lang::Zh);
    for (channel, to) in [(Channel::Sms, &phone), (Channel::Email, &email)] {
        let msg = Message { channel, recipient: to, subject: Msg::InviteSubject.text(Lang::Zh), body: &body, user_id: Some(&id), now };
        state.messenger.send(msg).await?;
    }
    crate::api::form::redirect_form_post(&format!("/admin/users?invited={username}"));
    Ok(username)
}

/// Gives an account another role or organisation; the person's sessions end.
#[server(prefix = "/api", endpoint = "assign_user")]
pub async fn assign_user(user_id: String, #[server(default)] role: String, #[server(default)] org_id: String) -> Result<(), AppError> {
    use crate::domain::admin::{check_role_org, may_change_account, AccountChange, AdminProblem, AdminRefusal};
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let (actor, _) = crate::api::context::require_session(&state).await?;
    let Some(role) = Role::parse(&role) else {
        crate::domain::workflow::may_administer(&actor).map_err(|_| AppError::Forbidden)?;
        return Err(server::problem("role", AdminProblem::Required));
    };
    match may_change_account(&actor, &user_id, AccountChange::Assign { role }) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(p)) => return Err(server::problem("role", p)),
    }
    let kind = server::org_kind(&state, &org_id, "org_id").await?;
    check_role_org(role, kind).map_err(|p| server::problem(if p == AdminProblem::RoleNotAssignable { "role" } else { "org_id" }, p))?;
    let org_id = Some(org_id.trim()).filter(|o| !o.is_empty() && role != Role::Applicant);
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &server::ip(&state)?, now: state.clock.now().millis() };
    match state.store.assign_user(&user_id, role.as_str(), org_id, &by).await {
        Ok(_) => {}
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("assign", e)),
    }
    crate::api::form::redirect_form_post(&server::back_to_users());
    Ok(())
}

/// Disables an account (every session of it ends at once) or enables it again.
/// `disabled` is "1" or "0" (a form's hidden field).
#[server(prefix = "/api", endpoint = "set_user_disabled")]
pub async fn set_user_disabled(user_id: String, disabled: String) -> Result<bool, AppError> {
    use crate::domain::admin::{may_change_account, AccountChange, AdminRefusal};
    use crate::i18n::Msg;
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let (actor, _) = crate::api::context::require_session(&state).await?;
    let disable = disabled == "1";
    let change = if disable { AccountChange::Disable } else { AccountChange::Enable };
    match may_change_account(&actor, &user_id, change) {
        Ok(()) => {}
        Err(AdminRefusal::Denied(_)) => return Err(AppError::Forbidden),
        Err(AdminRefusal::Problem(_)) => return Err(AppError::refused(Msg::AdminNotOnSelf)),
    }
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &server::ip(&state)?, now: state.clock.now().millis() };
    let changed = match state.store.set_user_disabled(&user_id, disable, &by).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("disable", e)),
    };
    crate::api::form::redirect_form_post(&server::back_to_users());
    Ok(changed)
}

/// The title series with their specialties and titles: anyone may read them (the start form
/// offers them to applicants).
#[server(prefix = "/api", endpoint = "series_catalogue")]
pub async fn series_catalogue() -> Result<Vec<Series>, AppError> {
    let state = crate::api::context::app_state()?;
    state.store.title_series().await.map_err(|e| crate::api::context::internal("series", e))
}

/// Adds (`id` empty) or changes a title series.
#[server(prefix = "/api", endpoint = "save_series")]
pub async fn save_series(
    #[server(default)] id: String,
    #[server(default)] name: String,
    #[server(default)] specialties: String,
    #[server(default)] title_junior: String,
    #[server(default)] title_intermediate: String,
    #[server(default)] title_associate_senior: String,
    #[server(default)] title_senior: String,
    #[server(default)] open: Option<String>,
) -> Result<String, AppError> {
    use crate::domain::admin::AdminProblem;
    use crate::domain::series::check_series;
    use crate::forms::FieldText;
    use crate::store::StoreError;
    let state = crate::api::context::app_state()?;
    let actor = server::admin(&state).await?;
    let titles = [title_junior.as_str(), title_intermediate.as_str(), title_associate_senior.as_str(), title_senior.as_str()];
    let (name, specialties, titles) = check_series(&name, &specialties, titles)
        .map_err(|list| AppError::Invalid(list.into_iter().map(|(f, p)| FieldText::new(&f, p)).collect()))?;
    let series = Series { id: id.trim().to_string(), name, specialties, titles, open: open.is_some_and(|o| !o.is_empty() && o != "0") };
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &server::ip(&state)?, now: state.clock.now().millis() };
    let id = match state.store.save_series(&series, &by).await {
        Ok(id) => id,
        Err(StoreError::Unique(_)) => return Err(AppError::Invalid(vec![FieldText::new("name", AdminProblem::SeriesTaken)])),
        Err(StoreError::NotFound) => return Err(AppError::Forbidden),
        Err(e) => return Err(internal("series", e)),
    };
    crate::api::form::redirect_form_post("/admin/series?saved=1");
    Ok(id)
}

/// The holidays and make-up working days of a year (this year in Beijing when none is asked for).
#[server(prefix = "/api", endpoint = "calendar_year")]
pub async fn calendar_year(year: Option<i32>) -> Result<CalendarData, AppError> {
    let state = crate::api::context::app_state()?;
    server::admin(&state).await?;
    let year = year.unwrap_or_else(|| time::Date::year(state.clock.now().beijing_date())).clamp(2000, 2100);
    let rows = state.store.calendar_days_of_year(year).await.map_err(|e| crate::api::context::internal("calendar", e))?;
    Ok(CalendarData { year, days: rows.into_iter().map(|(day, kind, note)| CalendarEntry { day, kind, note }).collect() })
}
