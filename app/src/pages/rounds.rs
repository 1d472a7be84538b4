//! The rounds (申报批次) an applicant can act on: open ones with the days left and upcoming ones
//! with the day they open. Shown on the landing page, the applicant's dashboard and 我的申报;
//! the window is the server's (`Round::window` by its clock), so a page never disagrees with what
//! the start form will answer.

use leptos::prelude::*;

use crate::api::rounds::{rounds_overview, RoundEntry};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::conditions::Conditions;
use crate::domain::instant::iso_date;
use crate::domain::materials::Level;
use crate::domain::rounds::Window;
use crate::i18n::{level_name, Lang, Msg, Text};

#[component]
pub fn RoundList() -> impl IntoView {
    let lang = use_lang();
    let rounds = resource(|| (), |_| rounds_overview());
    view! {
        <section class="card rounds" aria-labelledby="rounds-title">
            <h2 id="rounds-title">{Msg::RoundsTitle.text(lang)}</h2>
            {loaded(rounds, move |all| {
                // open ones first (the nearest close first), then those about to open
                let mut current: Vec<RoundEntry> = all.into_iter().filter(|r| !matches!(r.window, Window::Closed { .. })).collect();
                current.sort_by_key(|r| match r.window {
                    Window::Open { submit_by } => (0, submit_by),
                    Window::NotYet { opens_on } => (1, opens_on),
                    Window::Closed { submit_by } => (2, submit_by),
                });
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

/// A round's name as its list item is labelled: "2026年度 · 系列 地区".
pub fn round_label(r: &RoundEntry, lang: Lang) -> String {
    format!("{} {}", Text::with(Msg::RoundHeading, [r.round.year.to_string(), r.round.series.clone()]).render(lang), r.region_name)
}

/// What every list of rounds shows of one: its year and series, the region, the window and the
/// day conditions count to.
pub fn round_facts(r: &RoundEntry, lang: Lang) -> impl IntoView {
    let heading = Text::with(Msg::RoundHeading, [r.round.year.to_string(), r.round.series.clone()]).render(lang);
    view! {
        <div class="org-line"><strong>{heading}</strong><span class="hint">{r.region_name.clone()}</span></div>
        {window_badge(r, lang)}
        <span class="hint">{Text::with(Msg::RoundReference, [iso_date(r.round.reference_date)]).render(lang)}</span>
    }
}

/// One round on the applicant's pages, its conditions folded.
pub fn round_line(r: &RoundEntry, lang: Lang) -> impl IntoView {
    view! {
        <li aria-label=round_label(r, lang)>
            {round_facts(r, lang)}
            <details class="conditions">
                <summary>{Msg::ConditionsTitle.text(lang)}</summary>
                <ul>{conditions_lines(&r.round.conditions, lang).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            </details>
        </li>
    }
}

/// The round's conditions in words, one line per level and one for each of the rest.
pub fn conditions_lines(c: &Conditions, lang: Lang) -> Vec<String> {
    let level = |l: Level| level_name(l).text(lang).to_string();
    let mut lines: Vec<String> = Level::ALL
        .iter()
        .zip(c.levels.iter())
        .map(|(&l, rule)| match rule.requires {
            None => Text::with(Msg::ConditionLineNone, [level(l)]).render(lang),
            Some(r) => Text::with(Msg::ConditionLine, [level(l), level(r), rule.min_years.to_string()]).render(lang),
        })
        .collect();
    lines.push(Text::with(Msg::ConditionLineHours, [c.professional_hours.to_string(), c.public_hours.to_string()]).render(lang));
    let exemption = if c.exemption_allowed { Msg::ConditionExemptionYes } else { Msg::ConditionExemptionNo };
    lines.push(Text::with(Msg::ConditionLineExemption, [exemption.text(lang).to_string()]).render(lang));
    lines.push(Text::with(Msg::ConditionLineResults, [c.passing_results.join("、")]).render(lang));
    let similar: Vec<String> = c.similarity_levels.iter().map(|&l| level(l)).collect();
    if !similar.is_empty() {
        lines.push(Text::with(Msg::ConditionLineSimilarity, [similar.join("、")]).render(lang));
    }
    lines
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
