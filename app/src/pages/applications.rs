//! `/applications`: 我的申报 — the applicant's applications with their status, submissions left
//! and what each section still lacks (the domain's completeness function), and starting one.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::admin::series_catalogue;
use crate::api::applications::{dispatching_choices, my_applications, unit_choices, ApplicationSummary, StartApplication};
use crate::api::rounds::rounds_overview;
use crate::components::field::{remembered, server_error, FieldState, FormAlert, TextField};
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource, SliceJson};
use crate::domain::conditions::{check_start, StartProblem};
use crate::domain::materials::Level;
use crate::domain::rounds::Window;
use crate::domain::series::{check_choice, Series};
use crate::domain::workflow::Status;
use crate::i18n::{level_name, section_name, status_name, Msg, Text};
use crate::pages::rounds::RoundList;

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let lang = use_lang();
    let start = ServerAction::<StartApplication>::new();
    // the form below starts one with this action, and the list reloads after it (when the whole
    // page is live; an island's start ends in the server's redirect back here instead)
    provide_context(start);
    let list = resource(move || start.version().get(), |_| my_applications());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::ApplicationsTitle.text(lang)}</h1>
            <RoundList/>
            {loaded(list, move |apps| {
                let open = apps.iter().any(|a| !matches!(a.status, Status::Closed | Status::Withdrawn));
                view! {
                    {apps.is_empty().then(|| view! { <p class="intro">{Msg::ApplicationsNone.text(lang)}</p> })}
                    {apps.into_iter().map(|a| view! { <ApplicationCard a/> }).collect_view()}
                    {(!open).then(|| view! { <StartForm/> })}
                }
            })}
        </div>
    }
}

#[component]
fn ApplicationCard(a: ApplicationSummary) -> impl IntoView {
    let lang = use_lang();
    let heading = format!("{} · {} · {}", a.evaluation_year, level_name(a.level).text(lang), a.specialty);
    let label = heading.clone();
    view! {
        <section class="card" aria-label=label>
            <h2>{heading}</h2>
            <dl class="facts">
                <dt>{Msg::FieldSeries.text(lang)}</dt><dd>{a.series.clone()}</dd>
                <dt>{Msg::FieldUnit.text(lang)}</dt><dd>{a.unit_name.clone()}</dd>
                <dt>{Msg::StatusLabel.text(lang)}</dt><dd>{status_name(a.status).text(lang)}</dd>
            </dl>
            <p class="badge">{Text::with(Msg::SubmissionsLeft, [a.submissions_left.to_string()]).render(lang)}</p>
            // a draft is submitted inside its round's window: the days left, or that it has closed
            {a.round.as_ref().filter(|_| a.status == Status::Draft).map(|r| view! { <p>{crate::pages::rounds::window_badge(r, lang)}</p> })}
            <p><a class="button primary" href=format!("/applications/{}", a.id)>
                {if a.status.is_editable() { Msg::ButtonContinue.text(lang) } else { Msg::ViewApplication.text(lang) }}
            </a></p>
            // a condition of the round not met: said first, before anything else is filled
            {a.unmet.into_iter().map(|t| view! { <p class="form-alert" role="alert">{Msg::UnmetTitle.text(lang)}{t.render(lang)}</p> }).collect_view()}
            <h3>{Msg::OverviewTitle.text(lang)}</h3>
            <ul class="overview">
                {a.missing.into_iter().map(|(section, n)| {
                    let state = if n == 0 { Msg::OverviewComplete.text(lang).to_string() } else { Text::with(Msg::OverviewMissing, [n.to_string()]).render(lang) };
                    view! {
                        <li class:done=n == 0>
                            <span>{section_name(section).text(lang)}</span>
                            <span class="count">{state}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[cfg_attr(feature = "island-forms", island)]
#[cfg_attr(not(feature = "island-forms"), component)]
fn StartForm() -> impl IntoView {
    let action = use_context::<ServerAction<StartApplication>>().unwrap_or_default();
    let action_pending = action.pending();
    let lang = use_lang();
    let server = server_error(action.value());
    let units = resource(|| (), |_| unit_choices());
    let dispatching = resource(|| (), |_| dispatching_choices());
    // what a refused form without JavaScript came back with (empty otherwise)
    let level = RwSignal::new(remembered("level"));
    let unit = RwSignal::new(remembered("unit_id"));
    let aid_unit = RwSignal::new(remembered("aid_unit_id"));
    let series = FieldState::new("series");
    if series.value.with_untracked(String::is_empty) {
        series.value.set(Msg::DefaultSeries.text(lang).to_string());
    }
    let specialty = FieldState::new("specialty");
    // the current title, which the round's conditions for the level are checked against
    let current_level = RwSignal::new(remembered("current_level"));
    let obtained = FieldState::new("obtained_on");
    let rounds = resource(|| (), |_| rounds_overview());
    // the same check the server makes (domain::conditions::check_start), against the open round
    // of the chosen series: an unmet condition shows as soon as both are given, a missing answer
    // once the form is sent
    let start_problem = move |field: &'static str, sent: bool| -> Option<Text> {
        let level = Level::parse(&level.get())?;
        let all = rounds.get().and_then(Result::ok)?;
        let chosen = series.value.get();
        let round = all.iter().find(|r| r.round.series == chosen && matches!(r.window, Window::Open { .. }))?;
        let problems =
            check_start(&round.round.conditions, level, &current_level.get(), &obtained.value.get(), round.round.reference_date).err()?;
        problems.into_iter().find(|(f, p)| *f == field && (sent || matches!(p, StartProblem::Unmet(_)))).map(|(_, p)| Text::from(p))
    };
    // The administrator's catalogue: the series offered, and the same check of the specialty the
    // server makes (domain::series::check_choice).
    let catalogue = resource(|| (), |_| series_catalogue());
    let choice_problem = move |field: &'static str| {
        let cat: Vec<Series> = catalogue.get().and_then(Result::ok)?;
        let problems = check_choice(&cat, &series.value.get(), &specialty.value.get()).err()?;
        problems.into_iter().find(|(f, _)| *f == field).map(|(_, p)| Text::from(p))
    };
    let specialty_check = move || specialty.required()().or_else(|| choice_problem("specialty"));
    let chosen = move |s: RwSignal<String>, field: &'static str| {
        move || {
            if s.with(String::is_empty) && (series.touched.get() || specialty.touched.get()) {
                return Some(Text::new(Msg::Required));
            }
            server.get().and_then(|e| e.at_field(field).cloned())
        }
    };
    let level_msg = chosen(level, "level");
    let unit_msg = chosen(unit, "unit_id");
    let current_level_msg = move || {
        let sent = series.touched.get();
        start_problem("current_level", sent).or_else(|| server.get().and_then(|e| e.at_field("current_level").cloned()))
    };
    let obtained_msg = Signal::derive(move || {
        let sent = series.touched.get();
        start_problem("obtained_on", sent).or_else(|| server.get().and_then(|e| e.at_field("obtained_on").cloned()))
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        series.submitted();
        specialty.submitted();
        let fine = !level.get_untracked().is_empty()
            && !unit.get_untracked().is_empty()
            && series.required()().is_none()
            && specialty_check().is_none();
        if fine && !action_pending.get_untracked() {
            action.dispatch(StartApplication {
                level: level.get_untracked(),
                series: series.value.get_untracked(),
                specialty: specialty.value.get_untracked(),
                unit_id: unit.get_untracked(),
                aid_unit_id: aid_unit.get_untracked(),
                current_level: current_level.get_untracked(),
                obtained_on: obtained.value.get_untracked(),
            });
        }
    };
    view! {
        <section class="card narrow" aria-labelledby="start-title">
            <h2 id="start-title">{Msg::StartTitle.text(lang)}</h2>
            <p class="intro">{Msg::StartIntro.text(lang)}</p>
            <form method="post" action=StartApplication::PATH on:submit=on_submit novalidate aria-labelledby="start-title">
                <div class="field" class:invalid=move || level_msg().is_some()>
                    <label for="level">{Msg::FieldLevel.text(lang)}</label>
                    <select id="level" name="level" aria-describedby="level-error" on:change=move |ev| level.set(event_target_value(&ev))>
                        <option value="">{Msg::ChooseOne.text(lang)}</option>
                        {Level::ALL.iter().copied().map(|l| view! { <option value=l.as_str() selected=level.get_untracked() == l.as_str()>{level_name(l).text(lang)}</option> }).collect_view()}
                    </select>
                    <p id="level-error" class="error" aria-live="polite">{move || level_msg().map(|t| t.render(lang))}</p>
                </div>
                <div class="field" class:invalid=move || current_level_msg().is_some()>
                    <label for="current_level">{Msg::LabelCurrentLevel.text(lang)}</label>
                    <select id="current_level" name="current_level" aria-describedby="current_level-hint current_level-error"
                        on:change=move |ev| current_level.set(event_target_value(&ev))>
                        <option value="">{Msg::ChooseOne.text(lang)}</option>
                        {Level::ALL.iter().copied().map(|l| view! { <option value=l.as_str() selected=current_level.get_untracked() == l.as_str()>{level_name(l).text(lang)}</option> }).collect_view()}
                    </select>
                    <p id="current_level-hint" class="hint">{Msg::HintCurrentLevel.text(lang)}</p>
                    <p id="current_level-error" class="error" aria-live="polite">{move || current_level_msg().map(|t| t.render(lang))}</p>
                </div>
                <TextField state=obtained label=Msg::LabelObtainedOn inputmode="numeric" message=obtained_msg/>
                <SeriesChoice series catalogue message=series.message(move || choice_problem("series"), server)/>
                <TextField state=specialty label=Msg::FieldSpecialty list="specialty-list" message=specialty.message(specialty_check, server)/>
                // inside Suspense like the series' options, so that the page the server sent and
                // the one the browser takes over are the same
                <datalist id="specialty-list">
                    <Suspense fallback=|| ()>
                        {move || {
                            let chosen = series.value.get();
                            Suspend::new(async move {
                                catalogue.await.unwrap_or_default().into_iter().find(|s| s.name == chosen).map(|s| s.specialties).unwrap_or_default()
                                    .into_iter().map(|sp| view! { <option value=sp/> }).collect_view()
                            })
                        }}
                    </Suspense>
                </datalist>
                <div class="field" class:invalid=move || unit_msg().is_some()>
                    <label for="unit_id">{Msg::FieldUnit.text(lang)}</label>
                    <select id="unit_id" name="unit_id" aria-describedby="unit_id-error" on:change=move |ev| unit.set(event_target_value(&ev))>
                        <option value="">{Msg::ChooseOne.text(lang)}</option>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                let chosen = unit.get_untracked();
                                units.await.unwrap_or_default().into_iter()
                                    .map(|(id, name)| { let selected = id == chosen; view! { <option value=id selected=selected>{name}</option> } })
                                    .collect_view()
                            })}
                        </Suspense>
                    </select>
                    <p id="unit_id-error" class="error" aria-live="polite">{move || unit_msg().map(|t| t.render(lang))}</p>
                </div>
                <AidUnitChoice choices=dispatching chosen=Some(aid_unit.get_untracked()).filter(|u| !u.is_empty()) on_choose=Callback::new(move |v| aid_unit.set(v))
                    message=Signal::derive(move || server.get().and_then(|e| e.at_field("aid_unit_id").cloned()))/>
                <FormAlert error=server/>
                <button type="submit" class="button primary block" disabled=move || action_pending.get()>
                    {Msg::ButtonStart.text(lang)}
                </button>
            </form>
        </section>
    }
}

/// 援疆派出单位 (§(九)): aid staff name the dispatching unit that reviews their application; everyone
/// else leaves it at 不是援疆人员. Shared by the start form and the change form.
#[component]
pub(crate) fn AidUnitChoice(
    choices: Resource<Result<Vec<(String, String)>, crate::api::error::AppError>, SliceJson>,
    chosen: Option<String>,
    #[prop(optional)] on_choose: Option<Callback<String>>,
    message: Signal<Option<Text>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for="aid_unit_id">{Msg::FieldAidUnit.text(lang)}</label>
            <select id="aid_unit_id" name="aid_unit_id" aria-describedby="aid_unit_id-hint aid_unit_id-error"
                on:change=move |ev| { if let Some(f) = on_choose { f.run(event_target_value(&ev)) } }>
                <option value="">{Msg::FieldAidUnitNone.text(lang)}</option>
                <Suspense fallback=|| ()>
                    {move || { let chosen = chosen.clone(); Suspend::new(async move {
                        choices.await.unwrap_or_default().into_iter()
                            .map(|(id, name)| { let selected = chosen.as_deref() == Some(id.as_str()); view! { <option value=id selected=selected>{name}</option> } })
                            .collect_view()
                    })}}
                </Suspense>
            </select>
            <p id="aid_unit_id-hint" class="hint">{Msg::HintAidUnit.text(lang)}</p>
            <p id="aid_unit_id-error" class="error" aria-live="polite">{move || message.get().map(|t| t.render(lang))}</p>
        </div>
    }
}

/// 评审系列: the open series of the catalogue (a closed one stays listed while an application
/// names it, so the message says why).
#[component]
fn SeriesChoice(
    series: FieldState,
    catalogue: Resource<Result<Vec<Series>, crate::api::error::AppError>, SliceJson>,
    message: Signal<Option<Text>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field" class:invalid=move || message.with(Option::is_some)>
            <label for="series">{Msg::FieldSeries.text(lang)}</label>
            <select id="series" name="series" aria-describedby="series-error" on:change=move |ev| {
                series.value.set(event_target_value(&ev));
                series.touched.set(true);
            }>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let chosen = series.value.get_untracked();
                        catalogue.await.unwrap_or_default().into_iter()
                            .filter(|s| s.open || s.name == chosen)
                            .map(|s| { let selected = s.name == chosen; let value = s.name.clone(); view! { <option value=value selected=selected>{s.name}</option> } })
                            .collect_view()
                    })}
                </Suspense>
            </select>
            <p id="series-error" class="error" aria-live="polite">{move || message.get().map(|t| t.render(lang))}</p>
        </div>
    }
}
