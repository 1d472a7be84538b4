//! `/review`: a reviewer's queue — only their organisation's applications at their step, with
//! counts per status, filters (a plain GET form, so it works without JavaScript and every view
//! has a link), sorting, the deadlines with live countdowns, flags, and the CSV export of the
//! same view. It reloads by itself when anyone acts on one of its applications.

pub mod detail;
pub mod materials;

use leptos::prelude::*;

use crate::components::loaded::{loaded_live, resource};
use leptos_router::hooks::use_query_map;

use crate::api::review::{review_queue, QueueItem, QueueView};
use crate::components::countdown::Countdown;
use crate::components::lang::use_lang;
use crate::components::live::use_changes;
use crate::domain::instant::Instant;
use crate::domain::materials::Level;
use crate::domain::workflow::{Role, Status};
use crate::i18n::{level_name, status_name, Msg, Text};

/// The queue's query, as typed into the filter form.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Query {
    status: String,
    level: String,
    specialty: String,
    name: String,
    sort: String,
    /// The page: the rows after this application (keyset), and the position of its first row
    /// (for "第 51–100 份" only; the rows come from `after`).
    after: String,
    from: usize,
}

impl Query {
    fn to_string_with_status(&self, status: &str) -> String {
        let enc = |s: &str| js_free_encode(s);
        format!(
            "status={}&level={}&specialty={}&name={}&sort={}",
            enc(status),
            enc(&self.level),
            enc(&self.specialty),
            enc(&self.name),
            enc(&self.sort)
        )
    }
}

/// Percent-encodes a query value (the same on the server and in the browser).
fn js_free_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    move || {
        let (q, done, status_now) = query.with(|m| {
            let q = Query {
                status: m.get("status").unwrap_or_default(),
                level: m.get("level").unwrap_or_default(),
                specialty: m.get("specialty").unwrap_or_default(),
                name: m.get("name").unwrap_or_default(),
                sort: m.get("sort").unwrap_or_default(),
                after: m.get("after").unwrap_or_default(),
                from: m.get("from").and_then(|f| f.parse().ok()).filter(|f| *f >= 1).unwrap_or(1),
            };
            (q, m.get("done"), m.get("status_now"))
        });
        view! { <QueueScreen q done status_now/> }
    }
}

/// The queue as it lives in the browser: reloaded when one of its applications changes (an
/// island in islands mode).
#[cfg_attr(feature = "island-review", island)]
#[cfg_attr(not(feature = "island-review"), component)]
fn QueueScreen(
    q: Query,
    /// After a decision made without JavaScript the server comes back with `?done=<action>`
    /// and `?status_now=<status>`.
    done: Option<String>,
    status_now: Option<String>,
) -> impl IntoView {
    let (tick, connected) = use_changes(None);
    let asked = q.clone();
    let data = resource(
        move || tick.get(),
        move |_| {
            let q = asked.clone();
            review_queue(q.status, q.level, q.specialty, q.name, q.sort, q.after)
        },
    );
    loaded_live(data, move |v| view! { <Queue v q=q.clone() connected updated=tick done=done.clone() status_now=status_now.clone()/> })
}

/// What the decision just made did, shown above the queue it came back to.
fn flash(done: Option<&str>, status_now: Option<&str>, lang: crate::i18n::Lang) -> Option<AnyView> {
    let action = crate::domain::workflow::Action::parse(done?)?;
    let status = Status::parse(status_now?)?;
    if action == crate::domain::workflow::Action::FindFraud {
        return Some(view! { <p class="notice" role="status">{Msg::FindingRecorded.text(lang).to_string()}</p> }.into_any());
    }
    Some(view! {
        <p class="notice" role="status">
            {Text::with(Msg::DecisionDone, [crate::i18n::action_name(action).text(lang).to_string(), status_name(status).text(lang).to_string()]).render(lang)}
        </p>
    }.into_any())
}

fn title_of(role: Role) -> Msg {
    match role {
        Role::UnitReviewer => Msg::QueueTitleUnit,
        Role::AuthorityReviewer => Msg::QueueTitleAuthority,
        _ => Msg::QueueTitleOffice,
    }
}

#[component]
fn Queue(
    v: QueueView,
    q: Query,
    connected: ReadSignal<bool>,
    updated: ReadSignal<u32>,
    done: Option<String>,
    status_now: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let total: i64 = v.counts.iter().map(|(_, n)| n).sum();
    let tab = |status: &str, label: String, n: i64, current: bool| {
        let href = format!("/review?{}", q.to_string_with_status(status));
        view! { <a href=href class="tab" aria-current=current.then_some("page")>{label}<span class="count">{n.to_string()}</span></a> }
    };
    let mut tabs = vec![tab("", Msg::QueueAll.text(lang).to_string(), total, q.status.is_empty()).into_any()];
    for (status, n) in &v.counts {
        tabs.push(tab(status.as_str(), status_name(*status).text(lang).to_string(), *n, q.status == status.as_str()).into_any());
    }
    let export = format!("/review/export.csv?{}", q.to_string_with_status(&q.status));
    let shown = v.rows.len();
    // where this page starts (a first page whatever `from` says), and the links to move on
    let first = if q.after.is_empty() { 1 } else { q.from };
    let next = v
        .next
        .as_ref()
        .map(|after| format!("/review?{}&after={}&from={}", q.to_string_with_status(&q.status), js_free_encode(after), first + shown));
    let to_first = (!q.after.is_empty()).then(|| format!("/review?{}", q.to_string_with_status(&q.status)));
    let range = (shown > 0 && (next.is_some() || to_first.is_some()))
        .then(|| Text::with(Msg::QueueRange, [first.to_string(), (first + shown - 1).to_string()]).render(lang));
    let rows = v.rows.iter().map(|r| row(r, v.server_now, lang)).collect_view();
    let sort_option = |value: &'static str, label: Msg| view! { <option value=value selected=q.sort == value>{label.text(lang)}</option> };
    view! {
        <div class="stack wide">
            <div class="title-row">
                <h1 class="page-title">{title_of(v.role).text(lang)}</h1>
                <p class="live-state" role="status" aria-live="polite">
                    {move || if connected.get() { Msg::QueueLive.text(lang) } else { "" }}
                    {move || (updated.get() > 0).then(|| format!(" · {}", Msg::QueueUpdated.text(lang)))}
                </p>
            </div>
            {flash(done.as_deref(), status_now.as_deref(), lang)}
            <nav class="tabs" aria-label=Msg::StatusLabel.text(lang)>{tabs}</nav>
            <form class="filters card" method="get" action="/review" role="search">
                <input type="hidden" name="status" value=q.status.clone()/>
                <div class="field">
                    <label for="f-name">{Msg::QueueSearchName.text(lang)}</label>
                    <input id="f-name" name="name" type="search" value=q.name.clone()/>
                </div>
                <div class="field">
                    <label for="f-specialty">{Msg::FieldSpecialty.text(lang)}</label>
                    <input id="f-specialty" name="specialty" value=q.specialty.clone()/>
                </div>
                <div class="field">
                    <label for="f-level">{Msg::FieldLevel.text(lang)}</label>
                    <select id="f-level" name="level">
                        <option value="">{Msg::QueueAnyLevel.text(lang)}</option>
                        {Level::ALL.iter().copied().map(|l| view! { <option value=l.as_str() selected=q.level == l.as_str()>{level_name(l).text(lang)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-sort">{Msg::QueueSort.text(lang)}</label>
                    <select id="f-sort" name="sort">
                        {sort_option("recent", Msg::QueueSortRecent)}
                        {sort_option("deadline", Msg::QueueSortDeadline)}
                        {sort_option("name", Msg::QueueSortName)}
                    </select>
                </div>
                <button type="submit" class="button">{Msg::QueueFilter.text(lang)}</button>
            </form>
            <p class="queue-meta">
                <span>{Text::with(Msg::QueueShown, [v.total.to_string()]).render(lang)}{range.map(|r| format!(" · {r}"))}</span>
                <a href=export rel="external" download="queue.csv">{Msg::QueueExport.text(lang)}</a>
            </p>
            {if shown == 0 {
                view! { <p class="empty">{Msg::QueueEmpty.text(lang)}</p> }.into_any()
            } else {
                view! {
                    <table class="queue">
                        <thead><tr>
                            <th scope="col">{Msg::QueueApplicant.text(lang)}</th>
                            <th scope="col">{Msg::QueueWhat.text(lang)}</th>
                            <th scope="col">{Msg::StatusLabel.text(lang)}</th>
                            <th scope="col">{Msg::QueueDeadline.text(lang)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
            {(next.is_some() || to_first.is_some()).then(|| view! {
                <nav class="pager" aria-label=Msg::QueuePages.text(lang)>
                    {to_first.map(|href| view! { <a href=href class="button">{Msg::QueueFirstPage.text(lang)}</a> })}
                    {next.map(|href| view! { <a href=href class="button primary" rel="next">{Msg::QueueNextPage.text(lang)}</a> })}
                </nav>
            })}
        </div>
    }
}

fn row(r: &QueueItem, server_now: i64, lang: crate::i18n::Lang) -> impl IntoView {
    let deadline = match (r.status, r.due_at, r.notice_closes_at) {
        (Status::Returned, Some(due), _) => view! { <Countdown due server_now/> }.into_any(),
        (Status::UnitNotice, _, Some(closes)) => {
            view! { <span>{Text::with(Msg::QueueNoticeUntil, [Instant(closes).beijing_display()]).render(lang)}</span> }.into_any()
        }
        _ => view! { <span class="hint">{Text::with(Msg::QueueChangedAt, [Instant(r.updated_at).beijing_display()]).render(lang)}</span> }
            .into_any(),
    };
    let what = format!("{} · {}", r.level.map(|l| level_name(l).text(lang)).unwrap_or(""), r.specialty);
    view! {
        <tr>
            <td data-label=Msg::QueueApplicant.text(lang)>
                <a class="applicant" href=format!("/review/{}", r.id)>{r.applicant_name.clone()}</a>
                <span class="hint">{r.unit_name.clone()}</span>
            </td>
            <td data-label=Msg::QueueWhat.text(lang)>
                {what}
                <span class="hint">{Text::with(Msg::QueueSubmission, [r.submissions_used.to_string()]).render(lang)}</span>
                {(r.objections > 0).then(|| view! { <span class="flag">{Text::with(Msg::QueueObjections, [r.objections.to_string()]).render(lang)}</span> })}
                {(r.duplicates > 0).then(|| view! { <span class="flag">{Text::with(Msg::QueueDuplicates, [r.duplicates.to_string()]).render(lang)}</span> })}
            </td>
            <td data-label=Msg::StatusLabel.text(lang)><span class="status">{status_name(r.status).text(lang)}</span></td>
            <td data-label=Msg::QueueDeadline.text(lang)>{deadline}</td>
        </tr>
    }
}
