//! An application's history from its audit records: when, who (role and organisation), what, and
//! the words they gave — the same lines for the applicant and the reviewers (谁审核，谁负责).

use leptos::prelude::*;

use super::lang::use_lang;
use crate::api::review::HistoryEntry;
use crate::domain::instant::Instant;
use crate::domain::workflow::{Action, Role};
use crate::i18n::{action_name, role_name, section_name, status_name, Msg, Text};

#[component]
pub fn History(created_at: i64, entries: Vec<HistoryEntry>) -> impl IntoView {
    let lang = use_lang();
    let mut submissions = 0;
    let lines = entries
        .into_iter()
        .map(|e| {
            let what = match (e.action, e.to) {
                (Some(Action::Submit), _) => {
                    submissions += 1;
                    Text::with(Msg::HistorySubmitted, [submissions.to_string()]).render(lang)
                }
                // a step that keeps the status (an objection's handling) is named alone
                (Some(a), Some(to)) if e.from == Some(to) => action_name(a).text(lang).to_string(),
                (Some(a), Some(to)) => format!("{}（{}）", action_name(a).text(lang), status_name(to).text(lang)),
                (Some(a), None) => action_name(a).text(lang).to_string(),
                _ => String::new(),
            };
            let who = if e.role == Role::System {
                String::new()
            } else if e.org_name.is_empty() {
                role_name(e.role).text(lang).to_string()
            } else {
                Text::with(Msg::HistoryBy, [e.org_name.clone(), role_name(e.role).text(lang).to_string()]).render(lang)
            };
            let items = (!e.items.is_empty()).then(|| {
                view! {
                    <ol class="return-items">
                        {e.items.iter().map(|i| view! { <li>{format!("{}：{}", section_name(i.section).text(lang), i.note)}</li> }).collect_view()}
                    </ol>
                }
            });
            view! {
                <li>
                    <time>{Instant(e.at).beijing_display()}</time>{" "}<strong>{what}</strong>
                    {(!who.is_empty()).then(|| view! { <span class="hint">{" · "}{who}</span> })}
                    {(!e.opinion.is_empty()).then(|| view! { <p class="opinion">{e.opinion.clone()}</p> })}
                    {items}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">{Msg::HistoryTitle.text(lang)}</h2>
            <ol class="history">
                <li><time>{Instant(created_at).beijing_display()}</time>{" "}{Msg::HistoryCreated.text(lang)}</li>
                {lines}
            </ol>
        </section>
    }
}
