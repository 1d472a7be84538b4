//! `/admin/users`: accounts and roles — find an account (by role, organisation or text), invite a
//! colleague, change someone's role and organisation, disable or enable an account.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{at_field, crumbs, form_error, refetch_on_success, saved_notice};
use crate::api::admin::{
    list_users, AssignUser, InPersonCode, InviteUser, OrgEntry, ResetInPerson, SetUserDisabled, UserEntry, UsersData, USERS_PAGE,
};
use crate::components::field::{remembered, server_error};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::instant::Instant;
use crate::domain::workflow::Role;
use crate::i18n::{org_kind_name, role_name, Lang, Msg, Text};

/// The roles a person can be given (the platform's own is not one).
fn people_roles() -> impl Iterator<Item = Role> {
    Role::ALL.iter().copied().filter(|r| *r != Role::System)
}

fn role_options(selected: Option<Role>, lang: Lang) -> impl IntoView {
    people_roles()
        .map(|r| view! { <option value=r.as_str() selected=Some(r) == selected>{role_name(r).text(lang)}</option> })
        .collect_view()
}

/// Every organisation, named with its kind, in tree order (the server checks that it fits the role).
fn org_options(orgs: &[OrgEntry], selected: Option<&str>, lang: Lang) -> impl IntoView {
    orgs.iter()
        .map(|o| {
            let text = format!("{}{}（{}）", "\u{3000}".repeat(o.depth), o.name, org_kind_name(o.kind).text(lang));
            view! { <option value=o.id.clone() selected=Some(o.id.as_str()) == selected>{text}</option> }
        })
        .collect_view()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let invite = ServerAction::<InviteUser>::new();
    let changed = RwSignal::new(0u32);
    let filter =
        move || query.with(|q| (q.get("role").unwrap_or_default(), q.get("org_id").unwrap_or_default(), q.get("q").unwrap_or_default()));
    let data = resource(move || (filter(), invite.version().get(), changed.get()), |((role, org_id, q), _, _)| list_users(role, org_id, q));
    let invited = move || {
        let from_query = query.with(|q| q.get("invited"));
        let from_action = invite.value().get().and_then(Result::ok);
        from_action.or(from_query).map(|u| view! { <p class="notice" role="status">{Text::with(Msg::UserInvited, [u]).render(lang)}</p> })
    };
    view! {
        <div class="stack wide">
            {crumbs(lang)}
            <h1 class="page-title">{Msg::AdminUsers.text(lang)}</h1>
            <p class="intro">{Msg::AdminUsersHint.text(lang)}</p>
            {saved_notice(lang)}
            {invited}
            {loaded(data, move |d| {
                let (role, org_id, q) = filter();
                view! { <Users d role org_id q invite changed/> }
            })}
        </div>
    }
}

#[component]
fn Users(d: UsersData, role: String, org_id: String, q: String, invite: ServerAction<InviteUser>, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let chosen_role = Role::parse(&role);
    let count = if d.more {
        Text::with(Msg::UsersMore, [USERS_PAGE.to_string()])
    } else {
        Text::with(Msg::UsersCount, [d.users.len().to_string()])
    };
    let orgs = d.orgs.clone();
    let me = d.me.clone();
    let list = if d.users.is_empty() {
        view! { <p class="empty">{Msg::UsersNone.text(lang)}</p> }.into_any()
    } else {
        view! {
            <ul class="cards user-list">
                {d.users.into_iter().map(|u| {
                    let is_me = u.id == me;
                    view! { <UserCard u orgs=orgs.clone() is_me changed/> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <form class="card filters" method="get" action="/admin/users" role="search" aria-label=Msg::UsersFilter.text(lang)>
            <div class="field">
                <label for="f-q">{Msg::UsersFilterText.text(lang)}</label>
                <input id="f-q" name="q" type="search" value=q/>
            </div>
            <div class="field">
                <label for="f-role">{Msg::UserRole.text(lang)}</label>
                <select id="f-role" name="role">
                    <option value="">{Msg::UsersAnyRole.text(lang)}</option>
                    {role_options(chosen_role, lang)}
                </select>
            </div>
            <div class="field">
                <label for="f-org">{Msg::UserOrg.text(lang)}</label>
                <select id="f-org" name="org_id">
                    <option value="">{Msg::UsersAnyOrg.text(lang)}</option>
                    {org_options(&d.orgs, Some(org_id.as_str()), lang)}
                </select>
            </div>
            <button type="submit" class="button">{Msg::UsersFilter.text(lang)}</button>
        </form>
        <div class="grid-2 users-grid">
            <section aria-labelledby="users-title">
                <h2 id="users-title">{Msg::AdminUsers.text(lang)}<span class="hint">{" "}{count.render(lang)}</span></h2>
                {list}
            </section>
            <InviteForm orgs=d.orgs invite/>
        </div>
    }
}

#[component]
fn UserCard(u: UserEntry, orgs: Vec<OrgEntry>, is_me: bool, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let assign = ServerAction::<AssignUser>::new();
    let toggle = ServerAction::<SetUserDisabled>::new();
    refetch_on_success(assign, changed);
    refetch_on_success(toggle, changed);
    let assign_error = server_error(assign.value());
    let toggle_error = server_error(toggle.value());
    let id = u.id.clone();
    let toggle_id = u.id.clone();
    let reset_for = u.clone();
    let role_id = format!("role-{}", u.id);
    let org_id = format!("org-{}", u.id);
    let state = if u.disabled { Msg::UserDisabled } else { Msg::UserActive };
    let (toggle_value, toggle_label) = if u.disabled { ("0", Msg::UserEnable) } else { ("1", Msg::UserDisable) };
    // two people may share a name: the account name tells their forms (landmarks) apart
    let toggle_name = format!("{} {}（{}）", toggle_label.text(lang), u.name, u.username);
    let change_name = format!("{} {}（{}）", Msg::UserChange.text(lang), u.name, u.username);
    view! {
        <li class="card user" class:disabled=u.disabled aria-label=u.name.clone()>
            <div class="org-line">
                <strong>{u.name.clone()}</strong>
                <span class="badge">{role_name(u.role).text(lang)}</span>
                <span class="badge" class:danger=u.disabled>{state.text(lang)}</span>
            </div>
            <span class="hint">{u.username.clone()}{" · "}{if u.org_name.is_empty() { Msg::UserNoOrg.text(lang).to_string() } else { u.org_name.clone() }}</span>
            <span class="hint">{u.phone.clone()}{" · "}{u.email.clone()}</span>
            <details class="change">
                <summary>{Msg::UserChange.text(lang)}</summary>
                <ActionForm action=assign attr:aria-label=change_name>
                    <input type="hidden" name="user_id" value=id.clone()/>
                    <div class="field">
                        <label for=role_id.clone()>{Msg::UserRole.text(lang)}</label>
                        <select id=role_id name="role">{role_options(Some(u.role), lang)}</select>
                        {at_field(assign_error, "role", lang)}
                    </div>
                    <div class="field">
                        <label for=org_id.clone()>{Msg::UserOrg.text(lang)}</label>
                        <select id=org_id name="org_id">
                            <option value="">{Msg::UserNoOrg.text(lang)}</option>
                            {org_options(&orgs, u.org_id.as_deref(), lang)}
                        </select>
                        {at_field(assign_error, "org_id", lang)}
                    </div>
                    {form_error(assign_error, lang)}
                    <button type="submit" class="button small">{Msg::UserChangeSave.text(lang)}</button>
                </ActionForm>
            </details>
            {(!is_me).then(|| view! { <ResetInPersonForm u=reset_for/> })}
            {(!is_me).then(|| view! {
                <ActionForm action=toggle attr:aria-label=toggle_name.clone()>
                    <input type="hidden" name="user_id" value=toggle_id.clone()/>
                    <input type="hidden" name="disabled" value=toggle_value/>
                    {form_error(toggle_error, lang)}
                    <button type="submit" class="button small" class:danger=!u.disabled>{toggle_label.text(lang)}</button>
                </ActionForm>
            })}
        </li>
    }
}

/// The counter's reset for someone who lost both phone and e-mail: the administrator types the
/// number of the ID card the person holds and, when it is the account's, gets a one-time code to
/// hand over. Folded: it is rare, and the code must not sit open on a shared screen.
#[component]
fn ResetInPersonForm(u: UserEntry) -> impl IntoView {
    let lang = use_lang();
    let reset = ServerAction::<ResetInPerson>::new();
    let error = server_error(reset.value());
    // with JavaScript the answer; without, the code the redirect carried in the form cookie
    let remembered_code = (remembered("reset_for") == u.id).then(|| InPersonCode {
        user_id: u.id.clone(),
        code: remembered("reset_code"),
        valid_until: remembered("reset_until").parse().unwrap_or(0),
    });
    let issued = Memo::new(move |_| reset.value().get().and_then(|r| r.ok()).or_else(|| remembered_code.clone()));
    let name = u.name.clone();
    let shown = move || {
        issued.get().map(|c| {
            let text = Text::with(Msg::UserResetCode, [c.code, Instant(c.valid_until).beijing_display(), name.clone()]).render(lang);
            view! { <p class="notice" role="status">{text}</p> }
        })
    };
    let field_id = format!("idn-{}", u.id);
    let form_name = format!("{} {}（{}）", Msg::UserResetInPerson.text(lang), u.name, u.username);
    view! {
        // open when it has something to say: the code, or why none was made
        <details class="change" open=move || issued.with(Option::is_some) || error.get().is_some()>
            <summary>{Msg::UserResetInPerson.text(lang)}</summary>
            <p class="hint">{Msg::UserResetHint.text(lang)}</p>
            {shown}
            <ActionForm action=reset attr:aria-label=form_name>
                <input type="hidden" name="user_id" value=u.id.clone()/>
                <div class="field">
                    <label for=field_id.clone()>{Msg::UserResetIdNumber.text(lang)}</label>
                    <input id=field_id name="id_number" type="text" autocomplete="off" spellcheck="false" maxlength="22"/>
                    {at_field(error, "id_number", lang)}
                </div>
                {form_error(error, lang)}
                <button type="submit" class="button small">{Msg::UserResetSubmit.text(lang)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn InviteForm(orgs: Vec<OrgEntry>, invite: ServerAction<InviteUser>) -> impl IntoView {
    let invite_pending = invite.pending();
    let lang = use_lang();
    let error = server_error(invite.value());
    let text = move |id: &'static str, name: &'static str, label: Msg, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label.text(lang)}</label>
                <input id=id name=name type=kind value=remembered(name) autocomplete="off"/>
                {at_field(error, name, lang)}
            </div>
        }
    };
    view! {
        <section class="card form-first" aria-labelledby="invite-title">
            <h2 id="invite-title">{Msg::UserInvite.text(lang)}</h2>
            <p class="hint">{Msg::UserInviteHint.text(lang)}</p>
            <ActionForm action=invite attr:aria-label=Msg::UserInvite.text(lang)>
                {text("i-name", "name", Msg::FieldName, "text")}
                {text("i-username", "username", Msg::UserUsername, "text")}
                {text("i-phone", "phone", Msg::FieldPhone, "tel")}
                {text("i-email", "email", Msg::FieldEmail, "email")}
                <div class="field">
                    <label for="i-role">{Msg::UserRole.text(lang)}</label>
                    // after a refused post without JavaScript, the choices made come back too
                    <select id="i-role" name="role">{role_options(Role::parse(&remembered("role")).or(Some(Role::UnitReviewer)), lang)}</select>
                    {at_field(error, "role", lang)}
                </div>
                <div class="field">
                    <label for="i-org">{Msg::UserOrg.text(lang)}</label>
                    <select id="i-org" name="org_id">
                        <option value="">{Msg::UserNoOrg.text(lang)}</option>
                        {org_options(&orgs, Some(remembered("org_id")).filter(|o| !o.is_empty()).as_deref(), lang)}
                    </select>
                    {at_field(error, "org_id", lang)}
                </div>
                {form_error(error, lang)}
                <button type="submit" class="button primary" disabled=move || invite_pending.get()>{Msg::UserInviteSend.text(lang)}</button>
            </ActionForm>
        </section>
    }
}
