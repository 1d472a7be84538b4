//! The administrator's screens (issue 5 part 7): `/admin` and its sections. Each section is one
//! file; the shared bits (a saved notice, the field message, refetch after a row's action) live here.

pub mod calendar;
pub mod orgs;
pub mod rounds;
pub mod series;
pub mod users;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::error::AppError;
use crate::components::field::error_alert;
use crate::components::lang::use_lang;
use crate::components::loaded::loaded;
use crate::components::session::use_session;
use crate::domain::workflow::Role;
use crate::i18n::{Lang, Msg};

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let sections = [
        ("/admin/orgs", Msg::AdminOrgs, Msg::AdminOrgsHint),
        ("/admin/users", Msg::AdminUsers, Msg::AdminUsersHint),
        ("/admin/series", Msg::AdminSeries, Msg::AdminSeriesHint),
        ("/admin/rounds", Msg::AdminRounds, Msg::AdminRoundsHint),
        ("/admin/calendar", Msg::AdminCalendar, Msg::AdminCalendarHint),
        ("/admin/notices", Msg::NavAdminNotices, Msg::AdminNoticesHint),
        ("/outbox", Msg::OutboxTitle, Msg::AdminOutboxHint),
    ];
    let me = use_session();
    let hub = move || {
        view! {
            <p class="intro">{Msg::AdminIntro.text(lang)}</p>
            <ul class="cards admin-hub">
                {sections.into_iter().map(|(href, title, hint)| view! {
                    <li class="card">
                        <a class="card-link" href=href>{title.text(lang)}</a>
                        <span class="hint">{hint.text(lang)}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
    };
    view! {
        <div class="stack wide">
            <h1 class="page-title">{Msg::AdminTitle.text(lang)}</h1>
            // the menu is the administrator's: nobody else sees where it leads
            {loaded(me, move |d| match d {
                Some(m) if m.role == Role::Admin => hub().into_any(),
                Some(_) => error_alert(&AppError::Forbidden, lang),
                None => error_alert(&AppError::Unauthenticated, lang),
            })}
        </div>
    }
}

/// The way back to `/admin` above each section's title.
pub fn crumbs(lang: Lang) -> impl IntoView {
    view! { <p class="crumbs"><a href="/admin">{"← "}{Msg::AdminTitle.text(lang)}</a></p> }
}

/// "已保存" after a form without JavaScript came back with `?saved=1`.
pub fn saved_notice(lang: Lang) -> impl IntoView {
    let query = use_query_map();
    move || query.with(|q| q.get("saved").is_some()).then(|| view! { <p class="notice" role="status">{Msg::AdminSaved.text(lang)}</p> })
}

/// The message for `field` from a form's last answer.
pub use crate::components::field::field_error as at_field;

/// The message for the form as a whole (refused, forbidden…).
pub use crate::components::field::form_error;

/// Bumps `changed` whenever `action` succeeds, so the page's list (keyed on it) reloads after an
/// action made in one of its rows.
pub fn refetch_on_success<A, T>(action: ServerAction<A>, changed: RwSignal<u32>)
where
    A: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            changed.update(|n| *n += 1);
        }
    });
}
