//! `/admin/rounds`: the rounds (申报批次) — per series, region and year, when applications may be
//! started and submitted, and the day the conditions count to. Each round is a card with its
//! window; its form is folded under it.

use leptos::prelude::*;

use super::{at_field, crumbs, form_error, refetch_on_success, saved_notice};
use crate::api::admin::{org_tree, series_catalogue, OrgEntry};
use crate::api::rounds::{rounds_overview, RoundEntry, SaveRound};
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::admin::OrgKind;
use crate::domain::conditions::Conditions;
use crate::domain::instant::iso_date;
use crate::domain::materials::Level;
use crate::domain::series::Series;
use crate::i18n::{level_name, Msg, Text};
use crate::pages::rounds::{conditions_lines, round_facts, round_label};

/// What the forms choose from: the catalogue's series and the tree's regions.
#[derive(Clone)]
struct Choices {
    series: Vec<Series>,
    regions: Vec<OrgEntry>,
}

#[component]
pub fn RoundsPage() -> impl IntoView {
    let lang = use_lang();
    let changed = RwSignal::new(0u32);
    let list = resource(
        move || changed.get(),
        |_| async {
            let (rounds, series, tree) = (rounds_overview().await?, series_catalogue().await?, org_tree().await?);
            Ok((rounds, series, tree))
        },
    );
    view! {
        <div class="stack wide">
            {crumbs(lang)}
            <h1 class="page-title">{Msg::AdminRounds.text(lang)}</h1>
            <p class="intro">{Msg::AdminRoundsHint.text(lang)}</p>
            {saved_notice(lang)}
            {loaded(list, move |(rounds, series, tree)| {
                let choices = Choices { series, regions: tree.into_iter().filter(|o| o.kind == OrgKind::Region).collect() };
                let new_choices = choices.clone();
                view! {
                    <div class="grid-2">
                        <ul class="cards">
                            {rounds.into_iter().map(|r| view! { <RoundCard r choices=choices.clone() changed/> }).collect_view()}
                        </ul>
                        <section class="card form-first" aria-labelledby="new-round">
                            <h2 id="new-round">{Msg::RoundNew.text(lang)}</h2>
                            <RoundForm r=None choices=new_choices changed/>
                        </section>
                    </div>
                }.into_any()
            })}
        </div>
    }
}

#[component]
fn RoundCard(r: RoundEntry, choices: Choices, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let (label, facts, lines) = (round_label(&r, lang), round_facts(&r, lang), conditions_lines(&r.round.conditions, lang));
    view! {
        <li class="card" aria-label=label>
            {facts}
            <ul class="condition-lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <details class="change">
                <summary>{Msg::RoundEdit.text(lang)}</summary>
                <RoundForm r=Some(r) choices changed/>
            </details>
        </li>
    }
}

/// The form for a new round (`r` None) or for changing one: its window, then its conditions.
#[component]
fn RoundForm(r: Option<RoundEntry>, choices: Choices, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveRound>::new();
    let pending = save.pending();
    refetch_on_success(save, changed);
    let error = server_error(save.value());
    let key = r.as_ref().map(|r| r.round.id.clone()).unwrap_or_else(|| "new".into());
    let id_of = move |field: &str| format!("{key}-{field}");
    let label = match &r {
        Some(r) => format!("{} {}年度 {} {}", Msg::RoundEdit.text(lang), r.round.year, r.round.series, r.region_name),
        None => Msg::RoundNew.text(lang).to_string(),
    };
    let (series_now, region_now) = (r.as_ref().map(|r| r.series_id.clone()), r.as_ref().map(|r| r.round.region_id.clone()));
    let value = |f: fn(&RoundEntry) -> String| r.as_ref().map(f).unwrap_or_default();
    let (id, year) = (value(|r| r.round.id.clone()), value(|r| r.round.year.to_string()));
    let dates = [
        ("opens_on", Msg::FieldOpensOn, value(|r| iso_date(r.round.opens_on)), None),
        ("submit_by", Msg::FieldSubmitBy, value(|r| iso_date(r.round.submit_by)), Some(Msg::HintRoundDates)),
        ("reference_date", Msg::FieldReferenceDate, value(|r| iso_date(r.round.reference_date)), Some(Msg::HintReferenceDate)),
    ];
    let conditions = r.map(|r| r.round.conditions).unwrap_or_default();
    let id_callback = {
        let id_of = id_of.clone();
        Callback::new(move |f: String| id_of(&f))
    };
    let date_fields = dates
        .into_iter()
        .map(|(field, msg, current, hint)| {
            let hint_id = id_of.clone()(&format!("{field}-hint"));
            view! {
                <div class="field">
                    <label for=id_of.clone()(field)>{msg.text(lang)}</label>
                    <input id=id_of.clone()(field) name=field value=current inputmode="numeric" placeholder="2026-11-01" aria-describedby=hint_id.clone()/>
                    {hint.map(|h| view! { <p id=hint_id class="hint">{h.text(lang)}</p> })}
                    {at_field(error, field, lang)}
                </div>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:aria-label=label>
            <input type="hidden" name="id" value=id/>
            <div class="field">
                <label for=id_of.clone()("series_id")>{Msg::FieldSeries.text(lang)}</label>
                <select id=id_of.clone()("series_id") name="series_id">
                    {choices.series.into_iter().map(|s| { let selected = series_now.as_deref() == Some(s.id.as_str()); view! { <option value=s.id selected=selected>{s.name}</option> } }).collect_view()}
                </select>
                {at_field(error, "series_id", lang)}
            </div>
            <div class="field">
                <label for=id_of.clone()("region_id")>{Msg::FieldRegion.text(lang)}</label>
                <select id=id_of.clone()("region_id") name="region_id">
                    {choices.regions.into_iter().map(|o| { let selected = region_now.as_deref() == Some(o.id.as_str()); view! { <option value=o.id selected=selected>{o.name}</option> } }).collect_view()}
                </select>
                {at_field(error, "region_id", lang)}
            </div>
            <div class="field">
                <label for=id_of.clone()("year")>{Msg::FieldRoundYear.text(lang)}</label>
                <input id=id_of.clone()("year") name="year" inputmode="numeric" value=year/>
                {at_field(error, "year", lang)}
            </div>
            {date_fields}
            <ConditionFields conditions id_of=id_callback error/>
            {form_error(error, lang)}
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice" role="status">{Msg::AdminSaved.text(lang)}</p> })}
            <button type="submit" class="button primary" disabled=move || pending.get()>{Msg::RoundSaveButton.text(lang)}</button>
        </ActionForm>
    }
}

/// The round's conditions (评审条件), posted as `c[<key>]` (`domain::conditions::parse_conditions`).
#[component]
fn ConditionFields(
    conditions: Conditions,
    id_of: Callback<String, String>,
    error: Signal<Option<crate::api::error::AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let per_level = Level::ALL
        .iter()
        .copied()
        .enumerate()
        .map(|(i, level)| {
            let rule = conditions.levels[i];
            let (requires, years, similarity) = (format!("requires-{}", level.as_str()), format!("min_years-{}", level.as_str()), format!("similarity-{}", level.as_str()));
            let lower: Vec<Level> = Level::ALL[..i].to_vec();
            let ticked = conditions.needs_similarity_report(level);
            view! {
                <fieldset class="item level-rule">
                    <legend>{Text::with(Msg::ConditionLevel, [level_name(level).text(lang).to_string()]).render(lang)}</legend>
                    <div class="field">
                        <label for=id_of.run(requires.clone())>{Msg::ConditionRequires.text(lang)}</label>
                        <select id=id_of.run(requires.clone()) name=format!("c[{requires}]")>
                            <option value="" selected=rule.requires.is_none()>{Msg::ConditionNoTitle.text(lang)}</option>
                            {lower.into_iter().map(|l| view! { <option value=l.as_str() selected=rule.requires == Some(l)>{level_name(l).text(lang)}</option> }).collect_view()}
                        </select>
                        {at_key(error, requires, lang)}
                    </div>
                    <div class="field">
                        <label for=id_of.run(years.clone())>{Msg::ConditionMinYears.text(lang)}</label>
                        <input id=id_of.run(years.clone()) name=format!("c[{years}]") inputmode="numeric" value=rule.min_years.to_string()/>
                        {at_key(error, years, lang)}
                    </div>
                    <label class="check"><input type="checkbox" name=format!("c[{similarity}]") value="1" checked=ticked/>{Msg::ConditionSimilarity.text(lang)}</label>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field">
            <legend>{Msg::ConditionsTitle.text(lang)}</legend>
            <div class="level-rules">{per_level}</div>
            <div class="field">
                <label for=id_of.run("professional_hours".into())>{Msg::ConditionProfessionalHours.text(lang)}</label>
                <input id=id_of.run("professional_hours".into()) name="c[professional_hours]" inputmode="numeric" value=conditions.professional_hours.to_string()/>
                {at_field(error, "professional_hours", lang)}
            </div>
            <div class="field">
                <label for=id_of.run("public_hours".into())>{Msg::ConditionPublicHours.text(lang)}</label>
                <input id=id_of.run("public_hours".into()) name="c[public_hours]" inputmode="numeric" value=conditions.public_hours.to_string()/>
                {at_field(error, "public_hours", lang)}
            </div>
            <label class="check"><input type="checkbox" name="c[exemption_allowed]" value="1" checked=conditions.exemption_allowed/>{Msg::ConditionExemption.text(lang)}</label>
            <div class="field">
                <label for=id_of.run("passing_results".into())>{Msg::ConditionPassingResults.text(lang)}</label>
                <input id=id_of.run("passing_results".into()) name="c[passing_results]" value=conditions.passing_results.join("、")/>
                {at_field(error, "passing_results", lang)}
            </div>
        </fieldset>
    }
}

/// `at_field` for a key made at run time (one per level).
fn at_key(error: Signal<Option<crate::api::error::AppError>>, key: String, lang: crate::i18n::Lang) -> impl IntoView {
    view! { <p class="error" aria-live="polite">{move || error.get().and_then(|e| e.at_field(&key).cloned()).map(|t| t.render(lang))}</p> }
}
