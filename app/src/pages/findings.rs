//! Fraud findings: the region-wide notice (通报, seed §(十一)), `/tongbao`, public, which lists
//! those in force; and the credit record (诚信档案, §五), `/chengxin`, every finding, each
//! person reading the part that is theirs (`domain::penalties::credit_scope`). The findings
//! themselves are recorded from the review page (`api::findings`).

use leptos::prelude::*;

use crate::api::error::AppError;
use crate::api::findings::{credit_record, public_findings, FindingView};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource, SliceJson};
use crate::domain::penalties::Subject;
use crate::i18n::{Lang, Msg, Text};

#[component]
pub fn FindingsPage() -> impl IntoView {
    findings_page(resource(|| (), |_| public_findings()), [Msg::FindingsTitle, Msg::FindingsLead, Msg::FindingsNone])
}

#[component]
pub fn CreditRecordPage() -> impl IntoView {
    findings_page(resource(|| (), |_| credit_record()), [Msg::CreditRecordTitle, Msg::CreditRecordLead, Msg::CreditRecordNone])
}

/// Either list, under its title and lead (`[title, lead, empty]`).
fn findings_page(data: Resource<Result<Vec<FindingView>, AppError>, SliceJson>, [title, lead, none]: [Msg; 3]) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="stack">
            <h1 class="page-title">{title.text(lang)}</h1>
            <p class="intro">{lead.text(lang)}</p>
            {loaded(data, move |list| finding_cards(list, none, lang))}
        </div>
    }
}

/// One card per finding: whom, why, when and until when; a period that is over says so.
fn finding_cards(list: Vec<FindingView>, none: Msg, lang: Lang) -> AnyView {
    if list.is_empty() {
        return view! { <p class="empty">{none.text(lang)}</p> }.into_any();
    }
    view! {
        <ul class="cards">
            {list.into_iter().map(|f| {
                let who = if f.kind == Subject::Unit { Msg::FindingUnit.text(lang) } else { Msg::FindingApplicant.text(lang) };
                view! {
                    <li class="card">
                        <strong>{f.name.clone()}</strong>
                        <span class="hint">{who}{(!f.unit_name.is_empty()).then(|| format!(" · {}", f.unit_name))}</span>
                        <span>{f.evidence.clone()}</span>
                        <span class="hint">{Text::with(Msg::FindingPeriod, [f.found_on.clone(), f.until.clone()]).render(lang)}</span>
                        {(!f.in_force).then(|| view! { <span class="badge">{Msg::FindingPeriodOver.text(lang)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
