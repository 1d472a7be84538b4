//! `/gongshi` and `/gongshi/<id>`: the units' public notices (§五), for anyone, signed in or
//! not. Per applicant: name, unit — never the ID number —, 思想政治条件, specialty, level,
//! current title and achievements; and a form to lodge an objection (实名) while it runs.

use leptos::prelude::*;

use crate::components::loaded::{loaded, resource};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::review::{public_notice, public_notices, LodgeObjection, PublicNoticeView};
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::domain::instant::Instant;
use crate::i18n::{level_name, Msg, Text};

fn period(n: &PublicNoticeView, lang: crate::i18n::Lang) -> String {
    Text::with(Msg::PublicNoticePeriod, [Instant(n.started_at).beijing_display(), Instant(n.closes_at).beijing_display()]).render(lang)
}

fn what(n: &PublicNoticeView, lang: crate::i18n::Lang) -> String {
    format!("{} · {} · {}", n.series, n.specialty, n.level.map(|l| level_name(l).text(lang)).unwrap_or(""))
}

#[component]
pub fn PublicNoticesPage() -> impl IntoView {
    let lang = use_lang();
    let data = resource(|| (), |_| public_notices());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::PublicNoticeTitle.text(lang)}</h1>
            <p class="intro">{Msg::PublicNoticeLead.text(lang)}</p>
            {loaded(data, move |d| match d {
                list if list.is_empty() => view! { <p class="empty">{Msg::PublicNoticeNone.text(lang)}</p> }.into_any(),
                list => view! {
                    <ul class="cards">
                        {list.into_iter().map(|n| view! {
                            <li class="card">
                                <a class="card-link" href=format!("/gongshi/{}", n.id)>{n.applicant_name.clone()}</a>
                                <span>{n.unit_name.clone()}</span>
                                <span class="hint">{what(&n, lang)}</span>
                                <span class="hint">{period(&n, lang)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </div>
    }
}

#[component]
pub fn PublicNoticePage() -> impl IntoView {
    let params = use_params_map();
    let data = resource(move || params.with(|p| p.get("id").unwrap_or_default()), public_notice);
    view! {
        {loaded(data, move |n| view! { <NoticeOf n/> }.into_any())}
    }
}

#[component]
fn NoticeOf(n: PublicNoticeView) -> impl IntoView {
    let lang = use_lang();
    let list = |items: &[(String, String)]| {
        items
            .iter()
            .map(|(title, date)| view! { <li>{title.clone()}{(!date.is_empty()).then(|| format!("（{date}）"))}</li> })
            .collect_view()
    };
    view! {
        <div class="stack">
            <p class="crumbs"><a href="/gongshi">{"← "}{Msg::PublicNoticeTitle.text(lang)}</a></p>
            <h1 class="page-title">{n.applicant_name.clone()}</h1>
            <section class="card">
                <p class="notice">{period(&n, lang)}</p>
                <dl class="facts">
                    <dt>{Msg::FieldUnit.text(lang)}</dt><dd>{n.unit_name.clone()}</dd>
                    <dt>{Msg::FieldSeries.text(lang)}</dt><dd>{what(&n, lang)}</dd>
                    <dt>{Msg::PublicNoticeTitleNow.text(lang)}</dt><dd>{n.current_title.clone()}</dd>
                    <dt>{Msg::PublicNoticePolitical.text(lang)}</dt><dd class="prose">{n.political_conduct.clone()}</dd>
                </dl>
                <h2>{Msg::PublicNoticeAchievements.text(lang)}</h2>
                <ul>{list(&n.achievements)}</ul>
                <h2>{Msg::PublicNoticeWorks.text(lang)}</h2>
                <ul>{list(&n.works)}</ul>
            </section>
            <ObjectionForm id=n.id.clone()/>
        </div>
    }
}

#[component]
fn ObjectionForm(id: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<LodgeObjection>::new();
    let action_pending = action.pending();
    let error = server_error(action.value());
    let query = use_query_map();
    // without JavaScript the server comes back here with ?lodged=1
    let lodged = move || action.value().get().is_some_and(|r| r.is_ok()) || query.with(|q| q.get("lodged").is_some());
    let at = move |field: &'static str| move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang));
    let kept = |name: &str| crate::components::field::remembered(name);
    view! {
        <section class="card" aria-labelledby="objection-title">
            <h2 id="objection-title">{Msg::ObjectionTitle.text(lang)}</h2>
            {move || lodged().then(|| view! { <p class="notice" role="status">{Msg::ObjectionLodged.text(lang)}</p> })}
            <ActionForm action=action attr:aria-label=Msg::ObjectionTitle.text(lang)>
                <input type="hidden" name="id" value=id.clone()/>
                <div class="field">
                    <label for="obj-name">{Msg::ObjectionName.text(lang)}</label>
                    <input id="obj-name" name="name" autocomplete="name" value=kept("name")/>
                    <p class="error" aria-live="polite">{at("name")}</p>
                </div>
                <div class="field">
                    <label for="obj-contact">{Msg::ObjectionContact.text(lang)}</label>
                    <input id="obj-contact" name="contact" autocomplete="tel" value=kept("contact")/>
                    <p class="error" aria-live="polite">{at("contact")}</p>
                </div>
                <div class="field">
                    <label for="obj-body">{Msg::ObjectionBody.text(lang)}</label>
                    <textarea id="obj-body" name="body" rows="4">{kept("body")}</textarea>
                    <p class="error" aria-live="polite">{at("body")}</p>
                </div>
                <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
                <button type="submit" class="button primary" disabled=move || action_pending.get()>{Msg::ObjectionSend.text(lang)}</button>
            </ActionForm>
        </section>
    }
}
