//! The published results (`/results`, public) and their filing by the HR department (§九,
//! `/filing`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::evaluation::{form_error, outcome_text};
use crate::api::evaluation::*;
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::instant::Instant;
use crate::i18n::{level_name, Msg, Text};

#[component]
pub fn FilingPage() -> impl IntoView {
    let lang = use_lang();
    let file = ServerAction::<FileResults>::new();
    let data = resource(move || file.version().get(), |_| filing_overview());
    let error = server_error(file.value());
    let query = use_query_map();
    let filed = move || file.value().get().is_some_and(|r| r.is_ok()) || query.with(|q| q.get("filed").is_some());
    view! {
        <div class="stack wide">
            <h1 class="page-title">{Msg::FilingTitle.text(lang)}</h1>
            {move || filed().then(|| view! { <p class="notice" role="status">{Msg::FilingDone.text(lang)}</p> })}
            {form_error(error, lang)}
            {loaded(data, move |d| match d {
                list if list.is_empty() => view! { <p class="empty">{Msg::FilingNone.text(lang)}</p> }.into_any(),
                list => list.into_iter().map(|r| {
                    let sid = r.session.id.clone();
                    let sid_all = sid.clone();
                    let rows = r.rows.iter().enumerate().map(|(i, (id, name, unit, what, level, outcome))| view! {
                        <label class="check"><input type="checkbox" name=format!("app[a{i}]") value=id.clone()/>
                            {name.clone()}{" · "}{unit.clone()}{" · "}{what.clone()}{" "}{level.map(|l| level_name(l).text(lang)).unwrap_or("")}
                            {" — "}<strong>{outcome_text(Some(*outcome), lang)}</strong></label>
                    }).collect_view();
                    view! {
                        <section class="card" aria-label=r.session.name.clone()>
                            <h2>{r.session.name.clone()}</h2>
                            <p class="hint">{r.committee_name.clone()}{r.session.notice_closes_at.map(|t| format!(" · {}", Text::with(Msg::ResultNoticeUntil, [Instant(t).beijing_display()]).render(lang)))}</p>
                            <ActionForm action=file attr:aria-label=Msg::FilingChosen.text(lang)>
                                <input type="hidden" name="session" value=sid_all.clone()/>
                                <fieldset class="field"><legend>{Msg::SessionApplications.text(lang)}</legend>{rows}</fieldset>
                                <button type="submit" class="button">{Msg::FilingChosen.text(lang)}</button>
                            </ActionForm>
                            <ActionForm action=file attr:aria-label=Msg::FilingAll.text(lang)>
                                <input type="hidden" name="session" value=sid/>
                                <input type="hidden" name="all" value="1"/>
                                <button type="submit" class="button primary">{Msg::FilingAll.text(lang)}</button>
                            </ActionForm>
                        </section>
                    }
                }).collect_view().into_any(),
            })}
        </div>
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let data = resource(|| (), |_| public_results());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::ResultsTitle.text(lang)}</h1>
            <p class="intro">{Msg::ResultsLead.text(lang)}</p>
            {loaded(data, move |d| match d {
                list if list.is_empty() => view! { <p class="empty">{Msg::ResultsNone.text(lang)}</p> }.into_any(),
                list => list.into_iter().map(|r| view! {
                    <section class="card" aria-label=r.session.name.clone()>
                        <h2>{r.session.name.clone()}</h2>
                        <p class="hint">{r.committee_name.clone()}{" · "}{Instant(r.session.held_at).beijing_display()}
                            {r.session.notice_closes_at.map(|t| format!(" · {}", Text::with(Msg::ResultNoticeUntil, [Instant(t).beijing_display()]).render(lang)))}</p>
                        <table class="queue">
                            <thead><tr><th>{Msg::QueueApplicant.text(lang)}</th><th>{Msg::FieldUnit.text(lang)}</th><th>{Msg::FieldSeries.text(lang)}</th><th>{Msg::SessionOutcome.text(lang)}</th></tr></thead>
                            <tbody>
                                {r.rows.into_iter().map(|(id, name, unit, what, level, outcome)| view! {
                                    <tr>
                                        <td>{name}</td><td>{unit}</td>
                                        <td>{what}{" "}{level.map(|l| level_name(l).text(lang)).unwrap_or("")}</td>
                                        <td><span class="status">{outcome_text(Some(outcome), lang)}</span>{" "}<a href=format!("/gongshi/{id}")>{Msg::ResultsObject.text(lang)}</a></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }).collect_view().into_any(),
            })}
        </div>
    }
}
