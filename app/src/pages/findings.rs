//! The region-wide notice of fraud findings (通报, seed §(十一)): `/tongbao`, public. The
//! findings themselves are recorded from the review page (`api::findings`).

use leptos::prelude::*;

use crate::api::findings::public_findings;
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::i18n::{Msg, Text};

#[component]
pub fn FindingsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| public_findings());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::FindingsTitle.text(lang)}</h1>
            <p class="intro">{Msg::FindingsLead.text(lang)}</p>
            {loaded(data, move |d| match d {
                list if list.is_empty() => view! { <p class="empty">{Msg::FindingsNone.text(lang)}</p> }.into_any(),
                list => view! {
                    <ul class="cards">
                        {list.into_iter().map(|f| {
                            let who = if f.kind == crate::domain::penalties::Subject::Unit { Msg::FindingUnit.text(lang) } else { Msg::FindingApplicant.text(lang) };
                            view! {
                                <li class="card">
                                    <strong>{f.name.clone()}</strong>
                                    <span class="hint">{who}{(!f.unit_name.is_empty()).then(|| format!(" · {}", f.unit_name))}</span>
                                    <span>{f.evidence.clone()}</span>
                                    <span class="hint">{Text::with(Msg::FindingPeriod, [f.found_on.clone(), f.until.clone()]).render(lang)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </div>
    }
}
