//! The office's evaluation sessions (§八): `/evaluation` and `/evaluation/<id>`. A member's side
//! is `pages::committee`; the public results and their filing are `pages::results`.

use leptos::prelude::*;

use crate::api::evaluation::*;
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::domain::evaluation::{Outcome, SessionState};
use crate::domain::instant::Instant;
use crate::i18n::{level_name, Lang, Msg, Text};

pub(super) fn outcome_text(o: Option<Outcome>, lang: Lang) -> &'static str {
    match o {
        Some(Outcome::Pass) => Msg::OutcomePass.text(lang),
        Some(Outcome::Fail) => Msg::OutcomeFail.text(lang),
        None => Msg::OutcomePending.text(lang),
    }
}

pub(super) fn state_text(state: SessionState, lang: Lang) -> &'static str {
    match state {
        SessionState::Open => Msg::SessionStateOpen.text(lang),
        SessionState::Closed => Msg::SessionStateClosed.text(lang),
        SessionState::Published => Msg::SessionStatePublished.text(lang),
    }
}

pub(super) fn what(a: &SessionApp, lang: Lang) -> String {
    format!("{} · {} · {}", a.series, a.specialty, a.level.map(|l| level_name(l).text(lang)).unwrap_or(""))
}

pub(super) use crate::components::field::form_error;

pub(super) use crate::components::field::field_error as at_field;

#[component]
pub fn EvaluationPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateSession>::new();
    let data = resource(move || create.version().get(), |_| evaluation_overview());
    view! {
        <div class="stack wide">
            <h1 class="page-title">{Msg::EvaluationTitle.text(lang)}</h1>
            {loaded(data, move |d| view! { <Overview d create/> }.into_any())}
        </div>
    }
}

#[component]
fn Overview(d: EvaluationData, create: ServerAction<CreateSession>) -> impl IntoView {
    let create_pending = create.pending();
    let lang = use_lang();
    let error = server_error(create.value());
    let kept = |name: &str| crate::components::field::remembered(name);
    let sessions = d.sessions.iter().map(|s| view! {
        <li class="card">
            <a class="card-link" href=format!("/evaluation/{}", s.id)>{s.name.clone()}</a>
            <span>{Instant(s.held_at).beijing_display()}{" · "}{s.place.clone()}</span>
            <span class="hint">{Text::with(Msg::SessionCount, [s.applications.to_string()]).render(lang)}{" · "}{state_text(s.state, lang)}</span>
        </li>
    }).collect_view();
    let members = d.committee.iter().enumerate().map(|(i, (id, name, unit))| view! {
        <label class="check"><input type="checkbox" name=format!("member[m{i}]") value=id.clone()/>{name.clone()}{(!unit.is_empty()).then(|| format!("（{unit}）"))}</label>
    }).collect_view();
    // a list with nothing in it gets no heading either
    let (has_unpaid, has_unassigned) = (!d.unpaid.is_empty(), !d.unassigned.is_empty());
    let unpaid = d
        .unpaid
        .iter()
        .map(|a| view! { <li>{a.applicant_name.clone()}{" · "}{a.unit_name.clone()}<span class="hint">{" "}{what(a, lang)}</span></li> })
        .collect_view();
    let unassigned = d
        .unassigned
        .iter()
        .map(|a| view! { <li>{a.applicant_name.clone()}{" · "}{a.unit_name.clone()}<span class="hint">{" "}{what(a, lang)}</span></li> })
        .collect_view();
    view! {
        <div class="grid-2">
            <section class="card" aria-labelledby="fee-title">
                <h2 id="fee-title">{Msg::EvaluationFees.text(lang)}</h2>
                <p>{Text::with(Msg::EvaluationPaidUnpaid, [d.unassigned.len().to_string(), d.unpaid.len().to_string()]).render(lang)}</p>
                {has_unassigned.then(|| view! { <h3>{Msg::EvaluationUnassigned.text(lang)}</h3> <ul>{unassigned}</ul> })}
                {has_unpaid.then(|| view! { <h3>{Msg::EvaluationUnpaid.text(lang)}</h3> <ul>{unpaid}</ul> })}
            </section>
            <section class="card" aria-labelledby="new-session">
                <h2 id="new-session">{Msg::SessionNew.text(lang)}</h2>
                <ActionForm action=create attr:aria-label=Msg::SessionNew.text(lang)>
                    <div class="field"><label for="s-name">{Msg::SessionName.text(lang)}</label><input id="s-name" name="name" value=kept("name")/>{at_field(error, "name", lang)}</div>
                    <div class="field"><label for="s-date">{Msg::SessionDate.text(lang)}</label><input id="s-date" name="date" inputmode="numeric" placeholder=Msg::DatePlaceholder.text(lang) value=kept("date")/>{at_field(error, "date", lang)}</div>
                    <div class="field"><label for="s-time">{Msg::SessionTime.text(lang)}</label><input id="s-time" type="time" name="time" value=kept("time")/>{at_field(error, "time", lang)}</div>
                    <div class="field"><label for="s-place">{Msg::SessionPlace.text(lang)}</label><input id="s-place" name="place" value=kept("place")/>{at_field(error, "place", lang)}</div>
                    <fieldset class="field">
                        <legend>{Msg::SessionRule.text(lang)}</legend>
                        <p class="hint">{Msg::SessionRuleHint.text(lang)}</p>
                        <span class="inline-fields">
                            <input name="rule_num" inputmode="numeric" value="2" aria-label=Msg::SessionRuleNum.text(lang) size="3"/>{" / "}
                            <input name="rule_den" inputmode="numeric" value="3" aria-label=Msg::SessionRuleDen.text(lang) size="3"/>
                        </span>
                        {at_field(error, "rule_num", lang)}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{Msg::SessionMembers.text(lang)}</legend>
                        {members}
                        {at_field(error, "member", lang)}
                    </fieldset>
                    {form_error(error, lang)}
                    <button type="submit" class="button primary" disabled=move || create_pending.get()>{Msg::SessionCreate.text(lang)}</button>
                </ActionForm>
            </section>
        </div>
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{Msg::SessionList.text(lang)}</h2>
            {if d.sessions.is_empty() { view! { <p class="empty">{Msg::SessionNone.text(lang)}</p> }.into_any() } else { view! { <ul class="cards">{sessions}</ul> }.into_any() }}
        </section>
    }
}

#[component]
pub fn EvaluationSessionPage() -> impl IntoView {
    crate::pages::screen_for_id(|id| view! { <EvaluationSessionScreen id/> })
}

/// One evaluation session as it lives in the browser (an island in islands mode).
#[cfg_attr(feature = "island-review", island)]
#[cfg_attr(not(feature = "island-review"), component)]
fn EvaluationSessionScreen(id: String) -> impl IntoView {
    let assign = ServerAction::<AssignToSession>::new();
    let attend = ServerAction::<SetAttendance>::new();
    let close = ServerAction::<CloseSession>::new();
    let publish = ServerAction::<PublishResults>::new();
    // votes and payments elsewhere move the page along (the live stream of the office's applications)
    let (tick, _) = crate::components::live::use_changes(None);
    let data = resource(
        move || (id.clone(), assign.version().get(), attend.version().get(), close.version().get(), publish.version().get(), tick.get()),
        |(id, ..)| async move { Ok((evaluation_session(id).await?, evaluation_overview().await?)) },
    );
    loaded(data, move |(v, o)| view! { <OfficeSession v unassigned=o.unassigned assign attend close publish/> })
}

#[component]
fn OfficeSession(
    v: SessionView,
    unassigned: Vec<SessionApp>,
    assign: ServerAction<AssignToSession>,
    attend: ServerAction<SetAttendance>,
    close: ServerAction<CloseSession>,
    publish: ServerAction<PublishResults>,
) -> impl IntoView {
    let lang = use_lang();
    let s = v.session.clone();
    let sid = s.id.clone();
    let open = s.state == SessionState::Open;
    let assign_error = server_error(assign.value());
    let close_error = server_error(close.value());
    let publish_error = server_error(publish.value());
    let members = v.members.iter().map(|m| {
        let present = m.present;
        let (sid, uid) = (sid.clone(), m.user_id.clone());
        view! {
            <li>
                {m.name.clone()}{(!m.home_unit.is_empty()).then(|| format!("（{}）", m.home_unit))}
                {" · "}{if present { Msg::MemberPresent.text(lang) } else { Msg::MemberAbsent.text(lang) }}
                {open.then(|| view! {
                    <ActionForm action=attend attr:class="inline">
                        <input type="hidden" name="id" value=sid.clone()/>
                        <input type="hidden" name="user_id" value=uid.clone()/>
                        <input type="hidden" name="present" value=(!present).to_string()/>
                        <button type="submit" class="button small">{if present { Msg::MemberMarkAbsent.text(lang) } else { Msg::MemberMarkPresent.text(lang) }}</button>
                    </ActionForm>
                })}
            </li>
        }
    }).collect_view();
    let (sid1, sid2, sid3) = (sid.clone(), sid.clone(), sid.clone());
    let rows = v
        .applications
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <td>{a.applicant_name.clone()}<br/><span class="hint">{a.unit_name.clone()}</span></td>
                    <td>{what(a, lang)}</td>
                    <td>{Text::with(Msg::SessionVotes, [a.pass_votes.to_string(), a.votes_cast.to_string()]).render(lang)}</td>
                    <td><span class="status">{outcome_text(a.outcome, lang)}</span></td>
                </tr>
            }
        })
        .collect_view();
    let pool = unassigned.iter().enumerate().map(|(i, a)| view! {
        <label class="check"><input type="checkbox" name=format!("app[a{i}]") value=a.id.clone()/>{a.applicant_name.clone()}{" · "}{a.unit_name.clone()}<span class="hint">{" "}{what(a, lang)}</span></label>
    }).collect_view();
    view! {
        <div class="stack wide">
            <p class="crumbs"><a href="/evaluation">{"← "}{Msg::EvaluationTitle.text(lang)}</a></p>
            <h1 class="page-title">{s.name.clone()}</h1>
            <p>{Instant(s.held_at).beijing_display()}{" · "}{s.place.clone()}{" · "}{state_text(s.state, lang)}
               {" · "}{Text::with(Msg::SessionRuleIs, [s.rule.0.to_string(), s.rule.1.to_string()]).render(lang)}</p>
            {s.notice_closes_at.map(|t| view! { <p class="notice">{Text::with(Msg::ResultNoticeUntil, [Instant(t).beijing_display()]).render(lang)}</p> })}
            <section class="card">
                <h2>{Msg::SessionMembers.text(lang)}</h2>
                <ul>{members}</ul>
                <p class="hint">{Text::with(Msg::SessionWithheld, [v.withheld.to_string()]).render(lang)}</p>
            </section>
            <section class="card">
                <h2>{Msg::SessionApplications.text(lang)}</h2>
                {if v.applications.is_empty() { view! { <p class="empty">{Msg::SessionNoApplications.text(lang)}</p> }.into_any() } else { view! {
                    <table class="queue">
                        <thead><tr><th>{Msg::QueueApplicant.text(lang)}</th><th>{Msg::FieldSeries.text(lang)}</th><th>{Msg::SessionVotesHead.text(lang)}</th><th>{Msg::SessionOutcome.text(lang)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any() }}
            </section>
            {(open && !unassigned.is_empty()).then(move || view! {
                <section class="card">
                    <h2>{Msg::SessionAssign.text(lang)}</h2>
                    <ActionForm action=assign attr:aria-label=Msg::SessionAssign.text(lang)>
                        <input type="hidden" name="id" value=sid1.clone()/>
                        <fieldset class="field"><legend>{Msg::EvaluationUnassigned.text(lang)}</legend>{pool}{at_field(assign_error, "app", lang)}</fieldset>
                        {form_error(assign_error, lang)}
                        <button type="submit" class="button primary">{Msg::SessionAssignButton.text(lang)}</button>
                    </ActionForm>
                </section>
            })}
            {open.then(move || view! {
                <ActionForm action=close attr:aria-label=Msg::SessionClose.text(lang)>
                    <input type="hidden" name="id" value=sid2.clone()/>
                    <p class="hint">{Msg::SessionCloseHint.text(lang)}</p>
                    {form_error(close_error, lang)}
                    <button type="submit" class="button">{Msg::SessionClose.text(lang)}</button>
                </ActionForm>
            })}
            {(s.state == SessionState::Closed).then(move || view! {
                <ActionForm action=publish attr:aria-label=Msg::SessionPublish.text(lang)>
                    <input type="hidden" name="id" value=sid3.clone()/>
                    {form_error(publish_error, lang)}
                    <button type="submit" class="button primary">{Msg::SessionPublish.text(lang)}</button>
                </ActionForm>
            })}
        </div>
    }
}
