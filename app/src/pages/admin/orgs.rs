//! `/admin/orgs`: the organisation tree — add an organisation under the right kind of parent,
//! rename one. The kinds each parent may have come from `domain::admin`.

use leptos::prelude::*;

use super::{at_field, crumbs, form_error, refetch_on_success, saved_notice};
use crate::api::admin::{org_tree, CreateOrg, OrgEntry, RenameOrg};
use crate::components::field::{remembered, server_error};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::admin::OrgKind;
use crate::i18n::{org_kind_name, Msg, Text};

#[component]
pub fn OrgsPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateOrg>::new();
    let changed = RwSignal::new(0u32);
    let tree = resource(move || (create.version().get(), changed.get()), |_| org_tree());
    view! {
        <div class="stack wide">
            {crumbs(lang)}
            <h1 class="page-title">{Msg::AdminOrgs.text(lang)}</h1>
            <p class="intro">{Msg::AdminOrgsHint.text(lang)}</p>
            {saved_notice(lang)}
            {loaded(tree, move |orgs| view! {
                <div class="grid-2">
                    <section class="card" aria-labelledby="tree-title">
                        <h2 id="tree-title">{Msg::OrgTree.text(lang)}</h2>
                        <ul class="org-tree">
                            {orgs.iter().cloned().map(|o| view! { <OrgRowView o changed/> }).collect_view()}
                        </ul>
                    </section>
                    <NewOrgForm orgs create/>
                </div>
            }.into_any())}
        </div>
    }
}

#[component]
fn OrgRowView(o: OrgEntry, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let rename = ServerAction::<RenameOrg>::new();
    refetch_on_success(rename, changed);
    let error = server_error(rename.value());
    let label = format!("{} {}", Msg::OrgRename.text(lang), o.name);
    view! {
        <li class=format!("org depth-{}", o.depth.min(3))>
            <div class="org-line">
                <strong>{o.name.clone()}</strong>
                <span class="badge">{org_kind_name(o.kind).text(lang)}</span>
                <span class="hint">{Text::with(Msg::OrgPeople, [o.people.to_string()]).render(lang)}</span>
            </div>
            {(o.kind == OrgKind::Issuer).then(|| view! { <SealForm o=o.clone()/> })}
            <details class="change">
                <summary>{Msg::OrgRename.text(lang)}</summary>
                <ActionForm action=rename attr:aria-label=label>
                    <input type="hidden" name="id" value=o.id.clone()/>
                    <div class="field">
                        <label for=format!("rename-{}", o.id)>{Msg::OrgName.text(lang)}</label>
                        <input id=format!("rename-{}", o.id) name="name" value=o.name.clone()/>
                        {at_field(error, "name", lang)}
                    </div>
                    {form_error(error, lang)}
                    <button type="submit" class="button small">{Msg::OrgRenameSave.text(lang)}</button>
                </ActionForm>
            </details>
        </li>
    }
}

#[component]
fn NewOrgForm(orgs: Vec<OrgEntry>, create: ServerAction<CreateOrg>) -> impl IntoView {
    let create_pending = create.pending();
    let lang = use_lang();
    let error = server_error(create.value());
    // Only regions and authorities have children; the server checks that the kinds fit.
    let group = |k: OrgKind| {
        let options =
            orgs.iter().filter(|o| o.kind == k).map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view();
        view! { <optgroup label=org_kind_name(k).text(lang)>{options}</optgroup> }
    };
    let parents = view! { {group(OrgKind::Authority)}{group(OrgKind::Region)} };
    view! {
        <section class="card form-first" aria-labelledby="new-org">
            <h2 id="new-org">{Msg::OrgNew.text(lang)}</h2>
            <ActionForm action=create attr:aria-label=Msg::OrgNew.text(lang)>
                <div class="field">
                    <label for="org-kind">{Msg::OrgKindLabel.text(lang)}</label>
                    <select id="org-kind" name="kind">
                        {OrgKind::ALL.iter().copied().map(|k| view! {
                            <option value=k.as_str() selected=k == OrgKind::Unit>{org_kind_name(k).text(lang)}</option>
                        }).collect_view()}
                    </select>
                    {at_field(error, "kind", lang)}
                </div>
                <div class="field">
                    <label for="org-name">{Msg::OrgName.text(lang)}</label>
                    <input id="org-name" name="name" value=remembered("name")/>
                    {at_field(error, "name", lang)}
                </div>
                <div class="field">
                    <label for="org-parent">{Msg::OrgParent.text(lang)}</label>
                    <select id="org-parent" name="parent_id">
                        <option value="">{Msg::OrgNoParent.text(lang)}</option>
                        {parents}
                    </select>
                    {at_field(error, "parent_id", lang)}
                </div>
                {form_error(error, lang)}
                <button type="submit" class="button primary" disabled=move || create_pending.get()>{Msg::OrgCreate.text(lang)}</button>
            </ActionForm>
        </section>
    }
}

/// An issuer's seal: the current image (or a note that certificates use the demo seal) and a
/// plain upload form — the server checks the file (`domain::seal`) and comes back to this page.
#[component]
fn SealForm(o: OrgEntry) -> impl IntoView {
    let lang = use_lang();
    let input_id = format!("seal-{}", o.id);
    let current = match &o.seal {
        Some(sha) => view! {
            <figure class="seal">
                <img src=format!("/orgs/{}/seal.png?v={}", o.id, &sha[..12]) alt=format!("{} {}", Msg::SealCurrent.text(lang), o.name) width="96" height="96"/>
            </figure>
        }.into_any(),
        None => view! { <p class="hint">{Msg::SealDemo.text(lang)}</p> }.into_any(),
    };
    view! {
        <div class="seal-box">
            {current}
            <form method="post" action=format!("/admin/orgs/{}/seal", o.id) enctype="multipart/form-data" aria-label=format!("{} {}", Msg::SealUpload.text(lang), o.name)>
                <label for=input_id.clone()>{Msg::SealLabel.text(lang)}</label>
                <input id=input_id type="file" name="file" accept="image/png"/>
                <button type="submit" class="button small">{Msg::SealUpload.text(lang)}</button>
            </form>
        </div>
    }
}
