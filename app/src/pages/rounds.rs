//! The rounds (申报批次) an applicant can act on: open ones with the days left and upcoming ones
//! with the day they open. Shown on the landing page, the applicant's dashboard and 我的申报;
//! the window is the server's (`Round::window` by its clock), so a page never disagrees with what
//! the start form will answer.

use leptos::prelude::*;

use crate::api::rounds::{rounds_overview, RoundEntry};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::instant::iso_date;
use crate::domain::rounds::Window;
use crate::i18n::{Lang, Msg, Text};

#[component]
pub fn RoundList() -> impl IntoView {
    let lang = use_lang();
    let rounds = resource(|| (), |_| rounds_overview());
    view! {
        <section class="card rounds" aria-labelledby="rounds-title">
            <h2 id="rounds-title">{Msg::RoundsTitle.text(lang)}</h2>
            {loaded(rounds, move |all| {
                let current: Vec<RoundEntry> = all.into_iter().filter(|r| !matches!(r.window, Window::Closed { .. })).collect();
                if current.is_empty() {
                    return view! { <p>{Msg::RoundsNone.text(lang)}</p> }.into_any();
                }
                view! {
                    <ul class="round-list">
                        {current.into_iter().map(|r| round_line(&r, lang)).collect_view()}
                    </ul>
                }
                .into_any()
            })}
        </section>
    }
}

/// One round: its year and series, the region, the window and the day conditions count to.
pub fn round_line(r: &RoundEntry, lang: Lang) -> impl IntoView {
    let heading = Text::with(Msg::RoundHeading, [r.round.year.to_string(), r.round.series.clone()]).render(lang);
    let label = format!("{heading} {}", r.region_name);
    view! {
        <li aria-label=label>
            <div class="org-line"><strong>{heading}</strong><span class="hint">{r.region_name.clone()}</span></div>
            {window_badge(r, lang)}
            <span class="hint">{Text::with(Msg::RoundReference, [iso_date(r.round.reference_date)]).render(lang)}</span>
        </li>
    }
}

/// Where today stands: open with the days left, opening on a day, or closed.
pub fn window_badge(r: &RoundEntry, lang: Lang) -> impl IntoView {
    let (text, closed) = match r.window {
        Window::Open { submit_by } => (Text::with(Msg::RoundOpenFor, [iso_date(submit_by), r.days_left.unwrap_or(0).to_string()]), false),
        Window::NotYet { opens_on } => (Text::with(Msg::RoundOpensOn, [iso_date(opens_on)]), false),
        Window::Closed { submit_by } => (Text::with(Msg::RoundClosedOn, [iso_date(submit_by)]), true),
    };
    let upcoming = matches!(r.window, Window::NotYet { .. });
    view! { <span class="badge" class:danger=closed class:upcoming=upcoming>{text.render(lang)}</span> }
}
