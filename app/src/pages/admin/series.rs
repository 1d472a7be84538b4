//! `/admin/series`: the title series applicants may choose, their specialties and the title each
//! level confers (printed on the certificate); a series can be closed to new applications.

use leptos::prelude::*;

use super::{at_field, crumbs, form_error, refetch_on_success, saved_notice};
use crate::api::admin::{series_catalogue, SaveSeries};
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::materials::Level;
use crate::domain::series::Series;
use crate::i18n::{level_name, Msg};

#[component]
pub fn SeriesPage() -> impl IntoView {
    let lang = use_lang();
    let changed = RwSignal::new(0u32);
    let list = resource(move || changed.get(), |_| series_catalogue());
    view! {
        <div class="stack wide">
            {crumbs(lang)}
            <h1 class="page-title">{Msg::AdminSeries.text(lang)}</h1>
            <p class="intro">{Msg::AdminSeriesHint.text(lang)}</p>
            {saved_notice(lang)}
            {loaded(list, move |all| view! {
                <div class="grid-2">
                    <ul class="cards">
                        {all.into_iter().map(|s| view! { <SeriesCard s changed/> }).collect_view()}
                    </ul>
                    <section class="card form-first" aria-labelledby="new-series">
                        <h2 id="new-series">{Msg::SeriesNew.text(lang)}</h2>
                        <SeriesForm s=None changed/>
                    </section>
                </div>
            }.into_any())}
        </div>
    }
}

#[component]
fn SeriesCard(s: Series, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let specialties = if s.specialties.is_empty() { Msg::SeriesAnySpecialty.text(lang).to_string() } else { s.specialties.join("、") };
    let titles = Level::ALL.iter().copied().map(|l| format!("{}：{}", level_name(l).text(lang), s.title(l))).collect::<Vec<_>>().join("；");
    let name = s.name.clone();
    let label = s.name.clone();
    let open = s.open;
    view! {
        <li class="card" aria-label=label>
            <div class="org-line">
                <strong>{name}</strong>
                {(!open).then(|| view! { <span class="badge danger">{Msg::SeriesClosedBadge.text(lang)}</span> })}
            </div>
            <span>{specialties}</span>
            <span class="hint">{titles}</span>
            <details class="change">
                <summary>{Msg::SeriesEdit.text(lang)}</summary>
                <SeriesForm s=Some(s) changed/>
            </details>
        </li>
    }
}

/// The form for a new series (`s` None) or for changing one.
#[component]
fn SeriesForm(s: Option<Series>, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let save = ServerAction::<SaveSeries>::new();
    let save_pending = save.pending();
    refetch_on_success(save, changed);
    let error = server_error(save.value());
    let key = s.as_ref().map(|s| s.id.clone()).unwrap_or_else(|| "new".into());
    let label = match &s {
        Some(s) => format!("{} {}", Msg::SeriesEdit.text(lang), s.name),
        None => Msg::SeriesNew.text(lang).to_string(),
    };
    let id_of = move |field: &str| format!("{key}-{field}");
    let (name_id, specialties_id) = (id_of("name"), id_of("specialties"));
    let current_titles: [String; 4] = s.as_ref().map(|s| s.titles.clone()).unwrap_or_default();
    let titles = Level::ALL
        .iter()
        .copied()
        .enumerate()
        .map(move |(i, l)| {
            let name = format!("title_{}", l.as_str());
            let field: &'static str = match i {
                0 => "title_junior",
                1 => "title_intermediate",
                2 => "title_associate_senior",
                _ => "title_senior",
            };
            let value = current_titles[i].clone();
            view! {
                <div class="field">
                    <label for=id_of(&name)>{level_name(l).text(lang)}</label>
                    <input id=id_of(&name) name=name value=value/>
                    {at_field(error, field, lang)}
                </div>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:aria-label=label>
            <input type="hidden" name="id" value=s.as_ref().map(|s| s.id.clone()).unwrap_or_default()/>
            <div class="field">
                <label for=name_id.clone()>{Msg::SeriesName.text(lang)}</label>
                <input id=name_id name="name" value=s.as_ref().map(|s| s.name.clone()).unwrap_or_default()/>
                {at_field(error, "name", lang)}
            </div>
            <div class="field">
                <label for=specialties_id.clone()>{Msg::SeriesSpecialties.text(lang)}</label>
                <textarea id=specialties_id name="specialties" rows="5">{s.as_ref().map(|s| s.specialties.join("\n")).unwrap_or_default()}</textarea>
                {at_field(error, "specialties", lang)}
            </div>
            <fieldset class="field">
                <legend>{Msg::SeriesTitles.text(lang)}</legend>
                <div class="grid-titles">{titles}</div>
            </fieldset>
            <label class="check"><input type="checkbox" name="open" value="1" checked=s.as_ref().is_none_or(|s| s.open)/>{Msg::SeriesOpen.text(lang)}</label>
            {form_error(error, lang)}
            {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! { <p class="notice" role="status">{Msg::AdminSaved.text(lang)}</p> })}
            <button type="submit" class="button primary" disabled=move || save_pending.get()>{Msg::SeriesSave.text(lang)}</button>
        </ActionForm>
    }
}
