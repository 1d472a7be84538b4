//! `/applications/<id>`: one application — its facts, 共3次剩余N次, what each section still
//! lacks (each item a link to its field), and its history. `/applications/<id>/submit`: the
//! check before submitting and the submission itself, idempotent by a key bound to the form.

use leptos::prelude::*;

use crate::components::loaded::{loaded, loaded_live, resource, SliceJson};

use crate::domain::workflow::Status;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::applications::{dispatching_choices, unit_choices, ChangeApplication};
use crate::api::form::{application_form, FormView, SubmitApplication};
use crate::components::field::server_error;
use crate::components::history::History;
use crate::components::lang::use_lang;
use crate::components::return_list::ReturnList;
use crate::domain::materials::fields::field_id;
use crate::domain::materials::{Level, Missing};
use crate::i18n::{field_label, level_name, section_name, status_name, Msg, Text};
use crate::pages::section::SectionNav;

fn load(changed: Option<ServerAction<ChangeApplication>>) -> Resource<Result<FormView, crate::api::error::AppError>, SliceJson> {
    let params = use_params_map();
    resource(move || (params.with(|p| p.get("id").unwrap_or_default()), changed.map(|a| a.version().get())), |(id, _)| application_form(id))
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let change = ServerAction::<ChangeApplication>::new();
    let data = load(Some(change));
    loaded_live(data, move |f| view! { <Overview f change/> })
}

/// One missing item as a link to its field.
fn missing_link(app_id: &str, m: &Missing, lang: crate::i18n::Lang) -> impl IntoView {
    let href = format!("/applications/{app_id}/{}#{}", m.section.slug(), field_id(&m.field, m.item));
    let mut what = field_label(&m.field).text(lang).to_string();
    if let Some(i) = m.item {
        what = format!("{}（{}）", what, Text::with(Msg::ItemNumber, [(i + 1).to_string()]).render(lang));
    }
    let problem = Text::from(&m.problem).render(lang);
    view! { <li><a href=href>{what}</a>{"："}{problem}</li> }
}

#[component]
fn Overview(f: FormView, change: ServerAction<ChangeApplication>) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("{} · {} · {}", f.evaluation_year, level_name(f.level).text(lang), f.specialty);
    let materials = RwSignal::new(f.materials.clone());
    let gaps = crate::pages::section::gaps_of(materials, f.basis.clone());
    let id = f.id.clone();
    let sections = f.materials.sections().into_iter().map(|s| {
        let items: Vec<Missing> = f.missing.iter().filter(|m| m.section == s).cloned().collect();
        let href = format!("/applications/{}/{}", id, s.slug());
        let count = items.len();
        view! {
            <li class:done=count == 0>
                <a class="section-link" href=href>
                    <span>{section_name(s).text(lang)}</span>
                    <span class="count">{if count == 0 { Msg::OverviewComplete.text(lang).to_string() } else { Text::with(Msg::OverviewMissing, [count.to_string()]).render(lang) }}</span>
                </a>
                {(count > 0).then(|| view! { <ul class="gaps">{items.iter().map(|m| missing_link(&id, m, lang)).collect_view()}</ul> })}
            </li>
        }
    }).collect_view();
    let first_gap = f.missing.first().map(|m| m.section).unwrap_or(crate::domain::materials::Section::BasicInfo);
    view! {
        <div class="stack">
            <p class="crumbs"><a href="/applications">{"← "}{Msg::ApplicationsTitle.text(lang)}</a></p>
            <h1 class="page-title">{heading}</h1>
            {f.due_at.map(|due| view! { <ReturnList app_id=f.id.clone() items=f.return_items.clone() due server_now=f.server_now submissions_left=f.submissions_left/> })}
            <section class="card">
                <dl class="facts">
                    <dt>{Msg::FieldSeries.text(lang)}</dt><dd>{f.series.clone()}</dd>
                    <dt>{Msg::FieldUnit.text(lang)}</dt><dd>{f.unit_name.clone()}</dd>
                    <dt>{Msg::StatusLabel.text(lang)}</dt><dd class="status">{status_name(f.status).text(lang)}</dd>
                </dl>
                <p class="badge">{Text::with(Msg::SubmissionsLeft, [f.submissions_left.to_string()]).render(lang)}</p>
                {matches!(f.status, Status::FormalPassed | Status::UnderEvaluation | Status::Evaluated | Status::ResultNotice | Status::Filed | Status::Certified).then(|| view! {
                    <div class="actions">
                        <a class=if f.status == Status::FormalPassed { "button primary" } else { "button" } href=format!("/applications/{}/fee", f.id)>{Msg::FeeLink.text(lang)}</a>
                        {(f.status == Status::Certified).then(|| view! { <a class="button" href="/certificates">{Msg::NavCertificates.text(lang)}</a> })}
                    </div>
                })}
                {f.editable.then(|| view! {
                    <div class="actions">
                        <a class="button" href=format!("/applications/{}/{}", f.id, first_gap.slug())>{Msg::ButtonContinue.text(lang)}</a>
                        <a class="button primary" href=format!("/applications/{}/submit", f.id)>{Msg::ButtonReview.text(lang)}</a>
                    </div>
                })}
            </section>
            {f.editable.then(|| view! { <ChangeForm f=f.clone() action=change/> })}
            <SectionNav app_id=f.id.clone() current=None materials gaps/>
            <section class="card" aria-labelledby="overview-title">
                <h2 id="overview-title">{Msg::OverviewTitle.text(lang)}</h2>
                <ul class="overview">{sections}</ul>
            </section>
            <History created_at=f.created_at entries=f.history.clone()/>
        </div>
    }
}

#[component]
pub fn SubmitPage() -> impl IntoView {
    let data = load(None);
    view! {
        {loaded(data, move |f| view! { <SubmitForm f=SubmitFacts::of(&f)/> }.into_any())}
    }
}

/// What the submit form needs of the application: its island's props, which the page carries
/// as JSON and the browser reads (the whole `FormView` would bring its reader into the bundle).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct SubmitFacts {
    id: String,
    submit_key: String,
    status: Status,
    editable: bool,
    submissions_left: u8,
    missing: Vec<Missing>,
}

impl SubmitFacts {
    fn of(f: &FormView) -> Self {
        SubmitFacts {
            id: f.id.clone(),
            submit_key: f.submit_key.clone(),
            status: f.status,
            editable: f.editable,
            submissions_left: f.submissions_left,
            missing: f.missing.clone(),
        }
    }
}

/// The check and the submission (an island: a second tap is caught before it is sent).
#[cfg_attr(feature = "island-forms", island)]
#[cfg_attr(not(feature = "island-forms"), component)]
fn SubmitForm(f: SubmitFacts) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SubmitApplication>::new();
    let action_pending = action.pending();
    let error = server_error(action.value());
    let done = move || action.value().get().and_then(|r| r.ok());
    let key = f.submit_key.clone();
    let id = f.id.clone();
    let complete = f.missing.is_empty();
    let can_submit = f.editable && complete && f.submissions_left > 0;
    let on_submit = {
        let (id, key) = (id.clone(), key.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // a second click while the first is on its way sends nothing; a retry after a lost
            // answer sends the same key, which the server counts once
            if action_pending.get_untracked() || done().is_some() {
                return;
            }
            action.dispatch(SubmitApplication { id: id.clone(), key: key.clone() });
        }
    };
    let left_after = move || done().map(|_| f.submissions_left.saturating_sub(1)).unwrap_or(f.submissions_left);
    view! {
        <div class="stack">
            <p class="crumbs"><a href=format!("/applications/{id}")>{"← "}{Msg::ViewApplication.text(lang)}</a></p>
            <h1 class="page-title">{Msg::SubmitTitle.text(lang)}</h1>
            <section class="card narrow" aria-labelledby="submit-state">
                <p class="badge" id="submit-state">{move || Text::with(Msg::SubmissionsLeft, [left_after().to_string()]).render(lang)}</p>
                {if !f.editable {
                    view! { <p class="notice" role="status">{status_name(f.status).text(lang)}</p> }.into_any()
                } else if f.submissions_left == 0 {
                    view! { <p class="form-alert" role="alert">{Msg::SubmitNoneLeft.text(lang)}</p> }.into_any()
                } else if !complete {
                    view! {
                        <p class="form-alert" role="alert">{Text::with(Msg::SubmitIncomplete, [f.missing.len().to_string()]).render(lang)}</p>
                        <ul class="gaps">{f.missing.iter().map(|m| missing_link(&f.id, m, lang)).collect_view()}</ul>
                    }.into_any()
                } else {
                    view! { <p>{Msg::SubmitReady.text(lang)}</p> }.into_any()
                }}
                {move || done().map(|n| view! {
                    <p class="notice" role="status">{Text::with(Msg::SubmitDone, [n.to_string()]).render(lang)}</p>
                    <a class="button" href=format!("/applications/{}", id)>{Msg::ViewApplication.text(lang)}</a>
                })}
                {can_submit.then(|| view! {
                    <form method="post" action=SubmitApplication::PATH on:submit=on_submit.clone()>
                        <input type="hidden" name="id" value=f.id.clone()/>
                        <input type="hidden" name="key" value=key.clone()/>
                        <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
                        <button type="submit" class="button primary block" disabled=move || action_pending.get() || done().is_some()>
                            {move || if action_pending.get() { Msg::Sending.text(lang) } else { Msg::ButtonSubmit.text(lang) }}
                        </button>
                    </form>
                })}
            </section>
        </div>
    }
}

/// 修改申报信息: level, series, specialty and unit, while the application is unsubmitted.
#[component]
fn ChangeForm(f: FormView, action: ServerAction<ChangeApplication>) -> impl IntoView {
    let action_pending = action.pending();
    let lang = use_lang();
    let error = server_error(action.value());
    let units = resource(|| (), |_| unit_choices());
    let dispatching = resource(|| (), |_| dispatching_choices());
    let at = move |field: &'static str| move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang));
    let unit_id = f.unit_id.clone();
    view! {
        <details class="card change">
            <summary>{Msg::ChangeMeta.text(lang)}</summary>
            <ActionForm action=action attr:aria-label=Msg::ChangeMeta.text(lang)>
                <input type="hidden" name="id" value=f.id.clone()/>
                <input type="hidden" name="version" value=f.version.to_string()/>
                <div class="field">
                    <label for="level">{Msg::FieldLevel.text(lang)}</label>
                    <select id="level" name="level">
                        {Level::ALL.iter().copied().map(|l| view! { <option value=l.as_str() selected=l == f.level>{level_name(l).text(lang)}</option> }).collect_view()}
                    </select>
                    <p class="error">{at("level")}</p>
                </div>
                <div class="field">
                    <label for="series">{Msg::FieldSeries.text(lang)}</label>
                    <input id="series" name="series" value=f.series.clone()/>
                    <p class="error">{at("series")}</p>
                </div>
                <div class="field">
                    <label for="specialty">{Msg::FieldSpecialty.text(lang)}</label>
                    <input id="specialty" name="specialty" value=f.specialty.clone()/>
                    <p class="error">{at("specialty")}</p>
                </div>
                <div class="field">
                    <label for="unit_id">{Msg::FieldUnit.text(lang)}</label>
                    <select id="unit_id" name="unit_id">
                        <Suspense fallback=|| ()>
                            {let unit_id = unit_id.clone(); move || { let unit_id = unit_id.clone(); Suspend::new(async move {
                                units.await.unwrap_or_default().into_iter()
                                    .map(|(id, name)| { let chosen = id == unit_id; view! { <option value=id selected=chosen>{name}</option> } })
                                    .collect_view()
                            })}}
                        </Suspense>
                    </select>
                    <p class="error">{at("unit_id")}</p>
                </div>
                <crate::pages::applications::AidUnitChoice choices=dispatching chosen=f.aid_unit_id.clone()
                    message=Signal::derive(move || error.get().and_then(|e| e.at_field("aid_unit_id").cloned()))/>
                <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
                <button type="submit" class="button primary" disabled=move || action_pending.get()>{Msg::ButtonChange.text(lang)}</button>
            </ActionForm>
        </details>
    }
}
