//! `/admin/calendar`: the holidays and make-up working days of a year (SPEC rule 8). Days not
//! listed follow the weekday rule; the notice periods count working days on this calendar.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{at_field, crumbs, form_error, refetch_on_success, saved_notice};
use crate::api::admin::{calendar_year, CalendarData, CalendarEntry};
use crate::api::calendar::SaveCalendarDay;
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::i18n::{Msg, Text};

#[component]
pub fn CalendarPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let set = ServerAction::<SaveCalendarDay>::new();
    let set_pending = set.pending();
    let changed = RwSignal::new(0u32);
    refetch_on_success(set, changed);
    let asked = move || query.with(|q| q.get("year").and_then(|y| y.parse::<i32>().ok()));
    let days = resource(move || (asked(), changed.get()), |(y, _)| calendar_year(y));
    let error = server_error(set.value());
    view! {
        <div class="stack wide">
            {crumbs(lang)}
            <h1 class="page-title">{Msg::AdminCalendar.text(lang)}</h1>
            <p class="intro">{Msg::AdminCalendarHint.text(lang)}</p>
            {saved_notice(lang)}
            <div class="grid-2">
                {loaded(days, move |d| view! { <Year d set/> }.into_any())}
                <section class="card form-first" aria-labelledby="set-day">
                    <h2 id="set-day">{Msg::CalendarSet.text(lang)}</h2>
                    <ActionForm action=set attr:aria-label=Msg::CalendarSet.text(lang)>
                        <div class="field">
                            <label for="c-day">{Msg::CalendarDay.text(lang)}</label>
                            <input id="c-day" name="day" inputmode="numeric" placeholder=Msg::DatePlaceholder.text(lang)/>
                            {at_field(error, "day", lang)}
                        </div>
                        <div class="field">
                            <label for="c-kind">{Msg::CalendarKind.text(lang)}</label>
                            <select id="c-kind" name="kind">
                                <option value="holiday">{Msg::CalendarHoliday.text(lang)}</option>
                                <option value="workday">{Msg::CalendarWorkday.text(lang)}</option>
                                <option value="weekday">{Msg::CalendarWeekday.text(lang)}</option>
                            </select>
                            {at_field(error, "kind", lang)}
                        </div>
                        <div class="field">
                            <label for="c-note">{Msg::CalendarNote.text(lang)}</label>
                            <input id="c-note" name="note" placeholder=Msg::CalendarNoteHint.text(lang)/>
                            {at_field(error, "note", lang)}
                        </div>
                        {form_error(error, lang)}
                        <button type="submit" class="button primary" disabled=move || set_pending.get()>{Msg::CalendarSave.text(lang)}</button>
                    </ActionForm>
                </section>
            </div>
        </div>
    }
}

/// The year's listed days, with the way to the years before and after.
#[component]
fn Year(d: CalendarData, set: ServerAction<SaveCalendarDay>) -> impl IntoView {
    let lang = use_lang();
    let title = Text::with(Msg::CalendarYear, [d.year.to_string()]).render(lang);
    view! {
        <section class="card" aria-labelledby="days-title">
            <nav class="actions year-nav" aria-label=Msg::AdminCalendar.text(lang)>
                <a class="button small" href=format!("/admin/calendar?year={}", d.year - 1)>{"← "}{Msg::CalendarPrev.text(lang)}</a>
                <h2 id="days-title">{title}</h2>
                <a class="button small" href=format!("/admin/calendar?year={}", d.year + 1)>{Msg::CalendarNext.text(lang)}{" →"}</a>
            </nav>
            {if d.days.is_empty() {
                view! { <p class="empty">{Msg::CalendarNone.text(lang)}</p> }.into_any()
            } else {
                view! { <Days list=d.days set/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Days(list: Vec<CalendarEntry>, set: ServerAction<SaveCalendarDay>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <ul class="calendar-days">
            {list.into_iter().map(|d| {
                let kind = if d.kind == "holiday" { Msg::CalendarHoliday } else { Msg::CalendarWorkday };
                let reset = format!("{} {}", Msg::CalendarReset.text(lang), d.day);
                view! {
                    <li class=format!("day {}", d.kind)>
                        <span class="date">{d.day.clone()}</span>
                        <span class="badge">{kind.text(lang)}</span>
                        <span class="hint">{d.note.clone()}</span>
                        // restoring moves every running notice's close date: it says so first
                        <details class="confirm">
                            <summary class="button small">{Msg::CalendarReset.text(lang)}</summary>
                            <ActionForm action=set attr:class="confirm-form">
                                <input type="hidden" name="day" value=d.day.clone()/>
                                <input type="hidden" name="kind" value="weekday"/>
                                <p class="confirm-text">{Msg::ConfirmRestoreDay.text(lang)}</p>
                                <button type="submit" class="button small danger" aria-label=reset>{Msg::ConfirmRestoreButton.text(lang)}</button>
                            </ActionForm>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
